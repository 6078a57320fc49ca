/**
 * What the reports add up to, through the router (T0 = 2026-11-26 10:00 Beijing): the village's figures (exact
 * counts and means), the town's view of its villages, the CSV, 民情地图's data, the clusters, and a cluster
 * turned into a draft topic (topics.fromReports). Each test clears the demo's reports and writes its own, so
 * every number here comes from the fixture below, not from the seed.
 */
import { apiPerTest, csvExport, expectRefused, T0 } from './harness'
import { addFixtures } from './samples'
import type { LngLat, Report, ReportEvent } from '../../cloud/src/contract'
import { newReport } from '../../cloud/src/features/reports/documents'
import { rebuildReportTotals } from '../../cloud/src/features/reports/totals'
import { runJobs } from '../../cloud/src/jobs'

const X = 'v-xinshan'
const V = 'v-dongwei' // 联安镇 too
const W = 'v-wukan' // 东海街道
const HOUR = 3_600_000
const DAY = 24 * HOUR
const G1 = `${X}:g1`
const G2 = `${X}:g2`
const G3 = `${X}:g3`
const P = {
  committee: 'demo-linzhiqiang',
  town: 'demo-caiguohua',
  resident: 'demo-linshuisheng',
  gridWorker: 'demo-huangweiming', // 第一、二网格
  grid1: 'matrix-grid1', // 第一网格 only (samples' fixture)
  grid3: 'matrix-grid3',
  otherTown: 'matrix-town-donghai',
  hallStaff: 'demo-zhangxiuying',
}

const api = apiPerTest()
const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)

type Step = [hoursAfterReport: number, action: ReportEvent['action']]
interface Spec extends Partial<Report> {
  /** hours before T0 it was reported */
  ago: number
  steps?: Step[]
}

/** a report as the handlers leave it: its history from the steps, its clocks from the spec */
function report(key: string, { ago, steps = [], ...over }: Spec): Report {
  const createdAt = T0 - ago * HOUR
  const event = (at: number, action: ReportEvent['action']): ReportEvent => ({ at, action, by: 'p_huangweiming', byName: '黄伟明', role: '网格员', note: null, photos: [] })
  return newReport(
    {
      _id: `${over.villageId ?? X}:rf-${key}`,
      villageId: X,
      gridId: G1,
      category: '环境卫生',
      text: `测试上报${key}：路边堆放了很多垃圾，影响通行。`,
      photos: [],
      place: { address: `新山村东一巷${key}号`, point: null },
      reporterId: 'p_linshuisheng',
      reporterName: '林水生',
      anonymous: false,
      createdAt,
      acceptDueAt: createdAt + 24 * HOUR,
      history: [event(createdAt, 'report'), ...steps.map(([h, action]) => event(createdAt + h * HOUR, action))],
    },
    { updatedAt: createdAt + Math.max(0, ...steps.map((s) => s[0])) * HOUR, ...over },
  )
}

/** clears every report of these villages, then stores these */
async function only(...reports: Report[]) {
  const { store } = api.ports
  for (const villageId of [X, V, W]) await store.remove('reports', { villageId })
  for (const r of reports) await store.insert('reports', r)
  // written directly, not by the steps: counted as the seed and the migration count them
  for (const villageId of [X, V, W]) await rebuildReportTotals(store, villageId)
}

/** the village's own categories, in its order */
async function categories(villageId: string, names: string[]) {
  const { store } = api.ports
  await store.remove('reportSettings', { villageId })
  await store.insert('reportSettings', { _id: villageId, villageId, categories: names.map((name) => ({ name, acceptHours: 24, resolveDays: 3 })), autoConfirmDays: 7, updatedAt: null, updatedByName: null })
}

/**
 * 新山村: 10 reports. Open: A, B (overdue to accept), I (a category the village dropped), C, D (overdue to resolve).
 * Accepted after 3, 5, 1, 6 (late: due at 4), 2 and 2.5 hours: mean 19.5 / 6 = 3.25 → 3.3. Resolved (standing)
 * after 2, 1, 3 (G, resolved again after being reopened) and 1 days: mean 7 / 4 = 1.75 → 1.8. Ratings 5, 2, 4:
 * 11 / 3 → 3.7. G is in 第二网格, H in 第三网格, the rest in 第一网格.
 */
