/**
 * The booking domain without a store: which slots a service's weekly pattern gives on a day, when a
 * slot may be booked, cancelled and checked in, and who is eligible. Days and clock times are
 * Asia/Shanghai (dayjs with its time-zone plugin, set up in common/time.ts).
 */
import dayjs from 'dayjs'
import { shanghaiDay, shanghaiDayPlus, TZ } from '../../common/time'
import type { BookingService, Eligibility, ServiceException, Slot, SlotRule, Weekday } from './documents'
import { WEEKDAY_LABELS } from './documents'

/** A slot as the pattern gives it (before anyone books it). */
export type SlotSpec = Omit<Slot, 'booked' | 'waitlist' | 'closed'>

/** minutes after midnight of HH:mm */
const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))
const hhmm = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** The instant of a Beijing day and clock time. */
export function instantOf(date: string, time: string): number {
  return dayjs.tz(`${date} ${time}`, TZ).valueOf()
}

/** ISO weekday of a YYYY-MM-DD (1 = Monday). */
export function weekdayOf(date: string): Weekday {
  const d = dayjs.tz(`${date} 12:00`, TZ).day()
  return (d === 0 ? 7 : d) as Weekday
}
export const weekdayLabel = (date: string): string => WEEKDAY_LABELS[weekdayOf(date)]

export const slotIdOf = (serviceId: string, date: string, start: string): string => `${serviceId}@${date}@${start}`

/** Parses a slot id back to its parts; null when it is not one. */
export function parseSlotId(slotId: string): { serviceId: string; date: string; start: string } | null {
  const m = /^(.+)@(\d{4}-\d{2}-\d{2})@(\d{2}:\d{2})$/.exec(slotId)
  return m ? { serviceId: m[1], date: m[2], start: m[3] } : null
}

/** The start–end pairs a rule gives in a day: one, or back-to-back steps that fit before its end. */
function ruleTimes(rule: SlotRule): Array<[string, string]> {
  const from = minutes(rule.start)
  const to = minutes(rule.end)
  if (!rule.stepMinutes) return [[rule.start, rule.end]]
  const out: Array<[string, string]> = []
  for (let m = from; m + rule.stepMinutes <= to; m += rule.stepMinutes) out.push([hhmm(m), hhmm(m + rule.stepMinutes)])
  return out
}

export const exceptionOn = (service: Pick<BookingService, 'exceptions'>, date: string): ServiceException | null =>
  service.exceptions.find((e) => e.date === date) ?? null

/** The slots a service's pattern gives on a day, in time order; none on a closed day. */
export function slotsOn(service: BookingService, date: string): SlotSpec[] {
  const exception = exceptionOn(service, date)
  if (exception?.closed) return []
  const wd = weekdayOf(date)
  const specs: SlotSpec[] = []
  for (const rule of service.rules) {
    if (!rule.weekdays.includes(wd)) continue
    for (const [start, end] of ruleTimes(rule)) {
      specs.push({
        _id: slotIdOf(service._id, date, start),
        villageId: service.villageId,
        hallId: service.hallId,
        serviceId: service._id,
        date,
        start,
        end,
        startsAt: instantOf(date, start),
        endsAt: instantOf(date, end),
        capacity: exception && exception.capacity !== null ? exception.capacity : rule.capacity,
        label: rule.label,
      })
    }
  }
  // two rules giving the same start: the first one wins (ids are per start)
  const seen = new Set<string>()
  return specs.sort((a, b) => a.startsAt - b.startsAt).filter((s) => (seen.has(s._id) ? false : (seen.add(s._id), true)))
}

/** The days a service may be booked on from now: today and its window's days after. */
export function windowDays(service: Pick<BookingService, 'windowDays'>, now: number): string[] {
  return Array.from({ length: service.windowDays + 1 }, (_, i) => shanghaiDayPlus(now, i))
}

/** The slot of a service with this id as its pattern gives it (null: the pattern has no such slot). */
export function specOf(service: BookingService, slotId: string): SlotSpec | null {
  const parts = parseSlotId(slotId)
  if (!parts || parts.serviceId !== service._id) return null
  return slotsOn(service, parts.date).find((s) => s.start === parts.start) ?? null
}

