/**
 * What the reports add up to: 民情地图 (grids, halls, markers and the list by grid), the village's figures, the
 * town's view of all its villages, the CSV for their reporting, and the clusters the committee may turn into a
 * deliberation topic. Read-only but for the export's audit entry. Summaries never name a reporter.
 */
import { ApiError } from '../../errors'
import { ACCESS, type Access, type Handlers, type MemberContext } from '../../handler'
import { audit } from '../../common/audit'
import { groupCursor, groupOfExport } from '../../common/csv'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { getMany } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import type { Filter, Store, TotalSpec } from '../../ports/store'
import { getVillage } from '../account/common'
import { isCommittee } from '../account/policy'
import { reportFigures } from '../account/figures'
import type { Grid, Hall, Village } from '../account/documents'
import type { GridArea, ReportFigures, ReportMap, reportActions } from './contract'
import { OPEN_STATUSES, REPORT_STATUS_LABELS, type Report, type ReportStatus } from './documents'
import { gridsOf } from './data'
import { settingsOrDefault } from './policy'
import { centerOf } from './routing'
import { dueOf, queueOrder, reportSummary } from './views'
import { CLUSTER_WINDOW, clusterCandidate, clustersOf, figuresFrom, UNROUTED, whereOf, type CategoryTotals, type StatusTotals } from './tally'
import { reportsCsv } from './csv'
import { CLOSED_STATUSES, countersFilter, isMarker, REPORT_SUM_SPECS, SETTLED_STATUSES, SUMMED_SPECS } from './totals'

const DAY = 24 * 3_600_000
/** the map shows a closed report for a month after it closed */
const MAP_RECENT = 30 * DAY
/**
 * The map shows at most the newest open reports and the most lately closed ones (one more of each is read to know if
 * some were left out): a few CloudBase round trips whatever the village holds, and as many markers as a map can show.
 */
const MAP_OPEN = 200
const MAP_CLOSED = 100
/** the town's overdue list: the most overdue of the town (its villages' figures count every one) */
const TOWN_OVERDUE = 100
/** clusters are looked for among the newest candidates of the window (the committee sees what recurs lately) */
const CLUSTER_SCAN = 300
/** reports per page of the export: the page and its village's grids are a few CloudBase round trips (100 documents each) */
const EXPORT_REPORTS = 200

/** the village's figures: the committee, grid workers (their grids) and the town's officers */
const FIGURES_ACCESS: Access = { kind: 'member', roles: ['committee', 'gridWorker', 'townOfficer'] }
const TOWN_ACCESS: Access = { kind: 'member', roles: ['townOfficer'] }
const EXPORT_ACCESS: Access = { kind: 'member', roles: ['committee', 'townOfficer'] }

const namesOf = (grids: Grid[]) => new Map(grids.map((g) => [g._id, g.name]))
const gridArea = (g: Grid): GridArea => ({ id: g._id, name: g.name, area: g.area ?? null })

/** sees the whole village: the committee and the town; a grid worker only is limited to their grids */
const seesAll = (ctx: MemberContext) => isCommittee(ctx.membership) || ctx.membership.roles.includes('townOfficer')

const pointOf = (h: Hall): ReportMap['center'] => (h.point ? { lng: h.point[0], lat: h.point[1] } : null)

/** the town's villages, for an officer: those of the town their membership here names */
async function townOf(ctx: MemberContext): Promise<{ townId: string; townName: string; villages: Village[] }> {
  const townId = ctx.membership.townId
  if (!townId) throw new ApiError('FORBIDDEN', '您的账号没有登记所属镇街，请联系镇街管理员')
  const { store } = ctx.ports
  const [town, villages] = await Promise.all([store.get('regions', townId), store.find('villages', { townId }, { sort: [['_id', 'asc']] })])
  return { townId, townName: town?.name ?? '', villages }
}

/** each village's categories, in its order: one read for all of them */
async function categoriesOf(store: Store, villageIds: string[]): Promise<(villageId: string) => string[]> {
  const found = await getMany(store, 'reportSettings', villageIds)
  return (villageId) => settingsOrDefault(found.find((s) => s._id === villageId) ?? null).categories.map((c) => c.name)
}

