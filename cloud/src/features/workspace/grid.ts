/**
 * 网格员工作: a grid worker's grids — each household with who has not agreed to the current rules or voted in an
 * open topic, the grids' open and overdue reports — and 走访记录 (record a visit, my visits, a household's visits).
 * A grid worker sees and records only their own grids.
 */
import { ApiError } from '../../errors'
import type { Access, Handlers, MemberContext } from '../../handler'
import type { Collections, Filter, Store } from '../../ports/store'
import { checkPhotoContent, checkText } from '../../common/content'
import { newId } from '../../common/ids'
import { findAll, getInVillage } from '../../common/load'
import { checkPhotos } from '../../common/photos'
import { quorumNeeded } from '../../common/quorum'
import { shanghaiDay, shanghaiDayPlus } from '../../common/time'
import { getVillage } from '../account/common'
import type { Household } from '../account/documents'
import type { GridHousehold, VisitView, WorkspaceTopic, workspaceActions } from './contract'
import { VISIT_BACKDATE_DAYS, type Visit } from './documents'
import { householdRow, reportOverdue, visitDateProblem, visitOrder, type OpenTopicRoll } from './policy'

export const GRID_ACCESS: Access = { kind: 'member', roles: ['gridWorker'] }
const OPEN_REPORTS = ['reported', 'accepted', 'inProgress']
const MY_VISITS = 30
const HOUSEHOLD_VISITS = 50
const CHUNK = 100

/** every document whose `field` is one of `values`, 100 values to a query (CloudBase's `in` stays small) */
async function findIn<C extends keyof Collections & string>(store: Store, collection: C, field: string, values: string[], filter: Filter = {}): Promise<Array<Collections[C]>> {
  const out: Array<Collections[C]> = []
  for (let i = 0; i < values.length; i += CHUNK) out.push(...(await findAll(store, collection, { ...filter, [field]: { $in: values.slice(i, i + CHUNK) } })))
  return out
}

/** A household of the caller's grids, or NOT_FOUND / FORBIDDEN. */
async function myHousehold(ctx: MemberContext, villageId: string, householdId: string): Promise<Household> {
  const h = await getInVillage(ctx.ports.store, 'households', householdId, villageId, '找不到该住户')
  if (!h.gridId || !ctx.membership.gridIds.includes(h.gridId)) throw new ApiError('FORBIDDEN', '只能查看和记录您负责网格的住户')
  return h
}

