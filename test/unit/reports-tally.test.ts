/** The arithmetic behind the reports' figures, export and clusters (cloud/src/features/reports/tally.ts). */
import { newReport, tookOf, type Report, type ReportEvent } from '../../cloud/src/features/reports/documents'
import { acceptHours, clustersOf, figuresFrom, resolveDays, wasLate, whereOf } from '../../cloud/src/features/reports/tally'

const HOUR = 3_600_000
const NOW = Date.UTC(2026, 10, 26, 2)
const ev = (at: number, action: ReportEvent['action']): ReportEvent => ({ at, action, by: 'p', byName: '黄伟明', role: '网格员', note: null, photos: [] })

function report(key: string, over: Partial<Report> = {}): Report {
  const createdAt = over.createdAt ?? NOW - 10 * HOUR
  return newReport(
    {
      _id: key,
      villageId: 'v',
      gridId: 'v:g1',
      category: '环境卫生',
      text: '垃圾',
      photos: [],
      place: { address: '新山村', point: null },
      reporterId: 'p',
      reporterName: '陈建国',
      anonymous: false,
      createdAt,
      acceptDueAt: createdAt + 24 * HOUR,
      history: [ev(createdAt, 'report')],
    },
    { updatedAt: createdAt, ...over },
  )
}

describe('times and lateness', () => {
  const t = NOW - 100 * HOUR
  test('accepted once, resolved again after a reopen: the first acceptance and the standing resolution count', () => {
    const r = report('r', { createdAt: t, status: 'confirmed', resolveDueAt: t + 80 * HOUR, history: [ev(t, 'report'), ev(t + 1.25 * HOUR, 'accept'), ev(t + 24 * HOUR, 'resolve'), ev(t + 30 * HOUR, 'reopen'), ev(t + 60 * HOUR, 'resolve'), ev(t + 61 * HOUR, 'accept')] })
    expect([acceptHours(r), resolveDays(r), wasLate(r, NOW)]).toEqual([1.3, 2.5, false])
    // the same times kept on the report for the figures' grouped sums (ms), as newReport derives them from the history
    expect([r.acceptTook, r.resolveTook]).toEqual([1.25 * HOUR, 60 * HOUR])
    expect(tookOf({ ...r, status: 'inProgress' })).toEqual({ acceptTook: 1.25 * HOUR, resolveTook: null })
    expect(report('r', { acceptTook: 7 }).acceptTook).toBe(7)
  })
  test('a reopened report is no longer resolved; one resolved after its deadline stays late once confirmed', () => {
    expect(resolveDays(report('r', { status: 'inProgress', history: [ev(t, 'accept'), ev(t + HOUR, 'resolve'), ev(t + 2 * HOUR, 'reopen')] }))).toBeNull()
    const late = report('r', { createdAt: t, status: 'confirmed', resolveDueAt: t + 24 * HOUR, history: [ev(t + HOUR, 'accept'), ev(t + 30 * HOUR, 'resolve')] })
    expect(wasLate(late, NOW)).toBe(true)
    expect(wasLate({ ...late, resolveDueAt: t + 48 * HOUR }, NOW)).toBe(false)
    expect(wasLate({ ...late, resolveDueAt: t + 48 * HOUR, escalatedAt: t + 2 * HOUR }, NOW)).toBe(true)
  })
  test('no reports: zeros for every state and category, no means', () => {
    const f = figuresFrom([], [], ['环境卫生'])
    expect(f).toEqual({
      total: 0,
      open: 0,
      overdue: 0,
      byStatus: { reported: 0, accepted: 0, inProgress: 0, resolved: 0, confirmed: 0, rejected: 0 },
      byCategory: [{ category: '环境卫生', total: 0, open: 0, overdue: 0 }],
      avgAcceptHours: null,
      avgResolveDays: null,
      satisfaction: { count: 0, average: null },
    })
  })
})

describe('clusters', () => {
  const at = (key: string, dLng: number, address: string, over: Partial<Report> = {}) => report(key, { place: { address, point: { lng: 115.31 + dLng, lat: 22.92 } }, ...over })
  test('200 m is the limit between two reports (0.00195° of longitude ≈ 200 m at 22.92 N)', () => {
    expect(clustersOf([at('a', 0, 'x'), at('b', 0.0019, 'x'), at('c', 0.0038, 'x')]).map((g) => g.length)).toEqual([3])
    expect(clustersOf([at('a', 0, 'x'), at('b', 0.0021, 'x'), at('c', 0.0042, 'x')])).toEqual([])
  })
  test('categories never mix; a report without a point joins only its grid’s others without points', () => {
    expect(clustersOf([at('a', 0, 'x'), at('b', 0, 'x'), at('c', 0, 'x', { category: '噪音' })])).toEqual([])
    expect(clustersOf([at('a', 0, 'x'), at('b', 0, 'x'), report('c')])).toEqual([])
    expect(clustersOf([report('a'), report('b'), report('c'), report('d', { gridId: null }), report('e', { gridId: null }), report('f', { gridId: null })]).map((g) => g.map((r) => r._id))).toEqual([['a', 'b', 'c']])
  })
  test('where: the shared part of the addresses, else the shared grid, else the newest one’s address', () => {
    const grids = new Map([['v:g1', '第一网格']])
    expect(whereOf([report('a', { place: { address: '新山村新村路12号', point: null } }), report('b', { place: { address: '新山村新村路1号旁', point: null } })], grids, '新山村')).toBe('新山村新村路一带')
    expect(whereOf([report('a', { place: { address: '新山村桥头', point: null } }), report('b', { place: { address: '新山村祠堂', point: null } })], grids, '新山村')).toBe('第一网格')
    expect(whereOf([report('a', { place: { address: '桥头', point: null }, gridId: null }), report('b', { place: { address: '祠堂', point: null } })], grids, '新山村')).toBe('桥头附近')
  })
})