/** what the figures count of reports read live (the open and resolved ones; the settled ones of a village without counters) */
function liveSpecs(now: number): Record<keyof typeof REPORT_SUM_SPECS | 'lateToAccept' | 'lateToResolve', TotalSpec> {
  const { lateToAccept, lateToResolve } = reportFigures(now)
  return { ...REPORT_SUM_SPECS, lateToAccept, lateToResolve }
}

const villagesIn = (filter: Filter): string[] => {
  const v = filter.villageId as string | { $in: string[] }
  return typeof v === 'string' ? [v] : v.$in
}

/** counted live: the open reports and the resolved ones waiting for their reporter (at most the days to confirm) */
const LIVE_STATUSES = [...OPEN_STATUSES, 'resolved']

/**
 * Each village's figures over the reports `filter` leaves, by village, state and category: the open and resolved
 * reports counted live (a village's work in hand: few, by the index on village and state), the settled ones from their
 * counters (totals.ts) — two calls, and a village of 100,000 reports costs what one of 100 does. A village whose
 * counters are not built yet has its settled reports counted live (one more call).
 */
async function figuresIn(store: Store, filter: Filter, now: number): Promise<(villageId: string, categories: readonly string[]) => ReportFigures> {
  const by = ['villageId', 'status', 'category']
  const [open, counted] = await Promise.all([
    store.totals('reports', { ...filter, status: { $in: LIVE_STATUSES } }, by, liveSpecs(now)),
    store.totals('reportTotals', countersFilter(filter), by, SUMMED_SPECS),
  ])
  const built = new Set(counted.filter((g) => isMarker(g.key[1])).map((g) => g.key[0]))
  const unbuilt = villagesIn(filter).filter((v) => !built.has(v))
  const closed = [
    ...counted.filter((g) => built.has(g.key[0]) && !isMarker(g.key[1])).map((g) => ({ key: g.key, totals: { ...g.totals, lateToAccept: 0, lateToResolve: 0 } })),
    ...(unbuilt.length ? await store.totals('reports', { ...filter, villageId: { $in: unbuilt }, status: { $in: SETTLED_STATUSES } }, by, liveSpecs(now)) : []),
  ]
  const groups = [...open, ...closed]
  return (villageId, names) => {
    const statuses = new Map<ReportStatus, StatusTotals>()
    const categories = new Map<string, CategoryTotals>()
    for (const { key, totals: t } of groups) {
      if (key[0] !== villageId) continue
      const [status, category] = [key[1] as ReportStatus, String(key[2])]
      const s = statuses.get(status) ?? { status, n: 0, lateToAccept: 0, lateToResolve: 0, accepted: 0, acceptTook: 0, resolved: 0, resolveTook: 0, rated: 0, rating: 0 }
      for (const k of ['n', 'lateToAccept', 'lateToResolve', 'accepted', 'acceptTook', 'resolved', 'resolveTook', 'rated', 'rating'] as const) s[k] += t[k]
      statuses.set(status, s)
      const c = categories.get(category) ?? { category, n: 0, open: 0, lateToAccept: 0, lateToResolve: 0 }
      c.n += t.n
      if (OPEN_STATUSES.includes(status)) c.open += t.n
      c.lateToAccept += t.lateToAccept
      c.lateToResolve += t.lateToResolve
      categories.set(category, c)
    }
    return figuresFrom([...statuses.values()], [...categories.values()], names)
  }
}

/**
 * How many villages one figuresIn call counts: each of its totals has a group per village, state and category, and a
 * call may have MAX_GROUPS (1,000). Three states a call (open, or closed) × up to 20 categories is 60 a village at
 * the most, so 15 a call; a town of more villages is counted in calls of 15, side by side.
 */
export const VILLAGES_PER_FIGURES_CALL = 15

/** figuresIn over many villages, VILLAGES_PER_FIGURES_CALL at a time (at once) */
async function figuresOfVillages(store: Store, villageIds: string[], now: number): Promise<(villageId: string, categories: readonly string[]) => ReportFigures> {
  const chunks: string[][] = []
  for (let i = 0; i < villageIds.length; i += VILLAGES_PER_FIGURES_CALL) chunks.push(villageIds.slice(i, i + VILLAGES_PER_FIGURES_CALL))
  const figures = await Promise.all(chunks.map((ids) => figuresIn(store, { villageId: { $in: ids } }, now)))
  const of = new Map(chunks.flatMap((ids, k) => ids.map((id) => [id, figures[k]] as const)))
  return (villageId, categories) => of.get(villageId)!(villageId, categories)
}

