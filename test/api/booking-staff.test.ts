/**
 * The staff's side of the bookings through the router over the seeded demo (T0 = Thursday 2026-11-26 10:00 in
 * Beijing): the day list and the kitchen's headcount with their CSV, no-shows, bookings at the desk, the booking
 * register, the set-up of services and the no-show limit, and the hall's poster; every refusal writes nothing.
 */
import { zhCompare } from '../../cloud/src/common/time'
import { qrLinkOf } from '../qr-link'
import { apiPerTest, expectRefused } from './harness'

const X = 'v-xinshan'
const HALL = 'v-xinshan:hall'
const MIN = 60_000
const P = {
  staff: 'demo-zhangxiuying', // 新山村党群服务中心
  committee: 'demo-linzhiqiang',
  town: 'demo-caiguohua', // 联安镇 镇街干部
  resident: 'demo-linshuisheng',
  wukanCommittee: 'demo-yangjinhe',
}
const CANTEEN = `${HALL}:canteen`
const LEGAL = `${HALL}:legal`
const lunch = (date: string) => `${CANTEEN}@${date}@11:30`
const TODAY = '2026-11-26'
const TOMORROW = '2026-11-27'
const LEGAL_TODAY = `${LEGAL}@${TODAY}@14:00`

const api = apiPerTest()
const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)

const dayList = (date?: string, openid: string = P.staff) => api.as(openid).call('booking.dayList', { villageId: X, hallId: HALL, date })
const slotOf = async (slotId: string, date?: string) => (await dayList(date)).slots.find((s) => s.slotId === slotId)!
const register = (key: string) => api.ports.store.get('bookingPeople', `${X}:p_${key}`)
const auditActions = async () => (await api.ports.store.find('auditLog', { villageId: X }, { sort: [['seq', 'asc']], limit: 1000 })).map((e) => e.action)

