/** The booking domain without a store: slots from a weekly pattern, windows and cut-offs, check-in windows, eligibility. */
import type { BookingService } from '../../cloud/src/features/booking/documents'
import {
  bookingClosedWhy,
  cancelClosedWhy,
  checkInWhy,
  cutoffWords,
  eligibilityWhy,
  instantOf,
  parseSlotId,
  scheduleLines,
  slotsOn,
  specOf,
  weekdayOf,
  weekdayWords,
  windowDays,
} from '../../cloud/src/features/booking/slots'

const MIN = 60_000
/** Thursday 26 November 2026, 10:00 in Beijing */
const NOW = instantOf('2026-11-26', '10:00')

function service(over: Partial<BookingService> = {}): BookingService {
  return {
    _id: 'v-x:hall:canteen',
    villageId: 'v-x',
    hallId: 'v-x:hall',
    kind: 'canteen',
    name: '长者饭堂',
    description: '',
    rules: [
      { weekdays: [1, 2, 3, 4, 5, 6], start: '11:30', end: '12:30', stepMinutes: null, capacity: 80, label: '午餐' },
      { weekdays: [1, 2, 3, 4, 5], start: '17:00', end: '18:00', stepMinutes: null, capacity: 30, label: '晚餐' },
    ],
    exceptions: [],
    windowDays: 7,
    cutoffMinutes: 150,
    eligibility: { minAge: 60, householdIds: ['h-poor'], note: null },
    perPersonLimit: 6,
    priceNote: null,
    active: true,
    updatedAt: 0,
    updatedByName: '张秀英',
    ...over,
  }
}

describe('slots from the weekly pattern', () => {
  test('weekdays are ISO (Monday 1 … Sunday 7) in Beijing, whatever the machine’s zone', () => {
    expect(weekdayOf('2026-11-26')).toBe(4)
    expect(weekdayOf('2026-11-29')).toBe(7)
    expect(weekdayOf('2026-11-30')).toBe(1)
  })

  test('a weekday gives lunch and dinner, Saturday lunch only, Sunday nothing', () => {
    expect(slotsOn(service(), '2026-11-26').map((s) => [s.start, s.end, s.capacity, s.label])).toEqual([
      ['11:30', '12:30', 80, '午餐'],
      ['17:00', '18:00', 30, '晚餐'],
    ])
    expect(slotsOn(service(), '2026-11-28').map((s) => s.start)).toEqual(['11:30'])
    expect(slotsOn(service(), '2026-11-29')).toEqual([])
  })

  test('a slot starts at its Beijing time (UTC+8) and its id names service, day and start', () => {
    const [lunch] = slotsOn(service(), '2026-11-26')
    expect(lunch.startsAt).toBe(Date.UTC(2026, 10, 26, 3, 30))
    expect(lunch.endsAt - lunch.startsAt).toBe(60 * MIN)
    expect(lunch._id).toBe('v-x:hall:canteen@2026-11-26@11:30')
    expect(parseSlotId(lunch._id)).toEqual({ serviceId: 'v-x:hall:canteen', date: '2026-11-26', start: '11:30' })
    expect(parseSlotId('nonsense')).toBeNull()
  })

  test('a stepped rule gives back-to-back slots that fit before its end', () => {
    const consult = service({ rules: [{ weekdays: [4], start: '09:00', end: '10:45', stepMinutes: 30, capacity: 1, label: null }] })
    expect(slotsOn(consult, '2026-11-26').map((s) => `${s.start}-${s.end}`)).toEqual(['09:00-09:30', '09:30-10:00', '10:00-10:30'])
  })

  test('exceptions close a day or change its capacity', () => {
    const s = service({
      exceptions: [
        { date: '2026-11-27', closed: true, capacity: null, reason: '厨房设备检修' },
        { date: '2026-11-30', closed: false, capacity: 60, reason: '部分厨师外出培训' },
      ],
    })
    expect(slotsOn(s, '2026-11-27')).toEqual([])
    expect(slotsOn(s, '2026-11-30').map((x) => x.capacity)).toEqual([60, 60])
    expect(specOf(s, 'v-x:hall:canteen@2026-11-27@11:30')).toBeNull()
    expect(specOf(s, 'v-x:hall:canteen@2026-11-26@11:30')?.capacity).toBe(80)
    expect(specOf(s, 'other:service@2026-11-26@11:30')).toBeNull()
  })

  test('the window is today and the next windowDays days', () => {
    expect(windowDays(service({ windowDays: 2 }), NOW)).toEqual(['2026-11-26', '2026-11-27', '2026-11-28'])
    // 23:30 in Beijing is already the next day in Beijing, whatever UTC says
    expect(windowDays(service({ windowDays: 0 }), instantOf('2026-11-26', '23:30'))).toEqual(['2026-11-26'])
  })

  test('schedules read as a villager says them', () => {
    expect(scheduleLines(service())).toEqual(['午餐 周一至周六 11:30–12:30 · 每段80位', '晚餐 周一至周五 17:00–18:00 · 每段30位'])
    expect(weekdayWords([2, 4])).toBe('周二、周四')
    expect(weekdayWords([1, 2, 3, 4, 5, 6, 7])).toBe('每天')
  })
})

