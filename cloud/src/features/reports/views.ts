/** What the report actions answer: the due clock and a report's summary (lists, queues, the map). */
import type { ReportDue, ReportSummary } from './contract'
import type { Report } from './documents'
import { OPEN_STATUSES } from './documents'

/** An open report's clock: to accept until accepted, then to resolve; overdue once past it. Null when closed. */
export function dueOf(r: Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt'>, now: number): ReportDue | null {
  if (!OPEN_STATUSES.includes(r.status)) return null
  if (r.status === 'reported') return { kind: 'accept', at: r.acceptDueAt, overdue: now > r.acceptDueAt }
  if (r.resolveDueAt === null) return null
  return { kind: 'resolve', at: r.resolveDueAt, overdue: now > r.resolveDueAt }
}

export const isOverdue = (r: Pick<Report, 'status' | 'acceptDueAt' | 'resolveDueAt'>, now: number): boolean => dueOf(r, now)?.overdue ?? false

export function reportSummary(r: Report, gridNames: ReadonlyMap<string, string>, urls: Readonly<Record<string, string>>, now: number, distance: number | null = null): ReportSummary {
  return {
    id: r._id,
    category: r.category,
    excerpt: r.text.length > 60 ? `${r.text.slice(0, 60)}…` : r.text,
    status: r.status,
    place: r.place,
    gridId: r.gridId,
    gridName: r.gridId ? (gridNames.get(r.gridId) ?? null) : null,
    level: r.level,
    createdAt: r.createdAt,
    due: dueOf(r, now),
    metoo: r.metoo,
    thumb: r.photos[0] ? (urls[r.photos[0]] ?? null) : null,
    distance,
  }
}

/**
 * Open reports first, the most overdue (furthest past its due) first, then the newest; closed ones after,
 * newest first: the grid worker's queue order.
 */
export function queueOrder(now: number) {
  return (a: Report, b: Report): number => {
    const [da, db] = [dueOf(a, now), dueOf(b, now)]
    if (Boolean(da) !== Boolean(db)) return da ? -1 : 1
    const [oa, ob] = [da?.overdue ? now - da.at : -1, db?.overdue ? now - db.at : -1]
    return ob - oa || b.createdAt - a.createdAt
  }
}
