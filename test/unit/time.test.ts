import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import { shanghaiDay, shanghaiDayPlus, shanghaiTime, shortDay, shortTime, zhCompare } from '../../cloud/src/common/time'
import { formatTime } from '../../src/shared/format-time'

dayjs.extend(utc)
dayjs.extend(timezone)
const tz = (ms: number, f: string) => dayjs(ms).tz('Asia/Shanghai').format(f)

describe('Shanghai days and times by arithmetic give what dayjs’s time zone gives', () => {
  // every hour edge around midnight in Shanghai (16:00 UTC), month and year ends, leap days, 1992–2040
  const instants: number[] = []
  for (let i = 0; i < 1000; i++) instants.push(Date.UTC(1992, 0, 1) + Math.floor(((i * 2654435761) % 4294967296) / 4294967296 * (48 * 365.25 * 86_400_000)))
  instants.push(Date.UTC(2026, 11, 31, 15, 59, 59, 999), Date.UTC(2026, 11, 31, 16), Date.UTC(2028, 1, 28, 16), Date.UTC(2028, 1, 29, 15, 59))

  test.each([
    ['shanghaiDay', (ms: number) => shanghaiDay(ms), 'YYYY-MM-DD'],
    ['shanghaiTime', (ms: number) => shanghaiTime(ms), 'YYYY-MM-DD HH:mm'],
    ['shortTime', (ms: number) => shortTime(ms), 'M月D日 HH:mm'],
    ['shortDay', (ms: number) => shortDay(ms), 'M月D日'],
  ] as const)('%s over 1,004 instants', (_name, ours, format) => {
    const wrong = instants.filter((ms) => ours(ms) !== tz(ms, format))
    expect(wrong.map((ms) => [new Date(ms).toISOString(), ours(ms), tz(ms, format)])).toEqual([])
  })

  test('the day after crosses months and years as the calendar does', () => {
    for (const ms of instants.slice(0, 500)) expect(shanghaiDayPlus(ms, 3)).toBe(dayjs(ms).tz('Asia/Shanghai').add(3, 'day').format('YYYY-MM-DD'))
    expect(shanghaiDayPlus(Date.UTC(2026, 11, 31, 16, 30), -1)).toBe('2026-12-31')
  })

  test('a row’s time costs a small part of dayjs’s time-zone formatting (measured side by side)', () => {
    // the fastest of seven rounds each, so that a pause of the collector or of a busy machine in one round decides nothing
    const time = (f: (ms: number) => string) => {
      let best = Infinity
      for (let round = 0; round < 7; round++) {
        const t0 = performance.now()
        for (let i = 0; i < 1000; i++) f(instants[i])
        best = Math.min(best, performance.now() - t0)
      }
      return best
    }
    expect(time((ms) => shanghaiTime(ms)) * 10).toBeLessThan(time((ms) => tz(ms, 'YYYY-MM-DD HH:mm')))
  })
})

describe('zhCompare: Chinese order made once', () => {
  test('pinyin order for names, numbers by value in doorplates', () => {
    expect(['张三', '陈建国', '林水生', '黄伟明'].sort(zhCompare)).toEqual(['陈建国', '黄伟明', '林水生', '张三'])
    expect(['东一巷12号', '东一巷2号', '东一巷3号'].sort(zhCompare)).toEqual(['东一巷2号', '东一巷3号', '东一巷12号'])
    expect(zhCompare('林', '林')).toBe(0)
  })
})

describe('the client’s formatTime by arithmetic gives what it gave with dayjs', () => {
  test('this year with the clock time, another year with the year, in Beijing time', () => {
    const dayjsFormat = (ms: number, now: number) =>
      dayjs(ms).tz('Asia/Shanghai').year() === dayjs(now).tz('Asia/Shanghai').year() ? tz(ms, 'M月D日 HH:mm') : tz(ms, 'YYYY年M月D日')
    const now = Date.UTC(2026, 11, 31, 16, 30) // already 2027-01-01 in Beijing
    const instants = [now, Date.UTC(2026, 11, 31, 15, 59), Date.UTC(2027, 0, 1, 0, 5), Date.UTC(2026, 5, 1, 3, 7), Date.UTC(2028, 1, 28, 16)]
    for (let i = 0; i < 500; i++) instants.push(Date.UTC(2025, 0, 1) + ((i * 2654435761) % 4294967296) * 30)
    const wrong = instants.filter((ms) => formatTime(ms, now) !== dayjsFormat(ms, now))
    expect(wrong.map((ms) => [new Date(ms).toISOString(), formatTime(ms, now), dayjsFormat(ms, now)])).toEqual([])
    expect(formatTime(Date.UTC(2026, 11, 31, 15, 59), now)).toBe('2026年12月31日')
    expect(formatTime(Date.UTC(2027, 0, 1, 0, 5), now)).toBe('1月1日 08:05')
  })
})
