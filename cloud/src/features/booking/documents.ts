/**
 * 长者饭堂 and the service stations' documents as stored: a hall's bookable services (with their weekly
 * pattern of slots), the slots as they come to exist, bookings (with the waitlist), the people a member may
 * book for, the booking register of a person (birth year, no-shows) and each village's booking settings.
 * Days are YYYY-MM-DD and clock times HH:mm in Asia/Shanghai; instants are epoch ms.
 */

/** The services a 党群服务中心 offers for booking. */
export const SERVICE_KINDS = ['canteen', 'publicService', 'volunteer', 'womenChildren', 'socialWork', 'legal', 'mediation'] as const
export type ServiceKind = (typeof SERVICE_KINDS)[number]
export const SERVICE_KIND_LABELS: Record<ServiceKind, string> = {
  canteen: '长者饭堂',
  publicService: '公共服务站',
  volunteer: '志愿者服务站',
  womenChildren: '妇女儿童服务站',
  socialWork: '社工服务站',
  legal: '法律顾问',
  mediation: '调解室',
}

/** 1 = Monday … 7 = Sunday (ISO), as WeChat users read a week */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
export const WEEKDAY_LABELS: Record<Weekday, string> = { 1: '周一', 2: '周二', 3: '周三', 4: '周四', 5: '周五', 6: '周六', 7: '周日' }

/**
 * One line of a service's weekly pattern: on these weekdays, from start to end, either one slot
 * (stepMinutes null: canteen lunch 11:30–12:30, 80 seats) or back-to-back slots of stepMinutes each
 * (social-work consultations 09:00–11:00 in 30-minute slots of 1 seat).
 */
export interface SlotRule {
  weekdays: Weekday[]
  /** HH:mm */
  start: string
  /** HH:mm, after start */
  end: string
  stepMinutes: number | null
  /** seats per slot */
  capacity: number
  /** e.g. 午餐, 上午咨询 */
  label: string | null
}

/** A day that differs from the pattern: closed (a holiday, a closure) or with another capacity. */
export interface ServiceException {
  /** YYYY-MM-DD */
  date: string
  closed: boolean
  /** seats per slot that day when not closed; null: as the pattern says */
  capacity: number | null
  /** shown to residents, e.g. 元旦休息 */
  reason: string
}

/**
 * Who may be booked for. A person is eligible when no condition is set, or when they are at least
 * minAge (by the birth year in the booking register) or live in one of the listed households (e.g.
 * 五保户, 低保户 the canteen serves whatever their age).
 */
export interface Eligibility {
  minAge: number | null
  householdIds: string[]
  /** shown to residents, e.g. 60岁及以上长者或登记在册的困难家庭 */
  note: string | null
}

export interface BookingService {
  /** `${hallId}:${kind}` for the seeded ones; `${hallId}:s-…` for others */
  _id: string
  villageId: string
  hallId: string
  kind: ServiceKind
  name: string
  description: string
  rules: SlotRule[]
  /** sorted by date */
  exceptions: ServiceException[]
  /** bookable up to this many days ahead (today = 0) */
  windowDays: number
  /** booking and cancelling close this many minutes before a slot starts */
  cutoffMinutes: number
  eligibility: Eligibility
  /** upcoming bookings (booked or waitlisted) one person may hold for this service at once */
  perPersonLimit: number
  /** 价格或补贴说明, e.g. 每餐10元，60岁以上补贴5元 */
  priceNote: string | null
  /** false: hidden from residents, nothing new can be booked (existing bookings stay) */
  active: boolean
  updatedAt: number
  updatedByName: string
  /**
   * the last day the job has written this pattern's slots through (null: saved since, none written yet; absent on a
   * service from before it: taken as written). A hint only: a first booking past it writes its slot with its seat at
   * once instead of trying the seat first (seats.ts); a wrong hint costs a call, never a seat.
   */
  slotsThrough?: string | null
}

/**
 * One slot on one day, written the first time it is booked (or by the job for the coming days);
 * until then it exists only as its service's pattern says. `booked` counts the bookings holding a seat
 * (booked or checked in) and `waitlist` the waitlisted bookings in line: both change only in a
 * transaction with the bookings they count, so capacity is exact.
 */
export interface Slot {
  /** `${serviceId}@${date}@${start}` */
  _id: string
  villageId: string
  hallId: string
  serviceId: string
  date: string
  start: string
  end: string
  startsAt: number
  endsAt: number
  capacity: number
  label: string | null
  booked: number
  /** booking ids, first in line first */
  waitlist: string[]
  /** who holds the seats taken since the slot was written: the claim's id -> the booking (seats.ts) */
  holders?: Record<string, string>
  /** the job has closed it: no-shows counted, the waitlist lapsed */
  closed?: boolean
}