describe('the day list and the headcount', () => {
  test('today at the hall: every slot of the day, booked ones with their people in order, and the patterns’ empty ones', async () => {
    const day = await dayList()
    expect(day).toMatchObject({ date: TODAY, hall: { name: '新山村党群服务中心' } })
    const lunchSlot = day.slots.find((s) => s.slotId === lunch(TODAY))!
    expect(lunchSlot).toMatchObject({ serviceName: '长者饭堂', label: '午餐', capacity: 80, booked: 2, checkedIn: 0, started: false })
    expect(lunchSlot.rows.map((r) => [r.name, r.doorplate, r.bookedByName, r.status])).toEqual([
      ['李桂兰', '新山村东一巷12号', '林俊', 'booked'],
      ['林水生', '新山村东一巷12号', '林水生', 'booked'],
    ])
    // the full legal slot: the booked one first, then the waitlist with its place
    const legal = day.slots.find((s) => s.slotId === LEGAL_TODAY)!
    expect(legal.rows.map((r) => [r.name, r.status, r.position])).toEqual([
      ['陈建国', 'booked', null],
      ['黄德明', 'waitlisted', 1],
    ])
    // Thursday: public service 09:00–11:30 in five slots, social work four, legal six, mediation two, lunch and dinner; no one has booked most
    const count = (kind: string) => day.slots.filter((s) => s.kind === kind).length
    expect([count('publicService'), count('socialWork'), count('legal'), count('mediation'), count('canteen'), count('volunteer')]).toEqual([5, 4, 6, 2, 2, 0])
    // at 10:00 the slots still to come or under way first, in time order, then those over (09:00–09:30, 09:30–10:00…)
    const over = day.slots.filter((s) => s.end <= '10:00')
    const ahead = day.slots.filter((s) => s.end > '10:00')
    expect(over.length).toBeGreaterThan(0)
    expect(day.slots).toEqual([...ahead, ...over])
    for (const part of [ahead, over]) expect(part.map((s) => s.start)).toEqual([...part.map((s) => s.start)].sort())

    // yesterday: 吴丽华's no-show and her count so far
    const yesterday = await dayList('2026-11-25')
    const past = yesterday.slots.find((s) => s.slotId === lunch('2026-11-25'))!
    expect(past.rows.map((r) => [r.name, r.status, r.noShows])).toEqual([
      ['黄德明', 'checkedIn', 0],
      ['吴丽华', 'noShow', 3],
    ])
    expect(past).toMatchObject({ booked: 1, checkedIn: 1, started: true })
    // a town officer reads it too
    expect((await dayList(TODAY, P.town)).slots).toHaveLength(day.slots.length)
  })

  test('the kitchen’s headcount: the canteen only, seven days from today, a closed day with its reason', async () => {
    const h = await api.as(P.staff).call('booking.headcount', { villageId: X, hallId: HALL, days: 7 })
    expect(h.days.map((d) => d.date)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02'])
    const [thu, fri, sat, sun, , tue] = h.days
    expect(thu.slots.map((s) => [s.label, s.capacity, s.booked, s.waitlist])).toEqual([
      ['午餐', 80, 2, 0],
      ['晚餐', 30, 0, 0],
    ])
    expect([fri.total, sat.total, sun.slots.length]).toEqual([32, 0, 0])
    expect(sat.slots.map((s) => s.label)).toEqual(['午餐'])
    expect(tue).toMatchObject({ weekday: '周二', closedReason: '厨房设备检修', slots: [], total: 0 })
    expect(h.days.flatMap((d) => d.slots).every((s) => s.serviceName === '长者饭堂')).toBe(true)
  })

  test('CSV of the day and of the headcount: UTF-8 BOM, Chinese headers, the hall and the day in the filename, audited', async () => {
    const day = await api.as(P.town).call('booking.exportCsv', { villageId: X, hallId: HALL, kind: 'day' })
    expect(day.filename).toBe('新山村党群服务中心-2026-11-26-预约名单.csv')
    expect(day.content.startsWith('\uFEFF时段,服务,姓名,门牌号,预约人,方式,状态,候补顺序,签到时间,累计未到,备注\r\n')).toBe(true)
    expect(day.content).toContain('11:30–12:30 午餐,长者饭堂,李桂兰,新山村东一巷12号,林俊,手机预约,已预约,,,0,')
    expect(day.content).toContain('14:00–14:30 郑律师,一村一法律顾问,黄德明,新山村新村路6号,黄德明,手机预约,候补中,1,')
    expect(day.rows).toBe(4)

    const tomorrow = await api.as(P.staff).call('booking.exportCsv', { villageId: X, hallId: HALL, kind: 'day', date: TOMORROW })
    expect(tomorrow.rows).toBe(33)
    expect(tomorrow.content).toContain('陈阿婆,,张秀英,现场登记,已预约')

    const heads = await api.as(P.staff).call('booking.exportCsv', { villageId: X, hallId: HALL, kind: 'headcount' })
    expect(heads.filename).toBe('新山村党群服务中心-2026-11-26-用餐人数.csv')
    expect(heads.content.startsWith('\uFEFF日期,星期,服务,时段,名额,已预约,候补,说明\r\n')).toBe(true)
    expect(heads.content).toContain('2026-11-27,周五,当日合计,,,32,0,')
    expect(heads.content).toContain('2026-12-01,周二,,,,0,0,停止预约：厨房设备检修')
    expect((await auditActions()).filter((a) => a === 'booking.export')).toHaveLength(3)
  })

  test('who may read: the hall’s staff, the committee and town officers; not a resident, not another hall', async () => {
    await refused(P.resident, 'booking.dayList', { villageId: X, hallId: HALL }, 'FORBIDDEN', '只有本服务中心的工作人员、村委会和镇街干部可以查看')
    await refused(P.resident, 'booking.exportCsv', { villageId: X, hallId: HALL, kind: 'day' }, 'FORBIDDEN', '镇街干部')
    await refused(P.staff, 'booking.headcount', { villageId: X, hallId: 'v-wukan:hall' }, 'FORBIDDEN', '只有本服务中心的工作人员')
    await refused(P.wukanCommittee, 'booking.dayList', { villageId: X, hallId: HALL }, 'NOT_MEMBER', '您不是本村')
    // the committee of 乌坎村 naming 新山村's hall in its own village: no such hall there
    await refused(P.wukanCommittee, 'booking.dayList', { villageId: 'v-wukan', hallId: HALL }, 'NOT_FOUND', '找不到该服务中心')
    await refused(P.staff, 'booking.exportCsv', { villageId: X, hallId: HALL, kind: 'week' }, 'BAD_INPUT', '请选择导出内容')
    expect((await api.as(P.committee).call('booking.dayList', { villageId: X, hallId: HALL })).slots.length).toBeGreaterThan(0)
  })
})

describe('no-shows', () => {
  test('only after the slot has started; frees the seat, counts against the person in the same write, audited', async () => {
    const lgl = `${lunch(TODAY)}~p_liguilan`
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: lgl }, 'CONFLICT', '该时段11:30才开始，开始后才能标记未到')
    api.advance(95 * MIN) // 11:35
    // her register missing: it is written with the first count
    await api.ports.store.remove('bookingPeople', { _id: `${X}:p_liguilan` })
    const view = await api.as(P.staff).call('booking.markNoShow', { villageId: X, bookingId: lgl })
    expect(view).toMatchObject({ status: 'noShow', name: '李桂兰' })
    expect(await register('liguilan')).toMatchObject({ noShows: 1, birthYear: null, lastNoShowAt: api.ports.clock.now() })
    expect(await slotOf(lunch(TODAY))).toMatchObject({ booked: 1 })
    expect(await auditActions()).toContain('booking.noShow')
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: lgl }, 'CONFLICT', '已标记为未到')

    // checked in: not a no-show
    const lin = `${lunch(TODAY)}~p_linshuisheng`
    await api.as(P.staff).call('booking.checkIn', { villageId: X, hallId: HALL, bookingId: lin })
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: lin }, 'CONFLICT', '已签到，不能标记未到')
    // the count reaches 林水生's register only by his own no-shows
    expect(await register('linshuisheng')).toMatchObject({ noShows: 0 })
  })

  test('a no-show after the start gives the seat to nobody: the waitlist lapses and is told', async () => {
    api.advance(4 * 60 * MIN + 5 * MIN) // 14:05
    await api.as(P.committee).call('booking.markNoShow', { villageId: X, bookingId: `${LEGAL_TODAY}~p_chenjianguo` })
    const slot = await slotOf(LEGAL_TODAY)
    expect(slot.rows.map((r) => [r.name, r.status])).toEqual([
      ['陈建国', 'noShow'],
      ['黄德明', 'lapsed'],
    ])
    expect(slot.booked).toBe(0)
    expect((await api.as('demo-huangdeming').call('notifications.list', {})).map((n) => n.title)).toContain('候补未成功')
    expect(await register('chenjianguo')).toMatchObject({ noShows: 1 })
  })

  test('refused: a resident, a town officer, staff of another hall’s booking, a waitlisted booking', async () => {
    api.advance(4 * 60 * MIN + 5 * MIN)
    const input = { villageId: X, bookingId: `${LEGAL_TODAY}~p_chenjianguo` }
    await refused(P.resident, 'booking.markNoShow', input, 'FORBIDDEN', '只有服务中心的工作人员和村委会可以操作')
    await refused(P.town, 'booking.markNoShow', input, 'FORBIDDEN', '只有服务中心的工作人员和村委会可以操作')
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: `${LEGAL_TODAY}~p_huangdeming` }, 'CONFLICT', '候补中的预约没有占用名额')
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: 'nope' }, 'NOT_FOUND', '找不到该预约')
    // a booking of another hall (written straight into the store, as if 新山村 had a second hall)
    const b = (await api.ports.store.get('bookings', `${LEGAL_TODAY}~p_chenjianguo`))!
    await api.ports.store.insert('bookings', { ...b, _id: 'other-hall-booking', hallId: `${X}:hall2` })
    await refused(P.staff, 'booking.markNoShow', { villageId: X, bookingId: 'other-hall-booking' }, 'FORBIDDEN', '只有本服务中心的工作人员')
  })
})

