/** What the booking actions answer: hall cards, service summaries and bookings as one caller sees them. */
import { ApiError } from '../../errors'
import type { Ports } from '../../ports/ports'
import type { Hall, Village } from '../account/documents'
import type { BookingView, HallCard, ServiceSummary } from './contract'
import type { Booking, BookingService, Slot } from './documents'
import { SERVICE_KIND_LABELS } from './documents'
import { cancelClosedWhy, checkInWhy, scheduleLines } from './slots'

/** the scene of a hall's QR poster (wxacode scenes hold at most 32 characters) */
export const hallScene = (hallId: string): string => `h=${hallId}`
export const hallIdOfScene = (scene: string): string | null => (scene.startsWith('h=') ? scene.slice(2) : null)

export function hallCard(hall: Hall, village: Pick<Village, 'name'>): HallCard {
  return { villageId: hall.villageId, villageName: village.name, hallId: hall._id, name: hall.name, address: hall.address, scene: hallScene(hall._id) }
}

/** The hall of this village, or NOT_FOUND. */
export async function loadHall(ports: Pick<Ports, 'store'>, villageId: string, hallId: string): Promise<HallCard> {
  const [hall, village] = await Promise.all([ports.store.get('halls', hallId), ports.store.get('villages', villageId)])
  if (!hall || hall.villageId !== villageId || !village) throw new ApiError('NOT_FOUND', '找不到该服务中心')
  return hallCard(hall, village)
}

/** The hall of this village as an answer names it (its id and name: one read, without the village's), or NOT_FOUND. */
export async function hallNamed(ports: Pick<Ports, 'store'>, villageId: string, hallId: string): Promise<Pick<HallCard, 'hallId' | 'name'>> {
  const hall = await ports.store.get('halls', hallId)
  if (!hall || hall.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该服务中心')
  return { hallId, name: hall.name }
}

export function serviceSummary(s: BookingService): ServiceSummary {
  return {
    id: s._id,
    hallId: s.hallId,
    kind: s.kind,
    name: s.name,
    description: s.description,
    priceNote: s.priceNote,
    schedule: scheduleLines(s),
    eligibilityNote: s.eligibility.note ?? (s.eligibility.minAge !== null ? `${s.eligibility.minAge}岁及以上长者` : null),
    windowDays: s.windowDays,
    cutoffMinutes: s.cutoffMinutes,
    active: s.active,
  }
}

export const kindLabel = (s: Pick<BookingService, 'kind'>): string => SERVICE_KIND_LABELS[s.kind]

/** A booking for one caller: what they may do with it now, and its place in line. */
export function bookingView(
  b: Booking,
  at: { service: BookingService; hall: Pick<HallCard, 'hallId' | 'name'>; slot: Pick<Slot, 'waitlist' | 'label'> | null },
  callerPersonId: string,
  now: number,
): BookingView {
  const upcoming = now < b.startsAt
  const active = b.status === 'booked' || b.status === 'waitlisted'
  const cancelWhy = !active ? null : upcoming ? cancelClosedWhy(at.service, b, now) : '该时段已开始'
  const checkInRefused = b.status === 'booked' ? checkInWhy(b, at.hall.hallId, at.hall.name, now) : null
  const position = b.status === 'waitlisted' && at.slot ? at.slot.waitlist.indexOf(b._id) + 1 || null : null
  return {
    id: b._id,
    villageId: b.villageId,
    hallId: b.hallId,
    hallName: at.hall.name,
    serviceId: b.serviceId,
    serviceName: at.service.name,
    kind: at.service.kind,
    slotId: b.slotId,
    date: b.date,
    start: b.start,
    end: b.end,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    label: at.slot?.label ?? null,
    personId: b.personId,
    name: b.name,
    bookedByName: b.bookedByName,
    via: b.via,
    status: b.status,
    position,
    checkedInAt: b.checkedInAt ?? null,
    forOther: b.personId !== callerPersonId,
    can: {
      cancel: active && cancelWhy === null,
      cancelWhy,
      checkIn: b.status === 'booked' && checkInRefused === null,
      checkInWhy: b.status === 'booked' ? checkInRefused : null,
    },
  }
}

/**
 * Views of many bookings, reading each service, hall and slot once. Services or halls gone (never in
 * practice: they are not deleted) leave their bookings out.
 */
export async function bookingViews(ports: Pick<Ports, 'store'>, bookings: Booking[], callerPersonId: string, now: number): Promise<BookingView[]> {
  const { store } = ports
  const uniq = (xs: string[]) => [...new Set(xs)]
  const [services, halls, slots] = await Promise.all([
    Promise.all(uniq(bookings.map((b) => b.serviceId)).map((id) => store.get('bookingServices', id))),
    Promise.all(uniq(bookings.map((b) => b.hallId)).map((id) => store.get('halls', id))),
    Promise.all(uniq(bookings.map((b) => b.slotId)).map((id) => store.get('slots', id))),
  ])
  const byId = <T extends { _id: string }>(xs: Array<T | null>) => new Map(xs.filter((x): x is T => x !== null).map((x) => [x._id, x]))
  const [s, h, sl] = [byId(services), byId(halls), byId(slots)]
  return bookings.flatMap((b) => {
    if (b.status === 'holding') return []
    const service = s.get(b.serviceId)
    const hall = h.get(b.hallId)
    if (!service || !hall) return []
    return [bookingView(b, { service, hall: { hallId: hall._id, name: hall.name }, slot: sl.get(b.slotId) ?? null }, callerPersonId, now)]
  })
}
