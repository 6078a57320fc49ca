/**
 * 网格员工作: a grid worker's grids in counts — households, open and overdue reports — with the open topics' turnout
 * and my recent visits; each grid's households a page at a time, each with who has not agreed to the current rules
 * or voted in an open topic and its last visit; and 走访记录 (record a visit, my visits, a household's visits).
 * A grid worker sees and records only their own grids. Every read is a few bounded queries whatever the village's
 * size (issue 16): counts grouped by grid, and per page only the page's households' members, agreements and ballots.
 */
import { ApiError } from '../../errors'
import type { Access, Handlers, MemberContext } from '../../handler'
import type { Filter } from '../../ports/store'
import { checkPhotoContent, checkText } from '../../common/content'
import { newId } from '../../common/ids'
import { getInVillage, totalsBy } from '../../common/load'
import { checkPhotos } from '../../common/photos'
import { shanghaiDay, shanghaiDayPlus } from '../../common/time'
import { getVillage } from '../account/common'
import { OPEN_REPORTS, openTopicsOf, overdueOf, reportFigures } from '../account/figures'
import type { Grid, Household } from '../account/documents'
import type { GridHouseholdPage, VisitView, workspaceActions } from './contract'
import { VISIT_BACKDATE_DAYS, type Visit } from './documents'
import { householdRow, pageRoll, visitDateProblem } from './policy'

export const GRID_ACCESS: Access = { kind: 'member', roles: ['gridWorker'] }
const MY_VISITS = 30
const HOUSEHOLD_VISITS = 50
/** households per page of a grid's list */
export const HOUSEHOLD_PAGE = 20
/** the open topics the workspace follows, those closing first */
const OPEN_TOPICS = 20
/** the most members, agreements or ballots of one page's households read (a page of 20 households has far fewer) */
const PAGE_READ = 1000
const VISIT_SORT: Array<[string, 'asc' | 'desc']> = [
  ['date', 'desc'],
  ['createdAt', 'desc'],
]

/** A household of the caller's grids, or NOT_FOUND / FORBIDDEN. */
async function myHousehold(ctx: MemberContext, villageId: string, householdId: string): Promise<Household> {
  const h = await getInVillage(ctx.ports.store, 'households', householdId, villageId, '找不到该住户')
  if (!h.gridId || !ctx.membership.gridIds.includes(h.gridId)) throw new ApiError('FORBIDDEN', '只能查看和记录您负责网格的住户')
  return h
}

async function visitViews(ctx: MemberContext, grids: ReadonlyArray<Pick<Grid, '_id' | 'name'>>, visits: Visit[]): Promise<VisitView[]> {
  if (!visits.length) return []
  const urls = await ctx.ports.files.urls([...new Set(visits.flatMap((v) => v.photos))])
  const names = new Map(grids.map((g) => [g._id, g.name]))
  return visits.map((v) => ({
    id: v._id,
    householdId: v.householdId,
    doorplate: v.doorplate,
    gridName: v.gridId ? (names.get(v.gridId) ?? null) : null,
    date: v.date,
    note: v.note,
    photos: v.photos,
    photoUrls: Object.fromEntries(v.photos.filter((p) => urls[p]).map((p) => [p, urls[p]])),
    visitorName: v.visitorName,
    createdAt: v.createdAt,
    mine: v.visitorId !== '' && v.visitorId === ctx.person._id,
  }))
}

const villageGrids = (ctx: MemberContext, villageId: string) => ctx.ports.store.find('grids', { villageId }, { sort: [['_id', 'asc']] })

/**
 * A page of a grid's households in id order (a household's id is its village and 门牌号): the keyset is the last
 * id, one query a page however far down the list.
 */
async function householdPage(ctx: MemberContext, filter: Filter, after: string | undefined): Promise<{ docs: Household[]; next: string | null }> {
  const docs = await ctx.ports.store.find('households', { ...filter, ...(after ? { _id: { $gt: after } } : {}) }, { sort: [['_id', 'asc']], limit: HOUSEHOLD_PAGE + 1 })
  const shown = docs.slice(0, HOUSEHOLD_PAGE)
  return { docs: shown, next: docs.length > HOUSEHOLD_PAGE ? shown[shown.length - 1]._id : null }
}

