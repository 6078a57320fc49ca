/**
 * The committee and grid workers follow up who has not agreed yet: the grids' counts from the progress counters
 * (account/residents.ts), and one grid's households a page at a time (keyset on the doorplate), so that the page costs
 * the same in a village of 100 or 10,000 households. The CSV exports read everything, page by page.
 */
import type { followUpActions } from './contract'
import type { Grid, Household, Village } from '../account/documents'
import type { RuleAgreement } from './documents'
import { rulesWord } from './documents'
import type { FollowUpHousehold, FollowUpPage, RulesFollowUp } from './contract'
import type { Filter, Store } from '../../ports/store'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { getVillage } from '../account/common'
import { residentTotalsByGrid } from '../account/residents'
import { audit } from '../../common/audit'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { getMany } from '../../common/load'
import { isCommittee } from '../account/policy'
import { agreementsCsv, followUpCsv } from './csv'
import { followUpGrids, followUpHouseholds, isResident, versionLabel, type LatestAgreement } from './policy'
import { shanghaiDay } from '../../common/time'
import { currentOf, defaultTitle, versionIdOf } from './versions'

/** households per page of the follow-up */
export const FOLLOW_UP_PAGE = 20
/** the members of a page's households, or the residents without a household: far below this */
const MEMBERS = 1000
/** ids in one `$in` (as getMany) */
const CHUNK = 100
/** a village's grids */
const GRIDS = 200
/** agreements per page of the agreements export */
const EXPORT_PAGE = 500

/** `filter` with field in `values`, 100 values to a query, the queries at once */
async function findIn<C extends 'memberships' | 'ruleAgreements'>(store: Store, collection: C, field: string, values: string[], filter: Filter, sort: Array<[string, 'asc' | 'desc']> = []) {
  const chunks = Array.from({ length: Math.ceil(values.length / CHUNK) }, (_, i) => values.slice(i * CHUNK, (i + 1) * CHUNK))
  return (await Promise.all(chunks.map((c) => store.find(collection, { ...filter, [field]: { $in: c } }, { sort, limit: MEMBERS })))).flat()
}

interface Head {
  village: Village
  grids: Grid[]
  followUp: Omit<RulesFollowUp, 'page'>
}

/** The village, its grids and the counts of the grids the caller follows up (onlyGrids: a grid worker's). */
async function followUpHead(ctx: MemberContext, villageId: string, onlyGrids: ReadonlySet<string> | null): Promise<Head> {
  const { store } = ctx.ports
  const [village, grids] = await Promise.all([getVillage(ctx, villageId), store.find('grids', { villageId }, { sort: [['_id', 'asc']], limit: GRIDS })])
  const current = currentOf(village)
  if (!current) return { village, grids, followUp: { version: null, grids: [], totals: { pendingPersons: 0, pendingHouseholds: 0 } } }
  const versionId = versionIdOf(villageId, current)
  const [version, counts] = await Promise.all([store.get('ruleVersions', versionId), residentTotalsByGrid(store, villageId, current)])
  const groups = followUpGrids(counts, grids, onlyGrids)
  return {
    village,
    grids,
    followUp: {
      version: { id: versionId, number: current, title: version?.title ?? defaultTitle(village) },
      grids: groups,
      totals: { pendingPersons: groups.reduce((n, g) => n + g.pendingPersons, 0), pendingHouseholds: groups.reduce((n, g) => n + g.pendingHouseholds, 0) },
    },
  }
}

/**
 * One page of a grid's households with someone who has not agreed to version `current` (null: households in no grid,
 * then, after its last, the residents without a household), by doorplate after the cursor.
 */
