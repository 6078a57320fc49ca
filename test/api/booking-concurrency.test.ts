/**
 * Capacity is exact under concurrency (issue 12): 500 residents at once at an 80-seat slot give exactly 80
 * bookings, the rest a clear 名额已满 or a place in line; then 30 cancellations at once promote exactly 30 of the
 * line, in order, and every count still matches the bookings. On SQLite (serialised transactions) and on the
 * CloudBase emulator (a write conflict fails at once and the transaction runs again).
 */
import { personKeyOf } from '../../cloud/src/features/account/policy'
import type { BookingView } from '../../cloud/src/contract'
import type { Booking, BookingService } from '../../cloud/src/features/booking/documents'
import { T0, apiPerTest, membershipDoc } from './harness'

const X = 'v-xinshan'
const HALL = `${X}:hall`
const SERVICE = `${HALL}:t-busy`
const SLOT = `${SERVICE}@2026-11-27@11:30`
const PEOPLE = 500
const SEATS = 80

const api = apiPerTest()

async function residents(n: number): Promise<string[]> {
  const { store } = api.ports
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    const personId = `p_busy_${i}`
    const openid = `busy-${i}`
    await store.insert('persons', { _id: personId, openid, name: `村民${i}`, createdAt: T0 })
    await store.insert('personKeys', { _id: personKeyOf(openid), personId })
    await store.insert('memberships', membershipDoc(X, personId, `村民${i}`))
    openids.push(openid)
  }
  return openids
}

async function bookingsOfSlot(): Promise<Booking[]> {
  const out: Booking[] = []
  for (let skip = 0; ; skip += 100) {
    const page = await api.ports.store.find('bookings', { slotId: SLOT }, { sort: [['_id', 'asc']], skip, limit: 100 })
    out.push(...page)
    if (page.length < 100) return out
  }
}

test(`${PEOPLE} at once at ${SEATS} seats: exactly ${SEATS} booked, the rest 名额已满 or in line; cancellations promote exactly`, async () => {
  const service: BookingService = {
    _id: SERVICE,
    villageId: X,
    hallId: HALL,
    kind: 'volunteer',
    name: '志愿者义剪',
    description: '',
    rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '11:30', end: '12:30', stepMinutes: null, capacity: SEATS, label: null }],
    exceptions: [],
    windowDays: 7,
    cutoffMinutes: 60,
    eligibility: { minAge: null, householdIds: [], note: null },
    perPersonLimit: 5,
    priceNote: null,
    active: true,
    updatedAt: T0,
    updatedByName: '张秀英',
  }
  await api.ports.store.insert('bookingServices', service)
  const openids = await residents(PEOPLE)

  // every other one asks for the waitlist when full
  const results = await Promise.all(openids.map((openid, i) => api.router('booking.book', { villageId: X, slotId: SLOT, waitlist: i % 2 === 1 }, { openid })))
  const outcome = (r: (typeof results)[number]) => (r.ok ? (r.data as BookingView).status : `${r.error.code} ${r.error.message.replace(/（.*）/, '')}`)
  const tally: Record<string, number> = {}
  for (const r of results) tally[outcome(r)] = (tally[outcome(r)] ?? 0) + 1
  expect(tally.booked).toBe(SEATS)
  expect((tally.waitlisted ?? 0) + (tally['FULL 名额已满，可加入候补'] ?? 0)).toBe(PEOPLE - SEATS)
  expect(Object.keys(tally).sort()).toEqual(['FULL 名额已满，可加入候补', 'booked', 'waitlisted'])
  // nobody who asked for the line was turned away, nobody who did not was put in it
  results.forEach((r, i) => expect(r.ok ? (r.data as BookingView).status !== 'waitlisted' || i % 2 === 1 : i % 2 === 0).toBe(true))

  let slot = (await api.ports.store.get('slots', SLOT))!
  let all = await bookingsOfSlot()
  expect(slot.booked).toBe(SEATS)
  expect(all.filter((b) => b.status === 'booked')).toHaveLength(SEATS)
  expect(slot.waitlist).toHaveLength(tally.waitlisted)
  expect(new Set(slot.waitlist)).toEqual(new Set(all.filter((b) => b.status === 'waitlisted').map((b) => b._id)))

  // 30 of the booked cancel at once: the first 30 in line get their seats, in order
  const line = [...slot.waitlist]
  const leaving = all.filter((b) => b.status === 'booked').slice(0, 30)
  const cancels = await Promise.all(leaving.map((b) => api.router('booking.cancel', { villageId: X, bookingId: b._id }, { openid: `busy-${b.personId!.slice('p_busy_'.length)}` })))
  expect(cancels.filter((r) => !r.ok)).toEqual([])
  slot = (await api.ports.store.get('slots', SLOT))!
  all = await bookingsOfSlot()
  expect(slot.booked).toBe(SEATS)
  expect(all.filter((b) => b.status === 'booked')).toHaveLength(SEATS)
  expect(slot.waitlist).toEqual(line.slice(30))
  const promoted = new Set(all.filter((b) => b.promotedAt).map((b) => b._id))
  expect(promoted).toEqual(new Set(line.slice(0, 30)))
}, 240_000)
