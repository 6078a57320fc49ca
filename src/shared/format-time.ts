/**
 * formatTime without dayjs, for what 首页 shows (its first script stays small; src/shared/time.ts loads dayjs with
 * its time zones). Beijing time has been UTC+8 without daylight saving since 1991, so its calendar is the UTC
 * calendar of the instant moved 8 hours on.
 */
const BEIJING_OFFSET_MS = 8 * 3600_000
const two = (n: number) => (n < 10 ? `0${n}` : String(n))

/** 11月26日 14:30 (this year) or 2025年11月26日 */
export function formatTime(ms: number, now = Date.now()): string {
  const t = new Date(ms + BEIJING_OFFSET_MS)
  const day = `${t.getUTCMonth() + 1}月${t.getUTCDate()}日`
  return t.getUTCFullYear() === new Date(now + BEIJING_OFFSET_MS).getUTCFullYear()
    ? `${day} ${two(t.getUTCHours())}:${two(t.getUTCMinutes())}`
    : `${t.getUTCFullYear()}年${day}`
}