export const gridHandlers: Handlers<Pick<typeof workspaceActions, 'workspace.grid' | 'workspace.households' | 'workspace.visits' | 'workspace.recordVisit'>> = {
  'workspace.grid': {
    access: GRID_ACCESS,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const gridIds = ctx.membership.gridIds
      const mine = { villageId, gridId: { $in: gridIds } }
      const none = () => ({ n: 0, open: 0, lateToAccept: 0, lateToResolve: 0 })
      const [village, allGrids, topics, households, reports, visits] = await Promise.all([
        getVillage(ctx, villageId),
        villageGrids(ctx, villageId),
        openTopicsOf(store, [{ _id: villageId }], OPEN_TOPICS),
        gridIds.length ? totalsBy(store, 'households', mine, 'gridId', { n: {} }) : none,
        // the grid worker's queue: what the town took over is no longer theirs
        gridIds.length ? totalsBy(store, 'reports', { ...mine, level: 'grid', status: { $in: OPEN_REPORTS } }, 'gridId', reportFigures(ctx.now)) : none,
        store.find('visits', { villageId, visitorId: ctx.person._id }, { sort: VISIT_SORT, limit: MY_VISITS }),
      ])
      return {
        villageName: village.name,
        rulesVersion: village.currentRulesVersion ?? null,
        openTopics: topics.get(villageId) ?? [],
        grids: allGrids
          .filter((g) => gridIds.includes(g._id))
          .map((g) => {
            const r = reports(g._id)
            return { id: g._id, name: g.name, households: households(g._id).n, reports: { open: r.open, overdue: overdueOf(r) } }
          }),
        visits: await visitViews(ctx, allGrids, visits),
      }
    },
  },

  'workspace.households': {
    access: GRID_ACCESS,
    async handle({ villageId, gridId, householdId, after }, ctx): Promise<GridHouseholdPage> {
      if (!householdId && !ctx.membership.gridIds.includes(gridId!)) throw new ApiError('FORBIDDEN', '只能查看和记录您负责网格的住户')
      const { store } = ctx.ports
      const [village, page, open] = await Promise.all([
        getVillage(ctx, villageId),
        householdId ? myHousehold(ctx, villageId, householdId).then((h) => ({ docs: [h], next: null })) : householdPage(ctx, { villageId, gridId: gridId! }, after),
        store.find('topics', { villageId, status: 'open' }, { sort: [['closesAt', 'asc']], limit: OPEN_TOPICS }),
      ])
      const ids = page.docs.map((h) => h._id)
      if (!ids.length) return { households: [], next: null }
      const current = village.currentRulesVersion ?? null
      const ofPage = { villageId, householdId: { $in: ids } }
      const [members, agreements, ballots] = await Promise.all([
        store.find('memberships', ofPage, { limit: PAGE_READ }),
        current ? store.find('ruleAgreements', { ...ofPage, number: current }, { limit: PAGE_READ }) : Promise.resolve([]),
        open.length ? store.find('ballots', { ...ofPage, topicId: { $in: open.map((t) => t._id) } }, { limit: PAGE_READ }) : Promise.resolve([]),
      ])
      const agreed = current ? new Set(agreements.map((a) => a.personId)) : null
      const rolls = open.map((t) => pageRoll(t, page.docs, members, new Set(ballots.filter((b) => b.topicId === t._id).map((b) => b.voterKey))))
      const residents = members.filter((m) => m.roles.includes('resident'))
      return {
        households: page.docs.map((h) => {
          const last = h.lastVisit ?? null
          return householdRow(h, residents.filter((m) => m.householdId === h._id), agreed, rolls, last && { date: last.date, visitorName: last.visitorName })
        }),
        next: page.next,
      }
    },
  },

  'workspace.visits': {
    access: GRID_ACCESS,
    async handle({ villageId, householdId }, ctx) {
      const { store } = ctx.ports
      const [grids, visits] = await Promise.all([
        villageGrids(ctx, villageId),
        householdId
          ? myHousehold(ctx, villageId, householdId).then(() => store.find('visits', { villageId, householdId }, { sort: VISIT_SORT, limit: HOUSEHOLD_VISITS }))
          : store.find('visits', { villageId, visitorId: ctx.person._id }, { sort: VISIT_SORT, limit: MY_VISITS }),
      ])
      return visitViews(ctx, grids, visits)
    },
  },

  'workspace.recordVisit': {
    access: GRID_ACCESS,
    async handle({ villageId, householdId, date, note, photos }, ctx) {
      const h = await myHousehold(ctx, villageId, householdId)
      const problem = visitDateProblem(date, shanghaiDay(ctx.now), shanghaiDayPlus(ctx.now, -VISIT_BACKDATE_DAYS))
      if (problem) throw new ApiError('BAD_INPUT', problem, { date: problem })
      checkPhotos(villageId, photos)
      await checkText(ctx, { note })
      await checkPhotoContent(ctx, photos)
      const visit: Visit = {
        _id: `${villageId}:${newId('visit', ctx.now)}`,
        villageId,
        householdId,
        gridId: h.gridId,
        doorplate: h.doorplate,
        date,
        note,
        photos,
        visitorId: ctx.person._id,
        visitorName: ctx.membership.name,
        createdAt: ctx.now,
      }
      // the visit is itself the record (who, when, where); the village's audit log, which every member reads, gets no household's circumstances
      await ctx.ports.store.transaction(async (tx) => {
        await tx.insert('visits', visit)
        // the household's last visit, unless one dated later was recorded before (a week's visits written up on Friday)
        const fresh = await tx.get('households', householdId)
        if (fresh && !(fresh.lastVisit && fresh.lastVisit.date > date)) await tx.update('households', householdId, { set: { lastVisit: { date, visitorId: visit.visitorId, visitorName: visit.visitorName } } })
      })
      return (await visitViews(ctx, await villageGrids(ctx, villageId), [visit]))[0]
    },
  },
}
