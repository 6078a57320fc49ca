/** The reports feature's views as the server sends them, for its pages' UI tests (新山村: 陈建国 reports, 黄伟明 handles 第一网格). */
import type { Me, MembershipView, ReportMap, ReportSettingsView, ReportSummary, ReportView } from '@contract'
import { xinshanCommittee } from '../fixtures'

const HOUR = 3_600_000
export const V = 'v-xinshan'

const member = (key: string, name: string, roles: MembershipView['roles'], over: Partial<MembershipView> = {}): MembershipView => ({
  ...xinshanCommittee,
  _id: `${V}:p_${key}`,
  personId: `p_${key}`,
  name,
  roles,
  partyMember: false,
  ...over,
})
export const resident = member('chenjianguo', '陈建国', ['resident', 'householdRep'])
export const gridWorker = member('huangweiming', '黄伟明', ['resident', 'gridWorker'], { gridIds: [`${V}:g1`, `${V}:g2`] })
export const committee = member('linzhiqiang', '林志强', ['resident', 'householdRep', 'committee'])
export const townOfficer = member('caiguohua', '蔡国华', ['townOfficer'], { householdId: null, relation: null, townId: 'lianan' })
export const meAs = (m: MembershipView): Me => ({ person: { _id: m.personId, name: m.name, createdAt: 0 }, memberships: [m], requests: [], unread: 0 })

/** two square grids side by side around (115.3, 22.9) */
export const grids: ReportSettingsView['grids'] = [
  { id: `${V}:g1`, name: '第一网格', area: [[115.3, 22.9], [115.302, 22.9], [115.302, 22.902], [115.3, 22.902], [115.3, 22.9]] },
  { id: `${V}:g2`, name: '第二网格', area: [[115.302, 22.9], [115.304, 22.9], [115.304, 22.902], [115.302, 22.902], [115.302, 22.9]] },
  { id: `${V}:g3`, name: '第三网格', area: null },
]

export const settings: ReportSettingsView = {
  categories: [
    { name: '环境卫生', acceptHours: 24, resolveDays: 3 },
    { name: '道路设施', acceptHours: 24, resolveDays: 7 },
  ],
  autoConfirmDays: 7,
  grids,
  center: { lng: 115.302, lat: 22.901 },
}

export const summary = (over: Partial<ReportSummary> = {}): ReportSummary => ({
  id: `${V}:r1`,
  category: '环境卫生',
  excerpt: '东一巷口有人倒建筑垃圾，堵了半条路',
  status: 'reported',
  place: { address: '东一巷口', point: { lng: 115.301, lat: 22.901 } },
  gridId: `${V}:g1`,
  gridName: '第一网格',
  level: 'grid',
  createdAt: Date.now() - 2 * HOUR,
  due: { kind: 'accept', at: Date.now() + 5 * HOUR + 10 * 60_000, overdue: false },
  metoo: 0,
  thumb: null,
  distance: null,
  ...over,
})

const NO = { accept: false, reject: false, transfer: false, start: false, resolve: false, confirm: false, reopen: false, metoo: false }
export const view = (over: Partial<ReportView> = {}, can: Partial<ReportView['can']> = {}): ReportView => ({
  ...summary(),
  villageId: V,
  text: '东一巷口有人倒建筑垃圾，堵了半条路，晚上骑车容易撞上。',
  photos: ['f1'],
  resultPhotos: [],
  photoUrls: { f1: '/files/f1.jpg' },
  reporterName: '陈建国',
  anonymous: false,
  mine: false,
  metooByMe: false,
  acceptDueAt: Date.now() + 5 * HOUR,
  resolveDueAt: null,
  autoConfirmAt: null,
  escalatedAt: null,
  rating: null,
  ratingNote: null,
  reopened: 0,
  topicId: null,
  history: [{ at: Date.now() - 2 * HOUR, action: 'report', by: 'p_chenjianguo', byName: '陈建国', role: '村民', note: null, photos: ['f1'] }],
  ...over,
  can: { ...NO, ...can },
})

export const reportMap: ReportMap = {
  center: settings.center,
  grids,
  halls: [{ id: `${V}:hall`, name: '新山村党群服务中心', point: { lng: 115.3015, lat: 22.9005 } }],
  markers: [
    { reportId: `${V}:r1`, category: '环境卫生', status: 'reported', word: '已上报', point: { lng: 115.301, lat: 22.901 }, overdue: false },
    { reportId: `${V}:r2`, category: '道路设施', status: 'accepted', word: '逾期', point: { lng: 115.303, lat: 22.9012 }, overdue: true },
  ],
  byGrid: [
    { gridId: `${V}:g1`, gridName: '第一网格', reports: [summary()] },
    { gridId: `${V}:g2`, gridName: '第二网格', reports: [summary({ id: `${V}:r2`, category: '道路设施', excerpt: '新村路路灯坏了三盏', status: 'accepted', gridId: `${V}:g2`, gridName: '第二网格', due: { kind: 'resolve', at: Date.now() - 50 * HOUR, overdue: true } })] },
  ],
  capped: null,
}
