/**
 * Booking through the router, as residents use it: a son books lunch for his mother, the slot fills, the
 * waitlist, a cancellation promotes the first in line (and a promotion after the cut-off lapses), check-in
 * at the hall (twice, the wrong hall, the wrong day, outside the window), eligibility, the per-person and
 * no-show limits, authorisations, 我的预约. On a fixture service of 3 seats so that filling it is quick.
 */
import type { BookingService } from '../../cloud/src/features/booking/documents'
import { instantOf } from '../../cloud/src/features/booking/slots'
import { claimSeat, promoteSlot, settleHolding } from '../../cloud/src/features/booking/seats'
import { householdId } from '../../cloud/src/features/account/policy'
import { T0, apiPerTest, expectRefused, killedAfter, toldOf } from './harness'

const X = 'v-xinshan'
const HALL = `${X}:hall`
const SERVICE = `${HALL}:t-lunch`
const MIN = 60_000
/** T0 is Thursday 26 November 2026, 10:00 in Beijing */
const lunch = (date: string) => `${SERVICE}@${date}@11:30`
const TOMORROW = lunch('2026-11-27')
const TODAY = lunch('2026-11-26')
const P = {
  linjun: 'demo-linjun', // 李桂兰's son, 子女 of 东一巷12号 (born 1985)
  liguilan: 'demo-liguilan', // his mother (born 1953)
  linshuisheng: 'demo-linshuisheng', // his father, 户主 (born 1950)
  chen: 'demo-chenjianguo', // 西二巷20号 (born 1958)
  huang: 'demo-huangdeming', // 新村路6号 (born 1948)
  wu: 'demo-wulihua', // 东一巷30号 (born 1944)
  staff: 'demo-zhangxiuying',
  committee: 'demo-linzhiqiang',
  sunli: 'demo-sunli', // 乌坎村
}
const BORN: Record<string, number> = { p_liguilan: 1953, p_linshuisheng: 1950, p_chenjianguo: 1958, p_huangdeming: 1948, p_wulihua: 1944, p_linjun: 1985 }

const api = apiPerTest()
const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)

/** a 3-seat lunch every day, bookable 7 days ahead until 60 minutes before, 60+ or the listed household of 新村路6号 */
async function fixture(over: Partial<BookingService> = {}) {
  const { store } = api.ports
  const service: BookingService = {
    _id: SERVICE,
    villageId: X,
    hallId: HALL,
    kind: 'canteen',
    name: '爱心午餐',
    description: '测试用午餐',
    rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '11:30', end: '12:30', stepMinutes: null, capacity: 3, label: '午餐' }],
    exceptions: [{ date: '2026-11-29', closed: true, capacity: null, reason: '厨房设备检修' }],
    windowDays: 7,
    cutoffMinutes: 60,
    eligibility: { minAge: 60, householdIds: [householdId(X, '新山村新村路6号')], note: null },
    perPersonLimit: 3,
    priceNote: '每餐5元',
    active: true,
    updatedAt: T0,
    updatedByName: '张秀英',
    ...over,
  }
  await store.insert('bookingServices', service)
  for (const [personId, birthYear] of Object.entries(BORN)) {
    const id = `${X}:${personId}`
    const m = await store.get('memberships', id)
    if (await store.get('bookingPeople', id)) await store.update('bookingPeople', { _id: id }, { set: { birthYear, noShows: 0 } })
    else await store.insert('bookingPeople', { _id: id, villageId: X, personId, name: m!.name, birthYear, noShows: 0, lastNoShowAt: null })
  }
  return service
}

const book = (openid: string, slotId: string, personId?: string, waitlist = false) => api.as(openid).call('booking.book', { villageId: X, slotId, personId, waitlist })
const slotDoc = (slotId: string) => api.ports.store.get('slots', slotId)
/** the notices about the fixture's service (the demo's own bookings have notices of their own) */
const noticesOf = (personId: string, about = '爱心午餐') => toldOf(api, { villageId: X }).then((es) => es.filter((e) => Array.isArray(e.to) && e.to.includes(personId) && e.body.includes(about)))
const mineHere = async (openid: string) => {
  const m = await api.as(openid).call('booking.mine', { villageId: X })
  return { upcoming: m.upcoming.filter((v) => v.serviceId === SERVICE), past: m.past.filter((v) => v.serviceId === SERVICE) }
}

