/**
 * The booking feature's steps of the time-driven job. Each may run any number of times, at once with
 * another run, and be killed between two documents: every change is one transaction conditional on what
 * it changes (a slot written once by its id, a booking's status, a reminder's claim), so a second run
 * finds nothing left to do and a run after a kill finishes what the killed one left.
 */
import dayjs from 'dayjs'
import type { Ports } from '../../ports/ports'
import { DuplicateIdError } from '../../ports/store'
import { shanghaiDay, shanghaiDayPlus, TZ } from '../../common/time'
import { deliverNotices, notifyMany, type NoticeContext } from '../account/notices'
import { pageUrl } from '../../../../src/routes'
import type { Booking, BookingService, Slot } from './documents'
import { newSlot, promoteInTx, promoteSlot, settleHolding } from './seats'
import { cutoffOf, instantOf, slotsOn, specOf, windowDays } from './slots'
import { findAll } from '../../common/load'
import { countNoShowInTx } from './register'

const PAGE = 100
/** no reminder is pushed before this hour (Beijing): nobody is woken at midnight for tomorrow's lunch */
export const REMIND_FROM_HOUR = 8

/** Services and halls read once per run. */
function lookups(ports: Ports) {
  const services = new Map<string, Promise<BookingService | null>>()
  const halls = new Map<string, Promise<string>>()
  return {
    service: (id: string) => services.get(id) ?? services.set(id, ports.store.get('bookingServices', id)).get(id)!,
    hallName: (id: string) => halls.get(id) ?? halls.set(id, ports.store.get('halls', id).then((h) => h?.name ?? '服务中心')).get(id)!,
  }
}

/** A job's notice context: what it writes is delivered when the step ends (or by the notices step after a crash). */
const jobContext = (ports: Ports, now: number): NoticeContext & { notices: string[] } => ({ ports, now, notices: [] })

/**
 * bookingSlots: the slots of every active service for its window that are not written yet, so the day
 * list and the headcount show them before anyone books; a stored upcoming slot whose pattern now gives
 * another capacity gets it (never below the seats booked), with its waitlist promoted.
 */
export async function writeSlots(ports: Ports, now: number): Promise<number> {
  const { store } = ports
  const ctx = jobContext(ports, now)
  const services = await findAll(store, 'bookingServices', { active: true })
  const halls = new Map<string, BookingService[]>()
  for (const s of services) halls.set(s.hallId, [...(halls.get(s.hallId) ?? []), s])
  let written = 0
  for (const [hallId, hallServices] of halls) {
    const last = shanghaiDayPlus(now, Math.max(...hallServices.map((s) => s.windowDays)))
    const stored = await findAll(store, 'slots', { villageId: hallServices[0].villageId, hallId, date: { $gte: shanghaiDay(now), $lte: last } })
    const byId = new Map(stored.map((s) => [s._id, s]))
    for (const service of hallServices) {
      for (const spec of windowDays(service, now).flatMap((date) => slotsOn(service, date))) {
        if (spec.endsAt <= now) continue
        const slot = byId.get(spec._id)
        if (!slot) {
          try {
            await store.insert('slots', newSlot(spec))
            written++
          } catch (e) {
            // someone booked it (or another run wrote it) first
            if (!(e instanceof DuplicateIdError)) throw e
          }
        } else if (!slot.closed && Math.max(spec.capacity, slot.booked) !== slot.capacity) {
          await promoteSlot(ctx, service, slot._id)
          written++
        }
      }
    }
  }
  // every service's slots are written through its window's last day now (one saved since it was read: not yet)
  for (const service of services) {
    const through = shanghaiDayPlus(now, service.windowDays)
    if (service.slotsThrough !== through) await store.update('bookingServices', { _id: service._id, updatedAt: service.updatedAt }, { set: { slotsThrough: through } })
  }
  await deliverNotices(ports, now, ctx.notices)
  return written
}

/**
 * bookingPromote: upcoming slots with a waitlist and a free seat (a seat freed without a promotion, more
 * seats) give it to the first in line; past their cut-off the waitlist lapses (promoteInTx). Found through
 * the waitlisted bookings (few, and indexed by status and start). Returns the places promoted or lapsed.
 */
export async function promoteWaitlists(ports: Ports, now: number): Promise<number> {
  const { store } = ports
  const ctx = jobContext(ports, now)
  const get = lookups(ports)
  const waiting = await store.find('bookings', { status: 'waitlisted', startsAt: { $gt: now } }, { sort: [['startsAt', 'asc']], limit: 1000 })
  let moved = 0
  for (const slotId of new Set(waiting.map((b) => b.slotId))) {
    const slot = await store.get('slots', slotId)
    const service = slot && (await get.service(slot.serviceId))
    if (!slot || !service || slot.closed || !slot.waitlist.length) continue
    const capacity = Math.max(specOf(service, slotId)?.capacity ?? slot.capacity, slot.booked)
    if (now >= cutoffOf(service, slot)) moved += await lapseWaitlist(ports, ctx, service, slotId)
    else if (slot.booked < capacity) moved += await promoteSlot(ctx, service, slotId)
  }
  await deliverNotices(ports, now, ctx.notices)
  return moved
}