describe('at the desk', () => {
  test('a walk-in by name, checked in at once during lunch; audited', async () => {
    api.advance(95 * MIN) // 11:35
    const v = await api.as(P.staff).call('booking.staffBook', { villageId: X, slotId: lunch(TODAY), name: '陈阿伯', note: '电话 13800001111', checkIn: true })
    expect(v).toMatchObject({ status: 'checkedIn', name: '陈阿伯', personId: null, via: 'staff', bookedByName: '张秀英' })
    expect(v.id.startsWith(`${lunch(TODAY)}~w_`)).toBe(true)
    const slot = await slotOf(lunch(TODAY))
    expect(slot).toMatchObject({ booked: 3, checkedIn: 1 })
    expect(slot.rows.find((r) => r.name === '陈阿伯')).toMatchObject({ note: '电话 13800001111', doorplate: null })
    expect(await auditActions()).toContain('booking.staffBook')
  })

  test('a member over the no-show limit, which the app refuses her; the per-person limit does not bind staff either', async () => {
    const input = { villageId: X, slotId: lunch(TOMORROW), personId: 'p_wulihua' }
    await refused('demo-chenxiaohong', 'booking.book', input, 'FORBIDDEN', '请到服务大厅由工作人员预约')
    const v = await api.as(P.staff).call('booking.staffBook', input)
    expect(v).toMatchObject({ status: 'booked', name: '吴丽华', via: 'staff', id: `${lunch(TOMORROW)}~p_wulihua` })
    // six lunches is the limit for one person: staff book a seventh
    const service = (await api.ports.store.get('bookingServices', CANTEEN))!
    await api.ports.store.update('bookingServices', { _id: CANTEEN }, { set: { perPersonLimit: 1 } })
    expect(service.perPersonLimit).toBe(6)
    await refused('demo-chenxiaohong', 'booking.book', { ...input, slotId: lunch('2026-11-28') }, 'FORBIDDEN', '请到服务大厅')
    await api.as(P.staff).call('booking.staffBook', { ...input, slotId: lunch('2026-11-28') })
    expect((await slotOf(lunch(TOMORROW), TOMORROW)).booked).toBe(33)
  })

  test('refused, with nothing written: a full slot, someone the service is not for, twice, a check-in on another day, a slot that ended', async () => {
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: LEGAL_TODAY, name: '王大爷' }, 'FULL', '名额已满')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), personId: 'p_chenxiaohong' }, 'FORBIDDEN', '长者饭堂仅限60岁及以上长者或登记在册的困难家庭预约')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), personId: 'p_liguilan' }, 'DUPLICATE', '李桂兰已预约该时段')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), name: '王大爷', checkIn: true }, 'CONFLICT', '该时段是11月27日，不是今天')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: `${HALL}:publicService@${TODAY}@09:00`, name: '王大爷' }, 'CLOSED', '该时段已结束')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch('2026-12-01'), name: '王大爷' }, 'NOT_FOUND', '找不到该时段')
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch('2026-12-10'), name: '王大爷' }, 'CLOSED', '只能预约7天内的时段')
    const both = await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW) }, 'BAD_INPUT', '请选择村民或填写姓名')
    expect(both.fields).toEqual({ name: '请选择村民或填写姓名' })
    await refused(P.staff, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), name: '王大爷', note: '他说要去买六合彩' }, 'CONTENT_REJECTED', '内容不合规')
    await refused(P.town, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), name: '王大爷' }, 'FORBIDDEN', '只有服务中心的工作人员和村委会可以操作')
    await refused(P.resident, 'booking.staffBook', { villageId: X, slotId: lunch(TOMORROW), name: '王大爷' }, 'FORBIDDEN', '只有服务中心的工作人员和村委会可以操作')
  })
})