const VILLAGE = () => [
  report('A', { ago: 2 }),
  report('B', { ago: 30, acceptDueAt: T0 - 6 * HOUR, anonymous: true }),
  report('I', { ago: 1, category: '违章搭建' }),
  report('C', { ago: 48, category: '道路设施', status: 'accepted', steps: [[3, 'accept']], resolveDueAt: T0 + 5 * DAY }),
  report('D', { ago: 72, category: '道路设施', status: 'inProgress', steps: [[5, 'accept'], [6, 'start']], resolveDueAt: T0 - DAY }),
  report('E', { ago: 96, category: '噪音', status: 'resolved', steps: [[1, 'accept'], [48, 'resolve']], resolveDueAt: T0 + DAY, autoConfirmAt: T0 + 5 * DAY }),
  report('F', { ago: 240, status: 'confirmed', steps: [[6, 'accept'], [24, 'resolve'], [30, 'confirm']], acceptDueAt: T0 - 236 * HOUR, resolveDueAt: T0 - 200 * HOUR, rating: 5 }),
  report('G', {
    ago: 288,
    gridId: G2,
    status: 'confirmed',
    steps: [[2, 'accept'], [24, 'resolve'], [30, 'reopen'], [72, 'resolve'], [80, 'confirm']],
    resolveDueAt: T0 - 200 * HOUR,
    reopened: 1,
    rating: 2,
  }),
  report('H', { ago: 72, gridId: G3, category: '其他', status: 'rejected', steps: [[2, 'reject']] }),
  report('J', { ago: 480, status: 'confirmed', steps: [[2.5, 'accept'], [24, 'resolve'], [26, 'confirm']], resolveDueAt: T0 - 400 * HOUR, rating: 4 }),
]
const CATEGORIES = ['环境卫生', '道路设施', '噪音', '安全隐患', '其他']

const figures = (openid: string) => api.as(openid).call('reports.figures', { villageId: X })

describe('the village’s figures', () => {
  beforeEach(async () => {
    await addFixtures(api)
    await only(...VILLAGE())
    await categories(X, CATEGORIES)
  })

  test('by state and category (the village’s order, then a dropped one), overdue, mean times and satisfaction, exactly', async () => {
    const f = await figures(P.committee)
    expect(f).toEqual({
      total: 10,
      open: 5,
      overdue: 2,
      byStatus: { reported: 3, accepted: 1, inProgress: 1, resolved: 1, confirmed: 3, rejected: 1 },
      byCategory: [
        { category: '环境卫生', total: 5, open: 2, overdue: 1 },
        { category: '道路设施', total: 2, open: 2, overdue: 1 },
        { category: '噪音', total: 1, open: 0, overdue: 0 },
        { category: '安全隐患', total: 0, open: 0, overdue: 0 },
        { category: '其他', total: 1, open: 0, overdue: 0 },
        { category: '违章搭建', total: 1, open: 1, overdue: 0 },
      ],
      avgAcceptHours: 3.3,
      avgResolveDays: 1.8,
      satisfaction: { count: 3, average: 3.7 },
    })
    // the town's officer sees the same village as the committee
    expect(await figures(P.town)).toEqual(f)
  })

  test('a grid worker sees their grids only; nothing in them gives zeros and no means', async () => {
    // 第一网格: all but G and H
    const g1 = await figures(P.grid1)
    expect([g1.total, g1.open, g1.overdue, g1.byStatus.confirmed, g1.byStatus.rejected]).toEqual([8, 5, 2, 2, 0])
    expect([g1.avgAcceptHours, g1.avgResolveDays, g1.satisfaction]).toEqual([3.5, 1.3, { count: 2, average: 4.5 }])
    // 黄伟明 serves 第一 and 第二网格
    expect((await figures(P.gridWorker)).total).toBe(9)
    // 第三网格 has only the rejected one
    const g3 = await figures(P.grid3)
    expect([g3.total, g3.byStatus.rejected, g3.avgAcceptHours, g3.avgResolveDays, g3.satisfaction]).toEqual([1, 1, null, null, { count: 0, average: null }])
  })

  test('residents and hall staff are refused, and nothing is written', async () => {
    await refused(P.resident, 'reports.figures', { villageId: X }, 'FORBIDDEN', '无权限')
    await refused(P.hallStaff, 'reports.figures', { villageId: X }, 'FORBIDDEN', '无权限')
  })
})

