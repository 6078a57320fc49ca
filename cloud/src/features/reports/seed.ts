/**
 * Demo 随手拍, all relative to now. Every seeded village's grids get an area (GCJ-02 rectangles side by side at the
 * real village's approximate place) and its hall a point; 新山村 (海丰县联安镇, near 115.33, 22.93) has 第二网格（村西）
 * west, 第一网格（村东）east and 第三网格（新村）south of both. 新山村's reports are in every state, written as the
 * actions write them (history, clocks, 同问 marks): reported (one overdue not yet escalated, one anonymous), accepted,
 * in progress, resolved, confirmed with a rating, rejected, transferred to the town, reopened once, and three
 * 环境卫生 reports along 新村路 within three weeks (a cluster, two of them overdue and escalated); 乌坎村 has two.
 * Result photos are left out (a photo needs a stored file). Called after the people are seeded (grids and halls
 * are account's: updated here).
 */
import type { Store } from '../../ports/store'
import type { LngLat } from '../account/documents'
import type { GeoPoint, Report, ReportEvent, ReportMeToo, ReportSettings } from './documents'
import { DEFAULT_REPORT_SETTINGS, newReport } from './documents'
import { acceptDue, ANONYMOUS_NAME, categoryOf, HOUR_MS, SYSTEM_NAME } from './policy'
import { rebuildReportTotals } from './totals'

const X = 'v-xinshan'
const W = 'v-wukan'
const pid = (key: string) => `p_${key}`

/** a rectangle as a closed ring, [lng, lat] */
const rect = (west: number, south: number, east: number, north: number): LngLat[] => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
]

/** 新山村's grids (by their ids) and hall */
export const XINSHAN_AREAS: Record<string, LngLat[]> = {
  [`${X}:g1`]: rect(115.33, 22.928, 115.334, 22.932),
  [`${X}:g2`]: rect(115.326, 22.928, 115.33, 22.932),
  [`${X}:g3`]: rect(115.326, 22.925, 115.334, 22.928),
}
export const XINSHAN_HALL: LngLat = [115.3306, 22.9302]

/** the other villages' approximate middles (GCJ-02); their grids are 400 m squares side by side from there */
const MIDDLES: Record<string, LngLat> = {
  'v-dongwei': [115.352, 22.946],
  'v-wukan': [115.585, 22.868],
  'v-henan': [115.372, 22.783],
  'v-bujin': [115.659, 23.302],
  'v-fengxiang': [115.381, 22.792],
}
/** about 400 m in degrees at these latitudes */
const STEP_LNG = 0.0039
const STEP_LAT = 0.0036

/** named places in 新山村 (GCJ-02) */
const AT = {
  eastLane1: { lng: 115.3312, lat: 22.9305 }, // 东一巷口 (g1)
  eastLane2: { lng: 115.3321, lat: 22.9307 }, // 东一巷中段 (g1)
  eastPond: { lng: 115.3332, lat: 22.9291 }, // 村东水塘 (g1)
  westLane: { lng: 115.3281, lat: 22.9303 }, // 西二巷 (g2)
  westRiver: { lng: 115.3268, lat: 22.9288 }, // 西河堤 (g2)
  newRoad1: { lng: 115.329, lat: 22.9265 }, // 新村路 (g3)
  newRoad2: { lng: 115.3293, lat: 22.9266 },
  newRoad3: { lng: 115.3297, lat: 22.9264 },
  newSquare: { lng: 115.3318, lat: 22.9262 }, // 新村小广场 (g3)
} satisfies Record<string, GeoPoint>

type Who = { id: string; name: string; role: string }
const person = (key: string, name: string, role = '村民'): Who => ({ id: pid(key), name, role })
const HUANG = person('huangweiming', '黄伟明', '网格员')
const LIN_ZQ = person('linzhiqiang', '林志强', '村委会')
const HE = person('hezhi', '何志', '网格员')
const SYSTEM: Who = { id: '', name: SYSTEM_NAME, role: SYSTEM_NAME }
/** a 同问 in the history names nobody (reportMeToos holds who) */
const NEIGHBOUR: Who = { id: '', name: '村民', role: '村民' }

interface Spec {
  key: string
  villageId?: string
  gridId: string
  category: string
  text: string
  address: string
  point: GeoPoint | null
  by: Who
  anonymous?: boolean
  /** hours before now */
  ago: number
  /** what happened after it was reported, in order: [hours before now, action, who, note] */
  steps?: Array<[number, ReportEvent['action'], Who, string | null]>
  /** the fields the steps leave (status and clocks) */
  set: Partial<Report>
}