async function followUpPage(store: Store, villageId: string, current: number, gridId: string | null, after: string | undefined): Promise<FollowUpPage> {
  const { docs, more } = await pageAfter(store, 'households', { villageId, gridId, residents: { $gt: 0 }, rulesDone: { $ne: current } }, 'doorplate', 'asc', after, FOLLOW_UP_PAGE)
  const [members, loose] = await Promise.all([
    docs.length ? findIn(store, 'memberships', 'householdId', docs.map((h) => h._id), { villageId }) : Promise.resolve([]),
    gridId === null && !more ? store.find('memberships', { villageId, householdId: null, roles: { $has: 'resident' } }, { limit: MEMBERS }) : Promise.resolve([]),
  ])
  const residents = [...members, ...loose].filter(isResident)
  // every agreement of these residents, oldest version first: the current one, and the latest each made
  const agreements = residents.length ? await findIn(store, 'ruleAgreements', 'personId', residents.map((m) => m.personId), { villageId }, [['number', 'asc']]) : []
  const latest = new Map<string, LatestAgreement>(agreements.map((a) => [a.personId, { number: a.number, at: a.at }]))
  const agreed = new Set(agreements.filter((a) => a.number === current).map((a) => a.personId))
  const households: Array<Household | null> = loose.length ? [...docs, null] : docs
  const last = docs[docs.length - 1]
  return {
    gridId,
    households: followUpHouseholds({ households, members: residents, agreedPersonIds: agreed, latest }),
    next: more && last ? cursorAfter(last.doorplate, last._id) : null,
  }
}

/** Every agreement of the village, a keyset page at a time (in the order they were made). */
async function allAgreements(store: Store, villageId: string): Promise<RuleAgreement[]> {
  const out: RuleAgreement[] = []
  for (let after: string | undefined; ; ) {
    const { docs, more } = await pageAfter(store, 'ruleAgreements', { villageId }, 'at', 'asc', after, EXPORT_PAGE)
    out.push(...docs)
    if (!more) return out
    const last = docs[docs.length - 1]
    after = cursorAfter(last.at, last._id)
  }
}

export const followUpHandlers: Handlers<typeof followUpActions> = {
  'rules.followUp': {
    access: ACCESS.committeeOrGrid,
    async handle({ villageId, gridId, after }, ctx) {
      const mine = isCommittee(ctx.membership) ? null : new Set(ctx.membership.gridIds)
      const head = await followUpHead(ctx, villageId, mine)
      if (gridId && !head.grids.some((g) => g._id === gridId)) throw new ApiError('NOT_FOUND', '找不到该网格')
      if (gridId !== undefined && mine && (gridId === null || !mine.has(gridId))) throw new ApiError('FORBIDDEN', '只能查看您负责的网格')
      const { followUp } = head
      // the asked grid, else the first with someone to visit
      const which = gridId !== undefined ? gridId : followUp.grids[0]?.gridId
      if (!followUp.version || which === undefined) return { ...followUp, page: null }
      return { ...followUp, page: await followUpPage(ctx.ports.store, villageId, followUp.version.number, which, after) }
    },
  },

  'rules.exportCsv': {
    access: ACCESS.committee,
    async handle({ villageId, kind }, ctx) {
      const { store } = ctx.ports
      const today = shanghaiDay(ctx.now)
      let out: { filename: string; content: string; rows: number }
      if (kind === 'followUp') {
        const { village, followUp } = await followUpHead(ctx, villageId, null)
        const groups: Array<{ gridName: string; households: FollowUpHousehold[] }> = []
        for (const g of followUp.version ? followUp.grids : []) {
          const households: FollowUpHousehold[] = []
          for (let after: string | undefined; ; ) {
            const page = await followUpPage(store, villageId, followUp.version!.number, g.gridId, after)
            households.push(...page.households)
            if (!page.next) break
            after = page.next
          }
          groups.push({ gridName: g.gridName, households })
        }
        const which = followUp.version ? `-${versionLabel(followUp.version.number)}` : ''
        out = { filename: `${village.name}${rulesWord(village.kind)}-未承诺名单${which}-${today}.csv`, ...followUpCsv(groups) }
      } else {
        const [village, agreements, grids] = await Promise.all([getVillage(ctx, villageId), allAgreements(store, villageId), store.find('grids', { villageId }, { limit: GRIDS })])
        const households = await getMany(store, 'households', agreements.map((a) => a.householdId).filter((h): h is string => !!h))
        out = { filename: `${village.name}${rulesWord(village.kind)}-承诺记录-${today}.csv`, ...agreementsCsv(agreements, households, grids) }
      }
      await audit(ctx, 'rules.export', { type: 'village', id: villageId, label: out.filename }, `${out.rows}条`)
      return { ...out, next: null }
    },
  },
}
