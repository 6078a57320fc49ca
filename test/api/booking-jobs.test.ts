/**
 * The booking steps of the time-driven job over the seeded demo (T0 = Thursday 2026-11-26 10:00 in Beijing):
 * each with exact counts, a second run that does nothing, runs at once that do each thing once, and a run
 * killed between two documents that the next run completes.
 */
import { closeEndedSlots, promoteWaitlists, remindTomorrow, writeSlots } from '../../cloud/src/features/booking/jobs'
import { slotsOn, windowDays } from '../../cloud/src/features/booking/slots'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalPorts } from '../../cloud/src/adapters/local'
import { seedPlacesAndPeople } from '../../cloud/src/features/account/seed'
import { seedBooking } from '../../cloud/src/features/booking/seed'
import { bookingJobSteps } from '../../cloud/src/features/booking/jobs'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { shanghaiDay } from '../../cloud/src/common/time'
import { apiPerTest, T0, killedAfter } from './harness'

const X = 'v-xinshan'
const HALL = 'v-xinshan:hall'
const LEGAL = `${HALL}:legal`
const LUNCH_TODAY = `${HALL}:canteen@2026-11-26@11:30`
const LEGAL_TODAY = `${LEGAL}@2026-11-26@14:00`
const HOUR = 3_600_000

const api = apiPerTest()
const now = () => api.ports.clock.now()
const booking = (id: string) => api.ports.store.get('bookings', id)
const register = async (key: string) => (await api.ports.store.get('bookingPeople', `${X}:p_${key}`))!.noShows
const titles = async (key: string) => (await api.as(`demo-${key}`).call('notifications.list', {})).map((n) => n.title)

const killed = (k: number) => killedAfter(api, k)

describe('bookingSlots', () => {
  test('writes every slot of the active services’ windows not written yet and not over; once, whoever runs it', async () => {
    const { store } = api.ports
    const services = await store.find('bookingServices', { active: true }, { limit: 100 })
    const due = services.flatMap((s) => windowDays(s, now()).flatMap((d) => slotsOn(s, d))).filter((s) => s.endsAt > now())
    const before = new Set((await store.find('slots', {}, { limit: 1000 })).map((s) => s._id))
    const missing = due.filter((s) => !before.has(s._id))
    expect(missing.length).toBeGreaterThan(100)

    // killed after 40 inserts; three runs at once finish it; a fourth finds nothing
    await expect(writeSlots(killed(40), now())).rejects.toThrow('killed')
    const runs = await Promise.all([writeSlots(api.ports, now()), writeSlots(api.ports, now()), writeSlots(api.ports, now())])
    expect(runs.reduce((a, b) => a + b, 0)).toBe(missing.length - 40)
    expect(await writeSlots(api.ports, now())).toBe(0)

    const after = await store.find('slots', {}, { limit: 1000 })
    expect(after).toHaveLength(before.size + missing.length)
    // the seeded ones kept their counts; the new ones are empty
    expect(after.find((s) => s._id === `${HALL}:canteen@2026-11-27@11:30`)).toMatchObject({ booked: 32, capacity: 80 })
    expect(after.find((s) => s._id === `${HALL}:canteen@2026-11-30@17:00`)).toMatchObject({ booked: 0, waitlist: [], capacity: 30 })
    // none for the closed day, none already over today (public service 09:00–10:00)
    expect(after.some((s) => s.serviceId === `${HALL}:canteen` && s.date === '2026-12-01')).toBe(false)
    expect(after.some((s) => s._id === `${HALL}:publicService@2026-11-26@09:30`)).toBe(false)
    expect(after.some((s) => s._id === `${HALL}:publicService@2026-11-26@10:00`)).toBe(true)
  })

  test('a capacity changed in the pattern reaches the written slots (never below the seats booked), and the waitlist moves up', async () => {
    const { store } = api.ports
    await writeSlots(api.ports, now())
    // as a save of the service killed before it reached its slots would leave it
    const legal = (await store.get('bookingServices', LEGAL))!
    await store.update('bookingServices', { _id: LEGAL }, { set: { rules: legal.rules.map((r) => ({ ...r, capacity: 2 })) } })
    const upcoming = await store.count('slots', { serviceId: LEGAL, endsAt: { $gt: now() } })
    expect(await writeSlots(api.ports, now())).toBe(upcoming)
    expect(await writeSlots(api.ports, now())).toBe(0)
    expect(await booking(`${LEGAL_TODAY}~p_huangdeming`)).toMatchObject({ status: 'booked' })
    expect(await store.get('slots', LEGAL_TODAY)).toMatchObject({ capacity: 2, booked: 2, waitlist: [] })
    expect(await titles('huangdeming')).toContain('候补成功')

    const canteen = (await store.get('bookingServices', `${HALL}:canteen`))!
    await store.update('bookingServices', { _id: canteen._id }, { set: { rules: canteen.rules.map((r) => ({ ...r, capacity: 20 })) } })
    await writeSlots(api.ports, now())
    expect(await store.get('slots', `${HALL}:canteen@2026-11-27@11:30`)).toMatchObject({ capacity: 32, booked: 32 })
    expect(await store.get('slots', `${HALL}:canteen@2026-11-28@11:30`)).toMatchObject({ capacity: 20, booked: 0 })
  })
})

