/** The server's one dayjs set-up: calendar days and clock times are Asia/Shanghai. */
import dayjs from 'dayjs'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)
export const TZ = 'Asia/Shanghai'

/** The calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(ms: number): string {
  return dayjs(ms).tz(TZ).format('YYYY-MM-DD')
}
/** the day `days` after an instant's day */
export function shanghaiDayPlus(ms: number, days: number): string {
  return dayjs(ms).tz(TZ).add(days, 'day').format('YYYY-MM-DD')
}
/** 2026-11-28 18:00 (audit entries, CSV) */
export function shanghaiTime(ms: number): string {
  return dayjs(ms).tz(TZ).format('YYYY-MM-DD HH:mm')
}
/** 11月28日 18:00 (notices) */
export function shortTime(ms: number): string {
  return dayjs(ms).tz(TZ).format('M月D日 HH:mm')
}

/** 12月3日 (a day in a sentence) */
export function shortDay(ms: number): string {
  return dayjs(ms).tz(TZ).format('M月D日')
}

/** Whole percent for display: 100 only when everyone, 0 only when nobody. */
export function percent(part: number, total: number): number {
  if (total <= 0 || part <= 0) return 0
  if (part >= total) return 100
  return Math.min(99, Math.max(1, Math.round((part / total) * 100)))
}
