/** Words the booking pages share: days as people say them, a slot's seats, a booking's state and tone. */
import type { BookingStatus, SlotView } from '@contract'
import { beijing, ymd } from '@/shared/time'

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六']

/** '2026-12-04' -> 12月4日 周五 */
export function dayLabel(date: string): string {
  const d = beijing(Date.parse(`${date}T12:00:00+08:00`))
  return `${d.month() + 1}月${d.date()}日 ${WEEKDAYS[d.day()]}`
}

/** 今天 / 明天, or null for another day */
export function relativeDay(date: string, now = Date.now()): string | null {
  if (date === ymd(now)) return '今天'
  if (date === ymd(beijing(now).add(1, 'day').valueOf())) return '明天'
  return null
}

/** 今天 12月4日 / 明天 12月5日 / 12月6日 周日 */
export function nearDayLabel(date: string, now = Date.now()): string {
  const near = relativeDay(date, now)
  return near ? `${near} ${dayLabel(date).split(' ')[0]}` : dayLabel(date)
}

/** 剩余12位 / 已满（候补3人） / 已截止 / 已结束 */
export function seatsText(s: Pick<SlotView, 'state' | 'seatsLeft' | 'waitlist'>): string {
  switch (s.state) {
    case 'open':
      return `剩余${s.seatsLeft}位`
    case 'full':
      return s.waitlist ? `已满（候补${s.waitlist}人）` : '已满'
    case 'cutoff':
      return '已截止'
    default:
      return '已结束'
  }
}

export const STATUS_TONE: Record<BookingStatus, 'default' | 'red' | 'green' | 'gold' | 'grey'> = {
  booked: 'red',
  waitlisted: 'gold',
  checkedIn: 'green',
  cancelled: 'grey',
  noShow: 'grey',
  lapsed: 'grey',
  holding: 'grey',
}

/** 11:30–12:30 午餐 */
export const timeText = (b: { start: string; end: string; label: string | null }) => `${b.start}–${b.end}${b.label ? ` ${b.label}` : ''}`

/** a row's short schedule: the first line without its seats (周一至周六 11:30–12:30), and 等 when there are more */
export const scheduleShort = (s: { schedule: string[] }): string => (s.schedule[0] ? `${s.schedule[0].split(' · ')[0]}${s.schedule.length > 1 ? ' 等' : ''}` : '')