test('a son books lunch for his mother: she is told, the day shows her seat and the seats left', async () => {
  await fixture()
  const b = await book(P.linjun, TOMORROW, 'p_liguilan')
  expect(b).toMatchObject({ name: '李桂兰', bookedByName: '林俊', status: 'booked', forOther: true, via: 'app', date: '2026-11-27', start: '11:30', end: '12:30', hallName: '新山村党群服务中心' })
  expect(b.can).toMatchObject({ cancel: true, checkIn: false })
  expect((await noticesOf('p_liguilan')).map((n) => n.title)).toEqual(['家人为您预约'])

  const days = await api.as(P.linjun).call('booking.days', { villageId: X, serviceId: SERVICE })
  expect(days.days.map((d) => d.date)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03'])
  expect(days.days[3]).toMatchObject({ weekday: '周日', closedReason: '厨房设备检修', slots: [] })
  const slot = days.days[1].slots[0]
  expect(slot).toMatchObject({ capacity: 3, seatsLeft: 2, state: 'open', mine: [{ name: '李桂兰', status: 'booked' }] })
  // today's lunch: booking closed at 10:30, and it is 10:00 — open; at 10:30 it is cut off
  expect(days.days[0].slots[0].state).toBe('open')
  // whom 林俊 may book for: himself (too young), his mother and father
  expect(days.bookables).toEqual([
    expect.objectContaining({ name: '林俊', relation: '本人', eligible: false, why: '爱心午餐仅限60岁及以上长者或登记在册的家庭预约' }),
    expect.objectContaining({ name: '林水生', relation: '同户', eligible: true }),
    expect.objectContaining({ name: '李桂兰', relation: '同户', eligible: true }),
  ])
  // her own 我的预约 and his both show it
  expect((await mineHere(P.liguilan)).upcoming.map((v) => [v.name, v.forOther])).toEqual([['李桂兰', false]])
  expect((await mineHere(P.linjun)).upcoming.map((v) => [v.name, v.forOther])).toEqual([['李桂兰', true]])
})

test('the slot fills: the fourth is told 名额已满, the waitlist keeps order, a cancellation promotes the first in line', async () => {
  await fixture()
  await book(P.linjun, TOMORROW, 'p_liguilan')
  await book(P.linshuisheng, TOMORROW)
  await book(P.chen, TOMORROW)
  await refused(P.huang, 'booking.book', { villageId: X, slotId: TOMORROW }, 'FULL', '名额已满，可加入候补')
  const w1 = await book(P.huang, TOMORROW, undefined, true)
  const w2 = await book(P.wu, TOMORROW, undefined, true)
  expect([w1.status, w1.position, w2.status, w2.position]).toEqual(['waitlisted', 1, 'waitlisted', 2])
  expect((await api.as(P.wu).call('booking.days', { villageId: X, serviceId: SERVICE })).days[1].slots[0]).toMatchObject({ seatsLeft: 0, waitlist: 2, state: 'full' })

  const cancelled = await api.as(P.chen).call('booking.cancel', { villageId: X, bookingId: `${TOMORROW}~p_chenjianguo` })
  expect(cancelled.status).toBe('cancelled')
  expect(await slotDoc(TOMORROW)).toMatchObject({ booked: 3, waitlist: [`${TOMORROW}~p_wulihua`] })
  expect((await api.ports.store.get('bookings', `${TOMORROW}~p_huangdeming`))!.status).toBe('booked')
  expect((await noticesOf('p_huangdeming')).map((n) => [n.title, n.body])).toEqual([['候补成功', expect.stringContaining('黄德明已候补到 爱心午餐')]])
  // 吴丽华 is now first in line
  expect((await mineHere(P.wu)).upcoming[0]).toMatchObject({ status: 'waitlisted', position: 1 })
  // leaving the line frees no seat and promotes nobody
  await api.as(P.wu).call('booking.cancel', { villageId: X, bookingId: `${TOMORROW}~p_wulihua` })
  expect(await slotDoc(TOMORROW)).toMatchObject({ booked: 3, waitlist: [] })
  // booking again after cancelling: the same document starts over (陈建国 goes to the line)
  expect((await book(P.chen, TOMORROW, undefined, true)).status).toBe('waitlisted')
})

test('a promotion that comes after the cut-off is skipped: the place lapses and its person is told', async () => {
  await fixture()
  for (const [who, pid] of [[P.linjun, 'p_liguilan'], [P.linshuisheng, undefined], [P.chen, undefined]] as const) await book(who, TOMORROW, pid)
  await book(P.huang, TOMORROW, undefined, true)
  // a seat appears (capacity raised) only at 11:00 tomorrow, after the 10:30 cut-off
  await api.ports.store.update('bookingServices', { _id: SERVICE }, { set: { 'rules.0.capacity': 4 } })
  api.advance(instantOf('2026-11-27', '11:00') - T0)
  const service = (await api.ports.store.get('bookingServices', SERVICE))!
  const ctx = { ports: api.ports, now: T0 + (instantOf('2026-11-27', '11:00') - T0), notices: [] as string[] }
  expect(await promoteSlot(ctx, service, TOMORROW)).toBe(0)
  expect((await api.ports.store.get('bookings', `${TOMORROW}~p_huangdeming`))!.status).toBe('lapsed')
  expect(await slotDoc(TOMORROW)).toMatchObject({ booked: 3, capacity: 4, waitlist: [] })
  expect((await noticesOf('p_huangdeming')).map((n) => n.title)).toEqual(['候补未成功'])
})

test('before the cut-off, a seat that appears goes to the first in line', async () => {
  await fixture()
  for (const [who, pid] of [[P.linjun, 'p_liguilan'], [P.linshuisheng, undefined], [P.chen, undefined]] as const) await book(who, TOMORROW, pid)
  await book(P.huang, TOMORROW, undefined, true)
  await book(P.wu, TOMORROW, undefined, true)
  await api.ports.store.update('bookingServices', { _id: SERVICE }, { set: { 'rules.0.capacity': 4 } })
  const service = (await api.ports.store.get('bookingServices', SERVICE))!
  expect(await promoteSlot({ ports: api.ports, now: T0, notices: [] }, service, TOMORROW)).toBe(1)
  expect(await slotDoc(TOMORROW)).toMatchObject({ booked: 4, capacity: 4, waitlist: [`${TOMORROW}~p_wulihua`] })
  // and again: nothing more to do
  expect(await promoteSlot({ ports: api.ports, now: T0, notices: [] }, service, TOMORROW)).toBe(0)
})

describe('refusals, each with nothing written', () => {
  test('whom one may book for, and who is eligible', async () => {
    await fixture()
    await refused(P.linjun, 'booking.book', { villageId: X, slotId: TOMORROW }, 'FORBIDDEN', '爱心午餐仅限60岁及以上长者或登记在册的家庭预约')
    await refused(P.linjun, 'booking.book', { villageId: X, slotId: TOMORROW, personId: 'p_chenjianguo' }, 'FORBIDDEN', '只能为本人、同户家人或授权您代订的家人预约')
    await refused(P.staff, 'booking.book', { villageId: X, slotId: TOMORROW, personId: 'p_liguilan' }, 'FORBIDDEN', '')
    await refused(P.sunli, 'booking.book', { villageId: X, slotId: TOMORROW }, 'NOT_MEMBER', '')
    // the listed household (新村路6号) is eligible whatever the age; 黄德明 is 78 anyway — 陈小红 is not listed and 36
    await api.ports.store.update('bookingPeople', { _id: `${X}:p_huangdeming` }, { set: { birthYear: 1990 } })
    expect((await book(P.huang, TOMORROW)).status).toBe('booked')
  })

  test('days, cut-offs and closures', async () => {
    await fixture()
    await refused(P.chen, 'booking.book', { villageId: X, slotId: lunch('2026-12-04') }, 'CLOSED', '只能预约7天内的时段')
    await refused(P.chen, 'booking.book', { villageId: X, slotId: lunch('2026-11-29') }, 'NOT_FOUND', '找不到该时段（当天不开放或已调整）')
    await refused(P.chen, 'booking.book', { villageId: X, slotId: `${SERVICE}@2026-11-27@10:00` }, 'NOT_FOUND', '找不到该时段')
    await refused(P.chen, 'booking.book', { villageId: X, slotId: 'v-wukan:hall:canteen@2026-11-27@11:30' }, 'NOT_FOUND', '找不到该服务')
    api.advance(30 * MIN) // 10:30: today's lunch is cut off
    await refused(P.chen, 'booking.book', { villageId: X, slotId: TODAY }, 'CLOSED', '预约已截止（开始前1小时）')
    await api.ports.store.update('bookingServices', { _id: SERVICE }, { set: { active: false } })
    await refused(P.chen, 'booking.book', { villageId: X, slotId: TOMORROW }, 'CLOSED', '该服务暂停预约')
  })

  test('twice the same slot, and the per-person limit', async () => {
    await fixture({ perPersonLimit: 2 })
    await book(P.chen, TOMORROW)
    await refused(P.chen, 'booking.book', { villageId: X, slotId: TOMORROW }, 'DUPLICATE', '陈建国已预约该时段')
    await book(P.chen, lunch('2026-11-28'))
    await refused(P.chen, 'booking.book', { villageId: X, slotId: lunch('2026-11-30') }, 'CONFLICT', '陈建国已有2个未到期的爱心午餐预约，每人最多同时预约2个')
  })

  test('over the no-show limit, one’s own booking needs staff', async () => {
    await fixture()
    await api.ports.store.update('bookingSettings', { _id: X }, { set: { noShowLimit: 2 } })
    await api.ports.store.update('bookingPeople', { _id: `${X}:p_chenjianguo` }, { set: { noShows: 2 } })
    await refused(P.chen, 'booking.book', { villageId: X, slotId: TOMORROW }, 'FORBIDDEN', '陈建国已有2次预约未到（上限2次），请到服务大厅由工作人员预约')
    expect((await api.as(P.chen).call('booking.days', { villageId: X, serviceId: SERVICE })).needsStaff).toContain('请到服务大厅由工作人员预约')
  })

  test('cancelling: only one’s own or family’s, only before the cut-off, only once', async () => {
    await fixture()
    await book(P.linjun, TOMORROW, 'p_liguilan')
    const id = `${TOMORROW}~p_liguilan`
    await refused(P.chen, 'booking.cancel', { villageId: X, bookingId: id }, 'FORBIDDEN', '只能取消本人或家人的预约')
    await refused(P.chen, 'booking.cancel', { villageId: X, bookingId: 'nope' }, 'NOT_FOUND', '找不到该预约')
    await api.as(P.liguilan).call('booking.cancel', { villageId: X, bookingId: id })
    await refused(P.linjun, 'booking.cancel', { villageId: X, bookingId: id }, 'CONFLICT', '该预约已取消')
    await book(P.linjun, TOMORROW, 'p_liguilan')
    api.advance(instantOf('2026-11-27', '10:45') - T0)
    await refused(P.linjun, 'booking.cancel', { villageId: X, bookingId: id }, 'CLOSED', '已过取消截止时间（开始前1小时）')
  })
})

describe('check-in at the hall', () => {
  test('the poster’s scene names the hall; a bad scene is refused', async () => {
    expect(await api.as('someone-new').call('booking.hallByScene', { scene: `h=${HALL}` })).toMatchObject({ hallId: HALL, villageId: X, name: '新山村党群服务中心', scene: `h=${HALL}` })
    await refused('someone-new', 'booking.hallByScene', { scene: 'h=nowhere' }, 'NOT_FOUND', '二维码无效')
    await refused('someone-new', 'booking.hallByScene', { scene: 'v=xinshan' }, 'NOT_FOUND', '二维码无效')
  })

  test('the son sees his mother’s booking at the hall and checks her in, once; wrong times and halls are refused', async () => {
    await fixture()
    await book(P.linjun, TODAY, 'p_liguilan')
    await book(P.linjun, TOMORROW, 'p_liguilan')
    const id = `${TODAY}~p_liguilan`
    const hall = await api.as(P.linjun).call('booking.hall', { villageId: X, hallId: HALL })
    expect(hall.todays.filter((b) => b.serviceId === SERVICE).map((b) => [b.name, b.start, b.can.checkIn, b.can.checkInWhy])).toEqual([['李桂兰', '11:30', false, '还未到签到时间：11:00 起可签到']])
    expect(hall.staff).toBe(false)
    await refused(P.linjun, 'booking.checkIn', { villageId: X, hallId: HALL, bookingId: id }, 'CONFLICT', '还未到签到时间：11:00 起可签到')

    api.advance(70 * MIN) // 11:10
    await refused(P.linjun, 'booking.checkIn', { villageId: X, hallId: HALL, bookingId: `${TOMORROW}~p_liguilan` }, 'CONFLICT', '您预约的是11月27日，不是今天')
    await api.ports.store.insert('halls', { _id: `${X}:hall2`, villageId: X, name: '新山村老人活动中心', address: '新山村西二巷1号' })
    await refused(P.linjun, 'booking.checkIn', { villageId: X, hallId: `${X}:hall2`, bookingId: id }, 'CONFLICT', '这不是您预约的服务大厅：请到新山村党群服务中心签到')
    await refused(P.chen, 'booking.checkIn', { villageId: X, hallId: HALL, bookingId: id }, 'FORBIDDEN', '只能为本人或家人签到')

    const checked = await api.as(P.linjun).call('booking.checkIn', { villageId: X, hallId: HALL, bookingId: id })
    expect(checked).toMatchObject({ status: 'checkedIn', checkedInAt: T0 + 70 * MIN })
    // twice changes nothing
    const before = await api.snapshot()
    expect(await api.as(P.liguilan).call('booking.checkIn', { villageId: X, hallId: HALL, bookingId: id })).toMatchObject({ status: 'checkedIn', checkedInAt: T0 + 70 * MIN })
    expect(await api.snapshot()).toEqual(before)
    expect(await slotDoc(TODAY)).toMatchObject({ booked: 1 })
  })

  test('after the slot, check-in is refused; hall staff check anyone in at their hall', async () => {
    await fixture()
    await book(P.chen, TODAY)
    api.advance(80 * MIN) // 11:20
    expect((await api.as(P.staff).call('booking.checkIn', { villageId: X, hallId: HALL, bookingId: `${TODAY}~p_chenjianguo` })).status).toBe('checkedIn')
    expect((await api.as(P.staff).call('booking.hall', { villageId: X, hallId: HALL })).staff).toBe(true)
    await book(P.linshuisheng, TOMORROW)
    api.advance(instantOf('2026-11-27', '12:31') - T0 - 80 * MIN)
    await refused(P.linshuisheng, 'booking.checkIn', { villageId: X, hallId: HALL, bookingId: `${TOMORROW}~p_linshuisheng` }, 'CONFLICT', '签到时间已过（11:30–12:30）')
  })
})

describe('家人代订: authorisations', () => {
  test('an elder authorises a neighbour’s daughter, who may then book for her; revoking ends it', async () => {
    await fixture()
    const d = await api.as(P.huang).call('booking.authorize', { villageId: X, delegateId: 'p_chenxiaohong' })
    expect(d).toMatchObject({ name: '黄德明', delegateName: '陈小红', recordedByName: '黄德明' })
    expect((await noticesOf('p_chenxiaohong', '黄德明授权您')).map((n) => n.title)).toEqual(['家人授权您代订'])
    await refused(P.huang, 'booking.authorize', { villageId: X, delegateId: 'p_chenxiaohong' }, 'DUPLICATE', '已授权陈小红代订')
    const family = await api.as('demo-chenxiaohong').call('booking.family', { villageId: X })
    // the demo's 吴丽华 authorised her at the desk
    expect(family.forMe.map((x) => x.name).sort()).toEqual(['吴丽华', '黄德明'].sort())
    expect(family.household.map((x) => x.name)).toEqual(['陈建国'])
    expect((await book('demo-chenxiaohong', TOMORROW, 'p_huangdeming')).name).toBe('黄德明')

    await api.as(P.huang).call('booking.revoke', { villageId: X, delegationId: d.id })
    await refused('demo-chenxiaohong', 'booking.book', { villageId: X, slotId: lunch('2026-11-28'), personId: 'p_huangdeming' }, 'FORBIDDEN', '只能为本人、同户家人或授权您代订的家人预约')
    await refused(P.huang, 'booking.revoke', { villageId: X, delegationId: d.id }, 'CONFLICT', '该授权已取消')
  })

  test('staff record an authorisation for an elder without a phone (audited); residents may not for others', async () => {
    await fixture()
    await refused(P.chen, 'booking.authorize', { villageId: X, delegateId: 'p_linjun', personId: 'p_huangdeming' }, 'FORBIDDEN', '只能由本人授权')
    await refused(P.chen, 'booking.authorize', { villageId: X, delegateId: 'p_chenjianguo' }, 'BAD_INPUT', '不能授权给自己')
    await refused(P.chen, 'booking.authorize', { villageId: X, delegateId: 'p_sunli' }, 'NOT_FOUND', '找不到被授权的村民')
    const d = await api.as(P.staff).call('booking.authorize', { villageId: X, delegateId: 'p_linjun', personId: 'p_huangdeming' })
    expect(d).toMatchObject({ name: '黄德明', delegateName: '林俊', recordedByName: '张秀英' })
    const log = await api.as(P.committee).call('audit.list', { villageId: X })
    expect(log.entries[0]).toMatchObject({ action: 'booking.authorize', actorName: '张秀英', reason: '登记黄德明授权林俊代订' })
  })
})

describe('a claim whose process dies part-way', () => {
  /** the ports with a store whose (k+1)-th update throws: the process killed there */
  const dyingAt = (k: number) => killedAfter(api, k, ['update'])
  const claim = (personId: string, name: string) => ({ bookingId: `${TOMORROW}~${personId}`, personId, name, bookedBy: personId, bookedByName: name, via: 'app' as const, waitlist: true, checkIn: false, note: null })

  test.each([
    ['after its seat was counted', 1, 'booked', 1, []],
    ['before its seat was counted', 0, 'cancelled', 0, []],
  ] as const)('killed %s: the job settles it by what the slot says, once, and tells its person', async (_when, k, settled, booked, waitlist) => {
    const service = await fixture()
    const ctx = { ports: dyingAt(k), now: T0, notices: [] as string[] }
    await expect(claimSeat(ctx, service, TOMORROW, claim('p_chenjianguo', '陈建国'))).rejects.toThrow('killed')
    expect((await api.ports.store.get('bookings', `${TOMORROW}~p_chenjianguo`))!.status).toBe('holding')
    // not shown while it is being settled
    expect((await mineHere(P.chen)).upcoming).toEqual([])
    await refused(P.chen, 'booking.book', { villageId: X, slotId: TOMORROW }, 'DUPLICATE', '陈建国已预约该时段')

    const job = { ports: api.ports, now: T0 + 30_000, notices: [] as string[] }
    expect(await settleHolding(job)).toBe(0) // still within its minute: its process may be finishing
    job.now = T0 + 61_000
    expect(await settleHolding(job)).toBe(1)
    expect(await settleHolding(job)).toBe(0)
    expect((await api.ports.store.get('bookings', `${TOMORROW}~p_chenjianguo`))!.status).toBe(settled)
    // a first claim killed at its seat's try has not written the slot: none is counted either way
    expect((await slotDoc(TOMORROW)) ?? { booked: 0, waitlist: [] }).toMatchObject({ booked, waitlist })
    expect((await noticesOf('p_chenjianguo', '陈建国')).map((n) => n.title)).toEqual(['预约结果'])
  })

  test('killed while joining the line after it was counted in it: settled as waitlisted, and promoted like anyone', async () => {
    const service = await fixture()
    for (const [who, pid] of [[P.linjun, 'p_liguilan'], [P.linshuisheng, undefined], [P.chen, undefined]] as const) await book(who, TOMORROW, pid)
    // a full slot: the claim's updates are its seat's try by the pattern (refused: full), the push, then the status
    const ctx = { ports: dyingAt(2), now: T0, notices: [] as string[] }
    await expect(claimSeat(ctx, service, TOMORROW, claim('p_huangdeming', '黄德明'))).rejects.toThrow('killed')
    expect(await slotDoc(TOMORROW)).toMatchObject({ booked: 3, waitlist: [`${TOMORROW}~p_huangdeming`] })
    expect(await settleHolding({ ports: api.ports, now: T0 + 61_000, notices: [] })).toBe(1)
    expect((await api.ports.store.get('bookings', `${TOMORROW}~p_huangdeming`))!.status).toBe('waitlisted')
    await api.as(P.chen).call('booking.cancel', { villageId: X, bookingId: `${TOMORROW}~p_chenjianguo` })
    expect((await api.ports.store.get('bookings', `${TOMORROW}~p_huangdeming`))!.status).toBe('booked')
  })
})
