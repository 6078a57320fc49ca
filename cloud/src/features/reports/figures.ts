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
import { findAll } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import type { Store } from '../../ports/store'
import { getVillage } from '../account/common'
import { isCommittee } from '../account/policy'
import type { Grid, Hall, Village } from '../account/documents'
import type { GridArea, ReportMap, reportActions } from './contract'
import { OPEN_STATUSES, REPORT_STATUS_LABELS, type Report, type ReportStatus } from './documents'
import { gridsOf, settingsOf } from './data'
import { centerOf } from './routing'
import { dueOf, queueOrder, reportSummary } from './views'
import { clusterCandidate, clustersOf, figuresOf, UNROUTED, whereOf } from './tally'
import { reportsCsv } from './csv'

const DAY = 24 * 3_600_000
/** the map shows a closed report for a month after it closed */
const MAP_RECENT = 30 * DAY
/** reports per page of the export: the page and its village's grids are a few CloudBase round trips (100 documents each) */
const EXPORT_REPORTS = 200
const CLOSED: ReportStatus[] = (Object.keys(REPORT_STATUS_LABELS) as ReportStatus[]).filter((s) => !OPEN_STATUSES.includes(s))

/** the village's figures: the committee, grid workers (their grids) and the town's officers */
const FIGURES_ACCESS: Access = { kind: 'member', roles: ['committee', 'gridWorker', 'townOfficer'] }
const TOWN_ACCESS: Access = { kind: 'member', roles: ['townOfficer'] }
const EXPORT_ACCESS: Access = { kind: 'member', roles: ['committee', 'townOfficer'] }

const namesOf = (grids: Grid[]) => new Map(grids.map((g) => [g._id, g.name]))
const gridArea = (g: Grid): GridArea => ({ id: g._id, name: g.name, area: g.area ?? null })

/** the village's categories, in its order */
const categoriesOf = async (store: Store, villageId: string): Promise<string[]> => (await settingsOf(store, villageId)).categories.map((c) => c.name)

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

/** every report of each village with its grids' names (the town's view reads a whole village) */
function loadVillages(store: Store, villages: Village[]) {
  return Promise.all(
    villages.map(async (village) => {
      const [reports, grids] = await Promise.all([findAll(store, 'reports', { villageId: village._id }), gridsOf(store, village._id)])
      return { village, reports, gridNames: namesOf(grids) }
    }),
  )
}

export const reportFigureHandlers: Handlers<Pick<typeof reportActions, 'reports.map' | 'reports.figures' | 'reports.town' | 'reports.exportCsv' | 'reports.clusters'>> = {
  'reports.map': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store, files } = ctx.ports
      const [grids, halls, open, closed] = await Promise.all([
        gridsOf(store, villageId),
        store.find('halls', { villageId }, { sort: [['_id', 'asc']] }),
        findAll(store, 'reports', { villageId, status: { $in: [...OPEN_STATUSES] } }),
        findAll(store, 'reports', { villageId, status: { $in: CLOSED }, updatedAt: { $gte: ctx.now - MAP_RECENT } }),
      ])
      const shown = [...open, ...closed].sort(queueOrder(ctx.now))
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
      }
    },
  },

  'reports.figures': {
    access: FIGURES_ACCESS,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const { gridIds } = ctx.membership
      const [reports, categories] = await Promise.all([
        seesAll(ctx) ? findAll(store, 'reports', { villageId }) : gridIds.length ? findAll(store, 'reports', { villageId, gridId: { $in: gridIds } }) : [],
        categoriesOf(store, villageId),
      ])
      return figuresOf(reports, categories, ctx.now)
    },
  },

  'reports.town': {
    access: TOWN_ACCESS,
    async handle(_input, ctx) {
      const { store, files } = ctx.ports
      const { townId, townName, villages } = await townOf(ctx)
      const [loaded, categories] = await Promise.all([loadVillages(store, villages), Promise.all(villages.map((v) => categoriesOf(store, v._id)))])
      const overdue = loaded.flatMap(({ village, reports, gridNames }) =>
        reports.flatMap((r) => {
          const due = dueOf(r, ctx.now)
          return due?.overdue ? [{ r, due: due.at, village, gridNames }] : []
        }),
      )
      overdue.sort((a, b) => a.due - b.due || b.r.createdAt - a.r.createdAt)
      const urls = await files.urls(overdue.flatMap(({ r }) => r.photos.slice(0, 1)))
      return {
        townId,
        townName,
        villages: loaded.map(({ village, reports }, i) => ({ villageId: village._id, name: village.name, figures: figuresOf(reports, categories[i], ctx.now) })),
        overdue: overdue.map(({ r, village, gridNames }) => ({ ...reportSummary(r, gridNames, urls, ctx.now), villageId: village._id, villageName: village.name })),
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
        findAll(store, 'reports', { villageId, status: { $in: [...OPEN_STATUSES, 'resolved', 'confirmed'] } }),
      ])
      const groups = clustersOf(found.filter((r) => clusterCandidate(r, ctx.now)))
      const [names, urls] = [namesOf(grids), await files.urls(groups.flat().flatMap((r) => r.photos.slice(0, 1)))]
      return groups.map((g) => ({ category: g[0].category, where: whereOf(g, names, village.name), reports: g.map((r) => reportSummary(r, names, urls, ctx.now)) }))
    },
  },
}
