/**
 * The village register (村民户籍) the quorum stands on: households with their 户主 and exactly one
 * 户代表, the grid each belongs to, and memberships that end (moved away, deceased) — each change
 * by the committee, audited with the change. Grid workers see the households of their grids.
 */
import type { HouseholdChange, HouseholdView, RegisterPage, registerActions } from './contract'
import { NO_GRID, REGISTER_PAGE, SEARCH_PEOPLE, type Grid, type Household, type Membership } from './documents'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { Filter, Store, TxStore } from '../../ports/store'
import { againOnDuplicate } from '../../common/counters'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { audit } from '../../common/audit'
import { getInVillage } from '../../common/load'
import { checkText } from '../../common/content'
import { isCommittee } from './policy'
import { countDeparture, countHousehold, moveHouseholdCounts, residentTotalsByGrid, sumTotals } from './residents'
import { wordsOf } from './common'

function viewOf(h: Household, members: Membership[], gridName: string): HouseholdView {
  const rep = members.find((m) => m.personId === h.repPersonId)
  return {
    id: h._id,
    doorplate: h.doorplate,
    gridId: h.gridId,
    gridName,
    headName: h.headName,
    rep: rep ? { personId: rep.personId, name: rep.name } : null,
    members: members.map(memberView),
    canVote: !!rep,
  }
}

/** a member as the household's view lists it */
const memberView = (m: Membership): HouseholdView['members'][number] => ({ personId: m.personId, name: m.name, relation: m.relation, roles: m.roles })

/**
 * Where a register read looks: the village, one grid (NO_GRID: none) or, for a grid worker who is not on the
 * committee, their grids only (asking for another grid is refused).
 */
export function householdScope(ctx: MemberContext, gridId: string | undefined): Filter {
  const villageId = ctx.membership.villageId
  const grid: Filter = gridId === undefined ? {} : { gridId: gridId === NO_GRID ? null : gridId }
  if (isCommittee(ctx.membership)) return { villageId, ...grid }
  const mine = ctx.membership.gridIds
  if (gridId !== undefined && !mine.includes(gridId)) throw new ApiError('FORBIDDEN', '网格员只能查看本网格的户籍')
  return { villageId, ...(gridId === undefined ? { gridId: { $in: mine } } : grid) }
}

/** Whether a grid's households are in the scope (householdScope's gridId: any, one grid or none, or a grid worker's grids). */
function gridInScope(scope: Filter, gridId: string | null): boolean {
  const g = scope.gridId
  if (g === undefined) return true
  if (g !== null && typeof g === 'object' && '$in' in g) return g.$in.includes(gridId as string)
  return g === gridId
}

/** The register's figures in the scope: households on it and those without a 户代表, from the grids' counters (one query). */
async function registerFigures(store: Store, scope: Filter): Promise<{ total: number; noRep: number }> {
  const byGrid = await residentTotalsByGrid(store, scope.villageId as string, 0)
  const t = sumTotals([...byGrid].filter(([gridId]) => gridInScope(scope, gridId)).map(([, totals]) => totals))
  return { total: t.registered, noRep: t.unrepresented }
}

/** The next page of households in 门牌号 order: one or two bounded queries (common/keyset.ts). */
export async function householdsAfter(store: Store, scope: Filter, after: string | null, limit = REGISTER_PAGE): Promise<{ households: Household[]; next: string | null }> {
  const { docs, more } = await pageAfter(store, 'households', scope, 'doorplate', 'asc', after, limit)
  const last = docs[docs.length - 1]
  return { households: docs, next: more && last ? cursorAfter(last.doorplate, last._id) : null }
}

/** The members of these households (one query: a page's households hold far fewer than a find's 1,000). */
export async function membersOf(store: Store, villageId: string, households: Household[]): Promise<Membership[]> {
  if (households.length === 0) return []
  return store.find('memberships', { villageId, householdId: { $in: households.map((h) => h._id) } }, { sort: [['_id', 'asc']], limit: 1000 })
}

