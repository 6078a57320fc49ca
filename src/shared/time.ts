/**
 * The client's one dayjs: zh-cn, with utc and timezone set up here once. Calendar days and clock
 * times are Beijing time (Asia/Shanghai) wherever the phone is; nothing else in src/ imports dayjs but
 * ./time-ago.ts (刚刚, 3 分钟前), which only the pages that show it load.
 */
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import utc from 'dayjs/plugin/utc'
import timezone from 'dayjs/plugin/timezone'

dayjs.extend(utc)
dayjs.extend(timezone)
dayjs.locale('zh-cn')

export const TZ = 'Asia/Shanghai'

/** an instant in Beijing time (now by default), to format or to count days from */
export const beijing = (ms: number = Date.now()) => dayjs(ms).tz(TZ)

/** YYYY-MM-DD in Beijing time; today by default */
export const ymd = (ms: number = Date.now()) => beijing(ms).format('YYYY-MM-DD')

/** a picked day (YYYY-MM-DD) and time (HH:mm) in Beijing time, as epoch ms */
export const fromBeijing = (date: string, hhmm: string) => dayjs.tz(`${date} ${hhmm}`, TZ).valueOf()

/** 2025年11月26日 星期三, for a picked YYYY-MM-DD */
export const dayText = (date: string) => dayjs(date).format('YYYY年M月D日 dddd')

// by arithmetic, in a module of its own without dayjs (首页 shows it)
export { formatTime } from './format-time'
