/**
 * The committee and grid workers follow up who has not agreed yet: the grids' counts from the progress counters
 * (account/residents.ts), and one grid's households a page at a time (keyset on the doorplate), so that the page costs
 * the same in a village of 100 or 10,000 households. The CSV exports answer a page per call the same way.
 */
import type { followUpActions } from './contract'
import type { Grid, Household, Village } from '../account/documents'
import { rulesWord } from './documents'
import type { FollowUpPage, RulesFollowUp } from './contract'
import type { Filter, Store } from '../../ports/store'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { getVillage } from '../account/common'
import { residentTotalsByGrid } from '../account/residents'
import { audit } from '../../common/audit'
import { groupCursor, groupOfExport, type CsvFile } from '../../common/csv'
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
/**
 * agreements per page of the agreements export: the page (two keyset queries, up to 4 CloudBase round trips of 100
 * documents) and its households by id (2) stay within 10 database calls with the caller, the village and the grids
 */
const EXPORT_AGREEMENTS = 200

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

/** The village, its grids and the counts of the grids the caller follows up (onlyGrids: a grid worker's); `titled` false: the version's title is not needed. */
async function followUpHead(ctx: MemberContext, villageId: string, onlyGrids: ReadonlySet<string> | null, titled = true): Promise<Head> {
  const { store } = ctx.ports
  const [village, grids] = await Promise.all([getVillage(ctx, villageId), store.find('grids', { villageId }, { sort: [['_id', 'asc']], limit: GRIDS })])
  const current = currentOf(village)
  if (!current) return { village, grids, followUp: { version: null, grids: [], totals: { pendingPersons: 0, pendingHouseholds: 0 } } }
  const versionId = versionIdOf(villageId, current)
  const [version, counts] = await Promise.all([titled ? store.get('ruleVersions', versionId) : null, residentTotalsByGrid(store, villageId, current)])
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

/**
 * The follow-up list a page per call (cloud/src/common/csv.ts): the header with the count from the counters, then
 * every grid with someone to visit in the follow-up's order (then the households in none), a page of rules.followUp
 * at a time (FOLLOW_UP_PAGE households by doorplate: their members and agreements are what bounds a page's calls). A
 * cursor names a grid of the village, not of the list, so a grid whose last resident agrees meanwhile still pages on.
 */
async function followUpExport(ctx: MemberContext, villageId: string, after: string | null | undefined, today: string): Promise<CsvFile> {
  const { village, grids, followUp } = await followUpHead(ctx, villageId, null, false)
  const { version } = followUp
  const filename = `${village.name}${rulesWord(village.kind)}-未承诺名单${version ? `-${versionLabel(version.number)}` : ''}-${today}.csv`
  const total = followUp.totals.pendingPersons
  if (!after) return { filename, ...followUpCsv([]), next: version && followUp.grids.length ? groupCursor(followUp.grids[0].gridId) : null, total }
  const pending = new Map(followUp.grids.map((g) => [g.gridId, g.gridName]))
  const at = groupOfExport(after, version ? [...grids.map((g) => g._id), null] : [], 'string')
  // (no version: no group, the cursor was refused)
  const page = await followUpPage(ctx.ports.store, villageId, version?.number ?? 0, at.group, at.keyset)
  const gridName = pending.get(at.group) ?? grids.find((g) => g._id === at.group)?.name ?? '未分网格'
  return { filename, ...followUpCsv([{ gridName, households: page.households }], false), next: at.next(page.next, (g) => !pending.has(g)), total }
}

/**
 * The agreements a page per call: the header with their count, then each version newest first, EXPORT_AGREEMENTS
 * agreements a page in the order they were made (keyset on (at, _id) within the version) with their households by id.
 */
async function agreementsExport(ctx: MemberContext, villageId: string, after: string | null | undefined, today: string): Promise<CsvFile> {
  const { store } = ctx.ports
  const village = await getVillage(ctx, villageId)
  const filename = `${village.name}${rulesWord(village.kind)}-承诺记录-${today}.csv`
  // every agreement is to a published version: 第1版 to the current one
  const numbers = Array.from({ length: currentOf(village) }, (_, i) => currentOf(village) - i)
  if (!after) return { filename, ...agreementsCsv([], [], []), next: numbers.length ? groupCursor(numbers[0]) : null, total: await store.count('ruleAgreements', { villageId }) }
  const at = groupOfExport(after, numbers, 'number')
  const [{ docs, more }, grids] = await Promise.all([
    pageAfter(store, 'ruleAgreements', { versionId: versionIdOf(villageId, at.group) }, 'at', 'asc', at.keyset, EXPORT_AGREEMENTS),
    store.find('grids', { villageId }, { limit: GRIDS }),
  ])
  const households = await getMany(store, 'households', docs.map((a) => a.householdId).filter((h): h is string => !!h))
  const last = docs[docs.length - 1]
  return { filename, ...agreementsCsv(docs, households, grids, false), next: at.next(more && last ? cursorAfter(last.at, last._id) : null) }
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
    async handle({ villageId, kind, after }, ctx) {
      const today = shanghaiDay(ctx.now)
      const out = kind === 'followUp' ? await followUpExport(ctx, villageId, after, today) : await agreementsExport(ctx, villageId, after, today)
      // one entry per export, at its first page (the later pages are the same export going on)
      if (!after) await audit(ctx, 'rules.export', { type: 'village', id: villageId, label: out.filename }, `${out.total ?? out.rows}条`)
      return out
    },
  },
}