describe('when a slot may be booked, cancelled and checked in', () => {
  const s = service()
  const lunchToday = slotsOn(s, '2026-11-26')[0]
  const lunchTomorrow = slotsOn(s, '2026-11-27')[0]

  test('booking closes at the cut-off (2½ hours before 11:30 is 09:00) and at the start', () => {
    expect(bookingClosedWhy(s, lunchToday, instantOf('2026-11-26', '08:59'))).toBeNull()
    expect(bookingClosedWhy(s, lunchToday, instantOf('2026-11-26', '09:00'))).toBe('预约已截止（开始前2小时30分钟）')
    expect(bookingClosedWhy(s, lunchToday, instantOf('2026-11-26', '11:30'))).toBe('该时段已开始，不能再预约')
    expect(bookingClosedWhy(service({ cutoffMinutes: 120 }), lunchToday, instantOf('2026-11-26', '10:00'))).toBe('预约已截止（开始前2小时）')
    expect(bookingClosedWhy(service({ active: false }), lunchTomorrow, NOW)).toBe('该服务暂停预约')
    expect(cutoffWords(45)).toBe('开始前45分钟')
    expect(cutoffWords(2880)).toBe('开始前2天')
    expect(cutoffWords(0)).toBe('开始时')
  })

  test('a day beyond the window is refused', () => {
    const far = slotsOn(s, '2026-12-04')[0]
    expect(bookingClosedWhy(s, far, NOW)).toBe('只能预约7天内的时段')
    expect(bookingClosedWhy(s, slotsOn(s, '2026-12-03')[0], NOW)).toBeNull()
  })

  test('cancelling closes at the cut-off', () => {
    expect(cancelClosedWhy(s, lunchTomorrow, NOW)).toBeNull()
    expect(cancelClosedWhy(s, lunchToday, NOW)).toBe('已过取消截止时间（开始前2小时30分钟）')
  })

  test('check-in: this hall, today, from 30 minutes before the start to the end', () => {
    const at = (t: string) => instantOf('2026-11-26', t)
    expect(checkInWhy(lunchToday, 'v-x:hall', '新山村党群服务中心', at('10:59'))).toBe('还未到签到时间：11:00 起可签到')
    expect(checkInWhy(lunchToday, 'v-x:hall', '新山村党群服务中心', at('11:00'))).toBeNull()
    expect(checkInWhy(lunchToday, 'v-x:hall', '新山村党群服务中心', at('12:30'))).toBeNull()
    expect(checkInWhy(lunchToday, 'v-x:hall', '新山村党群服务中心', at('12:31'))).toBe('签到时间已过（11:30–12:30）')
    expect(checkInWhy(lunchToday, 'v-y:hall', '新山村党群服务中心', at('11:40'))).toBe('这不是您预约的服务大厅：请到新山村党群服务中心签到')
    expect(checkInWhy(lunchTomorrow, 'v-x:hall', '新山村党群服务中心', at('11:40'))).toBe('您预约的是11月27日，不是今天')
    expect(checkInWhy(lunchToday, 'v-x:hall', '新山村党群服务中心', instantOf('2026-11-27', '11:40'))).toBe('这是11月26日的预约，已过期')
  })
})

describe('eligibility', () => {
  const e = service().eligibility
  test('60 or over by birth year, or a listed household, whatever the age', () => {
    expect(eligibilityWhy(e, '长者饭堂', { householdId: 'h1', birthYear: 1966 }, NOW)).toBeNull()
    expect(eligibilityWhy(e, '长者饭堂', { householdId: 'h1', birthYear: 1967 }, NOW)).toBe('长者饭堂仅限60岁及以上长者或登记在册的家庭预约')
    expect(eligibilityWhy(e, '长者饭堂', { householdId: 'h-poor', birthYear: 1990 }, NOW)).toBeNull()
  })
  test('no birth year recorded: told where to record it', () => {
    expect(eligibilityWhy(e, '长者饭堂', { householdId: null, birthYear: null }, NOW)).toMatch(/未登记出生年份的，请到服务大厅登记/)
  })
  test('no condition: everyone; the village’s own note is what residents read', () => {
    expect(eligibilityWhy({ minAge: null, householdIds: [], note: null }, '社工服务站', { householdId: null, birthYear: null }, NOW)).toBeNull()
    expect(eligibilityWhy({ ...e, note: '本村60岁以上老人' }, '长者饭堂', { householdId: null, birthYear: 2000 }, NOW)).toBe('长者饭堂仅限本村60岁以上老人预约')
  })
})