/**
 * A search in the scope: households whose 门牌号 holds `q`, and those of the people whose name does (the Store port has
 * no `or`: two queries, then the second's households). One answer of REGISTER_PAGE households in 门牌号 order, and
 * whether there were more (then the page asks for more characters rather than paging a search).
 */
async function searchHouseholds(store: Store, scope: Filter, q: string): Promise<{ households: Household[]; narrow: boolean }> {
  const villageId = scope.villageId as string
  const [byDoorplate, people] = await Promise.all([
    store.find('households', { ...scope, doorplate: { $contains: q } }, { sort: [['doorplate', 'asc']], limit: REGISTER_PAGE + 1 }),
    store.find('memberships', { villageId, name: { $contains: q } }, { sort: [['name', 'asc']], limit: SEARCH_PEOPLE + 1 }),
  ])
  const found = new Set(byDoorplate.map((h) => h._id))
  const more = [...new Set(people.slice(0, SEARCH_PEOPLE).flatMap((m) => (m.householdId && !found.has(m.householdId) ? [m.householdId] : [])))]
  const byName = more.length ? await store.find('households', { ...scope, _id: { $in: more } }, { limit: more.length }) : []
  const all = [...byDoorplate.slice(0, REGISTER_PAGE), ...byName].sort((a, b) => (a.doorplate < b.doorplate ? -1 : a.doorplate > b.doorplate ? 1 : a._id < b._id ? -1 : 1))
  return { households: all.slice(0, REGISTER_PAGE), narrow: byDoorplate.length > REGISTER_PAGE || people.length > SEARCH_PEOPLE || all.length > REGISTER_PAGE }
}

const gridView = (g: Grid) => ({ id: g._id, name: g.name })

const notAMember = () => new ApiError('BAD_INPUT', '此人不是该户成员', { personId: '此人不是该户成员' })

/** A member of this household, read in the transaction. */
async function memberOf(tx: Pick<TxStore, 'get'>, villageId: string, householdId: string, personId: string): Promise<Membership> {
  const m = await tx.get('memberships', `${villageId}:${personId}`)
  if (!m || m.householdId !== householdId) throw notAMember()
  return m
}

const withoutRep = (roles: Membership['roles']) => roles.filter((r) => r !== 'householdRep')