describe('bookingPromote', () => {
  test('a free seat nobody was given goes to the first in line, once; told', async () => {
    expect(await promoteWaitlists(api.ports, now())).toBe(0)
    // a seat freed without its promotion (as a crash between the two would leave it)
    await api.ports.store.update('bookings', { _id: `${LEGAL_TODAY}~p_chenjianguo` }, { set: { status: 'cancelled' } })
    await api.ports.store.update('slots', { _id: LEGAL_TODAY }, { set: { booked: 0 } })
    const runs = await Promise.all([promoteWaitlists(api.ports, now()), promoteWaitlists(api.ports, now())])
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1)
    expect(await promoteWaitlists(api.ports, now())).toBe(0)
    expect(await booking(`${LEGAL_TODAY}~p_huangdeming`)).toMatchObject({ status: 'booked', promotedAt: now() })
    expect((await titles('huangdeming')).filter((t) => t === '候补成功')).toHaveLength(1)
  })

  test('past the cut-off the waitlist lapses, and its person is told once', async () => {
    api.advance(3 * HOUR + 5 * 60_000) // 13:05, the legal adviser's cut-off (an hour before 14:00) has passed
    await expect(promoteWaitlists(killed(0), now())).rejects.toThrow('killed')
    expect(await promoteWaitlists(api.ports, now())).toBe(1)
    expect(await promoteWaitlists(api.ports, now())).toBe(0)
    expect(await booking(`${LEGAL_TODAY}~p_huangdeming`)).toMatchObject({ status: 'lapsed' })
    expect(await api.ports.store.get('slots', LEGAL_TODAY)).toMatchObject({ booked: 1, waitlist: [] })
    expect((await titles('huangdeming')).filter((t) => t === '候补未成功')).toHaveLength(1)
  })
})

describe('bookingClose', () => {
  test('an ended slot: its open bookings become no-shows, counted once each; then it is closed', async () => {
    api.advance(3 * HOUR) // 13:00: today's lunch is over, 李桂兰 and 林水生 never checked in
    const [li, lin] = [await register('liguilan'), await register('linshuisheng')]
    // killed after the first booking's no-show: the next run does the second and closes the slot
    await expect(closeEndedSlots(killed(1), now())).rejects.toThrow('killed')
    expect(await api.ports.store.get('slots', LUNCH_TODAY)).toMatchObject({ booked: 1 })
    const runs = await Promise.all([closeEndedSlots(api.ports, now()), closeEndedSlots(api.ports, now())])
    expect(runs.reduce((a, b) => a + b, 0)).toBe(1)
    expect(await closeEndedSlots(api.ports, now())).toBe(0)
    expect(await booking(`${LUNCH_TODAY}~p_liguilan`)).toMatchObject({ status: 'noShow' })
    expect(await booking(`${LUNCH_TODAY}~p_linshuisheng`)).toMatchObject({ status: 'noShow' })
    expect([await register('liguilan'), await register('linshuisheng')]).toEqual([li + 1, lin + 1])
    expect(await api.ports.store.get('slots', LUNCH_TODAY)).toMatchObject({ booked: 0, closed: true })
    // quietly: no notice of a no-show
    expect((await titles('liguilan')).some((t) => t.includes('未到'))).toBe(false)
  })

  test('a checked-in booking stays; the waitlist of an ended slot lapses and is told; seeded past slots are not counted again', async () => {
    api.advance(1.5 * HOUR) // 11:30: 林水生 checks in
    await api.as('demo-linshuisheng').call('booking.checkIn', { villageId: X, hallId: HALL, bookingId: `${LUNCH_TODAY}~p_linshuisheng` })
    api.advance(3.25 * HOUR) // 14:45: lunch and the legal adviser's 14:00 slot are over
    const wu = await register('wulihua')
    expect(await closeEndedSlots(api.ports, now())).toBe(2)
    expect(await booking(`${LUNCH_TODAY}~p_linshuisheng`)).toMatchObject({ status: 'checkedIn' })
    expect(await api.ports.store.get('slots', LUNCH_TODAY)).toMatchObject({ booked: 1, closed: true })
    expect(await booking(`${LEGAL_TODAY}~p_huangdeming`)).toMatchObject({ status: 'lapsed' })
    expect(await booking(`${LEGAL_TODAY}~p_chenjianguo`)).toMatchObject({ status: 'noShow' })
    expect((await titles('huangdeming')).filter((t) => t === '候补未成功')).toHaveLength(1)
    expect(await register('wulihua')).toBe(wu)
    expect(await closeEndedSlots(api.ports, now())).toBe(0)
  })
})

