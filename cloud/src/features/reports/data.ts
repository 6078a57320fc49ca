/**
 * Loading and showing reports: the village's settings and grids, a report as this caller may see it (an anonymous
 * reporter hidden from all but the reporter, its grid's workers, the committee and the town; the reporter's id from
 * everyone), who is told what, and the pages notices link to.
 */
import type { MemberContext } from '../../handler'
import type { Store, TxStore } from '../../ports/store'
import { getMany } from '../../common/load'
import { gridWorkersOf, notifyCommittee, notifyMany, notifyServing, townOfficersOf, villageFactsOf, type NoticeContext } from '../account/common'
import type { Grid, ServingPart } from '../account/documents'
import { pageUrl } from '../../../../src/routes'
import type { ReportSettingsView, ReportStepView, ReportSummary, ReportView } from './contract'
import { OPEN_STATUSES, type Report } from './documents'
import { ANONYMOUS_NAME, handlerOf, mayHandle, seesReporter, settingsOrDefault, type Handler } from './policy'
import { centerOf } from './routing'
import { reportSummary } from './views'

export const PAGES = {
  detail: (villageId: string, reportId: string) => pageUrl('reports.detail', { villageId, reportId }),
  queue: (villageId: string) => pageUrl('reports.queue', { villageId }),
}

export const settingsOf = async (store: Pick<Store, 'get'>, villageId: string) => settingsOrDefault(await store.get('reportSettings', villageId))

export const gridsOf = (store: Store, villageId: string): Promise<Grid[]> => store.find('grids', { villageId }, { sort: [['_id', 'asc']], limit: 200 })

/** `known`: the settings as just written (no read of them again) */
export async function settingsView(store: Store, villageId: string, known?: Pick<ReportSettingsView, 'categories' | 'autoConfirmDays'>): Promise<ReportSettingsView> {
  const [s, grids] = await Promise.all([known ?? settingsOf(store, villageId), gridsOf(store, villageId)])
  return { categories: s.categories, autoConfirmDays: s.autoConfirmDays, grids: grids.map((g) => ({ id: g._id, name: g.name, area: g.area ?? null })), center: centerOf(grids) }
}

/** the village's town (whose officers handle and see its reports): the caller's membership carries it */
export async function townOf(ctx: MemberContext, villageId: string): Promise<string> {
  return (await villageFactsOf(ctx, villageId)).townId
}

/** what a caller already has of a view: the caller's 同问 as just written or read, the village's grids (or the report's own) as read, the village's town */
export type KnownForView = { metooByMe?: boolean; grids?: Grid[]; townId?: string }

/**
 * The reports as this caller sees them (one lookup of grids, 同问 marks and photo URLs for all, each unless `known`).
 * The village's town matters to a town officer only (isTownOf), so it is read for one only.
 */
export async function reportViews(ctx: MemberContext, reports: Report[], known: KnownForView = {}): Promise<ReportView[]> {
  if (!reports.length) return []
  const { store } = ctx.ports
  const villageId = reports[0].villageId
  const [grids, townId, marks] = await Promise.all([
    known.grids ?? gridsOf(store, villageId),
    known.townId ?? (ctx.membership.roles.includes('townOfficer') ? townOf(ctx, villageId) : ''),
    known.metooByMe === undefined ? getMany(store, 'reportMeToos', reports.map((r) => `${r._id}:${ctx.person._id}`)) : [],
  ])
  const names = new Map(grids.map((g) => [g._id, g.name]))
  const ids = [...new Set(reports.flatMap((r) => [...r.photos, ...r.resultPhotos, ...r.history.flatMap((e) => e.photos)]))]
  const urls = ids.length ? await ctx.ports.files.urls(ids) : {}
  const mine = new Set(marks.map((m) => m.reportId))
  const h = handlerOf(ctx.membership)
  return reports.map((r) => viewOf(r, h, townId, names, urls, known.metooByMe ?? mine.has(r._id), ctx.now))
}
export const reportView = async (ctx: MemberContext, r: Report, known?: KnownForView): Promise<ReportView> => (await reportViews(ctx, [r], known))[0]

/** a step's answer: the report as written, no read of the grids or the caller's 同问 (ReportStepView); `townId` when the step read it */
export async function reportStepView(ctx: MemberContext, r: Report, townId?: string): Promise<ReportStepView> {
  const { gridName: _name, metooByMe: _mine, can: { metoo: _metoo, ...can }, ...view } = await reportView(ctx, r, { grids: [], metooByMe: false, townId })
  return { ...view, can }
}