export const registerHandlers: Handlers<typeof registerActions> = {
  'register.households': {
    access: ACCESS.committeeOrGrid,
    async handle({ villageId, gridId, q, after }, ctx): Promise<RegisterPage> {
      const { store } = ctx.ports
      const scope = householdScope(ctx, gridId)
      const [page, grids, { total, noRep }] = await Promise.all([
        q ? searchHouseholds(store, scope, q).then((r) => ({ ...r, next: null })) : householdsAfter(store, scope, after).then((r) => ({ ...r, narrow: false })),
        store.find('grids', { villageId }, { sort: [['_id', 'asc']], limit: 100 }),
        registerFigures(store, scope),
      ])
      const members = await membersOf(store, villageId, page.households)
      const gridName = new Map(grids.map((g) => [g._id, g.name]))
      return {
        households: page.households.map((h) => viewOf(h, members.filter((m) => m.householdId === h._id), (h.gridId && gridName.get(h.gridId)) || '未分网格')),
        grids: grids.map(gridView),
        next: page.next,
        total,
        noRep,
        narrow: page.narrow,
      }
    },
  },

  'register.setRep': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, personId }, ctx): Promise<HouseholdChange> {
      return againOnDuplicate(() => ctx.ports.store.transaction(async (tx) => {
        const h = await getInVillage(tx, 'households', householdId, villageId, '找不到该户')
        const next = await memberOf(tx, villageId, householdId, personId)
        if (h.repPersonId === personId) throw new ApiError('CONFLICT', `${next.name}已是该户的户代表`)
        // the role leaves the previous 户代表 without their membership being read (a membership ended meanwhile matches none)
        if (h.repPersonId) await tx.update('memberships', `${villageId}:${h.repPersonId}`, { pull: { roles: 'householdRep' } })
        const roles: Membership['roles'] = [...withoutRep(next.roles), 'householdRep']
        await tx.update('memberships', next._id, { set: { roles } })
        await tx.update('households', householdId, { set: { repPersonId: personId } })
        if (!h.repPersonId) await countHousehold(tx, h, { unrepresented: -1 })
        await audit(ctx, 'register.setRep', { type: 'household', id: householdId, label: `${h.doorplate}：户代表改为${next.name}` }, null, tx)
        // the answer is what was written to the new 户代表: the page takes the role from the household's others itself (one 户代表 a household)
        return { id: householdId, rep: { personId, name: next.name }, canVote: true, members: [memberView({ ...next, roles })] }
      }))
    },
  },

  'register.setHead': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, personId }, ctx): Promise<HouseholdChange> {
      const { store } = ctx.ports
      // the household's members at once: the new 户主 among them, and the 户主 they replace (a household holds a few)
      const members = await store.find('memberships', { villageId, householdId }, { limit: 1000 })
      return store.transaction(async (tx) => {
        const h = await getInVillage(tx, 'households', householdId, villageId, '找不到该户')
        const head = members.find((m) => m.personId === personId)
        if (!head) throw notAMember()
        const was = members.filter((o) => o.relation === '户主' && o.personId !== personId)
        for (const o of was) await tx.update('memberships', o._id, { set: { relation: '其他亲属' } })
        // a membership never changes household: one ended since the read matches none here
        if (!(await tx.update('memberships', head._id, { set: { relation: '户主' } }))) throw notAMember()
        await tx.update('households', householdId, { set: { headName: head.name } })
        await audit(ctx, 'register.setHead', { type: 'household', id: householdId, label: `${h.doorplate}：户主改为${head.name}` }, null, tx)
        const changed = [...was.map((o) => ({ ...o, relation: '其他亲属' as const })), { ...head, relation: '户主' as const }]
        return { id: householdId, headName: head.name, members: changed.map(memberView) }
      })
    },
  },

  'register.moveHousehold': {
    access: ACCESS.committee,
    async handle({ villageId, householdId, gridId }, ctx): Promise<HouseholdChange> {
      const { store } = ctx.ports
      const grid = await getInVillage(store, 'grids', gridId, villageId, '找不到该网格')
      // the household is read in the transaction only: its counts move with what it holds there
      await againOnDuplicate(() => store.transaction(async (tx) => {
        const h = await getInVillage(tx, 'households', householdId, villageId, '找不到该户')
        if (h.gridId === gridId) throw new ApiError('CONFLICT', `该户已在${grid.name}`)
        // the household's residents and agreements move to the grid's counters with it
        await moveHouseholdCounts(tx, h, gridId)
        await tx.update('households', householdId, { set: { gridId } })
        await audit(ctx, 'register.moveHousehold', { type: 'household', id: householdId, label: `${h.doorplate}：划入${grid.name}` }, null, tx)
      }))
      return { id: householdId, gridId, gridName: grid.name }
    },
  },

  'register.endMembership': {
    access: ACCESS.committee,
    async handle({ villageId, personId, why, reason }, ctx) {
      // the audit log that the committee and the town read keeps the reason
      await checkText(ctx, { reason })
      // the refusals' words from the caller's membership (no read)
      const words = await wordsOf(ctx, villageId)
      if (personId === ctx.person._id) throw new ApiError('FORBIDDEN', `不能注销自己的成员身份，请由其他${words.committee}成员办理`)
      await ctx.ports.store.transaction(async (tx) => {
        const m = await tx.get('memberships', `${villageId}:${personId}`)
        if (!m || m.villageId !== villageId) throw new ApiError('NOT_FOUND', `该${words.people}不是${words.here}成员`)
        const h = m.householdId ? await tx.get('households', m.householdId) : null
        // the counters without the member, and a household whose representative leaves has none until the committee names the next
        await countDeparture(tx, m, h)
        await tx.remove('memberships', m._id)
        await audit(ctx, 'register.endMembership', { type: 'membership', id: m._id, label: `${m.name}${h ? `（${h.doorplate}）` : ''}` }, `${why}：${reason}`, tx)
      })
      return { ended: true as const }
    },
  },
}