describe('the town', () => {
  beforeEach(async () => {
    await addFixtures(api)
    await only(
      ...VILLAGE(),
      // 东尾村: one overdue for two days, one on time; 乌坎村 (another town): one overdue for longer still
      report('K', { villageId: V, gridId: `${V}:g1`, ago: 72, acceptDueAt: T0 - 48 * HOUR, category: '安全隐患' }),
      report('L', { villageId: V, gridId: `${V}:g2`, ago: 3 }),
      report('M', { villageId: W, gridId: `${W}:g1`, ago: 200, acceptDueAt: T0 - 150 * HOUR }),
    )
    await categories(X, CATEGORIES)
  })

  test('every village of the officer’s town with its figures, and every overdue report, most overdue first', async () => {
    const town = await api.as(P.town).call('reports.town', { villageId: X })
    expect([town.townId, town.townName]).toEqual(['t-lianan', '联安镇'])
    expect(town.villages.map((v) => [v.name, v.figures.total, v.figures.open, v.figures.overdue])).toEqual([
      ['东尾村', 2, 2, 1],
      ['新山村', 10, 5, 2],
    ])
    // 东尾村 has no settings of its own: the default categories
    expect(town.villages[0].figures.byCategory.map((c) => c.category)).toEqual(['环境卫生', '安全隐患', '消防', '道路设施', '矛盾纠纷', '噪音', '其他'])
    // K (48 h past), D (24 h past to resolve), B (6 h past); 乌坎村's M is another town's
    expect(town.overdue.map((r) => [r.id, r.villageName, r.due?.kind, r.gridName])).toEqual([
      [`${V}:rf-K`, '东尾村', 'accept', '第一网格'],
      [`${X}:rf-D`, '新山村', 'resolve', '第一网格（村东）'],
      [`${X}:rf-B`, '新山村', 'accept', '第一网格（村东）'],
    ])
    // B is anonymous: nothing in the town's view names its reporter
    expect(JSON.stringify(town)).not.toMatch(/林水生|p_linshuisheng/)
  })

  test('more overdue than the list shows: the 100 most overdue of the town, and the figures count every one', async () => {
    // 东尾村: 101 more late to accept, 10 to 110 hours past; with K (48 h), D (24 h) and B (6 h), 104 overdue
    const late = Array.from({ length: 101 }, (_, i) => report(`late${i}`, { villageId: V, gridId: `${V}:g1`, ago: 150, acceptDueAt: T0 - (10 + i) * HOUR }))
    for (let i = 0; i < late.length; i += 100) await api.ports.store.insertMany('reports', late.slice(i, i + 100))
    const town = await api.as(P.town).call('reports.town', { villageId: X })
    expect(town.villages.map((v) => [v.name, v.figures.overdue])).toEqual([
      ['东尾村', 102],
      ['新山村', 2],
    ])
    // the least overdue four are left out: B (6 h), late0–late2 (10–12 h)
    expect(town.overdue).toHaveLength(100)
    expect([town.overdue[0].id, town.overdue[99].id]).toEqual([`${V}:rf-late100`, `${V}:rf-late3`])
    expect(town.overdue.map((r) => r.id)).toEqual(expect.arrayContaining([`${V}:rf-K`, `${X}:rf-D`]))
    expect(town.overdue.map((r) => r.id)).not.toContain(`${X}:rf-B`)
  })

  test('a town of many villages: more groups than one count may give (1,000) are counted in calls of a few villages each', async () => {
    // 30 more villages in 联安镇, each with an open report in every one of 12 categories and 3 open states: 1,080 groups
    const dongwei = (await api.ports.store.get('villages', V))!
    const extra = Array.from({ length: 30 }, (_, i) => ({ ...dongwei, _id: `v-extra${String(i).padStart(2, '0')}`, name: `测试${i + 1}村` }))
    api.seedDocuments('villages', extra)
    const states = ['reported', 'accepted', 'inProgress'] as const
    const open = extra.flatMap((v) => Array.from({ length: 36 }, (_, k) => report(`${v._id}-${k}`, { _id: `${v._id}:rf-${k}`, villageId: v._id, gridId: null, ago: 1, status: states[k % 3], category: `类别${Math.floor(k / 3)}` })))
    for (let i = 0; i < open.length; i += 100) await api.ports.store.insertMany('reports', open.slice(i, i + 100))
    const town = await api.as(P.town).call('reports.town', { villageId: X })
    expect(town.villages).toHaveLength(32)
    expect(town.villages.filter((v) => v.villageId.startsWith('v-extra')).map((v) => [v.figures.total, v.figures.open])).toEqual(extra.map(() => [36, 36]))
    expect(town.villages.find((v) => v.villageId === X)!.figures.total).toBe(10)
  })

  test('an officer of another town sees theirs; the committee and grid workers are refused', async () => {
    const other = await api.as(P.otherTown).call('reports.town', { villageId: W })
    expect(other.villages.map((v) => v.name)).toEqual(['乌坎村'])
    expect(other.overdue.map((r) => r.id)).toEqual([`${W}:rf-M`])
    await refused(P.committee, 'reports.town', { villageId: X }, 'FORBIDDEN', '无权限')
    await refused(P.gridWorker, 'reports.town', { villageId: X }, 'FORBIDDEN', '无权限')
    // not a member of 新山村 at all
    await refused(P.otherTown, 'reports.town', { villageId: X }, 'NOT_MEMBER', '')
  })
})