/** When booking (and cancelling) closes for a slot. */
export const cutoffOf = (service: Pick<BookingService, 'cutoffMinutes'>, slot: Pick<Slot, 'startsAt'>): number => slot.startsAt - service.cutoffMinutes * 60_000

/** 开始前1天 / 开始前2小时 / 开始前2小时30分钟 / 开始前45分钟 */
export function cutoffWords(cutoffMinutes: number): string {
  if (cutoffMinutes === 0) return '开始时'
  if (cutoffMinutes % 1440 === 0) return `开始前${cutoffMinutes / 1440}天`
  const hours = Math.floor(cutoffMinutes / 60)
  const minutes = cutoffMinutes % 60
  return `开始前${hours ? `${hours}小时` : ''}${minutes ? `${minutes}分钟` : ''}`
}

/** Why a new booking of this slot is refused now (null: it may be booked). */
export function bookingClosedWhy(service: BookingService, slot: Pick<Slot, 'startsAt' | 'date'>, now: number): string | null {
  if (!service.active) return '该服务暂停预约'
  if (now >= slot.startsAt) return '该时段已开始，不能再预约'
  if (now >= cutoffOf(service, slot)) return `预约已截止（${cutoffWords(service.cutoffMinutes)}）`
  if (slot.date > shanghaiDayPlus(now, service.windowDays)) return `只能预约${service.windowDays}天内的时段`
  return null
}

/** Why a booking of this slot can no longer be cancelled (null: it can). */
export function cancelClosedWhy(service: Pick<BookingService, 'cutoffMinutes'>, slot: Pick<Slot, 'startsAt'>, now: number): string | null {
  return now >= cutoffOf(service, slot) ? `已过取消截止时间（${cutoffWords(service.cutoffMinutes)}）` : null
}

/** Check-in opens this long before a slot starts and closes when it ends. */
export const CHECK_IN_EARLY_MS = 30 * 60_000

/**
 * Why this check-in is refused (null: it may go ahead): another hall, another day, or outside the
 * window from 30 minutes before the start to the end of the slot.
 */
export function checkInWhy(slot: Pick<Slot, 'hallId' | 'date' | 'start' | 'end' | 'startsAt' | 'endsAt'>, hallId: string, hallName: string, now: number): string | null {
  if (slot.hallId !== hallId) return `这不是您预约的服务大厅：请到${hallName}签到`
  const today = shanghaiDay(now)
  if (slot.date !== today) {
    const d = dayjs.tz(`${slot.date} 12:00`, TZ)
    return slot.date > today ? `您预约的是${d.format('M月D日')}，不是今天` : `这是${d.format('M月D日')}的预约，已过期`
  }
  if (now < slot.startsAt - CHECK_IN_EARLY_MS) return `还未到签到时间：${hhmm(minutes(slot.start) - CHECK_IN_EARLY_MS / 60_000)} 起可签到`
  if (now > slot.endsAt) return `签到时间已过（${slot.start}–${slot.end}）`
  return null
}

/** Age in whole years in a given year, by birth year (the register keeps no more). */
export const ageIn = (birthYear: number | null, now: number): number | null => (birthYear === null ? null : Number(shanghaiDay(now).slice(0, 4)) - birthYear)

/** Why this person may not be booked for a service with this eligibility (null: they may). */
export function eligibilityWhy(eligibility: Eligibility, serviceName: string, person: { householdId: string | null; birthYear: number | null }, now: number): string | null {
  const { minAge, householdIds } = eligibility
  if (minAge === null && householdIds.length === 0) return null
  if (person.householdId && householdIds.includes(person.householdId)) return null
  const age = ageIn(person.birthYear, now)
  if (minAge !== null && age !== null && age >= minAge) return null
  const who = eligibility.note ?? [minAge !== null ? `${minAge}岁及以上长者` : null, householdIds.length ? '登记在册的家庭' : null].filter(Boolean).join('或')
  if (minAge !== null && age === null && !(person.householdId && householdIds.includes(person.householdId))) return `${serviceName}仅限${who}预约；未登记出生年份的，请到服务大厅登记`
  return `${serviceName}仅限${who}预约`
}

// pure words, in documents.ts so that the client's 服务设置 shows the same lines (through @contract/tables)
export { scheduleLines, weekdayWords } from './documents'