/**
 * Past a slot's cut-off its waitlist lapses, each told (promoteInTx's words): one transaction, conditional on
 * the places still waiting. Returns how many this call ended (another run that got there first ended the rest).
 */
async function lapseWaitlist(ports: Ports, ctx: NoticeContext, service: BookingService, slotId: string): Promise<number> {
  return ports.store.transaction(async (tx) => {
    const slot = await tx.get('slots', slotId)
    if (!slot || slot.closed || !slot.waitlist.length) return 0
    let waiting = 0
    for (const id of slot.waitlist) if ((await tx.get('bookings', id))?.status === 'waitlisted') waiting++
    await promoteInTx(ctx, tx, service, slot, slot)
    return waiting
  })
}

/** A booking still `booked` when its slot has ended: a no-show, counted against its person, its seat given back. */
async function noShowAfter(ports: Ports, b: Booking, now: number): Promise<void> {
  await ports.store.transaction(async (tx) => {
    const current = await tx.get('bookings', b._id)
    if (current?.status !== 'booked') return
    await tx.update('bookings', b._id, { set: { status: 'noShow', updatedAt: now } })
    await tx.update('slots', b.slotId, { inc: { booked: -1 }, ...(current.holder ? { set: { [`holders.${current.holder}`]: undefined } } : {}) })
    await countNoShowInTx(tx, current, now)
  })
}

/** Closes one ended slot: its waitlist lapses (each told), its open bookings become no-shows (quietly counted), then `closed`. */
async function closeSlot(ports: Ports, ctx: NoticeContext, slot: Slot, service: BookingService | null, now: number): Promise<boolean> {
  const { store } = ports
  if (service && slot.waitlist.length) await lapseWaitlist(ports, ctx, service, slot._id)
  for (const b of await store.find('bookings', { slotId: slot._id, status: 'booked' }, { limit: 1000 })) await noShowAfter(ports, b, now)
  // last: a run killed before this line leaves the slot to the next run, which finds only what is left
  return (await store.update('slots', { _id: slot._id, closed: { $ne: true } }, { set: { closed: true } })) > 0
}

/** bookingClose: slots that have ended, closed once each. Returns how many this run closed. */
export async function closeEndedSlots(ports: Ports, now: number): Promise<number> {
  const ctx = jobContext(ports, now)
  const get = lookups(ports)
  let closed = 0
  for (;;) {
    const ended = await ports.store.find('slots', { closed: { $ne: true }, endsAt: { $lte: now } }, { sort: [['endsAt', 'asc']], limit: PAGE })
    let took = 0
    for (const slot of ended) if (await closeSlot(ports, ctx, slot, await get.service(slot.serviceId), now)) took++
    closed += took
    // slots another run closed leave the filter too; stop when a page closed nothing
    if (ended.length < PAGE || took === 0) break
  }
  await deliverNotices(ports, now, ctx.notices)
  return closed
}

/**
 * bookingRemind: the day before (from REMIND_FROM_HOUR), each booking of tomorrow is reminded once, to its
 * person and to the family member who booked it: the claim (remindedAt) and the notice in one transaction.
 */
export async function remindTomorrow(ports: Ports, now: number): Promise<number> {
  const { store } = ports
  if (dayjs(now).tz(TZ).hour() < REMIND_FROM_HOUR) return 0
  const ctx = jobContext(ports, now)
  const get = lookups(ports)
  const [tomorrow, after] = [shanghaiDayPlus(now, 1), shanghaiDayPlus(now, 2)]
  const filter = { status: 'booked', startsAt: { $gte: instantOf(tomorrow, '00:00'), $lt: instantOf(after, '00:00') }, remindedAt: null, personId: { $ne: null } }
  let reminded = 0
  for (;;) {
    const due = await store.find('bookings', filter, { sort: [['startsAt', 'asc']], limit: PAGE })
    let took = 0
    for (const b of due) {
      const service = await get.service(b.serviceId)
      const hallName = await get.hallName(b.hallId)
      const body = `${b.name} 明天 ${b.start}–${b.end} ${service?.name ?? '预约'}（${hallName}），请按时到场；不能来请提前取消。`
      const to = [...new Set([b.personId!, ...(b.via === 'app' ? [b.bookedBy] : [])])]
      const claimed = await store.transaction(async (tx) => {
        const current = await tx.get('bookings', b._id)
        if (current?.status !== 'booked' || current.remindedAt) return false
        await tx.update('bookings', b._id, { set: { remindedAt: now } })
        await notifyMany(ctx, b.villageId, to, '明天的预约提醒', body, pageUrl('booking.mine', { villageId: b.villageId }), tx)
        return true
      })
      if (claimed) took++
    }
    reminded += took
    if (due.length < PAGE || took === 0) break
  }
  await deliverNotices(ports, now, ctx.notices)
  return reminded
}

export const bookingJobSteps: Record<string, (ports: Ports, now: number) => Promise<number>> = {
  bookingSlots: writeSlots,
  bookingPromote: promoteWaitlists,
  bookingClose: closeEndedSlots,
  bookingRemind: remindTomorrow,
  /** claims whose process died part-way (seats.ts), settled by what their slot says */
  bookingHolding: async (ports, now) => {
    const ctx = jobContext(ports, now)
    const settled = await settleHolding(ctx)
    await deliverNotices(ports, now, ctx.notices)
    return settled
  },
}
