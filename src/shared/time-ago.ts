/** 刚刚, 3 分钟前…: dayjs's relativeTime plugin, here and not in ./time.ts so it loads with the pages that show it. */
import dayjs from 'dayjs'
import relativeTime from 'dayjs/plugin/relativeTime'
import './time'

dayjs.extend(relativeTime)

export function fromNow(ms: number, now = Date.now()): string {
  return dayjs(ms).from(dayjs(now))
}