/** the town's most overdue open reports, most overdue first: the late to accept and the late to resolve, each by its index */
async function overdueIn(store: Store, villageIds: string[], now: number): Promise<Report[]> {
  const villageId = { $in: villageIds }
  const [toAccept, toResolve] = await Promise.all([
    store.find('reports', { villageId, status: 'reported', acceptDueAt: { $lt: now } }, { sort: [['acceptDueAt', 'asc']], limit: TOWN_OVERDUE }),
    store.find('reports', { villageId, status: { $in: ['accepted', 'inProgress'] }, resolveDueAt: { $lt: now } }, { sort: [['resolveDueAt', 'asc']], limit: TOWN_OVERDUE }),
  ])
  const due = (r: Report) => dueOf(r, now)?.at ?? 0
  return [...toAccept, ...toResolve].sort((a, b) => due(a) - due(b) || b.createdAt - a.createdAt).slice(0, TOWN_OVERDUE)
}

export const reportFigureHandlers: Handlers<Pick<typeof reportActions, 'reports.map' | 'reports.figures' | 'reports.town' | 'reports.exportCsv' | 'reports.clusters'>> = {
  'reports.map': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store, files } = ctx.ports
      const [grids, halls, open, closed] = await Promise.all([
        gridsOf(store, villageId),
        store.find('halls', { villageId }, { sort: [['_id', 'asc']] }),
        store.find('reports', { villageId, status: { $in: [...OPEN_STATUSES] } }, { sort: [['createdAt', 'desc']], limit: MAP_OPEN + 1 }),
        // by the village's reports in order of change (the index on villageId and updatedAt): the closed are most of them
        store.find('reports', { villageId, status: { $in: CLOSED_STATUSES }, updatedAt: { $gte: ctx.now - MAP_RECENT } }, { sort: [['updatedAt', 'desc']], limit: MAP_CLOSED + 1 }),
      ])
      const capped = open.length > MAP_OPEN || closed.length > MAP_CLOSED ? { open: MAP_OPEN, closed: MAP_CLOSED } : null
      const shown = [...open.slice(0, MAP_OPEN), ...closed.slice(0, MAP_CLOSED)].sort(queueOrder(ctx.now))
      const [names, urls] = [namesOf(grids), await files.urls(shown.flatMap((r) => r.photos.slice(0, 1)))]
      const summary = (r: Report) => reportSummary(r, names, urls, ctx.now)
      const unrouted = shown.filter((r) => !r.gridId || !names.has(r.gridId))
      return {
        // the middle of the grids' areas; a village without areas is centred on its hall
        center: centerOf(grids) ?? halls.map(pointOf).find(Boolean) ?? null,
        grids: grids.map(gridArea),
        halls: halls.map((h) => ({ id: h._id, name: h.name, point: pointOf(h) })),
        markers: shown.flatMap((r) => {
          if (!r.place.point) return []
          const overdue = dueOf(r, ctx.now)?.overdue ?? false
          return [{ reportId: r._id, category: r.category, status: r.status, word: overdue ? '逾期' : REPORT_STATUS_LABELS[r.status], point: r.place.point, overdue }]
        }),
        // every grid, even one with nothing reported (the list says so), then the reports no grid contains
        byGrid: [
          ...grids.map((g) => ({ gridId: g._id, gridName: g.name, reports: shown.filter((r) => r.gridId === g._id).map(summary) })),
          ...(unrouted.length ? [{ gridId: null, gridName: UNROUTED, reports: unrouted.map(summary) }] : []),
        ],
        capped,
      }
    },
  },

  'reports.figures': {
    access: FIGURES_ACCESS,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const { gridIds } = ctx.membership
      // a grid worker only: their grids' reports (none when they have no grid)
      const filter: Filter | null = seesAll(ctx) ? { villageId } : gridIds.length ? { villageId, gridId: { $in: gridIds } } : null
      const [figures, categories] = await Promise.all([filter ? figuresIn(store, filter, ctx.now) : null, categoriesOf(store, [villageId])])
      return figures ? figures(villageId, categories(villageId)) : figuresFrom([], [], categories(villageId))
    },
  },

  'reports.town': {
    access: TOWN_ACCESS,
    async handle(_input, ctx) {
      const { store, files } = ctx.ports
      const { townId, townName, villages } = await townOf(ctx)
      const ids = villages.map((v) => v._id)
      if (!ids.length) return { townId, townName, villages: [], overdue: [] }
      const [figures, categories, overdue] = await Promise.all([figuresOfVillages(store, ids, ctx.now), categoriesOf(store, ids), overdueIn(store, ids, ctx.now)])
      // the overdue ones' grids and photos only
      const [grids, urls] = await Promise.all([getMany(store, 'grids', overdue.flatMap((r) => (r.gridId ? [r.gridId] : []))), files.urls(overdue.flatMap((r) => r.photos.slice(0, 1)))])
      const [gridNames, byId] = [namesOf(grids), new Map(villages.map((v) => [v._id, v]))]
      return {
        townId,
        townName,
        villages: villages.map((v) => ({ villageId: v._id, name: v.name, figures: figures(v._id, categories(v._id)) })),
        overdue: overdue.map((r) => ({ ...reportSummary(r, gridNames, urls, ctx.now), villageId: r.villageId, villageName: byId.get(r.villageId)?.name ?? '' })),
      }
    },
  },

  'reports.exportCsv': {
    access: EXPORT_ACCESS,
    async handle({ villageId, scope, after }, ctx) {
      const { store } = ctx.ports
      let place: { id: string; name: string; villages: Village[] }
      if (scope === 'town') {
        if (!ctx.membership.roles.includes('townOfficer')) throw new ApiError('FORBIDDEN', '只有镇街干部可以导出全镇（街道）的上报')
        const town = await townOf(ctx)
        place = { id: town.townId, name: town.townName, villages: town.villages }
      } else {
        const village = await getVillage(ctx, villageId)
        place = { id: village._id, name: village.name, villages: [village] }
      }
      const filename = `${place.name}-随手拍上报-${shanghaiDay(ctx.now)}.csv`
      const ids = place.villages.map((v) => v._id)
      if (!after) {
        // the header and the count; one audit entry per export, here (the later pages are the same export going on)
        const total = await store.count('reports', { villageId: ids.length === 1 ? ids[0] : { $in: ids } })
        await audit(ctx, 'reports.export', { type: scope === 'town' ? 'town' : 'village', id: place.id, label: filename }, `${total}行`)
        return { filename, ...reportsCsv([], ctx.now), next: ids.length ? groupCursor(ids[0]) : null, total }
      }
      // then each village in turn (the town's by id), EXPORT_REPORTS reports a page oldest first
      const at = groupOfExport(after, ids, 'number')
      const [{ docs, more }, grids] = await Promise.all([pageAfter(store, 'reports', { villageId: at.group }, 'createdAt', 'asc', at.keyset, EXPORT_REPORTS), gridsOf(store, at.group)])
      const village = { name: place.villages[ids.indexOf(at.group)].name, reports: docs, gridNames: namesOf(grids) }
      const last = docs[docs.length - 1]
      return { filename, ...reportsCsv([village], ctx.now, false), next: at.next(more && last ? cursorAfter(last.createdAt, last._id) : null) }
    },
  },

  'reports.clusters': {
    access: ACCESS.committee,
    async handle({ villageId }, ctx) {
      const { store, files } = ctx.ports
      const [village, grids, found] = await Promise.all([
        getVillage(ctx, villageId),
        gridsOf(store, villageId),
        // the candidates of the window (clusterCandidate's rule as a query on the village's reports by time), newest first
        store.find(
          'reports',
          { villageId, createdAt: { $gte: ctx.now - CLUSTER_WINDOW }, topicId: null, status: { $in: [...OPEN_STATUSES, 'resolved', 'confirmed'] } },
          { sort: [['createdAt', 'desc']], limit: CLUSTER_SCAN },
        ),
      ])
      const groups = clustersOf(found.filter((r) => clusterCandidate(r, ctx.now)))
      const [names, urls] = [namesOf(grids), await files.urls(groups.flat().flatMap((r) => r.photos.slice(0, 1)))]
      return groups.map((g) => ({ category: g[0].category, where: whereOf(g, names, village.name), reports: g.map((r) => reportSummary(r, names, urls, ctx.now)) }))
    },
  },
}
