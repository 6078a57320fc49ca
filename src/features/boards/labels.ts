/** Words the boards pages share: months as people say them, tones of the boards and states. */
import { beijing } from '@/shared/time'

/** this month in Beijing, YYYY-MM */
export const thisMonth = (now = Date.now()) => beijing(now).format('YYYY-MM')

/** '2026-12' -> 2026年12月 */
export function monthText(month: string): string {
  const [y, m] = month.split('-')
  return `${y}年${Number(m)}月`
}

/** 本月 / 上月 / 2026年9月 */
export function monthLabel(month: string, now = Date.now()): string {
  if (month === thisMonth(now)) return '本月'
  if (month === beijing(now).subtract(1, 'month').format('YYYY-MM')) return '上月'
  return monthText(month)
}

/** the month picker's choices: this month first, then every month that has entries, newest first */
export function monthChoices(withEntries: readonly string[], now = Date.now()): string[] {
  return [...new Set([thisMonth(now), ...withEntries])].sort().reverse()
}

/** 新山村2026年12月红黑榜 / 新山村2026年12月善行义举榜: the share card's title */
export const boardTitle = (village: string, month: string, board: 'red' | 'black' | 'good') => `${village}${monthText(month)}${board === 'good' ? '善行义举榜' : '红黑榜'}`

export const BOARD_TONE = { red: 'red', black: 'grey', good: 'gold' } as const