export function viewOf(r: Report, h: Handler, townId: string, gridNames: ReadonlyMap<string, string>, urls: Readonly<Record<string, string>>, metooByMe: boolean, now: number): ReportView {
  const byReporter = (by: string) => r.reporterId !== '' && by === r.reporterId
  const shown = !r.anonymous || seesReporter(r, h, townId)
  const mine = byReporter(h.personId)
  const handles = mayHandle(r, h, townId)
  const open = OPEN_STATUSES.includes(r.status)
  const photoUrls: Record<string, string> = {}
  for (const id of [...r.photos, ...r.resultPhotos, ...r.history.flatMap((e) => e.photos)]) if (urls[id]) photoUrls[id] = urls[id]
  return {
    ...reportSummary(r, gridNames, urls, now),
    villageId: r.villageId,
    text: r.text,
    photos: r.photos,
    resultPhotos: r.resultPhotos,
    photoUrls,
    reporterName: shown ? r.reporterName : null,
    anonymous: r.anonymous,
    mine,
    metooByMe,
    acceptDueAt: r.acceptDueAt,
    resolveDueAt: r.resolveDueAt,
    autoConfirmAt: r.autoConfirmAt,
    escalatedAt: r.escalatedAt,
    rating: r.rating,
    ratingNote: r.ratingNote,
    reopened: r.reopened,
    topicId: r.topicId,
    // the reporter's id never leaves the server; their name only where it may be seen
    history: r.history.map((e) => (byReporter(e.by) ? { ...e, by: '', byName: shown ? r.reporterName : ANONYMOUS_NAME } : e)),
    can: {
      accept: handles && r.status === 'reported',
      reject: handles && r.status === 'reported',
      transfer: handles && open,
      start: handles && r.status === 'accepted',
      resolve: handles && (r.status === 'accepted' || r.status === 'inProgress'),
      confirm: mine && r.status === 'resolved',
      reopen: mine && r.status === 'resolved',
      metoo: open && !mine && !metooByMe && h.roles.includes('resident'),
    },
  }
}

/** Summaries with grid names and thumbnails (one lookup each). */
export async function reportSummaries(ctx: Pick<MemberContext, 'ports' | 'now'>, villageId: string, reports: Report[], distances?: ReadonlyMap<string, number>): Promise<ReportSummary[]> {
  if (!reports.length) return []
  const grids = await gridsOf(ctx.ports.store, villageId)
  const names = new Map(grids.map((g) => [g._id, g.name]))
  const thumbs = [...new Set(reports.flatMap((r) => r.photos.slice(0, 1)))]
  const urls = thumbs.length ? await ctx.ports.files.urls(thumbs) : {}
  return reports.map((r) => reportSummary(r, names, urls, ctx.now, distances?.get(r._id) ?? null))
}

/** The town's officers, who handle what a village sends up (the job's escalations). */
export { townOfficersOf }

const handlingPart = (r: Pick<Report, 'gridId' | 'level'>): ServingPart => (r.level === 'town' ? 'townOfficers' : { gridWorkers: r.gridId })

/** Who handles a report now: its grid's workers, or the town's officers once transferred (the committee when there are none: tellHandlers). */
export async function handlersOf(store: Store, r: Pick<Report, 'villageId' | 'gridId' | 'level'>): Promise<string[]> {
  return r.level === 'town' ? townOfficersOf(store, r.villageId) : gridWorkersOf(store, r.villageId, r.gridId)
}

/** Tells the report's handlers as they are when the job delivers it (the action reads nobody), or the committee when it has none. */
export async function tellHandlersWhenDelivered(ctx: NoticeContext, r: Pick<Report, '_id' | 'villageId' | 'gridId' | 'level'>, title: string, body: string, tx: Pick<TxStore, 'insert'>): Promise<void> {
  await notifyServing(ctx, r.villageId, handlingPart(r), title, body, PAGES.detail(r.villageId, r._id), tx)
}

/** Tells the report's handlers (looked up before the transaction as `to`), or the committee when it has none. */
export async function tellHandlers(ctx: NoticeContext, r: Pick<Report, '_id' | 'villageId'>, to: string[], title: string, body: string, tx: Pick<TxStore, 'insert'>): Promise<void> {
  const page = PAGES.detail(r.villageId, r._id)
  if (to.length) await notifyMany(ctx, r.villageId, to, title, body, page, tx)
  else await notifyCommittee(ctx, r.villageId, title, body, page, tx)
}

/** a report's short name in a notice: 环境卫生「东一巷口垃圾堆放…」 */
export const noticeName = (r: Pick<Report, 'category' | 'text'>): string => `${r.category}「${r.text.length > 20 ? `${r.text.slice(0, 20)}…` : r.text}」`