describe('the CSV', () => {
  beforeEach(async () => {
    await addFixtures(api)
    await only(...VILLAGE(), report('K', { villageId: V, gridId: `${V}:g1`, ago: 72, acceptDueAt: T0 - 48 * HOUR }), report('M', { villageId: W, gridId: `${W}:g1`, ago: 5 }))
    await categories(X, CATEGORIES)
  })

  const lines = (content: string) => content.replace(/^\uFEFF/, '').trimEnd().split('\r\n')

  test('the village’s: UTF-8 BOM, Chinese headers, one row per report oldest first, late ones marked, no reporter', async () => {
    const csv = await csvExport(api.as(P.committee), 'reports.exportCsv', { villageId: X, scope: 'village' })
    expect(csv.filename).toBe('新山村-随手拍上报-2026-11-26.csv')
    expect(csv.content.startsWith('\uFEFF村（社区）,编号,类别,状态,地点,网格,上报时间,受理期限,办结期限,是否逾期,受理用时（小时）,办结用时（天）,评分,同问\r\n')).toBe(true)
    const rows = lines(csv.content).slice(1)
    expect(csv.rows).toBe(10)
    expect(rows.map((r) => r.split(',')[1])).toEqual(['J', 'G', 'F', 'E', 'D', 'H', 'C', 'B', 'A', 'I'].map((k) => `${X}:rf-${k}`))
    const row = (k: string) => rows.find((r) => r.includes(`rf-${k},`))!.split(',')
    // D: in progress, overdue to resolve; accepted after 5 hours; reported 2026-11-23 10:00
    expect(row('D')).toEqual(['新山村', `${X}:rf-D`, '道路设施', '处理中', '新山村东一巷D号', '第一网格（村东）', '2026-11-23 10:00', '2026-11-24 10:00', '2026-11-25 10:00', '是', '5', '', '', '0'])
    // F: confirmed long ago, but accepted after its 4 hours: late; 1 day to resolve, rated 5
    expect(row('F').slice(3)).toEqual(['已确认', '新山村东一巷F号', '第一网格（村东）', '2026-11-16 10:00', '2026-11-16 14:00', '2026-11-18 02:00', '是', '6', '1', '5', '0'])
    // E: resolved in time, waiting for its reporter; H rejected in 第三网格
    expect(row('E').slice(3, 12)).toEqual(['已办结', '新山村东一巷E号', '第一网格（村东）', '2026-11-22 10:00', '2026-11-23 10:00', '2026-11-27 10:00', '否', '1', '2'])
    expect(row('H').slice(3, 6)).toEqual(['不予受理', '新山村东一巷H号', '第三网格（新村）'])
    // B is anonymous, and no reporter is in the file at all
    expect(csv.content).not.toMatch(/林水生|p_linshuisheng/)
    const entry = (await api.ports.store.find('auditLog', { villageId: X, action: 'reports.export' }))[0]
    expect([entry.actorName, entry.target, entry.reason]).toEqual(['林志强', csv.filename, '10行'])
  })

  test('the town’s, by its officer: every village of the town; the committee may not export the town', async () => {
    const csv = await csvExport(api.as(P.town), 'reports.exportCsv', { villageId: X, scope: 'town' })
    expect(csv.filename).toBe('联安镇-随手拍上报-2026-11-26.csv')
    expect(csv.rows).toBe(11)
    const villages = lines(csv.content).slice(1).map((r) => r.split(',')[0])
    expect(villages).toEqual(['东尾村', ...Array(10).fill('新山村')])
    await refused(P.committee, 'reports.exportCsv', { villageId: X, scope: 'town' }, 'FORBIDDEN', '只有镇街干部可以导出全镇')
    await refused(P.grid1, 'reports.exportCsv', { villageId: X, scope: 'village' }, 'FORBIDDEN', '无权限')
    await refused(P.resident, 'reports.exportCsv', { villageId: X, scope: 'village' }, 'FORBIDDEN', '无权限')
  })
})