function reportOf(s: Spec, now: number): Report {
  const villageId = s.villageId ?? X
  const at = now - s.ago * HOUR_MS
  const event = (ago: number, action: ReportEvent['action'], who: Who, note: string | null): ReportEvent => ({
    at: now - ago * HOUR_MS,
    action,
    by: who.id,
    byName: who.id === s.by.id && s.anonymous ? ANONYMOUS_NAME : who.name,
    role: who.role,
    note,
    photos: [],
  })
  return newReport(
    {
      _id: `${villageId}:r-${s.key}`,
      villageId,
      gridId: s.gridId,
      category: s.category,
      text: s.text,
      photos: [],
      place: { address: s.address, point: s.point },
      reporterId: s.by.id,
      reporterName: s.by.name,
      anonymous: s.anonymous ?? false,
      createdAt: at,
      acceptDueAt: acceptDue(at, categoryOf(DEFAULT_REPORT_SETTINGS.categories, s.category)),
      history: [event(s.ago, 'report', s.by, null), ...(s.steps ?? []).map(([ago, action, who, note]) => event(ago, action, who, note))],
    },
    { updatedAt: now - Math.min(s.ago, ...(s.steps ?? []).map((x) => x[0])) * HOUR_MS, ...s.set },
  )
}

const h = (hours: number, now: number) => now - hours * HOUR_MS
const ZHENG = person('zhengzhiyuan', '郑志远')

