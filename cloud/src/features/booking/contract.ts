/**
 * 长者饭堂 and the service stations: halls and their services, the days and slots with seats left,
 * booking for oneself or a family member, the waitlist, check-in by the hall's QR poster, and the
 * staff's day list, walk-ins, no-shows, the kitchen's headcount and the set-up. Every view and input
 * (documents are in documents.ts); the client imports this file for types only.
 */
import { z } from 'zod'
import { clock, cursor, day, id, text, villageId } from '../../contract/inputs'
import { action } from '../../contract/action'
import type { CsvFile } from '../../common/csv'
import type { BookingService, BookingStatus, Eligibility, ServiceKind, SlotRule, ServiceException, Weekday } from './documents'

// ---------------------------------------------------------------------------------------------
// views

export interface ServiceSummary {
  id: string
  hallId: string
  kind: ServiceKind
  name: string
  description: string
  priceNote: string | null
  /** e.g. 周一至周六 11:30–12:30 · 80位 */
  schedule: string[]
  eligibilityNote: string | null
  windowDays: number
  cutoffMinutes: number
  active: boolean
}

export interface HallCard {
  villageId: string
  villageName: string
  hallId: string
  name: string
  address: string
  /** the scene of the hall's QR poster (h=…) */
  scene: string
}

/** A booking as its person, their family, or staff see it. */
export interface BookingView {
  id: string
  villageId: string
  hallId: string
  hallName: string
  serviceId: string
  serviceName: string
  kind: ServiceKind
  slotId: string
  date: string
  start: string
  end: string
  startsAt: number
  endsAt: number
  label: string | null
  personId: string | null
  name: string
  bookedByName: string
  via: 'app' | 'staff'
  status: BookingStatus
  /** waitlisted: 1 = next in line */
  position: number | null
  checkedInAt: number | null
  /** true when the caller booked it for someone else */
  forOther: boolean
  can: {
    cancel: boolean
    /** why not, when it is still upcoming (e.g. 已过取消截止时间（开始前60分钟）) */
    cancelWhy: string | null
    /** today, at this hall, within the check-in window */
    checkIn: boolean
    checkInWhy: string | null
  }
}

/** Someone the caller may book for. */
export interface Bookable {
  personId: string
  name: string
  /** 本人, 同户, 授权 */
  relation: '本人' | '同户' | '授权'
  /** for this service (when asked for one): may they be booked? */
  eligible: boolean
  /** why not, e.g. 长者饭堂仅限60岁及以上长者… */
  why: string | null
}

export interface SlotView {
  slotId: string
  date: string
  start: string
  end: string
  label: string | null
  capacity: number
  seatsLeft: number
  waitlist: number
  /** open: bookable; full: waitlist only; cutoff: booking has closed; past: over; closed: an exception day */
  state: 'open' | 'full' | 'cutoff' | 'past'
  /** bookings in this slot by the caller or for the people they book for */
  mine: Array<{ bookingId: string; name: string; status: BookingStatus; position: number | null }>
}

export interface DayView {
  date: string
  /** 周三 */
  weekday: string
  /** an exception closing the day: its reason */
  closedReason: string | null
  slots: SlotView[]
}

export interface ServiceDays {
  service: ServiceSummary
  hall: HallCard
  days: DayView[]
  /** the people the caller may book for, with eligibility for this service */
  bookables: Bookable[]
  /** set when the caller's own booking is refused (e.g. no-shows over the limit): book at the hall */
  needsStaff: string | null
}

/** The hall's page, opened by its QR poster: today's bookings for me and the people I book for, check-in, services. */
export interface HallPage {
  hall: HallCard
  /** YYYY-MM-DD, today in Beijing */
  today: string
  services: ServiceSummary[]
  /** today's bookings at this hall for the caller and the people they book for */
  todays: BookingView[]
  /** hall staff of this hall or the committee: show the staff's links */
  staff: boolean
}

export interface MyBookings {
  upcoming: BookingView[]
  past: BookingView[]
}

export interface DelegateView {
  id: string
  personId: string
  name: string
  delegateId: string
  delegateName: string
  recordedByName: string
  createdAt: number
}

export interface FamilyView {
  /** people I let book for me */
  granted: DelegateView[]
  /** people who let me book for them */
  forMe: DelegateView[]
  /** my household's members (I may book for them without an authorisation) */
  household: Array<{ personId: string; name: string; relation: string | null }>
}

/** One booking on the staff's day list. */
export interface DayListRow {
  bookingId: string
  personId: string | null
  name: string
  /** 门牌号 when a member with a household */
  doorplate: string | null
  bookedByName: string
  via: 'app' | 'staff'
  status: BookingStatus
  position: number | null
  checkedInAt: number | null
  /** the person's no-shows so far */
  noShows: number
  note: string | null
}

