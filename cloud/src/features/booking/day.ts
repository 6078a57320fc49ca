/**
 * What the staff read: a day's list at the hall (every slot, with the people booked, checked in and
 * waiting) and the kitchen's headcount for the next days. Slots nobody has booked yet come from their
 * service's pattern, so the lists are whole whether or not the job has written them.
 */
import type { Ports } from '../../ports/ports'
import { shanghaiDayPlus } from '../../common/time'
import type { DayList, DayListRow, DayListSlot, HallCard, Headcount } from './contract'
import type { Booking, BookingService, BookingStatus, Slot } from './documents'
import { SERVICE_KINDS } from './documents'
import { exceptionOn, slotsOn, weekdayLabel } from './slots'
import { findAll, getMany } from '../../common/load'
import { registerId } from './register'
import { newSlot } from './seats'

/** The slots of these services on a day: as stored, and the pattern's others for the active services; in time order. */
export function slotsOfDay(services: BookingService[], stored: Slot[], date: string): Slot[] {
  const byId = new Map(stored.filter((s) => s.date === date).map((s) => [s._id, s]))
  for (const service of services) {
    if (!service.active) continue
    for (const spec of slotsOn(service, date)) if (!byId.has(spec._id)) byId.set(spec._id, newSlot(spec))
  }
  const kindOrder = new Map(services.map((s) => [s._id, SERVICE_KINDS.indexOf(s.kind)]))
  return [...byId.values()]
    .filter((s) => kindOrder.has(s.serviceId))
    .sort((a, b) => a.startsAt - b.startsAt || kindOrder.get(a.serviceId)! - kindOrder.get(b.serviceId)! || a.serviceId.localeCompare(b.serviceId))
}

const ORDER: Record<BookingStatus, number> = { checkedIn: 0, booked: 0, waitlisted: 1, noShow: 2, cancelled: 3, lapsed: 3, holding: 1 }

/** booked and checked in first (in booking order), then the waitlist in line, then no-shows, cancelled and lapsed */
function rowOrder(slot: Slot) {
  return (a: Booking, b: Booking) =>
    ORDER[a.status] - ORDER[b.status] || (a.status === 'waitlisted' ? slot.waitlist.indexOf(a._id) - slot.waitlist.indexOf(b._id) : 0) || a.createdAt - b.createdAt || a._id.localeCompare(b._id)
}

export async function dayListOf(ports: Pick<Ports, 'store'>, hall: HallCard, date: string, now: number): Promise<DayList> {
  const { store } = ports
  const { villageId, hallId } = hall
  const [services, stored, bookings] = await Promise.all([
    store.find('bookingServices', { villageId, hallId }, { limit: 100 }),
    store.find('slots', { villageId, hallId, date }, { limit: 1000 }),
    findAll(store, 'bookings', { villageId, hallId, date }),
  ])
  const personIds = [...new Set(bookings.map((b) => b.personId).filter((p): p is string => p !== null))]
  const [members, registers] = await Promise.all([
    getMany(store, 'memberships', personIds.map((p) => `${villageId}:${p}`)),
    getMany(store, 'bookingPeople', personIds.map((p) => registerId(villageId, p))),
  ])
  const households = await getMany(store, 'households', members.map((m) => m.householdId).filter((h): h is string => h !== null))
  const doorplateOf = new Map(households.map((h) => [h._id, h.doorplate]))
  const memberOf = new Map(members.map((m) => [m.personId, m]))
  const noShowsOf = new Map(registers.map((r) => [r.personId, r.noShows]))
  const serviceOf = new Map(services.map((s) => [s._id, s]))

  // the slots still to come or under way first (what the desk needs now), those over after them; each in time order
  const ordered = slotsOfDay(services, stored, date).sort((a, b) => Number(now >= a.endsAt) - Number(now >= b.endsAt))
  const slots: DayListSlot[] = ordered.map((slot) => {
    const service = serviceOf.get(slot.serviceId)!
    const mine = bookings.filter((b) => b.slotId === slot._id && b.status !== 'holding').sort(rowOrder(slot))
    const rows: DayListRow[] = mine.map((b) => {
      const householdId = b.personId ? memberOf.get(b.personId)?.householdId ?? null : null
      return {
        bookingId: b._id,
        personId: b.personId,
        name: b.name,
        doorplate: householdId ? doorplateOf.get(householdId) ?? null : null,
        bookedByName: b.bookedByName,
        via: b.via,
        status: b.status,
        position: b.status === 'waitlisted' ? slot.waitlist.indexOf(b._id) + 1 || null : null,
        checkedInAt: b.checkedInAt ?? null,
        noShows: b.personId ? noShowsOf.get(b.personId) ?? 0 : 0,
        note: b.note ?? null,
      }
    })
    return {
      slotId: slot._id,
      serviceId: service._id,
      serviceName: service.name,
      kind: service.kind,
      start: slot.start,
      end: slot.end,
      label: slot.label,
      capacity: slot.capacity,
      booked: slot.booked,
      checkedIn: rows.filter((r) => r.status === 'checkedIn').length,
      rows,
      started: now >= slot.startsAt,
    }
  })
  return { hall, date, slots }
}

/** The kitchen's headcount: the canteen's slots from today for `days` days, with seats booked and the waitlist. */
export async function headcountOf(ports: Pick<Ports, 'store'>, hall: HallCard, days: number, now: number): Promise<Headcount> {
  const { store } = ports
  const { villageId, hallId } = hall
  const dates = Array.from({ length: days }, (_, i) => shanghaiDayPlus(now, i))
  const [services, stored] = await Promise.all([
    store.find('bookingServices', { villageId, hallId, kind: 'canteen' }, { limit: 100 }),
    findAll(store, 'slots', { villageId, hallId, date: { $gte: dates[0], $lte: dates[dates.length - 1] } }),
  ])
  const serviceOf = new Map(services.map((s) => [s._id, s]))
  return {
    hall,
    days: dates.map((date) => {
      const slots = slotsOfDay(services, stored, date).map((s) => ({
        serviceId: s.serviceId,
        serviceName: serviceOf.get(s.serviceId)!.name,
        start: s.start,
        end: s.end,
        label: s.label,
        capacity: s.capacity,
        booked: s.booked,
        waitlist: s.waitlist.length,
      }))
      const closed = services.map((s) => exceptionOn(s, date)).find((e) => e?.closed)
      return { date, weekday: weekdayLabel(date), closedReason: closed?.reason ?? null, slots, total: slots.reduce((n, s) => n + s.booked, 0) }
    }),
  }
}
