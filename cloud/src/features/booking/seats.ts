/**
 * Capacity, exactly: every change to who holds a seat of a slot is one transaction over the slot and the
 * bookings it touches (by id, as CloudBase transactions address documents). The slot's `booked` and
 * `waitlist` change only here, with the bookings they count, so 500 attempts at 80 seats give 80 bookings
 * on SQLite (serialised) and on CloudBase (a conflict runs the transaction again).
 */
import { ApiError } from '../../errors'
import type { NoticeContext } from '../account/notices'
import { notify } from '../account/notices'
import type { Ports } from '../../ports/ports'
import type { TxStore } from '../../ports/store'
import { shortTime } from '../../common/time'
import { pageUrl } from '../../../../src/routes'
import type { Booking, BookingService, BookingStatus, Slot } from './documents'
import { cutoffOf, specOf } from './slots'

/** The slot as stored, or written now from its service's pattern (its first booking). NOT_FOUND when the pattern has none. */
export async function slotInTx(tx: TxStore, service: BookingService, slotId: string): Promise<Slot> {
  const stored = await tx.get('slots', slotId)
  if (stored) return stored
  const spec = specOf(service, slotId)
  if (!spec) throw new ApiError('NOT_FOUND', '找不到该时段')
  const slot: Slot = { ...spec, booked: 0, waitlist: [] }
  await tx.insert('slots', slot)
  return slot
}

export const bookingIdOf = (slotId: string, personId: string): string => `${slotId}~${personId}`

/** Who a booking is for and who makes it. */
export interface SeatClaim {
  bookingId: string
  personId: string | null
  name: string
  bookedBy: string
  bookedByName: string
  via: 'app' | 'staff'
  /** full: take a place in line instead of FULL */
  waitlist: boolean
  /** staff at the desk: checked in at once */
  checkIn: boolean
  note: string | null
}

const ACTIVE: readonly BookingStatus[] = ['booked', 'checkedIn', 'waitlisted']

/**
 * Books a seat (or a place in line). Refuses a person who already holds the slot (DUPLICATE) and a
 * full slot (FULL 名额已满) unless the claim asks for the waitlist. Returns the booking as written.
 */
export async function claimSeat(
  ports: Pick<Ports, 'store'>,
  service: BookingService,
  slotId: string,
  claim: SeatClaim,
  now: number,
  /** other writes that belong to the booking (staff's audit entry), in its transaction */
  also?: (tx: TxStore, booking: Booking) => Promise<void>,
): Promise<{ booking: Booking; slot: Slot }> {
  return ports.store.transaction(async (tx) => {
    const slot = await slotInTx(tx, service, slotId)
    const existing = await tx.get('bookings', claim.bookingId)
    if (existing && ACTIVE.includes(existing.status)) {
      throw new ApiError('DUPLICATE', existing.status === 'waitlisted' ? `${existing.name}已在该时段的候补名单中` : `${existing.name}已预约该时段`)
    }
    const seat = slot.booked < slot.capacity
    if (!seat && !claim.waitlist) throw new ApiError('FULL', slot.waitlist.length ? `名额已满，可加入候补（前面还有${slot.waitlist.length}人）` : '名额已满，可加入候补')
    const status: BookingStatus = seat ? (claim.checkIn ? 'checkedIn' : 'booked') : 'waitlisted'
    const booking: Booking = {
      _id: claim.bookingId,
      villageId: slot.villageId,
      hallId: slot.hallId,
      serviceId: slot.serviceId,
      slotId: slot._id,
      date: slot.date,
      start: slot.start,
      end: slot.end,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      personId: claim.personId,
      name: claim.name,
      bookedBy: claim.bookedBy,
      bookedByName: claim.bookedByName,
      via: claim.via,
      status,
      createdAt: now,
      updatedAt: now,
      waitlistedAt: seat ? null : now,
      promotedAt: null,
      checkedInAt: status === 'checkedIn' ? now : null,
      cancelledAt: null,
      remindedAt: null,
      note: claim.note,
    }
    if (existing) {
      // booking again after cancelling: the same document starts over
      const { _id: _ignored, ...fields } = booking
      await tx.update('bookings', booking._id, { set: fields })
    } else await tx.insert('bookings', booking)
    const waitlist = seat ? slot.waitlist : [...slot.waitlist, booking._id]
    await tx.update('slots', slot._id, seat ? { inc: { booked: 1 } } : { set: { waitlist } })
    await also?.(tx, booking)
    return { booking, slot: { ...slot, booked: slot.booked + (seat ? 1 : 0), waitlist } }
  })
}