export interface DayListSlot {
  slotId: string
  serviceId: string
  serviceName: string
  kind: ServiceKind
  start: string
  end: string
  label: string | null
  capacity: number
  booked: number
  checkedIn: number
  /** rows: booked and checked in first, then the waitlist in order, then cancelled / no-show */
  rows: DayListRow[]
  /** the slot has started: no-shows may be marked */
  started: boolean
}

export interface DayList {
  hall: HallCard
  date: string
  slots: DayListSlot[]
}

export interface HeadcountDay {
  date: string
  weekday: string
  closedReason: string | null
  slots: Array<{ serviceId: string; serviceName: string; start: string; end: string; label: string | null; capacity: number; booked: number; waitlist: number }>
  /** seats booked that day across the slots */
  total: number
}

export interface Headcount {
  hall: HallCard
  days: HeadcountDay[]
}

export interface BookingPersonView {
  personId: string
  name: string
  doorplate: string | null
  birthYear: number | null
  age: number | null
  noShows: number
  /** over the village's no-show limit: only staff may book for them */
  needsStaff: boolean
}

/** a household as an eligibility list names it */
export interface BookingHousehold {
  id: string
  doorplate: string
  headName: string
}

/** a page of 长者登记 in name order, or a search's matches */
export interface BookingPeoplePage {
  people: BookingPersonView[]
  /** the cursor of the next page (null: the last, and always for a search) */
  next: string | null
  /** the village's residents (null for a search) */
  total: number | null
  /** a search matched more than one answer holds: ask for more characters */
  narrow: boolean
}

export interface BookingSetup {
  hall: HallCard
  /** full services for editing */
  services: BookingService[]
  noShowLimit: number | null
  /** the households the services' eligibility lists name (a search finds others: booking.households) */
  households: BookingHousehold[]
}

export interface HallPoster {
  hall: HallCard
  services: ServiceSummary[]
  scene: string
  /** the page the code opens */
  page: string
  /** data: URL of the PNG (a mini-program code in the cloud; a QR code of the h5 link locally) */
  image: string
}

// ---------------------------------------------------------------------------------------------
// inputs

const int = (what: string, min: number, max: number) =>
  z
    .number({ required_error: `请填写${what}`, invalid_type_error: `${what}应为数字` })
    .int(`${what}应为整数`)
    .min(min, `${what}不能小于${min}`)
    .max(max, `${what}不能大于${max}`)

const weekday = z.number().int().min(1, '星期无效').max(7, '星期无效') as unknown as z.ZodType<Weekday>
export const slotRuleInput: z.ZodType<SlotRule, z.ZodTypeDef, unknown> = z
  .object({
    weekdays: z.array(weekday).min(1, '请选择星期').max(7, '星期无效'),
    start: clock,
    end: clock,
    stepMinutes: int('每段时长', 10, 240).nullable().default(null),
    capacity: int('名额', 1, 1000),
    label: z.string().trim().max(20, '名称不超过20个字').nullable().default(null),
  })
  .refine((r) => r.end > r.start, { message: '结束时间应晚于开始时间', path: ['end'] })
const exceptionInput: z.ZodType<ServiceException, z.ZodTypeDef, unknown> = z.object({
  date: day,
  closed: z.boolean(),
  capacity: int('当天名额', 0, 1000).nullable().default(null),
  reason: text('原因', 40),
})
const eligibilityInput: z.ZodType<Eligibility, z.ZodTypeDef, unknown> = z.object({
  minAge: int('年龄', 1, 120).nullable().default(null),
  householdIds: z.array(id).max(500, '名单过长').default([]),
  note: z.string().trim().max(60, '说明不超过60个字').nullable().default(null),
})
const serviceKind = z.enum(['canteen', 'publicService', 'volunteer', 'womenChildren', 'socialWork', 'legal', 'mediation'], { errorMap: () => ({ message: '请选择服务类型' }) })

export const serviceInput = z.object({
  villageId,
  hallId: id,
  /** omitted: a new service */
  serviceId: id.optional(),
  kind: serviceKind,
  name: text('服务名称', 30),
  description: z.string().trim().max(200, '介绍不超过200个字').default(''),
  rules: z.array(slotRuleInput).min(1, '请至少设置一个时段').max(20, '时段过多'),
  exceptions: z.array(exceptionInput).max(60, '例外日期过多').default([]),
  windowDays: int('可提前预约天数', 0, 30),
  cutoffMinutes: int('截止时间', 0, 24 * 60 * 3),
  eligibility: eligibilityInput.default({ minAge: null, householdIds: [], note: null }),
  perPersonLimit: int('每人限约次数', 1, 50),
  priceNote: z.string().trim().max(60, '价格说明不超过60个字').nullable().default(null),
  active: z.boolean().default(true),
})