/**
 * booked -> checkedIn (at the hall) | cancelled (before the cut-off) | noShow (staff, or the job after the slot);
 * waitlisted -> booked (promoted when a seat frees up) | cancelled (left the line) | lapsed (no seat in time).
 * holding: for the moments of a booking's own claim (seats.ts), never shown.
 */
export type BookingStatus = 'booked' | 'waitlisted' | 'checkedIn' | 'cancelled' | 'noShow' | 'lapsed' | 'holding'
export const BOOKING_STATUS_LABELS: Record<BookingStatus, string> = {
  booked: '已预约',
  waitlisted: '候补中',
  checkedIn: '已签到',
  cancelled: '已取消',
  noShow: '未到',
  lapsed: '候补未成功',
  holding: '处理中',
}
/** the statuses that hold a seat of the slot */
export const SEAT_HOLDING: readonly BookingStatus[] = ['booked', 'checkedIn']

export interface Booking {
  /** `${slotId}~${personId}`: one per person and slot (booking again reuses it); walk-ins without a member `${slotId}~w…` */
  _id: string
  villageId: string
  hallId: string
  serviceId: string
  slotId: string
  date: string
  start: string
  end: string
  startsAt: number
  endsAt: number
  /** the member it is for; null for a walk-in recorded by name only */
  personId: string | null
  name: string
  /** who booked it: the person, a family member, or staff */
  bookedBy: string
  bookedByName: string
  /** app: by the person or their family on the phone; staff: at the hall's desk */
  via: 'app' | 'staff'
  status: BookingStatus
  createdAt: number
  updatedAt: number
  waitlistedAt?: number | null
  promotedAt?: number | null
  checkedInAt?: number | null
  cancelledAt?: number | null
  /** the reminder the day before (once) */
  remindedAt?: number | null
  /** the claim that holds its seat (a key of the slot's holders) */
  holder?: string | null
  /** staff's note, e.g. a walk-in's phone */
  note?: string | null
}

/**
 * 授权代订: a member (often an elder) lets another member book for them. Recorded by the person
 * themselves, or by hall staff or the committee for an elder without a phone (with their consent, in person).
 */
export interface BookingDelegate {
  /** `${villageId}:${personId}:${delegateId}` */
  _id: string
  villageId: string
  personId: string
  name: string
  delegateId: string
  delegateName: string
  recordedBy: string
  recordedByName: string
  createdAt: number
  revoked: boolean
  revokedAt?: number | null
}

/** A person's booking register in a village: birth year (for eligibility by age) and no-shows. */
export interface BookingPerson {
  /** `${villageId}:${personId}` */
  _id: string
  villageId: string
  personId: string
  name: string
  birthYear: number | null
  noShows: number
  lastNoShowAt: number | null
}

export interface BookingSettings {
  /** the villageId */
  _id: string
  villageId: string
  /** no-shows after which a person's own booking is refused and needs staff; null: no limit */
  noShowLimit: number | null
  updatedAt: number | null
  updatedByName: string | null
}

/** 周一至周六 11:30–12:30 · 80位 */
export function scheduleLines(service: Pick<BookingService, 'rules'>): string[] {
  return service.rules.map((r) => {
    const days = weekdayWords(r.weekdays)
    const step = r.stepMinutes ? `（每${r.stepMinutes}分钟一段）` : ''
    return `${r.label ? `${r.label} ` : ''}${days} ${r.start}–${r.end}${step} · 每段${r.capacity}位`
  })
}

/** [1..6] → 周一至周六; [1,3,5] → 周一、周三、周五; all → 每天 */
export function weekdayWords(days: readonly Weekday[]): string {
  const sorted = [...new Set(days)].sort((a, b) => a - b)
  if (sorted.length === 7) return '每天'
  const run = sorted.length >= 3 && sorted.every((d, i) => i === 0 || d === sorted[i - 1] + 1)
  if (run) return `${WEEKDAY_LABELS[sorted[0]]}至${WEEKDAY_LABELS[sorted[sorted.length - 1]]}`
  return sorted.map((d) => WEEKDAY_LABELS[d]).join('、')
}

declare module '../../ports/store' {
  interface Collections {
    bookingServices: BookingService
    slots: Slot
    bookings: Booking
    bookingDelegates: BookingDelegate
    bookingPeople: BookingPerson
    bookingSettings: BookingSettings
  }
}
