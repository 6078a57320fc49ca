/** The 编辑服务 form as the person types it (numbers as text), and the service input it becomes. */
import type { BookingService, InputOf, ServiceKind, Weekday } from '@contract'

export interface RuleForm {
  weekdays: Weekday[]
  start: string
  end: string
  /** '' = one slot from start to end */
  step: string
  capacity: string
  label: string
}
export interface ExceptionForm {
  date: string
  closed: boolean
  /** '' = the pattern's */
  capacity: string
  reason: string
}
export interface ServiceForm {
  kind: ServiceKind | null
  name: string
  description: string
  rules: RuleForm[]
  exceptions: ExceptionForm[]
  windowDays: string
  cutoffMinutes: string
  /** '' = no age condition */
  minAge: string
  householdIds: string[]
  note: string
  perPersonLimit: string
  priceNote: string
  active: boolean
}

export const newRule = (): RuleForm => ({ weekdays: [1, 2, 3, 4, 5], start: '09:00', end: '11:00', step: '', capacity: '10', label: '' })
export const newException = (date: string): ExceptionForm => ({ date, closed: true, capacity: '', reason: '' })

const str = (n: number | null) => (n === null ? '' : String(n))

export function formOf(s: BookingService | null): ServiceForm {
  if (!s) {
    return { kind: null, name: '', description: '', rules: [newRule()], exceptions: [], windowDays: '7', cutoffMinutes: '60', minAge: '', householdIds: [], note: '', perPersonLimit: '3', priceNote: '', active: true }
  }
  return {
    kind: s.kind,
    name: s.name,
    description: s.description,
    rules: s.rules.map((r) => ({ weekdays: [...r.weekdays], start: r.start, end: r.end, step: str(r.stepMinutes), capacity: String(r.capacity), label: r.label ?? '' })),
    exceptions: s.exceptions.map((e) => ({ date: e.date, closed: e.closed, capacity: str(e.capacity), reason: e.reason })),
    windowDays: String(s.windowDays),
    cutoffMinutes: String(s.cutoffMinutes),
    minAge: str(s.eligibility.minAge),
    householdIds: [...s.eligibility.householdIds],
    note: s.eligibility.note ?? '',
    perPersonLimit: String(s.perPersonLimit),
    priceNote: s.priceNote ?? '',
    active: s.active,
  }
}

/** typed text -> a number; empty -> undefined, so the server answers 请填写… for a required one */
const num = (t: string): number => (t.trim() === '' ? (undefined as unknown as number) : Number(t.trim()))
const numOrNull = (t: string): number | null => (t.trim() === '' ? null : Number(t.trim()))
const textOrNull = (t: string): string | null => t.trim() || null

export function inputOf(f: ServiceForm, ids: { villageId: string; hallId: string; serviceId?: string }): InputOf<'booking.saveService'> {
  return {
    ...ids,
    kind: f.kind as ServiceKind,
    name: f.name,
    description: f.description,
    rules: f.rules.map((r) => ({ weekdays: [...r.weekdays].sort(), start: r.start, end: r.end, stepMinutes: numOrNull(r.step), capacity: num(r.capacity), label: textOrNull(r.label) })),
    exceptions: [...f.exceptions].sort((a, b) => a.date.localeCompare(b.date)).map((e) => ({ date: e.date, closed: e.closed, capacity: e.closed ? null : numOrNull(e.capacity), reason: e.reason })),
    windowDays: num(f.windowDays),
    cutoffMinutes: num(f.cutoffMinutes),
    eligibility: { minAge: numOrNull(f.minAge), householdIds: f.householdIds, note: textOrNull(f.note) },
    perPersonLimit: num(f.perPersonLimit),
    priceNote: textOrNull(f.priceNote),
    active: f.active,
  }
}

/** What is plainly missing, by the server's field keys, before sending (the server checks the rest). */
export function localChecks(f: ServiceForm): Record<string, string> {
  const out: Record<string, string> = {}
  if (!f.kind) out.kind = '请选择服务类型'
  if (!f.name.trim()) out.name = '请填写服务名称'
  if (!f.rules.length) out.rules = '请至少设置一个时段'
  f.rules.forEach((r, i) => {
    if (!r.weekdays.length) out[`rules.${i}.weekdays`] = '请选择星期'
    if (r.end <= r.start) out[`rules.${i}.end`] = '结束时间应晚于开始时间'
  })
  f.exceptions.forEach((e, i) => {
    if (!e.reason.trim()) out[`exceptions.${i}.reason`] = '请填写原因'
  })
  return out
}