/** residents and everyone who serves the village */
export const bookingResidentActions = {
  /** the hall a poster's scene names (anyone: the page shows it before asking to join) */
  'booking.hallByScene': action<HallCard>()(z.object({ scene: z.string().trim().min(1, '二维码无效').max(32, '二维码无效') })),
  /** the village's halls and their active services */
  'booking.halls': action<Array<HallCard & { services: ServiceSummary[] }>>()(z.object({ villageId })),
  /** the hall's page: today's bookings for me and those I book for, and its services */
  'booking.hall': action<HallPage>()(z.object({ villageId, hallId: id })),
  /** a service's bookable days (today to its window) with seats left, and whom I may book for */
  'booking.days': action<ServiceDays>()(z.object({ villageId, serviceId: id })),
  /** book a seat for me or someone I book for; full: FULL 名额已满, unless waitlist: then a place in line */
  'booking.book': action<BookingView>()(z.object({ villageId, slotId: id, personId: id.optional(), waitlist: z.boolean().default(false) })),
  /** cancel a booking or leave the waitlist (before the cut-off); a freed seat goes to the first in line */
  'booking.cancel': action<BookingView>()(z.object({ villageId, bookingId: id })),
  /** check in at the hall (the poster's hall): the person, their family, or staff of the hall */
  'booking.checkIn': action<BookingView>()(z.object({ villageId, hallId: id, bookingId: id })),
  /** 我的预约: my bookings and those I made for others, upcoming and past */
  'booking.mine': action<MyBookings>()(z.object({ villageId })),
  /** 家人代订: who may book for me, for whom I may book */
  'booking.family': action<FamilyView>()(z.object({ villageId })),
  /** let another member book for me (or, staff: record an elder's authorisation, personId = the elder) */
  'booking.authorize': action<DelegateView>()(z.object({ villageId, delegateId: id, personId: id.optional() })),
  /** withdraw an authorisation (the elder, the delegate, or staff) */
  'booking.revoke': action<{ revoked: true }>()(z.object({ villageId, delegationId: id })),
}

/** hall staff (of the hall) and the committee; town officers read the day list and headcount */
export const bookingStaffActions = {
  /** a day's slots at the hall with booked, checked-in and waitlisted people */
  'booking.dayList': action<DayList>()(z.object({ villageId, hallId: id, date: day.optional() })),
  /** the kitchen's headcount: seats booked per day and slot for the next days */
  'booking.headcount': action<Headcount>()(z.object({ villageId, hallId: id, days: int('天数', 1, 14).default(7) })),
  /** CSV (UTF-8 BOM) of a day's list or the headcount */
  'booking.exportCsv': action<CsvFile>()(z.object({ villageId, hallId: id, kind: z.enum(['day', 'headcount'], { errorMap: () => ({ message: '请选择导出内容' }) }), date: day.optional() })),
  /** mark a booking a no-show (after its slot started): frees the seat, counts against the person */
  'booking.markNoShow': action<BookingView>()(z.object({ villageId, bookingId: id })),
  /** at the desk: book (and, checkIn, check in at once) a member or a walk-in by name, ignoring the no-show limit */
  'booking.staffBook': action<BookingView>()(
    z
      .object({
        villageId,
        slotId: id,
        personId: id.optional(),
        name: text('姓名', 20).optional(),
        note: z.string().trim().max(60, '备注不超过60个字').nullable().default(null),
        checkIn: z.boolean().default(false),
      })
      .refine((v) => Boolean(v.personId) !== Boolean(v.name), { message: '请选择村民或填写姓名', path: ['name'] }),
  ),
  /** the booking register: residents with birth year and no-shows, a page at a time in name order, or those whose name or 门牌号 holds `q` */
  'booking.people': action<BookingPeoplePage>()(z.object({ villageId, q: z.string().trim().max(20, '查找内容太长').optional(), after: cursor })),
  /** record a member's birth year, or reset their no-shows */
  /** the person's line as written (the page keeps the 门牌号 of its row) */
  'booking.setPerson': action<Omit<BookingPersonView, 'doorplate'>>()(
    z.object({ villageId, personId: id, birthYear: int('出生年份', 1900, 2030).nullable().optional(), resetNoShows: z.boolean().default(false) }),
  ),
  /** the hall's services for editing, the no-show limit and the households their eligibility lists name */
  'booking.setup': action<BookingSetup>()(z.object({ villageId, hallId: id })),
  /** households whose 门牌号 or 户主 holds `q`, for an eligibility list (at most HOUSEHOLD_MATCHES, in 门牌号 order) */
  'booking.households': action<BookingHousehold[]>()(z.object({ villageId, hallId: id, q: z.string().trim().min(1, '请输入门牌号或户主姓名').max(20, '查找内容太长') })),
  /** create or change a service (pattern, exceptions, window, eligibility, limit, price) */
  'booking.saveService': action<BookingService>()(serviceInput),
  /** the village's no-show limit */
  'booking.setNoShowLimit': action<{ noShowLimit: number | null }>()(z.object({ villageId, noShowLimit: int('爽约次数上限', 1, 20).nullable() })),
  /** the hall's QR poster */
  'booking.poster': action<HallPoster>()(z.object({ villageId, hallId: id })),
}

export const bookingActions = { ...bookingResidentActions, ...bookingStaffActions }