describe('bookingRemind', () => {
  test('tomorrow’s bookings, once each, to the person and the family member who booked; not before 08:00', async () => {
    api.advance(-3 * HOUR) // 07:00
    expect(await remindTomorrow(api.ports, now())).toBe(0)
    api.advance(HOUR) // 08:00
    await expect(remindTomorrow(killed(1), now())).rejects.toThrow('killed')
    const runs = await Promise.all([remindTomorrow(api.ports, now()), remindTomorrow(api.ports, now())])
    // two are due, 李桂兰's (booked by 林俊) and 林水生's (not the 30 walk-ins, not 郑志远's cancelled one): the killed run took one
    expect(runs[0] + runs[1]).toBe(1)
    expect(await remindTomorrow(api.ports, now())).toBe(0)
    // the killed run's notice was written with its claim; the job's notices step delivers it
    await deliverDueNotices(api.ports, now())
    const [son] = (await api.as('demo-linjun').call('notifications.list', {})).filter((n) => n.title === '明天的预约提醒')
    expect(son.body).toBe('李桂兰 明天 11:30–12:30 长者饭堂（新山村党群服务中心），请按时到场；不能来请提前取消。')
    expect(son.page).toBe('/features/booking/pages/mine/index?villageId=v-xinshan')
    for (const key of ['liguilan', 'linjun', 'linshuisheng']) expect((await titles(key)).filter((t) => t === '明天的预约提醒')).toHaveLength(1)
    expect((await titles('zhengzhiyuan')).filter((t) => t === '明天的预约提醒')).toHaveLength(0)
    // pushed once each
    expect(api.ports.notifier.sent.filter((n) => n.title === '明天的预约提醒')).toHaveLength(3)
  })
})

describe('the demo seed', () => {
  test('whatever the day and hour it starts: slots count their bookings, past ones are closed, the job counts nothing seeded again', async () => {
    // 14 starts 13 hours apart: every weekday, and hours before, during and after lunch
    for (let i = 0; i < 14; i++) {
      const at = T0 + i * 13 * HOUR
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-seed-'))
      const ports = createLocalPorts({ dataDir: dir, clock: { now: () => at } })
      try {
        await seedPlacesAndPeople(ports.store, at)
        await seedBooking(ports.store, at)
        const slots = await ports.store.find('slots', {}, { limit: 1000 })
        const bookings = await ports.store.find('bookings', {}, { limit: 1000 })
        const where = `seeded at ${new Date(at).toISOString()}`
        for (const s of slots) {
          const mine = bookings.filter((b) => b.slotId === s._id)
          expect({ where, id: s._id, booked: s.booked, waitlist: [...s.waitlist].sort(), closed: s.endsAt <= at ? s.closed : 'upcoming' }).toEqual({
            where,
            id: s._id,
            booked: mine.filter((b) => b.status === 'booked' || b.status === 'checkedIn').length,
            waitlist: mine.filter((b) => b.status === 'waitlisted').map((b) => b._id).sort(),
            closed: s.endsAt <= at ? true : 'upcoming',
          })
        }
        // the story holds: the next lunch booked by the son, the full legal slot with its waitlist, 陈小红's appointment
        expect(bookings.filter((b) => b.personId === 'p_liguilan' && b.bookedBy === 'p_linjun' && b.status === 'booked' && b.date > shanghaiDay(at))).toHaveLength(1)
        expect(bookings.filter((b) => b.personId === 'p_huangdeming' && b.status === 'waitlisted')).toHaveLength(1)
        expect(bookings.filter((b) => b.personId === 'p_chenxiaohong' && b.status === 'booked' && b.startsAt > at)).toHaveLength(1)
        expect(bookings.filter((b) => b.personId === null && b.status === 'booked')).toHaveLength(30)
        const before = await ports.store.find('bookingPeople', {}, { limit: 100 })
        for (const step of Object.values(bookingJobSteps)) await step(ports, at)
        // a lunch under way is not over: nothing seeded is counted as a no-show at the start, and the waitlist still waits
        expect(await ports.store.find('bookingPeople', {}, { limit: 100 })).toEqual(before)
        expect(await ports.store.count('bookings', { personId: 'p_huangdeming', status: 'waitlisted' })).toBe(1)
      } finally {
        ports.store.close()
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  }, 60_000)
})