async function visitViews(ctx: MemberContext, villageId: string, visits: Visit[]): Promise<VisitView[]> {
  if (!visits.length) return []
  const [grids, urls] = await Promise.all([ctx.ports.store.find('grids', { villageId }), ctx.ports.files.urls([...new Set(visits.flatMap((v) => v.photos))])])
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

/** The open topics with their rolls (only this grid's entries matter, but a roll is chunked by voter, not by grid) and who of these households voted. */
async function openTopics(store: Store, villageId: string, householdIds: string[]): Promise<{ topics: WorkspaceTopic[]; rolls: OpenTopicRoll[] }> {
  const open = await store.find('topics', { villageId, status: 'open' }, { sort: [['closesAt', 'asc']], limit: 50 })
  const loaded = await Promise.all(
    open.map(async (t) => {
      const [rolls, ballots, participants] = await Promise.all([
        findAll(store, 'topicRolls', { topicId: t._id }),
        findIn(store, 'ballots', 'householdId', householdIds, { topicId: t._id }),
        store.count('ballots', { topicId: t._id }),
      ])
      const entries = rolls.flatMap((r) => r.entries).filter((e) => e.householdId !== null && householdIds.includes(e.householdId))
      const topic: WorkspaceTopic = { id: t._id, title: t.title, mode: t.mode, closesAt: t.closesAt, participants, eligible: t.eligibleCount, quorumNeeded: quorumNeeded(t.mode, t.eligibleCount) }
      const roll: OpenTopicRoll = { id: t._id, title: t.title, mode: t.mode, entries: entries.map((e) => ({ key: e.key, householdId: e.householdId, name: e.name })), voted: new Set(ballots.map((b) => b.voterKey)) }
      return { topic, roll }
    }),
  )
  return { topics: loaded.map((x) => x.topic), rolls: loaded.map((x) => x.roll) }
}

/** the current rules version's agreements by these households' residents; null when the village has no rules yet */
async function agreedOf(store: Store, villageId: string, current: number | null | undefined, householdIds: string[]): Promise<Set<string> | null> {
  if (!current) return null
  const [version] = await store.find('ruleVersions', { villageId, number: current, status: 'published' }, { limit: 1 })
  if (!version) return null
  return new Set((await findIn(store, 'ruleAgreements', 'householdId', householdIds, { versionId: version._id })).map((a) => a.personId))
}

export const gridHandlers: Handlers<Pick<typeof workspaceActions, 'workspace.grid' | 'workspace.visits' | 'workspace.recordVisit'>> = {
  'workspace.grid': {
    access: GRID_ACCESS,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const gridIds = ctx.membership.gridIds
      const [village, allGrids, households] = await Promise.all([
        getVillage(ctx, villageId),
        store.find('grids', { villageId }, { sort: [['_id', 'asc']] }),
        gridIds.length ? findIn(store, 'households', 'gridId', gridIds, { villageId }) : Promise.resolve([]),
      ])
      const grids = allGrids.filter((g) => gridIds.includes(g._id))
      const householdIds = households.map((h) => h._id)
      const [members, agreed, topics, reports, visits, mine] = await Promise.all([
        findIn(store, 'memberships', 'householdId', householdIds, { villageId }),
        agreedOf(store, villageId, village.currentRulesVersion, householdIds),
        openTopics(store, villageId, householdIds),
        // the grid worker's queue: what the town took over is no longer theirs
        gridIds.length ? findAll(store, 'reports', { villageId, level: 'grid', gridId: { $in: gridIds }, status: { $in: OPEN_REPORTS } }) : Promise.resolve([]),
        findIn(store, 'visits', 'householdId', householdIds, { villageId }),
        store.find('visits', { villageId, visitorId: ctx.person._id }, { sort: [['date', 'desc'], ['createdAt', 'desc']], limit: MY_VISITS }),
      ])
      const residents = members.filter((m) => m.roles.includes('resident'))
      const last = new Map<string, GridHousehold['lastVisit']>()
      for (const v of visits) {
        const seen = last.get(v.householdId)
        if (!seen || v.date > seen.date) last.set(v.householdId, { date: v.date, visitorName: v.visitorName })
      }
      return {
        villageName: village.name,
        rulesVersion: agreed ? (village.currentRulesVersion ?? null) : null,
        openTopics: topics.topics,
        grids: grids.map((g) => {
          const rows = households
            .filter((h) => h.gridId === g._id)
            .map((h) => householdRow(h, residents.filter((m) => m.householdId === h._id), agreed, topics.rolls, last.get(h._id) ?? null))
            .sort(visitOrder)
          const open = reports.filter((r) => r.gridId === g._id)
          return {
            id: g._id,
            name: g.name,
            households: rows,
            notAgreed: rows.reduce((n, h) => n + h.notAgreed.length, 0),
            notVoted: rows.filter((h) => h.notVoted.length > 0).length,
            reports: { open: open.length, overdue: open.filter((r) => reportOverdue(r, ctx.now)).length },
          }
        }),
        visits: await visitViews(ctx, villageId, mine),
      }
    },
  },

  'workspace.visits': {
    access: GRID_ACCESS,
    async handle({ villageId, householdId }, ctx) {
      const { store } = ctx.ports
      const sort: Array<[string, 'asc' | 'desc']> = [
        ['date', 'desc'],
        ['createdAt', 'desc'],
      ]
      if (!householdId) return visitViews(ctx, villageId, await store.find('visits', { villageId, visitorId: ctx.person._id }, { sort, limit: MY_VISITS }))
      await myHousehold(ctx, villageId, householdId)
      return visitViews(ctx, villageId, await store.find('visits', { villageId, householdId }, { sort, limit: HOUSEHOLD_VISITS }))
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
      await ctx.ports.store.insert('visits', visit)
      return (await visitViews(ctx, villageId, [visit]))[0]
    },
  },
}