/** 新山村's and 乌坎村's reports (ids `<village>:r-<key>`) */
function specs(now: number): Spec[] {
  const D = 24
  return [
    {
      key: 'lamp',
      gridId: `${X}:g1`,
      category: '道路设施',
      text: '东一巷中段的路灯坏了好几天，晚上黑漆漆的，老人出门不方便。',
      address: '新山村东一巷中段',
      point: AT.eastLane2,
      by: person('wulihua', '吴丽华'),
      ago: 5,
      set: {},
    },
    {
      key: 'pole',
      gridId: `${X}:g1`,
      category: '安全隐患',
      text: '村东水塘边的电线杆有点倾斜，下雨天怕倒下来，请尽快来看看。',
      address: '新山村村东水塘边',
      point: AT.eastPond,
      by: person('huangdeming', '黄德明'),
      // 安全隐患 is to be accepted within 4 hours: overdue, and not yet escalated (the job's first run does)
      ago: 6,
      steps: [[1, 'metoo', NEIGHBOUR, '同问（共1人）']],
      set: { metoo: 1 },
    },
    {
      key: 'noise',
      gridId: `${X}:g2`,
      category: '噪音',
      text: '西二巷有商户每天晚上十一点后还在用大音箱放音乐，影响休息。',
      address: '新山村西二巷',
      point: AT.westLane,
      by: person('chenxiaohong', '陈小红'),
      anonymous: true,
      ago: 2,
      set: {},
    },
    {
      key: 'manhole',
      gridId: `${X}:g1`,
      category: '道路设施',
      text: '东一巷口的井盖松动，电动车压过去哐当响，怕有人踩空。',
      address: '新山村东一巷口',
      point: AT.eastLane1,
      by: person('linjun', '林俊'),
      ago: 30,
      steps: [[26, 'accept', HUANG, '预计两天内更换井盖']],
      set: { status: 'accepted', resolveDueAt: h(26 - 2 * D, now) },
    },
    {
      key: 'wall',
      gridId: `${X}:g1`,
      category: '其他',
      text: '村东水塘旁的旧围墙有一段塌了，砖头散在路边。',
      address: '新山村村东水塘旁',
      point: { lng: 115.3328, lat: 22.9294 },
      by: ZHENG,
      ago: 3 * D,
      steps: [
        [3 * D - 5, 'accept', HUANG, '预计本周内清理并砌好'],
        [2 * D, 'start', HUANG, '已联系施工队，砖头先清到一边'],
      ],
      set: { status: 'inProgress', resolveDueAt: h(3 * D - 5 - 5 * D, now) },
    },
    {
      key: 'drain',
      gridId: `${X}:g1`,
      category: '环境卫生',
      text: '东一巷排水沟被树叶和泥沙堵住了，一下雨就漫到路面上。',
      address: '新山村东一巷12号旁',
      point: { lng: 115.3316, lat: 22.9304 },
      by: person('liguilan', '李桂兰'),
      ago: 4 * D,
      steps: [
        [4 * D - 3, 'accept', HUANG, '预计两天内疏通'],
        [3 * D, 'start', HUANG, null],
        [2 * D, 'resolve', HUANG, '已组织保洁员疏通排水沟，清出淤泥三车'],
      ],
      set: { status: 'resolved', resolveDueAt: h(4 * D - 3 - 2 * D, now), autoConfirmAt: h(2 * D - 7 * D, now) },
    },
    {
      key: 'bridge',
      gridId: `${X}:g2`,
      category: '道路设施',
      text: '西河堤小桥的栏杆断了一截，小孩上学要经过，很危险。',
      address: '新山村西河堤小桥',
      point: AT.westRiver,
      by: person('chenjianguo', '陈建国'),
      ago: 12 * D,
      steps: [
        [12 * D - 4, 'accept', HUANG, '预计一周内修复'],
        [10 * D, 'start', HUANG, '已订购栏杆'],
        [7 * D, 'resolve', HUANG, '栏杆已焊接修复并刷漆'],
        [6 * D, 'confirm', person('chenjianguo', '陈建国'), '评分5星：修得很结实，谢谢网格员'],
      ],
      set: { status: 'confirmed', resolveDueAt: h(12 * D - 4 - 7 * D, now), rating: 5, ratingNote: '修得很结实，谢谢网格员' },
    },
    {
      key: 'fence',
      gridId: `${X}:g3`,
      category: '矛盾纠纷',
      text: '隔壁在自家宅基地上砌围墙，占了我家门口一块地。',
      address: '新山村新村路6号',
      point: AT.newSquare,
      by: person('huangdeming', '黄德明'),
      ago: 9 * D,
      steps: [[9 * D - 6, 'reject', LIN_ZQ, '属于宅基地权属纠纷，请到党群服务中心调解室申请调解']],
      set: { status: 'rejected' },
    },
    {
      key: 'dike',
      gridId: `${X}:g2`,
      category: '安全隐患',
      text: '西河堤有一段出现裂缝，汛期前需要加固，村里处理不了。',
      address: '新山村西河堤',
      point: { lng: 115.3272, lat: 22.9295 },
      by: person('chenmeiling', '陈美玲'),
      ago: 3,
      steps: [[2, 'transfer', HUANG, '转办至镇街：河堤加固需要水利部门处理']],
      // waiting for the town to accept it, on a new clock from the transfer
      set: { level: 'town', acceptDueAt: h(2 - 4, now) },
    },
    {
      key: 'ditch',
      gridId: `${X}:g1`,
      category: '环境卫生',
      text: '东一巷尾的水沟发臭，夏天蚊子特别多。',
      address: '新山村东一巷尾',
      point: { lng: 115.3329, lat: 22.9308 },
      by: person('linshuisheng', '林水生'),
      ago: 8 * D,
      steps: [
        [8 * D - 2, 'accept', HUANG, '预计三天内清理'],
        [3 * D, 'resolve', HUANG, '已清理水沟垃圾'],
        [D, 'reopen', person('linshuisheng', '林水生'), '只清了表面，沟底还是堵的，照样发臭'],
        [20, 'start', HUANG, '安排挖机清淤'],
      ],
      // reopened: a new clock to resolve it from then (环境卫生: 3 days)
      set: { status: 'inProgress', reopened: 1, resolveDueAt: h(D - 3 * D, now) },
    },
    // 新村路: three 环境卫生 reports within three weeks (a cluster); the two older ones overdue and escalated
    {
      key: 'rubbish1',
      gridId: `${X}:g3`,
      category: '环境卫生',
      text: '新村路边有人乱倒建筑垃圾，堆了一大堆。',
      address: '新山村新村路口',
      point: AT.newRoad1,
      by: person('chenjianguo', '陈建国'),
      ago: 20 * D,
      steps: [
        [19 * D, 'accept', LIN_ZQ, '预计三天内清运'],
        [18 * D, 'metoo', NEIGHBOUR, '同问（共1人）'],
        [16 * D - 1, 'escalate', SYSTEM, '办结时限已过，已上报镇街'],
        [15 * D, 'metoo', NEIGHBOUR, '同问（共2人）'],
      ],
      set: { status: 'accepted', resolveDueAt: h(16 * D, now), escalatedAt: h(16 * D - 1, now), metoo: 2 },
    },
    {
      key: 'rubbish2',
      gridId: `${X}:g3`,
      category: '环境卫生',
      text: '新村路中段又被倒了装修垃圾，还有旧沙发。',
      address: '新山村新村路中段',
      point: AT.newRoad2,
      by: ZHENG,
      ago: 6 * D,
      steps: [
        [5 * D, 'accept', LIN_ZQ, '预计三天内清运'],
        [4 * D, 'start', LIN_ZQ, '已联系环卫车'],
        [2 * D - 1, 'escalate', SYSTEM, '办结时限已过，已上报镇街'],
      ],
      set: { status: 'inProgress', resolveDueAt: h(2 * D, now), escalatedAt: h(2 * D - 1, now) },
    },
    {
      key: 'rubbish3',
      gridId: `${X}:g3`,
      category: '环境卫生',
      text: '新村路靠小广场那头也开始有人倒垃圾了，建议装个监控。',
      address: '新山村新村路东段',
      point: AT.newRoad3,
      by: person('wulihua', '吴丽华'),
      ago: 10,
      set: {},
    },
    // 乌坎村
    {
      key: 'harbour',
      villageId: W,
      gridId: `${W}:g1`,
      category: '环境卫生',
      text: '港口路边的垃圾桶满了几天没人清。',
      address: '乌坎村港口路',
      point: { lng: 115.5835, lat: 22.8685 },
      by: person('sunli', '孙丽'),
      ago: 8,
      set: {},
    },
    {
      key: 'street',
      villageId: W,
      gridId: `${W}:g2`,
      category: '道路设施',
      text: '老街石板路有几块翘起来了，容易绊倒。',
      address: '乌坎村老街16号门前',
      point: { lng: 115.5875, lat: 22.8685 },
      by: person('sunli', '孙丽'),
      ago: 6 * D,
      steps: [
        [6 * D - 3, 'accept', HE, '预计五天内修好'],
        [3 * D, 'resolve', HE, '翘起的石板已重新铺平'],
      ],
      set: { status: 'resolved', resolveDueAt: h(6 * D - 3 - 5 * D, now), autoConfirmAt: h(3 * D - 7 * D, now) },
    },
  ]
}