describe('the booking register and the no-show limit', () => {
  test('people: the village’s residents with age and no-shows; who needs staff follows the limit', async () => {
    const page = await api.as(P.staff).call('booking.people', { villageId: X })
    expect(page).toMatchObject({ total: 11, next: null, narrow: false })
    const people = page.people
    expect(people).toHaveLength(11)
    expect(people.find((p) => p.name === '吴丽华')).toMatchObject({ birthYear: 1944, age: 82, noShows: 3, needsStaff: true, doorplate: '新山村东一巷30号' })
    expect(people.find((p) => p.name === '陈小红')).toMatchObject({ age: 36, noShows: 0, needsStaff: false })
    expect(people.some((p) => p.name === '张秀英')).toBe(false)

    expect(await api.as(P.committee).call('booking.setNoShowLimit', { villageId: X, noShowLimit: 5 })).toEqual({ noShowLimit: 5 })
    expect((await api.as(P.staff).call('booking.people', { villageId: X })).people.find((p) => p.name === '吴丽华')!.needsStaff).toBe(false)
    await api.as(P.staff).call('booking.setNoShowLimit', { villageId: X, noShowLimit: null })
    expect((await api.as(P.staff).call('booking.setup', { villageId: X, hallId: HALL })).noShowLimit).toBeNull()
    expect((await auditActions()).filter((a) => a === 'booking.setNoShowLimit')).toHaveLength(2)
  })

  test('people: a page at a time in name order, every resident once; a search by name or 门牌号', async () => {
    const member = (await api.ports.store.get('memberships', `${X}:p_wulihua`))!
    api.seedDocuments('memberships', Array.from({ length: 70 }, (_, i) => ({ ...member, _id: `${X}:p_many${i}`, personId: `p_many${i}`, name: `村民${String(i).padStart(2, '0')}` })))
    const seen: string[] = []
    let after: string | null = null
    for (let n = 0; n < 10; n++) {
      const page: Awaited<ReturnType<typeof people>> = await people({ villageId: X, after })
      expect(page.people.length).toBeLessThanOrEqual(30)
      expect(page.total).toBe(81)
      seen.push(...page.people.map((p) => p.name))
      after = page.next
      if (!after) break
    }
    expect(seen).toHaveLength(81)
    expect(seen).toEqual([...seen].sort())
    // by name: more than one answer holds; by 门牌号: the household's residents
    const many = await people({ villageId: X, q: '村民' })
    expect(many).toMatchObject({ next: null, total: null, narrow: true })
    expect(many.people).toHaveLength(30)
    const byDoorplate = await people({ villageId: X, q: '东一巷30号' })
    expect(byDoorplate.people.map((p) => p.name)).toContain('吴丽华')
    expect(byDoorplate.people.every((p) => p.doorplate === '新山村东一巷30号')).toBe(true)
    expect((await people({ villageId: X, q: '村民07' })).people.map((p) => p.name)).toEqual(['村民07'])
  })
  const people = (input: { villageId: string; q?: string; after?: string | null }) => api.as(P.staff).call('booking.people', input)

  test('setPerson: a birth year, a reset of no-shows; audited', async () => {
    const v = await api.as(P.staff).call('booking.setPerson', { villageId: X, personId: 'p_wulihua', resetNoShows: true })
    expect(v).toMatchObject({ noShows: 0, birthYear: 1944, needsStaff: false })
    // now she may book on her phone again (through 陈小红, whom she authorised)
    await api.as('demo-chenxiaohong').call('booking.book', { villageId: X, slotId: lunch(TOMORROW), personId: 'p_wulihua' })
    const y = await api.as(P.committee).call('booking.setPerson', { villageId: X, personId: 'p_linjun', birthYear: 1986 })
    expect(y).toMatchObject({ birthYear: 1986, age: 40, noShows: 0 })
    const entries = await api.ports.store.find('auditLog', { villageId: X, action: 'booking.setPerson' }, { limit: 10 })
    expect(entries.map((e) => e.reason).sort()).toEqual(['出生年份：1985 → 1986', '未到次数清零（原3次）'])
  })

  test('refused: nothing to change, a birth year ahead, someone not a resident, a resident or town officer asking', async () => {
    const none = await refused(P.staff, 'booking.setPerson', { villageId: X, personId: 'p_linjun' }, 'BAD_INPUT', '请填写出生年份或选择清零未到次数')
    expect(none.fields).toEqual({ birthYear: '请填写出生年份' })
    const ahead = await refused(P.staff, 'booking.setPerson', { villageId: X, personId: 'p_linjun', birthYear: 2028 }, 'BAD_INPUT', '出生年份不能晚于2026年')
    expect(ahead.fields).toEqual({ birthYear: '出生年份不能晚于2026年' })
    await refused(P.staff, 'booking.setPerson', { villageId: X, personId: 'p_zhangxiuying', birthYear: 1970 }, 'NOT_FOUND', '找不到该村民')
    await refused(P.resident, 'booking.setPerson', { villageId: X, personId: 'p_linjun', birthYear: 1986 }, 'FORBIDDEN', '只有服务中心的工作人员')
    await refused(P.town, 'booking.people', { villageId: X }, 'FORBIDDEN', '只有服务中心的工作人员')
    await refused(P.resident, 'booking.setNoShowLimit', { villageId: X, noShowLimit: 1 }, 'FORBIDDEN', '只有服务中心的工作人员')
    await refused(P.staff, 'booking.setNoShowLimit', { villageId: X, noShowLimit: 0 }, 'BAD_INPUT', '爽约次数上限不能小于1')
  })
})

