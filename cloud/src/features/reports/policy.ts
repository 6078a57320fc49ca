/**
 * The reports' pure rules: the state machine, who handles a report and who sees its reporter, the due clocks
 * (to accept, to resolve, to confirm automatically) and the village's categories.
 */
import dayjs from 'dayjs'
import { TZ } from '../../common/time'
import type { StateMachine } from '../../common/transition'
import type { Membership } from '../account/documents'
import type { CategorySetting, Report, ReportSettings, ReportStatus } from './documents'
import { DEFAULT_REPORT_SETTINGS, OPEN_STATUSES, REPORT_STATUS_LABELS } from './documents'
import { keepReportTotals } from './totals'

export const HOUR_MS = 3_600_000
export const DAY_MS = 24 * HOUR_MS
/** how an anonymous reporter reads to those who may not see them */
export const ANONYMOUS_NAME = '匿名村民'
export const SYSTEM_NAME = '系统'

export type ReportEventName = 'accept' | 'reject' | 'transfer' | 'start' | 'resolve' | 'confirm' | 'autoConfirm' | 'reopen'

const EVENT_WORDS: Record<ReportEventName, string> = {
  accept: '受理',
  reject: '作不予受理',
  transfer: '转办',
  start: '开始处理',
  resolve: '办结',
  confirm: '确认办结',
  autoConfirm: '确认办结',
  reopen: '重新处理',
}

/**
 * reported -> accepted -> inProgress -> resolved -> confirmed; reported -> rejected; an open report transferred
 * goes back to reported (at its new grid, or the town); resolved -> inProgress when the reporter says it is not fixed.
 * A report may be resolved straight from accepted (a quick fix needs no separate 开始处理).
 */
export const REPORT_MACHINE: StateMachine<'reports', ReportEventName> = {
  collection: 'reports',
  targetType: 'report',
  auditPrefix: 'reports',
  steps: {
    accept: { from: ['reported'], to: 'accepted' },
    reject: { from: ['reported'], to: 'rejected' },
    transfer: { from: ['reported', 'accepted', 'inProgress'], to: 'reported' },
    start: { from: ['accepted'], to: 'inProgress' },
    resolve: { from: ['accepted', 'inProgress'], to: 'resolved' },
    confirm: { from: ['resolved'], to: 'confirmed' },
    autoConfirm: { from: ['resolved'], to: 'confirmed' },
    reopen: { from: ['resolved'], to: 'inProgress' },
  },
  refusal(status: ReportStatus, event: ReportEventName) {
    if ((event === 'confirm' || event === 'reopen') && OPEN_STATUSES.includes(status)) return '该问题还没有办结，办结后才能确认或重新处理'
    if (event === 'start' && status === 'reported') return '请先受理该问题'
    if (event === 'resolve' && status === 'reported') return '请先受理该问题，再办结'
    return `该问题${REPORT_STATUS_LABELS[status]}，不能再${EVENT_WORDS[event]}`
  },
  label: (r) => `随手拍：${r.category}（${r.place.address}）`,
  counted: keepReportTotals,
}

/** the village's categories and days to confirm, or the defaults */
export function settingsOrDefault(s: ReportSettings | null): Pick<ReportSettings, 'categories' | 'autoConfirmDays' | 'updatedAt' | 'updatedByName'> {
  return s ? { categories: s.categories, autoConfirmDays: s.autoConfirmDays, updatedAt: s.updatedAt, updatedByName: s.updatedByName } : DEFAULT_REPORT_SETTINGS
}

/** the category's deadlines (a category the village removed since keeps the defaults of 其他) */
export function categoryOf(categories: readonly CategorySetting[], name: string): CategorySetting {
  return categories.find((c) => c.name === name) ?? categories.find((c) => c.name === '其他') ?? { name, acceptHours: 48, resolveDays: 7 }
}

export const acceptDue = (from: number, c: CategorySetting): number => from + c.acceptHours * HOUR_MS

/** The last instant of a calendar day in Beijing. */
export const endOfDay = (day: string): number => dayjs.tz(day, TZ).endOf('day').valueOf()
/** The first instant of the calendar day of `now` in Beijing. */
export const startOfToday = (now: number): number => dayjs(now).tz(TZ).startOf('day').valueOf()

/** Accepted now with this expected date: the end of that day, but no later than the category's days to resolve. */
export function resolveDue(now: number, expectedDate: string, c: CategorySetting): number {
  return Math.min(endOfDay(expectedDate), now + c.resolveDays * DAY_MS)
}

/** A step that changes what the reporter waits for: the clocks it restarts. */
export const autoConfirmDue = (now: number, days: number): number => now + days * DAY_MS

/** the caller, as far as handling and seeing a report go */
export interface Handler {
  personId: string
  roles: Membership['roles']
  gridIds: string[]
  /** the town officer's town */
  townId: string | null
}
export const handlerOf = (m: Membership): Handler => ({ personId: m.personId, roles: m.roles, gridIds: m.gridIds, townId: m.townId })

const isTownOf = (h: Handler, villageTownId: string) => h.roles.includes('townOfficer') && h.townId === villageTownId
const servesGrid = (h: Handler, gridId: string | null) => h.roles.includes('gridWorker') && gridId !== null && h.gridIds.includes(gridId)

/**
 * Why this caller may not handle (accept, reject, transfer, start, resolve) the report; null when they may:
 * the grid workers of its grid, the committee, the officers of the village's town. Once transferred to the
 * town, only the town and the committee.
 */
export function handlingRefusal(r: Pick<Report, 'gridId' | 'level'>, h: Handler, villageTownId: string, committee: string): string | null {
  const who = `只有本网格的网格员、${committee}或镇街干部可以处理`
  if (h.roles.includes('committee') || isTownOf(h, villageTownId)) return null
  if (r.level === 'town') return h.roles.includes('gridWorker') ? '该问题已转办镇街，由镇街干部处理' : who
  if (servesGrid(h, r.gridId)) return null
  if (h.roles.includes('gridWorker')) return '该问题不在您负责的网格，不能处理'
  return who
}
/** handlingRefusal's yes or no, where no words are said (the committee's word is not needed) */
export const mayHandle = (r: Pick<Report, 'gridId' | 'level'>, h: Handler, villageTownId: string): boolean => handlingRefusal(r, h, villageTownId, '') === null

/** Who may see an anonymous reporter's name: the reporter, the grid workers of its grid, the committee, the town. */
export function seesReporter(r: Pick<Report, 'gridId' | 'reporterId'>, h: Handler, villageTownId: string): boolean {
  return r.reporterId === h.personId || h.roles.includes('committee') || isTownOf(h, villageTownId) || servesGrid(h, r.gridId)
}

/** The word for the role a handler acts in (the history's role column). */
export function roleWord(r: Pick<Report, 'gridId'>, h: Handler, villageTownId: string, committee: string): string {
  if (servesGrid(h, r.gridId)) return '网格员'
  if (h.roles.includes('committee')) return committee
  if (isTownOf(h, villageTownId)) return '镇街干部'
  return '村民'
}

/** The queue's scope for this caller: every report (committee), the town's (town officers), or their grids. */
export type QueueScope = { kind: 'all' } | { kind: 'town' } | { kind: 'grids'; gridIds: string[] }
export function queueScope(h: Handler, villageTownId: string): QueueScope {
  if (h.roles.includes('committee')) return { kind: 'all' }
  if (isTownOf(h, villageTownId)) return { kind: 'town' }
  return { kind: 'grids', gridIds: h.roles.includes('gridWorker') ? h.gridIds : [] }
}