describe('民情地图', () => {
  const square = (w: number, s: number): LngLat[] => [
    [w, s],
    [w + 0.005, s],
    [w + 0.005, s + 0.005],
    [w, s + 0.005],
    [w, s],
  ]
  const at = (lng: number, lat: number) => ({ address: '新山村', point: { lng, lat } })

  beforeEach(async () => {
    const { store } = api.ports
    await store.update('grids', { _id: G1 }, { set: { area: square(115.3, 22.9) } })
    await store.update('grids', { _id: G2 }, { set: { area: square(115.305, 22.9) } })
    await store.update('grids', { _id: G3 }, { set: { area: square(115.3, 22.905) } })
    await store.update('halls', { _id: `${X}:hall` }, { set: { point: [115.304, 22.904] } })
    await only(
      report('open', { ago: 2, place: at(115.301, 22.901), anonymous: true, photos: [`local://villages/${X}/photos/20261126/a.jpg`] }),
      report('late', { ago: 30, acceptDueAt: T0 - 6 * HOUR, gridId: G2, place: at(115.306, 22.901) }),
      report('noPoint', { ago: 5, gridId: G3 }),
      report('stray', { ago: 4, gridId: null, place: at(115.4, 22.95) }),
      report('closedLately', { ago: 300, status: 'confirmed', steps: [[2, 'accept'], [24, 'resolve'], [100, 'confirm']], place: at(115.302, 22.902) }),
      report('closedLongAgo', { ago: 1000, status: 'confirmed', steps: [[2, 'accept'], [24, 'resolve'], [100, 'confirm']], place: at(115.303, 22.903) }),
      report('rejectedLately', { ago: 50, status: 'rejected', steps: [[2, 'reject']], place: at(115.304, 22.901) }),
    )
  })

  test('every member sees the grids, the hall, markers with their word and the list by grid (open and closed within 30 days)', async () => {
    const map = await api.as(P.resident).call('reports.map', { villageId: X })
    expect(map.center).toEqual({ lng: 115.305, lat: 22.905 })
    expect(map.grids.map((g) => [g.id, g.name, g.area?.length])).toEqual([
      [G1, '第一网格（村东）', 5],
      [G2, '第二网格（村西）', 5],
      [G3, '第三网格（新村）', 5],
    ])
    expect(map.halls).toEqual([{ id: `${X}:hall`, name: '新山村党群服务中心', point: { lng: 115.304, lat: 22.904 } }])
    const markers = Object.fromEntries(map.markers.map((m) => [m.reportId.replace(`${X}:rf-`, ''), [m.word, m.overdue, m.point.lng]]))
    expect(markers).toEqual({
      late: ['逾期', true, 115.306],
      open: ['已上报', false, 115.301],
      stray: ['已上报', false, 115.4],
      closedLately: ['已确认', false, 115.302],
      rejectedLately: ['不予受理', false, 115.304],
    })
    // the list: each grid in order (queue order within), then what no grid contains; the one without a point too
    expect(map.byGrid.map((g) => [g.gridName, g.reports.map((r) => r.id.replace(`${X}:rf-`, ''))])).toEqual([
      ['第一网格（村东）', ['open', 'rejectedLately', 'closedLately']],
      ['第二网格（村西）', ['late']],
      ['第三网格（新村）', ['noPoint']],
      ['未划分网格', ['stray']],
    ])
    // the first photo is the thumbnail; the anonymous reporter is named nowhere
    expect(map.byGrid[0].reports[0].thumb).toMatch(/a\.jpg/)
    expect(JSON.stringify(map)).not.toMatch(/林水生|p_linshuisheng/)
    expect(map.capped).toBeNull()
  })

  test('more open reports than the map shows: the newest 200 and the closed lately, and it says so', async () => {
    // 201 filed in the last hour, newer than every other open one
    const many = Array.from({ length: 201 }, (_, i) => report(`m${i}`, { ago: 0.5 + i / 1000, place: at(115.301, 22.901) }))
    for (let i = 0; i < many.length; i += 100) await api.ports.store.insertMany('reports', many.slice(i, i + 100))
    const map = await api.as(P.resident).call('reports.map', { villageId: X })
    expect(map.capped).toEqual({ open: 200, closed: 100 })
    const listed = map.byGrid.flatMap((g) => g.reports.map((r) => r.id.replace(`${X}:rf-`, '')))
    expect(listed.sort()).toEqual([...many.slice(0, 200).map((r) => r._id.replace(`${X}:rf-`, '')), 'closedLately', 'rejectedLately'].sort())
    expect(map.markers).toHaveLength(202)
  })

  test('a village without areas is centred on its hall; another village is refused', async () => {
    const { store } = api.ports
    for (const g of [G1, G2, G3]) await store.update('grids', { _id: g }, { set: { area: null } })
    const map = await api.as(P.hallStaff).call('reports.map', { villageId: X })
    expect(map.center).toEqual({ lng: 115.304, lat: 22.904 })
    expect(map.grids.every((g) => g.area === null)).toBe(true)
    await refused('demo-sunli', 'reports.map', { villageId: X }, 'NOT_MEMBER', '')
  })
})

