/**
 * The pure arithmetic behind the figures, the export and the clusters: when a report was accepted and resolved,
 * whether it ran late, a village's ReportFigures from its grouped counts, and which reports cluster (one category, one
 * place). No store.
 */
import type { ReportFigures } from './contract'
import type { Report, ReportStatus } from './documents'
import { acceptedAt, OPEN_STATUSES, REPORT_STATUS_LABELS, resolvedAt } from './documents'
import { overdueOf } from '../account/figures'
import { metres } from './routing'
import { isOverdue } from './views'

const HOUR = 3_600_000
const DAY = 24 * HOUR
/** how the map's list and the export name reports no grid contains */
export const UNROUTED = '未划分网格'

/** hours and days are shown to one decimal (2.5 小时, 1.3 天), rounded once, at the end */
const tenth = (x: number) => Math.round(x * 10) / 10


const hoursToAccept = (r: Report) => {
  const at = acceptedAt(r)
  return at === null ? null : (at - r.createdAt) / HOUR
}
const daysToResolve = (r: Report) => {
  const at = resolvedAt(r)
  return at === null ? null : (at - r.createdAt) / DAY
}

/** hours from the report to its acceptance, one decimal; null until accepted */
export function acceptHours(r: Report): number | null {
  const h = hoursToAccept(r)
  return h === null ? null : tenth(h)
}

/** days from the report to its resolution, one decimal; null unless resolved */
export function resolveDays(r: Report): number | null {
  const d = daysToResolve(r)
  return d === null ? null : tenth(d)
}

/**
 * Late at any point, not only now: overdue now, escalated by the job, accepted after its deadline to accept or
 * resolved after its deadline to resolve (a closed report handled late stays late in the town's reporting).
 */
export function wasLate(r: Report, now: number): boolean {
  if (isOverdue(r, now) || r.escalatedAt !== null) return true
  const accepted = acceptedAt(r)
  const resolved = resolvedAt(r)
  return (accepted !== null && accepted > r.acceptDueAt) || (resolved !== null && r.resolveDueAt !== null && resolved > r.resolveDueAt)
}

const STATUSES = Object.keys(REPORT_STATUS_LABELS) as ReportStatus[]

/** one state's reports of a village, as Store.totals counts them (times in ms, summed over those that have one) */
export interface StatusTotals {
  status: ReportStatus
  n: number
  lateToAccept: number
  lateToResolve: number
  accepted: number
  acceptTook: number
  resolved: number
  resolveTook: number
  rated: number
  rating: number
}

/** one category's reports of a village, as Store.totals counts them */
export interface CategoryTotals {
  category: string
  n: number
  open: number
  lateToAccept: number
  lateToResolve: number
}

const sumOf = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((a, x) => a + f(x), 0)
const meanOf = (total: number, n: number) => (n ? tenth(total / n) : null)

/**
 * A village's figures from its grouped counts. `categories` are the village's own, in its order (each listed even
 * with none); a category a report still carries after the village dropped it follows them.
 */
export function figuresFrom(statuses: readonly StatusTotals[], byCategory: readonly CategoryTotals[], categories: readonly string[]): ReportFigures {
  const names = [...categories, ...byCategory.map((c) => c.category).filter((c) => !categories.includes(c)).sort()]
  const of = (s: ReportStatus) => statuses.find((t) => t.status === s)?.n ?? 0
  const rated = sumOf(statuses, (t) => t.rated)
  return {
    total: sumOf(statuses, (t) => t.n),
    open: sumOf(OPEN_STATUSES, of),
    overdue: sumOf(statuses, overdueOf),
    byStatus: Object.fromEntries(STATUSES.map((s) => [s, of(s)])) as Record<ReportStatus, number>,
    byCategory: names.map((category) => {
      const c = byCategory.find((x) => x.category === category)
      return { category, total: c?.n ?? 0, open: c?.open ?? 0, overdue: c ? overdueOf(c) : 0 }
    }),
    avgAcceptHours: meanOf(sumOf(statuses, (t) => t.acceptTook) / HOUR, sumOf(statuses, (t) => t.accepted)),
    avgResolveDays: meanOf(sumOf(statuses, (t) => t.resolveTook) / DAY, sumOf(statuses, (t) => t.resolved)),
    satisfaction: { count: rated, average: meanOf(sumOf(statuses, (t) => t.rating), rated) },
  }
}

export const CLUSTER_METRES = 200
export const CLUSTER_WINDOW = 28 * DAY
export const CLUSTER_MIN = 3

/** may join a cluster: open or resolved (not rejected), filed within the window, not yet turned into a topic */
export function clusterCandidate(r: Report, now: number): boolean {
  return r.status !== 'rejected' && r.createdAt >= now - CLUSTER_WINDOW && r.topicId === null
}

/**
 * Reports of one category that cluster: with points, a chain of reports each within 200 m of another of the group
 * (so a road section reads as one place); without, the same grid. Groups of at least three, largest first.
 */
export function clustersOf(candidates: Report[]): Report[][] {
  const groups: Report[][] = []
  for (const category of new Set(candidates.map((r) => r.category))) {
    const of = candidates.filter((r) => r.category === category)
    const pointed = of.filter((r) => r.place.point)
    // single linkage: union the reports within 200 m of each other
    const parent = pointed.map((_, i) => i)
    const root = (i: number): number => (parent[i] === i ? i : (parent[i] = root(parent[i])))
    for (let i = 0; i < pointed.length; i++) {
      for (let j = i + 1; j < pointed.length; j++) {
        if (metres(pointed[i].place.point!, pointed[j].place.point!) <= CLUSTER_METRES) parent[root(i)] = root(j)
      }
    }
    const near = new Map<number, Report[]>()
    pointed.forEach((r, i) => near.set(root(i), [...(near.get(root(i)) ?? []), r]))
    const byGrid = new Map<string, Report[]>()
    for (const r of of) if (!r.place.point && r.gridId) byGrid.set(r.gridId, [...(byGrid.get(r.gridId) ?? []), r])
    groups.push(...[...near.values(), ...byGrid.values()].filter((g) => g.length >= CLUSTER_MIN))
  }
  const newest = (g: Report[]) => Math.max(...g.map((r) => r.createdAt))
  return groups.map((g) => [...g].sort((a, b) => b.createdAt - a.createdAt)).sort((a, b) => b.length - a.length || newest(b) - newest(a))
}

/**
 * Where a cluster is, as a person says it: the part of the address its reports share (新山村东一巷12号旁 and
 * 新山村东一巷3号 → 新山村东一巷一带), else their grid, else the newest one's address.
 */
export function whereOf(group: Report[], gridNames: ReadonlyMap<string, string>, villageName: string): string {
  const addresses = group.map((r) => r.place.address)
  let shared = addresses.reduce((p, a) => {
    let n = 0
    while (n < p.length && n < a.length && p[n] === a[n]) n++
    return p.slice(0, n)
  })
  shared = shared.replace(/[\d０-９\s,，、(（-]+$/u, '')
  if (shared.length >= 2 && shared !== villageName) return `${shared}一带`
  const grids = new Set(group.map((r) => r.gridId))
  const grid = grids.size === 1 ? gridNames.get([...grids][0] ?? '') : undefined
  return grid ?? `${addresses[0]}附近`
}