describe('the set-up', () => {
  const newService = {
    villageId: X,
    hallId: HALL,
    kind: 'volunteer' as const,
    name: '义诊',
    description: '镇卫生院医生每周二上午义诊：量血压、测血糖、用药咨询。',
    rules: [{ weekdays: [2 as const], start: '09:00', end: '11:00', stepMinutes: null, capacity: 20, label: '义诊' }],
    exceptions: [],
    windowDays: 7,
    cutoffMinutes: 60,
    perPersonLimit: 1,
    priceNote: '免费',
  }

  test('setup lists the hall’s services in order, the limit and the households; a new service is saved and audited', async () => {
    const setup = await api.as(P.staff).call('booking.setup', { villageId: X, hallId: HALL })
    expect(setup.services.map((s) => s.name)).toEqual(['长者饭堂', '公共服务站', '志愿者服务站', '妇女儿童服务站', '社工服务站', '一村一法律顾问', '调解室'])
    expect(setup.noShowLimit).toBe(3)
    // only the households a list names; the others are searched for
    expect(setup.households.map((h) => h.doorplate)).toEqual(['新山村新村路6号'])
    const found = await api.as(P.staff).call('booking.households', { villageId: X, hallId: HALL, q: '东一巷' })
    expect(found.length).toBeGreaterThan(1)
    expect(found.every((h) => h.doorplate.includes('东一巷'))).toBe(true)
    expect(found.map((h) => h.doorplate)).toEqual([...found.map((h) => h.doorplate)].sort(zhCompare))
    const byHead = await api.as(P.staff).call('booking.households', { villageId: X, hallId: HALL, q: found[0].headName })
    expect(byHead.map((h) => h.id)).toContain(found[0].id)
    await refused(P.resident, 'booking.households', { villageId: X, hallId: HALL, q: '东一巷' }, 'FORBIDDEN', '只有本服务中心的工作人员和村委会可以操作')
    const saved = await api.as(P.committee).call('booking.saveService', newService)
    expect(saved._id.startsWith(`${HALL}:s-`)).toBe(true)
    expect(saved).toMatchObject({ name: '义诊', active: true, updatedByName: '林志强', eligibility: { minAge: null, householdIds: [] } })
    expect((await api.as(P.staff).call('booking.setup', { villageId: X, hallId: HALL })).services).toHaveLength(8)
    expect(await auditActions()).toContain('booking.saveService')
  })

  test('a change keeps what is booked: fewer seats never below the booked ones, more seats go to the waitlist at once', async () => {
    const setup = await api.as(P.staff).call('booking.setup', { villageId: X, hallId: HALL })
    const canteen = setup.services.find((s) => s._id === CANTEEN)!
    const lower = { ...canteen, serviceId: CANTEEN, villageId: X, rules: canteen.rules.map((r) => (r.label === '午餐' ? { ...r, capacity: 20 } : r)) }
    await api.as(P.staff).call('booking.saveService', lower)
    expect(await slotOf(lunch(TOMORROW), TOMORROW)).toMatchObject({ capacity: 32, booked: 32 })
    // a slot nobody has booked takes the new capacity
    expect((await slotOf(lunch('2026-11-28'), '2026-11-28')).capacity).toBe(20)
    await refused('demo-huangdeming', 'booking.book', { villageId: X, slotId: lunch(TOMORROW) }, 'FULL', '名额已满')

    const legal = setup.services.find((s) => s._id === LEGAL)!
    await api.as(P.staff).call('booking.saveService', { ...legal, serviceId: LEGAL, villageId: X, rules: legal.rules.map((r) => ({ ...r, capacity: 2 })) })
    expect((await slotOf(LEGAL_TODAY)).rows.map((r) => [r.name, r.status])).toEqual([
      ['陈建国', 'booked'],
      ['黄德明', 'booked'],
    ])
    expect((await api.as('demo-huangdeming').call('notifications.list', {})).map((n) => n.title)).toContain('候补成功')
  })

  test('bad input names the field, and nothing is written', async () => {
    const step = await refused(P.staff, 'booking.saveService', { ...newService, rules: [{ ...newService.rules[0], stepMinutes: 180 }] }, 'BAD_INPUT', '每段180分钟，超过了09:00–11:00的时长')
    expect(Object.keys(step.fields!)).toEqual(['rules.0.stepMinutes'])
    const backwards = await refused(P.staff, 'booking.saveService', { ...newService, rules: [{ ...newService.rules[0], end: '08:00' }] }, 'BAD_INPUT', '结束时间应晚于开始时间')
    expect(Object.keys(backwards.fields!)).toEqual(['rules.0.end'])
    const clash = await refused(P.staff, 'booking.saveService', { ...newService, rules: [newService.rules[0], { ...newService.rules[0], end: '10:00' }] }, 'BAD_INPUT', '与第1个时段在同一天同一时间开始')
    expect(Object.keys(clash.fields!)).toEqual(['rules.1.start'])
    const twice = { date: '2026-12-01', closed: true, capacity: null, reason: '停电' }
    const dup = await refused(P.staff, 'booking.saveService', { ...newService, exceptions: [twice, { ...twice, reason: '检修' }] }, 'BAD_INPUT', '2026-12-01已有一条例外')
    expect(Object.keys(dup.fields!)).toEqual(['exceptions.1.date'])
    const noSeats = await refused(P.staff, 'booking.saveService', { ...newService, exceptions: [{ ...twice, closed: false }] }, 'BAD_INPUT', '请填写当天名额')
    expect(Object.keys(noSeats.fields!)).toEqual(['exceptions.0.capacity'])
    const foreign = await refused(P.staff, 'booking.saveService', { ...newService, eligibility: { minAge: 60, householdIds: ['v-wukan:乌坎村老街16号'], note: null } }, 'BAD_INPUT', '名单中有不是本村的户')
    expect(Object.keys(foreign.fields!)).toEqual(['eligibility.householdIds'])
    const words = await refused(P.staff, 'booking.saveService', { ...newService, description: '这里可以代开发票' }, 'CONTENT_REJECTED', '内容不合规')
    expect(Object.keys(words.fields!)).toEqual(['description'])
    await refused(P.staff, 'booking.saveService', { ...newService, serviceId: 'v-wukan:hall:canteen' }, 'NOT_FOUND', '找不到该服务')
  })

  test('who may set up: the hall’s staff and the committee, not another hall, a town officer or a resident', async () => {
    await refused(P.staff, 'booking.saveService', { ...newService, hallId: 'v-wukan:hall' }, 'FORBIDDEN', '只有本服务中心的工作人员和村委会可以操作')
    await refused(P.town, 'booking.saveService', newService, 'FORBIDDEN', '只有本服务中心的工作人员和村委会可以操作')
    await refused(P.resident, 'booking.setup', { villageId: X, hallId: HALL }, 'FORBIDDEN', '只有本服务中心的工作人员和村委会可以操作')
    // a community's is its 居委会 (林俊 rents in 河南社区)
    await refused('demo-linjun', 'booking.setup', { villageId: 'v-henan', hallId: 'v-henan:hall' }, 'FORBIDDEN', '只有本服务中心的工作人员和居委会可以操作')
    await refused(P.town, 'booking.poster', { villageId: X, hallId: HALL }, 'FORBIDDEN', '只有本服务中心的工作人员和村委会可以操作')
  })

  test('the poster: a PNG whose code opens the hall’s page with its scene', async () => {
    const poster = await api.as(P.staff).call('booking.poster', { villageId: X, hallId: HALL })
    expect(poster).toMatchObject({ scene: 'h=v-xinshan:hall', page: 'features/booking/pages/hall/index', hall: { name: '新山村党群服务中心' } })
    expect(poster.services.map((s) => s.name)[0]).toBe('长者饭堂')
    expect(await qrLinkOf(poster.image)).toMatch(/#\/features\/booking\/pages\/hall\/index\?scene=h%3Dv-xinshan%3Ahall$/)
  }, 30_000)
})
