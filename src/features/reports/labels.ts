/** Words and colours the report pages share: who handles reports, the due clock, a state's tone and its colour on the map. */
import type { MembershipView, ReportDue, ReportStatus } from '@contract'

/** grid workers, the committee and the town's officers see queues, the map and the figures (the server decides per report) */
export const handlesReports = (m: MembershipView): boolean => m.roles.some((r) => r === 'gridWorker' || r === 'committee' || r === 'townOfficer')
export const isCommittee = (m: MembershipView): boolean => m.roles.includes('committee')
export const isTownOfficer = (m: MembershipView): boolean => m.roles.includes('townOfficer')

const HOUR = 3_600_000

/** 还剩5小时 / 还剩3天 / 还剩20分钟; 已逾期2小时 / 已逾期3天 */
export function dueSpan(due: Pick<ReportDue, 'at' | 'overdue'>, now = Date.now()): string {
  const ms = Math.abs(due.at - now)
  const span = ms < HOUR ? `${Math.max(1, Math.ceil(ms / 60_000))}分钟` : ms < 48 * HOUR ? `${Math.floor(ms / HOUR)}小时` : `${Math.floor(ms / (24 * HOUR))}天`
  return due.overdue || due.at <= now ? `已逾期${span}` : `还剩${span}`
}

/** 受理期限：还剩5小时 / 办结期限：已逾期3天 */
export const dueText = (due: ReportDue, now = Date.now()): string => `${due.kind === 'accept' ? '受理期限' : '办结期限'}：${dueSpan(due, now)}`

export const STATUS_TONE: Record<ReportStatus, 'default' | 'red' | 'green' | 'gold' | 'grey'> = {
  reported: 'gold',
  accepted: 'default',
  inProgress: 'default',
  resolved: 'green',
  confirmed: 'grey',
  rejected: 'grey',
}

/** a marker's colour on the map (and in the SVG): overdue red before anything else */
export const STATUS_COLOUR: Record<ReportStatus, string> = {
  reported: '#e08a00',
  accepted: '#1565c0',
  inProgress: '#1565c0',
  resolved: '#2e7d32',
  confirmed: '#8d8d8d',
  rejected: '#8d8d8d',
}
export const OVERDUE_COLOUR = '#c62828'
export const markerColour = (m: { status: ReportStatus; overdue: boolean }): string => (m.overdue ? OVERDUE_COLOUR : STATUS_COLOUR[m.status])

/** the map's legend: one colour per word */
export const LEGEND: Array<{ word: string; colour: string }> = [
  { word: '已上报', colour: STATUS_COLOUR.reported },
  { word: '受理/处理中', colour: STATUS_COLOUR.inProgress },
  { word: '已办结', colour: STATUS_COLOUR.resolved },
  { word: '已确认/不予受理', colour: STATUS_COLOUR.confirmed },
  { word: '逾期', colour: OVERDUE_COLOUR },
]

/** 120米 / 1.2公里 */
export const distanceText = (m: number): string => (m < 1000 ? `${Math.round(m)}米` : `${(m / 1000).toFixed(1)}公里`)