/** 同问 marks as the histories above say: [report key, person key, hours ago] (none on 吴丽华's 路灯, the matrix's sample for 同问) */
const METOO: Array<[string, string, number]> = [
  ['pole', 'linshuisheng', 1],
  ['rubbish1', 'liguilan', 18 * 24],
  ['rubbish1', 'zhengzhiyuan', 15 * 24],
]

export async function seedReports(store: Store, now: number): Promise<void> {
  // grid areas and hall points
  for (const [gridId, area] of Object.entries(XINSHAN_AREAS)) await store.update('grids', { _id: gridId }, { set: { area } })
  await store.update('halls', { _id: `${X}:hall` }, { set: { point: XINSHAN_HALL } })
  for (const [villageId, [lng, lat]] of Object.entries(MIDDLES)) {
    const grids = await store.find('grids', { villageId }, { sort: [['_id', 'asc']] })
    const west = lng - (grids.length * STEP_LNG) / 2
    for (const [i, g] of grids.entries()) await store.update('grids', { _id: g._id }, { set: { area: rect(west + i * STEP_LNG, lat - STEP_LAT / 2, west + (i + 1) * STEP_LNG, lat + STEP_LAT / 2) } })
    await store.update('halls', { _id: `${villageId}:hall` }, { set: { point: [Number((west + STEP_LNG / 2).toFixed(6)), lat] } })
  }
  // 新山村 added a category of its own (the others keep the defaults)
  const settings: ReportSettings = {
    _id: X,
    villageId: X,
    ...DEFAULT_REPORT_SETTINGS,
    categories: [...DEFAULT_REPORT_SETTINGS.categories, { name: '违章搭建', acceptHours: 24, resolveDays: 10 }],
    updatedAt: now - 30 * 24 * HOUR_MS,
    updatedByName: '林志强',
  }
  await store.insert('reportSettings', settings)
  for (const s of specs(now)) await store.insert('reports', reportOf(s, now))
  for (const [key, person, ago] of METOO) {
    const reportId = `${X}:r-${key}`
    const mark: ReportMeToo = { _id: `${reportId}:${pid(person)}`, villageId: X, reportId, personId: pid(person), at: h(ago, now) }
    await store.insert('reportMeToos', mark)
  }
  // written directly, not by the steps: each village's closed reports counted once (totals.ts)
  for (const v of await store.find('villages', {}, { limit: 1000 })) await rebuildReportTotals(store, v._id)
}
