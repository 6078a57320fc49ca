import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'
import relativeTime from 'dayjs/plugin/relativeTime'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.extend(relativeTime)
dayjs.locale('zh-cn')

export const TZ = 'Asia/Shanghai'

/** 11月26日 14:30 (this year) or 2025年11月26日 */
export function formatTime(ms: number, now = Date.now()): string {
  const t = dayjs(ms).tz(TZ)
  return t.year() === dayjs(now).tz(TZ).year() ? t.format('M月D日 HH:mm') : t.format('YYYY年M月D日')
}

export function fromNow(ms: number, now = Date.now()): string {
  return dayjs(ms).from(dayjs(now))
}