describe('clusters, and a cluster turned into a topic', () => {
  /** along 东一巷 at 22.92 N: 0.0014° of longitude is about 143 m */
  const lane = (dLng: number, address: string) => ({ address, point: { lng: 115.31 + dLng, lat: 22.92 } })
  const near = { address: '新山村村口', point: { lng: 115.33, lat: 22.93 } }
  const K = (key: string) => `${X}:rf-${key}`

  beforeEach(async () => {
    await addFixtures(api)
    await only(
      // a chain along the lane: e1–e3 are 287 m apart, each 143 m from e2; e4 is a kilometre on; e5 is five weeks old
      report('e1', { ago: 20 * 24, place: lane(0, '新山村东一巷3号旁'), status: 'accepted', steps: [[2, 'accept']], resolveDueAt: T0 - DAY }),
      report('e2', { ago: 5 * 24, place: lane(0.0014, '新山村东一巷12号'), status: 'resolved', steps: [[2, 'accept'], [30, 'resolve']], anonymous: true }),
      report('e3', { ago: 3, place: lane(0.0028, '新山村东一巷20号门口') }),
      report('e4', { ago: 10, place: lane(0.01, '新山村东一巷尾') }),
      report('e5', { ago: 35 * 24, place: lane(0.0001, '新山村东一巷5号') }),
      // no points: one grid; r4 is too old
      report('r1', { ago: 2 * 24, category: '道路设施', gridId: G2, place: { address: '村西路口', point: null } }),
      report('r2', { ago: 3 * 24, category: '道路设施', gridId: G2, place: { address: '村西桥头', point: null } }),
      report('r3', { ago: 4 * 24, category: '道路设施', gridId: G2, place: { address: '老祠堂前', point: null } }),
      report('r4', { ago: 35 * 24, category: '道路设施', gridId: G2, place: { address: '村西路口', point: null } }),
      // three at one place, but one is already a topic's / was rejected
      report('n1', { ago: 5, category: '噪音', place: near }),
      report('n2', { ago: 6, category: '噪音', place: near }),
      report('n3', { ago: 7, category: '噪音', place: near, topicId: `${X}:t1` }),
      report('f1', { ago: 5, category: '消防', place: near }),
      report('f2', { ago: 6, category: '消防', place: near }),
      report('f3', { ago: 7, category: '消防', place: near, status: 'rejected', steps: [[1, 'reject']] }),
      report('w1', { villageId: W, gridId: `${W}:g1`, ago: 5 }),
    )
  })

  const clusters = async () => (await api.as(P.committee).call('reports.clusters', { villageId: X })).map((c) => [c.category, c.where, c.reports.map((r) => r.id.replace(`${X}:rf-`, ''))])
  const LANE = ['环境卫生', '新山村东一巷一带', ['e3', 'e2', 'e1']]
  const WEST = ['道路设施', '第二网格（村西）', ['r1', 'r2', 'r3']]

  test('one category, within 200 m of one another (or one grid without points), within 4 weeks, 3 or more, not yet a topic', async () => {
    expect(await clusters()).toEqual([LANE, WEST])
    await refused(P.grid1, 'reports.clusters', { villageId: X }, 'FORBIDDEN', '无权限')
    await refused(P.town, 'reports.clusters', { villageId: X }, 'FORBIDDEN', '无权限')
  })

  const fromReports = (reportIds: string[], title = '东一巷垃圾堆放整治') =>
    api.as(P.committee).call('topics.fromReports', { villageId: X, reportIds, title, question: '是否同意在东一巷口设置垃圾集中投放点？' })

  test('the committee turns one into a draft topic: the reports listed in its background, each linked with a history entry, in one go', async () => {
    const { topic } = await fromReports([K('e3'), K('e1'), K('e2')])
    expect(topic).toMatchObject({ status: 'draft', title: '东一巷垃圾堆放整治', kind: 'yesno', mode: 'person', createdByName: '林志强' })
    // oldest first; e2 is anonymous and nothing names any reporter
    expect(topic.background).toBe(
      [
        '本议题由3条村民随手拍上报转来：',
        '1. 【环境卫生】新山村东一巷3号旁，2026-11-06：测试上报e1：路边堆放了很多垃圾，影响通行。',
        '2. 【环境卫生】新山村东一巷12号，2026-11-21：测试上报e2：路边堆放了很多垃圾，影响通行。',
        '3. 【环境卫生】新山村东一巷20号门口，2026-11-26：测试上报e3：路边堆放了很多垃圾，影响通行。',
      ].join('\n'),
    )
    expect(topic.opensAt).toBeGreaterThan(T0)
    for (const key of ['e1', 'e2', 'e3']) {
      const r = (await api.ports.store.get('reports', K(key)))!
      expect(r.topicId).toBe(topic._id)
      expect(r.history.at(-1)).toMatchObject({ action: 'linkTopic', by: 'p_linzhiqiang', byName: '林志强', role: '村委会', note: '转为议题「东一巷垃圾堆放整治」', at: T0 })
      // the link is no change of state
      expect(r.status).toBe({ e1: 'accepted', e2: 'resolved', e3: 'reported' }[key])
    }
    const entry = (await api.ports.store.find('auditLog', { villageId: X, action: 'topics.fromReports' }))[0]
    expect([entry.actorName, entry.targetId, entry.target, entry.reason]).toEqual(['林志强', topic._id, '东一巷垃圾堆放整治', '由3条上报转来（环境卫生）'])
    // linked reports cluster no more; the committee finds the draft among its topics
    expect(await clusters()).toEqual([WEST])
    expect((await api.as(P.committee).call('topics.get', { villageId: X, topicId: topic._id })).topic.status).toBe('draft')
  })

  test('a discarded draft gives its reports back: they cluster again and may be turned into a topic anew', async () => {
    const before = await clusters()
    const { topic } = await fromReports([K('e1'), K('e2'), K('e3')])
    expect(await api.as(P.committee).call('topics.discard', { villageId: X, topicId: topic._id })).toEqual({ removed: 1 })
    for (const key of ['e1', 'e2', 'e3']) expect((await api.ports.store.get('reports', K(key)))!.topicId).toBeNull()
    expect(await clusters()).toEqual(before)
    const again = await fromReports([K('e1'), K('e2')], '东一巷垃圾整治（重拟）')
    expect((await api.ports.store.get('reports', K('e2')))!.topicId).toBe(again.topic._id)
  })

  test('refusals write nothing: a report already a topic’s, a rejected one, another village’s, one report twice, fewer than 2, not the committee', async () => {
    const input = (reportIds: string[]) => ({ villageId: X, reportIds, title: '村西道路修缮', question: '是否同意修缮村西道路？' })
    await refused(P.committee, 'topics.fromReports', input([K('r1'), K('n3')]), 'CONFLICT', '已经转为议题')
    await refused(P.committee, 'topics.fromReports', input([K('r1'), K('f3')]), 'CONFLICT', '不予受理，不能转为议题')
    await refused(P.committee, 'topics.fromReports', input([K('r1'), `${W}:rf-w1`]), 'NOT_FOUND', '找不到该上报')
    await refused(P.committee, 'topics.fromReports', input([K('r1'), K('r1')]), 'BAD_INPUT', '请至少选择2条不同的上报')
    await refused(P.committee, 'topics.fromReports', input([K('r1')]), 'BAD_INPUT', '请至少选择2条上报')
    await refused(P.committee, 'topics.fromReports', input(Array.from({ length: 21 }, (_, i) => K(`x${i}`))), 'BAD_INPUT', '一次最多选择20条上报')
    await refused(P.resident, 'topics.fromReports', input([K('r1'), K('r2')]), 'FORBIDDEN', '无权限')
    await refused(P.grid1, 'topics.fromReports', input([K('r1'), K('r2')]), 'FORBIDDEN', '无权限')
    await refused(P.town, 'topics.fromReports', input([K('r1'), K('r2')]), 'FORBIDDEN', '无权限')
  })

  test('two drafts at once sharing a report: one takes the reports, the other is refused and leaves no topic behind', async () => {
    const before = await api.ports.store.count('topics', { villageId: X })
    const results = await Promise.allSettled([fromReports([K('e1'), K('e2')], '东一巷垃圾整治甲'), fromReports([K('e2'), K('e3')], '东一巷垃圾整治乙')])
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value.topic] : []))
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { body: { code: string; message: string } }).body] : []))
    expect(won).toHaveLength(1)
    expect(lost).toEqual([{ code: 'CONFLICT', message: expect.stringMatching(/已经转为议题|刚被转为其他议题/) }])
    expect(await api.ports.store.count('topics', { villageId: X })).toBe(before + 1)
    expect((await api.ports.store.get('reports', K('e2')))!.topicId).toBe(won[0]._id)
    // the loser's other report stays free, with no entry in its history
    const free = won[0].title.endsWith('甲') ? K('e3') : K('e1')
    expect((await api.ports.store.get('reports', free))!.topicId).toBeNull()
    expect((await api.ports.store.get('reports', free))!.history.some((e) => e.action === 'linkTopic')).toBe(false)
    expect(await api.ports.store.count('auditLog', { villageId: X, action: 'topics.fromReports' })).toBe(1)
  })

  const linkOf = async (key: string) => {
    const r = (await api.ports.store.get('reports', K(key)))!
    return { topicId: r.topicId, linking: r.linking, linked: r.history.filter((e) => e.action === 'linkTopic').map((e) => e.note) }
  }
  const FREE = { topicId: null, linking: undefined, linked: [] }

  /** the action with a store whose updates and transactions fail once `writes` says no (the database gone, the process killed) */
  async function failing(writes: (write: 'update' | 'transaction') => boolean, reportIds: string[], title: string) {
    const { ports } = api
    const store = ports.store
    ports.store = new Proxy(store, {
      get(target, prop) {
        const value = Reflect.get(target, prop) as unknown
        if (typeof value !== 'function') return value
        const call = (...a: unknown[]) => (value as (...a: unknown[]) => unknown).apply(target, a)
        return prop === 'update' || prop === 'transaction' ? (...a: unknown[]) => (writes(prop) ? call(...a) : Promise.reject(new Error('killed'))) : call
      },
    })
    try {
      expect(await api.as(P.committee).fail('topics.fromReports', { villageId: X, reportIds, title, question: '是否同意整治？' })).toMatchObject({ code: 'INTERNAL' })
    } finally {
      ports.store = store
      api.internalErrors.length = 0 // expected here
    }
  }

  test('a draft that fails gives its reports back at once', async () => {
    await failing((write) => write === 'update', [K('e1'), K('e2')], '东一巷垃圾整治')
    expect([await linkOf('e1'), await linkOf('e2')]).toEqual([FREE, FREE])
    expect(await api.ports.store.count('topics', { villageId: X, title: '东一巷垃圾整治' })).toBe(0)
  })

  test('a crash past the claim: the job frees the reports of a draft never written, and adds the history entry to those of one written', async () => {
    const { store } = api.ports
    /** the process dies after `lives` more writes of the action, the claim first */
    const dyingAfter = (lives: number, reportIds: string[], title: string) => failing(() => lives-- > 0, reportIds, title)
    await dyingAfter(1, [K('e1'), K('e2')], '东一巷垃圾整治') // before the draft
    await dyingAfter(2, [K('r1'), K('r2')], '村西道路修缮') // after it
    const [draft] = await store.find('topics', { villageId: X, title: '村西道路修缮' })
    expect(await store.count('topics', { villageId: X, title: '东一巷垃圾整治' })).toBe(0)
    expect((await linkOf('e1')).linking).toBeDefined()
    expect(await linkOf('r1')).toMatchObject({ topicId: draft._id, linked: [] })
    // not before the action could have finished
    expect((await runJobs(api.ports)).reportLinksRepaired).toBe(0)
    api.advance(11 * 60_000)
    expect((await runJobs(api.ports)).reportLinksRepaired).toBe(4)
    expect([await linkOf('e1'), await linkOf('e2')]).toEqual([FREE, FREE])
    for (const key of ['r1', 'r2']) expect(await linkOf(key)).toEqual({ topicId: draft._id, linking: undefined, linked: ['转为议题「村西道路修缮」'] })
    expect((await runJobs(api.ports)).reportLinksRepaired).toBe(0)
  })
})
