/** The staff's exports: a day's list and the kitchen's headcount, as CSV a spreadsheet opens with Chinese intact. */
import dayjs from 'dayjs'
import { toCsv } from '../../common/csv'
import { TZ } from '../../common/time'
import type { DayList, Headcount } from './contract'
import { BOOKING_STATUS_LABELS } from './documents'

export const DAY_HEADERS = ['时段', '服务', '姓名', '门牌号', '预约人', '方式', '状态', '候补顺序', '签到时间', '累计未到', '备注']
export const HEADCOUNT_HEADERS = ['日期', '星期', '服务', '时段', '名额', '已预约', '候补', '说明']

const clock = (ms: number | null) => (ms === null ? '' : dayjs(ms).tz(TZ).format('HH:mm'))

export function dayCsv(day: DayList): { content: string; rows: number } {
  const rows = day.slots.flatMap((s) =>
    s.rows.map((r) => [
      `${s.start}–${s.end}${s.label ? ` ${s.label}` : ''}`,
      s.serviceName,
      r.name,
      r.doorplate,
      r.bookedByName,
      r.via === 'staff' ? '现场登记' : '手机预约',
      BOOKING_STATUS_LABELS[r.status],
      r.position,
      clock(r.checkedInAt),
      r.noShows,
      r.note,
    ]),
  )
  return { content: toCsv(DAY_HEADERS, rows), rows: rows.length }
}

export function headcountCsv(h: Headcount): { content: string; rows: number } {
  const rows = h.days.flatMap((d) => [
    ...d.slots.map((s) => [d.date, d.weekday, s.serviceName, `${s.start}–${s.end}${s.label ? ` ${s.label}` : ''}`, s.capacity, s.booked, s.waitlist, '']),
    d.closedReason ? [d.date, d.weekday, '', '', '', 0, 0, `停止预约：${d.closedReason}`] : [d.date, d.weekday, '当日合计', '', '', d.total, d.slots.reduce((n, s) => n + s.waitlist, 0), ''],
  ])
  return { content: toCsv(HEADCOUNT_HEADERS, rows), rows: rows.length }
}