/** What releasing a booking does: cancelled (by its person or family) or a no-show (staff). */
export type Release = 'cancel' | 'noShow'

/**
 * Cancels a booking or a place in line, or marks a no-show; a seat it held goes to the first in line
 * (promoteInTx). `check` runs on the booking as read in the transaction and throws to refuse.
 */
export async function releaseSeat(
  ctx: NoticeContext,
  service: BookingService,
  bookingId: string,
  release: Release,
  check: (b: Booking, slot: Slot) => void,
  /** other writes that belong to the release (a no-show's count, staff's audit entry), in its transaction */
  also?: (tx: TxStore, b: Booking) => Promise<void>,
): Promise<Booking> {
  return ctx.ports.store.transaction(async (tx) => {
    const booking = await tx.get('bookings', bookingId)
    if (!booking) throw new ApiError('NOT_FOUND', '找不到该预约')
    const slot = await slotInTx(tx, service, booking.slotId)
    check(booking, slot)
    const heldSeat = booking.status === 'booked' || booking.status === 'checkedIn'
    const status: BookingStatus = release === 'noShow' ? 'noShow' : 'cancelled'
    const set: Partial<Booking> = { status, updatedAt: ctx.now, ...(release === 'cancel' ? { cancelledAt: ctx.now } : {}) }
    await tx.update('bookings', bookingId, { set })
    const next: Slot = heldSeat ? { ...slot, booked: slot.booked - 1 } : { ...slot, waitlist: slot.waitlist.filter((id) => id !== bookingId) }
    await promoteInTx(ctx, tx, service, next, slot)
    await also?.(tx, booking)
    return { ...booking, ...set }
  })
}

/**
 * Gives free seats to the waitlist, first in line first, and writes the slot. A place whose promotion
 * comes after the cut-off (too late to plan for or cancel) lapses instead, and its person is told
 * either way. `before` is the slot as read (to write only what changed). Returns how many were promoted.
 */
export async function promoteInTx(ctx: NoticeContext, tx: TxStore, service: BookingService, slot: Slot, before: Slot): Promise<number> {
  const waitlist = [...slot.waitlist]
  let booked = slot.booked
  let promoted = 0
  const tooLate = ctx.now >= cutoffOf(service, slot)
  while (waitlist.length && (booked < slot.capacity || tooLate)) {
    const id = waitlist.shift()!
    const b = await tx.get('bookings', id)
    if (!b || b.status !== 'waitlisted') continue
    const when = `${shortTime(b.startsAt)}–${b.end}`
    const page = pageUrl('booking.mine', { villageId: b.villageId })
    if (tooLate) {
      await tx.update('bookings', id, { set: { status: 'lapsed', updatedAt: ctx.now } })
      await tellBoth(ctx, tx, b, '候补未成功', `${service.name} ${when} 的候补没有等到空位，已自动结束。`, page)
      continue
    }
    await tx.update('bookings', id, { set: { status: 'booked', promotedAt: ctx.now, updatedAt: ctx.now } })
    booked++
    promoted++
    await tellBoth(ctx, tx, b, '候补成功', `${b.name}已候补到 ${service.name} ${when} 的名额，请按时到场；不能来请提前取消。`, page)
  }
  const changed = booked !== before.booked || waitlist.length !== before.waitlist.length || waitlist.some((id, i) => before.waitlist[i] !== id)
  if (changed) await tx.update('slots', slot._id, { set: { booked, waitlist } })
  return promoted
}

/** the person a booking is for and, when someone else booked it, the booker */
async function tellBoth(ctx: NoticeContext, tx: TxStore, b: Booking, title: string, body: string, page: string): Promise<void> {
  const to = [...new Set([b.personId, b.via === 'app' ? b.bookedBy : null].filter((p): p is string => Boolean(p)))]
  for (const personId of to) await notify(ctx, { personId, villageId: b.villageId }, title, body, page, tx)
}

/** The job's promotion of one slot (a seat freed without a promotion, or more seats): idempotent. */
export async function promoteSlot(ctx: NoticeContext, service: BookingService, slotId: string): Promise<number> {
  return ctx.ports.store.transaction(async (tx) => {
    const slot = await tx.get('slots', slotId)
    if (!slot) return 0
    // a capacity lowered below the seats already booked keeps those bookings (and gives no new seat)
    const capacity = Math.max(specOf(service, slotId)?.capacity ?? slot.capacity, slot.booked)
    const current = capacity !== slot.capacity ? { ...slot, capacity } : slot
    if (capacity !== slot.capacity) await tx.update('slots', slotId, { set: { capacity } })
    return promoteInTx(ctx, tx, service, current, slot)
  })
}
