/** How the volunteer pages word times and statuses. */
import type { SignupStatus } from '@contract'
import { beijing } from '@/shared/time'

/** 11月28日 09:00–12:00 */
export function periodText(a: { startsAt: number; endsAt: number }): string {
  const start = beijing(a.startsAt)
  const end = beijing(a.endsAt)
  return `${start.format('M月D日 HH:mm')}–${end.format(start.isSame(end, 'day') ? 'HH:mm' : 'M月D日 HH:mm')}`
}

export const STATUS_TONE: Record<SignupStatus, 'default' | 'red' | 'green' | 'gold' | 'grey'> = {
  holding: 'grey',
  signedUp: 'green',
  waitlisted: 'gold',
  checkedIn: 'green',
  attended: 'green',
  absent: 'grey',
  cancelled: 'grey',
}
