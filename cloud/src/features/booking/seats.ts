/**
 * Capacity, exactly, and without a hot transaction. Taking a seat is one conditional increment of the slot
 * (`booked < capacity`, with the attempt recorded in `holders`) and joining the line one append to its
 * `waitlist`: single-document atomic writes that CloudBase applies one after another, where 500
 * transactions on one slot would fail each other at once (a conflict is immediate) and run out of retries.
 * Before either, the booking is written as `holding` (the claim of this person on this slot: its id is
 * unique), and after, it becomes booked or waitlisted; a process that dies in between leaves a `holding`
 * booking that the job settles by what the slot says (settleHolding). Giving a seat back, and the
 * promotions it allows, are transactions over the slot and the bookings by id (few at a time).
 */
import { ApiError } from '../../errors'
import type { NoticeContext } from '../account/notices'
import { notify } from '../account/notices'
import { DuplicateIdError, StoreBusyError, type Store, type TxStore } from '../../ports/store'
import { newId } from '../../common/ids'
import { shortTime } from '../../common/time'
import { pageUrl } from '../../../../src/routes'
import type { Booking, BookingService, BookingStatus, Slot } from './documents'
import { cutoffOf, specOf } from './slots'

/** A slot written from its service's pattern (its first booking, or the job): nothing booked yet. */
export const newSlot = (spec: NonNullable<ReturnType<typeof specOf>>): Slot => ({ ...spec, booked: 0, waitlist: [], holders: {} })

/** The slot as stored, or written now from its service's pattern (its first booking). NOT_FOUND when the pattern has none. */
export async function slotInTx(tx: TxStore, service: BookingService, slotId: string): Promise<Slot> {
  const stored = await tx.get('slots', slotId)
  if (stored) return stored
  const spec = specOf(service, slotId)
  if (!spec) throw new ApiError('NOT_FOUND', '找不到该时段')
  const slot = newSlot(spec)
  await tx.insert('slots', slot)
  return slot
}

