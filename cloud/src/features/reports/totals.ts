/**
 * The settled reports' figures as counters (issue 16: 随手拍's figures flat however many reports a village holds).
 *
 * A village's open reports are few (what its grid workers have in hand) and are counted live, with what is overdue
 * now, and so are its resolved ones (waiting for their reporter's word: at most the days to confirm automatically);
 * its settled ones (confirmed, rejected) are most of its history and are written once, by the step that settles them.
 * Those are kept here: one document per village, grid, state and category with the number of reports and the sums the
 * figures average (times to accept and resolve, ratings). Every step adds its change in its own transaction
 * (REPORT_MACHINE's `counted`): a resolution or a reopening changes no counter. A village's counters are built from its
 * reports by `rebuildReportTotals` (the demo's seed, the local server's migration, fixtures written directly); until
 * then its marker is missing and its settled reports are counted from the reports themselves, so nothing is ever wrong.
 */
import type { Filter, Store, TotalSpec, TxStore } from '../../ports/store'
import { INSERT_MANY } from '../../ports/store'
import { incOrInsert } from '../../common/counters'
import { OPEN_STATUSES, REPORT_STATUS_LABELS, type Report, type ReportStatus } from './documents'

/** what a settled report adds to its counter */
const SUMMED = ['n', 'accepted', 'acceptTook', 'resolved', 'resolveTook', 'rated', 'rating'] as const
type Summed = Record<(typeof SUMMED)[number], number>

export interface ReportTotal extends Summed {
  /** `${villageId}:${gridId}:${status}:${category}` (the marker: `${villageId}:built`) */
  _id: string
  villageId: string
  /** the report's grid, NO_GRID for none; MARKER_GRID on the marker */
  gridId: string
  status: ReportStatus | typeof BUILT
  category: string
}

declare module '../../ports/store' {
  interface Collections {
    reportTotals: ReportTotal
  }
}

const NO_GRID = '-'
const BUILT = 'built'
/** the marker's grid: a grid worker's filter (their grids) is widened by it, so that their figures see it too */
export const MARKER_GRID = '*'

/** resolved, confirmed, rejected */
export const CLOSED_STATUSES = (Object.keys(REPORT_STATUS_LABELS) as ReportStatus[]).filter((s) => !OPEN_STATUSES.includes(s))
/** what the counters count: the closed states but resolved (counted live with the open ones) */
export const SETTLED_STATUSES: ReportStatus[] = CLOSED_STATUSES.filter((s) => s !== 'resolved')
const isSettled = (status: ReportStatus) => SETTLED_STATUSES.includes(status)
const keyOf = (r: Pick<Report, 'villageId' | 'gridId' | 'status' | 'category'>) => `${r.villageId}:${r.gridId ?? NO_GRID}:${r.status}:${encodeURIComponent(r.category)}`
const markerId = (villageId: string) => `${villageId}:${BUILT}`

/** what a report adds to the sums (as Store.totals would count it from the report: figures.ts's specs) */
function contributionOf(r: Report): Summed {
  const took = (ms: number | null | undefined) => (typeof ms === 'number' && ms >= 0 ? ms : null)
  const [accept, resolve] = [took(r.acceptTook), took(r.resolveTook)]
  const rated = typeof r.rating === 'number' && r.rating >= 1
  return { n: 1, accepted: accept === null ? 0 : 1, acceptTook: accept ?? 0, resolved: resolve === null ? 0 : 1, resolveTook: resolve ?? 0, rated: rated ? 1 : 0, rating: rated ? r.rating! : 0 }
}

const zero = (): Summed => ({ n: 0, accepted: 0, acceptTook: 0, resolved: 0, resolveTook: 0, rated: 0, rating: 0 })

/** a blind increment (one call; it was a read and a write), the counter written when it is the first of its kind */
async function add(tx: TxStore, r: Report, sign: 1 | -1): Promise<void> {
  const id = keyOf(r)
  const c = contributionOf(r)
  const inc = Object.fromEntries(SUMMED.map((k) => [k, sign * c[k]]))
  await incOrInsert(tx, 'reportTotals', id, inc, () => ({ _id: id, villageId: r.villageId, gridId: r.gridId ?? NO_GRID, status: r.status, category: r.category, ...(inc as Summed) }))
}

/** A report's step, in its transaction: what it took out of the counters and what it puts in. */
export async function keepReportTotals(tx: TxStore, before: Report, after: Report): Promise<void> {
  const [was, is] = [isSettled(before.status), isSettled(after.status)]
  if (!was && !is) return
  if (was && is && keyOf(before) === keyOf(after) && JSON.stringify(contributionOf(before)) === JSON.stringify(contributionOf(after))) return
  if (was) await add(tx, before, -1)
  if (is) await add(tx, after, 1)
}

/** the same sums counted from the reports themselves (as contributionOf adds them one report at a time) */
export const REPORT_SUM_SPECS: Record<(typeof SUMMED)[number], TotalSpec> = {
  n: {},
  accepted: { where: { acceptTook: { $gte: 0 } } },
  acceptTook: { sum: 'acceptTook' },
  resolved: { where: { resolveTook: { $gte: 0 } } },
  resolveTook: { sum: 'resolveTook' },
  rated: { where: { rating: { $gte: 1 } } },
  rating: { sum: 'rating' },
}

/** the sums of the counters, as Store.totals specs */
export const SUMMED_SPECS: Record<(typeof SUMMED)[number], TotalSpec> = Object.fromEntries(SUMMED.map((k) => [k, { sum: k }])) as Record<(typeof SUMMED)[number], TotalSpec>

/**
 * the counters' filter for a filter of reports (by village, and a grid worker's grids): the markers always pass; a
 * resolved report's counter (written before those were counted live) never does
 */
export function countersFilter(reports: Filter): Filter {
  const grid = reports.gridId as { $in?: string[] } | undefined
  const settled = { ...reports, status: { $in: [...SETTLED_STATUSES, BUILT] } }
  return grid?.$in ? { ...settled, gridId: { $in: [...grid.$in, MARKER_GRID] } } : settled
}

/** whether a group of the counters' totals (grouped by village, state, …) is a village's marker */
export const isMarker = (status: unknown) => status === BUILT

/**
 * The village's counters from its reports: one grouped count of its settled reports, then its counters replaced (the
 * old removed) and its marker written. For data written without the steps (the demo's seed, a migration, fixtures).
 */
export async function rebuildReportTotals(store: Store, villageId: string): Promise<void> {
  const groups = await store.totals('reports', { villageId, status: { $in: SETTLED_STATUSES } }, ['gridId', 'status', 'category'], REPORT_SUM_SPECS)
  await store.remove('reportTotals', { villageId })
  const docs: ReportTotal[] = groups.map(({ key: [gridId, status, category], totals }) => {
    const r = { villageId, gridId: gridId === null ? null : String(gridId), status: status as ReportStatus, category: String(category) }
    return { _id: keyOf(r), villageId, gridId: r.gridId ?? NO_GRID, status: r.status, category: r.category, ...zero(), ...totals }
  })
  docs.push({ _id: markerId(villageId), villageId, gridId: MARKER_GRID, status: BUILT, category: '', ...zero() })
  for (let i = 0; i < docs.length; i += INSERT_MANY) {
    await store.insertMany('reportTotals', docs.slice(i, i + INSERT_MANY))
  }
}