/** slotInTx outside a transaction: a first booking racing another writes the slot once. */
async function ensureSlot(store: Store, service: BookingService, slotId: string): Promise<Slot> {
  const stored = await store.get('slots', slotId)
  if (stored) return stored
  const spec = specOf(service, slotId)
  if (!spec) throw new ApiError('NOT_FOUND', '找不到该时段')
  try {
    await store.insert('slots', newSlot(spec))
  } catch (e) {
    if (!(e instanceof DuplicateIdError)) throw e
  }
  return (await store.get('slots', slotId))!
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

/** the statuses of a booking that still counts (or is being written) */
const ACTIVE: readonly BookingStatus[] = ['booked', 'checkedIn', 'waitlisted', 'holding']
/** a claim that has not finished by then died with its process: the job settles it */
export const HOLD_MS = 60_000

const duplicate = (b: Booking) => new ApiError('DUPLICATE', b.status === 'waitlisted' ? `${b.name}已在该时段的候补名单中` : `${b.name}已预约该时段`)

/**
 * Books a seat (or a place in line). Refuses a person who already holds the slot (DUPLICATE) and a
 * full slot (FULL 名额已满) unless the claim asks for the waitlist. Returns the booking as written.
 */
export async function claimSeat(ctx: NoticeContext, service: BookingService, slotId: string, claim: SeatClaim): Promise<{ booking: Booking; slot: Pick<Slot, 'waitlist' | 'label'> }> {
  const { store } = ctx.ports
  const now = ctx.now
  // the slot as its service's pattern has it (most claims find it written so, with a seat free): a seat is tried at
  // once, and the slot read only when that does not take; one the job has not written yet is written with the seat
  const spec = specOf(service, slotId)
  const unwritten = spec !== null && service.slotsThrough !== undefined && (service.slotsThrough === null || spec.date > service.slotsThrough)
  let slot: Slot | null = spec ? null : await ensureSlot(store, service, slotId)
  const at = spec ?? slot!
  const holder = newId('seat', now)
  const booking: Booking = {
    _id: claim.bookingId,
    villageId: at.villageId,
    hallId: at.hallId,
    serviceId: at.serviceId,
    slotId: at._id,
    date: at.date,
    start: at.start,
    end: at.end,
    startsAt: at.startsAt,
    endsAt: at.endsAt,
    personId: claim.personId,
    name: claim.name,
    bookedBy: claim.bookedBy,
    bookedByName: claim.bookedByName,
    via: claim.via,
    status: 'holding',
    holder,
    createdAt: now,
    updatedAt: now,
    waitlistedAt: null,
    promotedAt: null,
    checkedInAt: null,
    cancelledAt: null,
    remindedAt: null,
    note: claim.note,
  }
  const { _id: id, ...fields } = booking
  // the claim of this person on this slot: a new booking (written at once: most are), or the old one (cancelled,
  // lapsed…) started over
  let prev: Booking | null = null
  try {
    await store.insert('bookings', booking)
  } catch (e) {
    if (!(e instanceof DuplicateIdError)) throw e
    prev = await store.get('bookings', id)
    if (!prev || ACTIVE.includes(prev.status)) throw duplicate(prev ?? booking)
    if (!(await store.update('bookings', { _id: id, status: prev.status, updatedAt: prev.updatedAt }, { set: fields }))) throw duplicate((await store.get('bookings', id)) ?? prev)
  }
  const mine = { _id: id, holder, status: 'holding' }
  const seated = async (): Promise<{ booking: Booking; slot: Pick<Slot, 'waitlist' | 'label'> }> => {
    const status: BookingStatus = claim.checkIn ? 'checkedIn' : 'booked'
    const set = { status, ...(claim.checkIn ? { checkedInAt: now } : {}) }
    await store.update('bookings', mine, { set })
    // a seated booking has no place in line: the slot's line is not read for the answer
    return { booking: { ...booking, ...set }, slot: { waitlist: slot?.waitlist ?? [], label: at.label } }
  }
  // a seat: the increment applies only while one is free (and the capacity is the one read)
  const take = (capacity: number) => store.update('slots', { _id: slotId, capacity, booked: { $lt: capacity } }, { inc: { booked: 1 }, set: { [`holders.${holder}`]: id } })
  if (spec && !unwritten && (await take(spec.capacity))) return seated()
  if (!slot && spec && spec.capacity > 0) {
    // not taken: the slot's first claim writes it with its seat (another writing it first: read it, as any other)
    try {
      await store.insert('slots', { ...newSlot(spec), booked: 1, holders: { [holder]: id } })
      return seated()
    } catch (e) {
      if (!(e instanceof DuplicateIdError)) throw e
    }
  }
  slot ??= await ensureSlot(store, service, slotId)
  let current = slot
  for (let tries = 0; current.booked < current.capacity && tries < 50; tries++) {
    if (await take(current.capacity)) return seated()
    current = slot = (await store.get('slots', slotId))!
  }
  if (!claim.waitlist) {
    // give the claim back: the old booking as it was, or none
    if (prev) {
      const { _id: _prevId, ...old } = prev
      await store.update('bookings', mine, { set: { ...old, holder: undefined } })
    } else await store.remove('bookings', mine)
    throw new ApiError('FULL', current.waitlist.length ? `名额已满，可加入候补（前面还有${current.waitlist.length}人）` : '名额已满，可加入候补')
  }
  await store.update('slots', { _id: slotId }, { push: { waitlist: id } })
  await store.update('bookings', mine, { set: { status: 'waitlisted', waitlistedAt: now } })
  // a seat freed while this place was joining goes to the line now, not at the job's next run
  const after = (await store.get('slots', slotId))!
  if (after.booked < after.capacity) await promoteFreed(ctx, service, slotId)
  const written = (await store.get('bookings', id))!
  return { booking: written, slot: (await store.get('slots', slotId))! }
}

/** What releasing a booking does: cancelled (by its person or family) or a no-show (staff). */
export type Release = 'cancel' | 'noShow'

/**
 * Cancels a booking or a place in line, or marks a no-show: one transaction over the booking and its slot.
 * A seat it gave back then goes to the first in line (promoteFreed). `check` runs on the booking as read in
 * the transaction and throws to refuse. Answers the booking and the slot as the release left them (its line for
 * an answer, without reading it again).
 */
export async function releaseSeat(
  ctx: NoticeContext,
  service: BookingService,
  bookingId: string,
  release: Release,
  check: (b: Booking, slot: Slot) => void,
  /** other writes that belong to the release (a no-show's count, staff's audit entry), in its transaction */
  also?: (tx: TxStore, b: Booking) => Promise<void>,
): Promise<{ booking: Booking; slot: Slot }> {
  const released = await ctx.ports.store.transaction(async (tx) => {
    const booking = await tx.get('bookings', bookingId)
    if (!booking) throw new ApiError('NOT_FOUND', '找不到该预约')
    const slot = await slotInTx(tx, service, booking.slotId)
    check(booking, slot)
    const heldSeat = booking.status === 'booked' || booking.status === 'checkedIn'
    const status: BookingStatus = release === 'noShow' ? 'noShow' : 'cancelled'
    const set: Partial<Booking> = { status, updatedAt: ctx.now, ...(release === 'cancel' ? { cancelledAt: ctx.now } : {}) }
    await tx.update('bookings', bookingId, { set })
    const after = heldSeat ? { ...slot, booked: slot.booked - 1 } : { ...slot, waitlist: slot.waitlist.filter((id) => id !== bookingId) }
    if (heldSeat) await tx.update('slots', slot._id, { inc: { booked: -1 }, ...(booking.holder ? { set: { [`holders.${booking.holder}`]: undefined } } : {}) })
    else await tx.update('slots', slot._id, { set: { waitlist: after.waitlist } })
    await also?.(tx, booking)
    return { booking: { ...booking, ...set }, heldSeat, slot: after }
  })
  // a seat freed with nobody in line as the release read it goes to nobody now: one who joins the line at this moment
  // is promoted by their own claim or by the job's bookingPromote (as after a promotion that lost its race)
  if (released.heldSeat && released.slot.waitlist.length) await promoteFreed(ctx, service, released.booking.slotId)
  return { booking: released.booking, slot: released.slot }
}

/**
 * After a seat is given back: the first in line gets it now. Many giving seats back at once race to promote
 * the same line; a promotion that keeps losing that race is not the release's failure — the seat is
 * counted free, and the job's bookingPromote gives it to the line at its next run.
 */
async function promoteFreed(ctx: NoticeContext, service: BookingService, slotId: string): Promise<void> {
  try {
    await promoteSlot(ctx, service, slotId)
  } catch (e) {
    if (!(e instanceof StoreBusyError)) throw e
  }
}

/**
 * Gives free seats to the waitlist, first in line first, and writes the slot. A place whose promotion
 * comes after the cut-off (too late to plan for or cancel) lapses instead, and its person is told
 * either way. `before` is the slot as read (to write only what changed). Returns how many were promoted.
 */
export async function promoteInTx(ctx: NoticeContext, tx: TxStore, service: BookingService, slot: Slot, before: Slot): Promise<number> {
  const waitlist = [...slot.waitlist]
  const holders = { ...slot.holders }
  let booked = slot.booked
  let promoted = 0
  const tooLate = ctx.now >= cutoffOf(service, slot)
  while (waitlist.length && (booked < slot.capacity || tooLate)) {
    const id = waitlist.shift()!
    const b = await tx.get('bookings', id)
    // `holding`: a place still being written (its claimer sees the outcome when it finishes)
    if (!b || (b.status !== 'waitlisted' && b.status !== 'holding')) continue
    const when = `${shortTime(b.startsAt)}–${b.end}`
    const page = pageUrl('booking.mine', { villageId: b.villageId })
    if (tooLate) {
      await tx.update('bookings', id, { set: { status: 'lapsed', updatedAt: ctx.now } })
      await tellBoth(ctx, tx, b, '候补未成功', `${service.name} ${when} 的候补没有等到空位，已自动结束。`, page)
      continue
    }
    const seat = newId('seat', ctx.now)
    await tx.update('bookings', id, { set: { status: 'booked', holder: seat, promotedAt: ctx.now, updatedAt: ctx.now } })
    holders[seat] = id
    booked++
    promoted++
    await tellBoth(ctx, tx, b, '候补成功', `${b.name}已候补到 ${service.name} ${when} 的名额，请按时到场；不能来请提前取消。`, page)
  }
  const changed =
    booked !== before.booked ||
    waitlist.length !== before.waitlist.length ||
    waitlist.some((id, i) => before.waitlist[i] !== id) ||
    JSON.stringify(holders) !== JSON.stringify(before.holders ?? {})
  if (changed) await tx.update('slots', slot._id, { set: { booked, waitlist, holders } })
  return promoted
}

/** the person a booking is for and, when someone else booked it, the booker */
export async function tellBoth(ctx: NoticeContext, tx: TxStore, b: Booking, title: string, body: string, page: string): Promise<void> {
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

/**
 * The job's settling of claims whose process died between writing the booking as `holding` and finishing
 * (older than HOLD_MS): booked when the slot counts its seat, waitlisted when it is in the line, else
 * cancelled — each in one transaction with the slot as it is, and its person told. Returns how many.
 */
export async function settleHolding(ctx: NoticeContext): Promise<number> {
  const { store } = ctx.ports
  const stale = await store.find('bookings', { status: 'holding', updatedAt: { $lt: ctx.now - HOLD_MS } }, { limit: 100 })
  let settled = 0
  for (const b of stale) {
    settled += await store.transaction(async (tx) => {
      const doc = await tx.get('bookings', b._id)
      if (doc?.status !== 'holding') return 0
      const slot = await tx.get('slots', doc.slotId)
      const seated = Boolean(doc.holder && slot?.holders?.[doc.holder] === doc._id)
      const status: BookingStatus = seated ? 'booked' : slot?.waitlist.includes(doc._id) ? 'waitlisted' : 'cancelled'
      await tx.update('bookings', doc._id, { set: { status, updatedAt: ctx.now, ...(status === 'waitlisted' ? { waitlistedAt: doc.createdAt } : {}), ...(status === 'cancelled' ? { cancelledAt: ctx.now } : {}) } })
      const page = pageUrl('booking.mine', { villageId: doc.villageId })
      const when = `${shortTime(doc.startsAt)}–${doc.end}`
      const words = { booked: `${doc.name} ${when} 的预约已完成。`, waitlisted: `${doc.name} ${when} 已排上候补。`, cancelled: `${doc.name} ${when} 的预约没有完成，请重新预约。` }[status as 'booked']
      await tellBoth(ctx, tx, doc, '预约结果', words, page)
      return 1
    })
  }
  return settled
}
