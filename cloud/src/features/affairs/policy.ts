/** 村务公开's pure rules: where a notice is in its period, who sees it, and the order of the list. */
import type { Notice, NoticeState } from './documents'

/** on `today` (YYYY-MM-DD, Shanghai): before its first day, within its period, or past its last day */
export function noticeState(n: Pick<Notice, 'from' | 'until'>, today: string): NoticeState {
  if (n.from > today) return 'upcoming'
  if (n.until !== null && n.until < today) return 'expired'
  return 'current'
}

/** residents see a notice from its first day on (an expired one stays readable, marked so); the committee sees every one */
export const visibleTo = (n: Pick<Notice, 'from' | 'until'>, today: string, committee: boolean): boolean => committee || noticeState(n, today) !== 'upcoming'

/** current ones first, then upcoming, then expired; newest first within each */
const RANK: Record<NoticeState, number> = { current: 0, upcoming: 1, expired: 2 }
export function noticeOrder(today: string) {
  return (a: Pick<Notice, 'from' | 'until' | 'createdAt'>, b: Pick<Notice, 'from' | 'until' | 'createdAt'>): number =>
    RANK[noticeState(a, today)] - RANK[noticeState(b, today)] || (b.from < a.from ? -1 : b.from > a.from ? 1 : b.createdAt - a.createdAt)
}

/** a period must end on or after its first day */
export const periodError = (from: string, until: string | null): string | null => (until !== null && until < from ? '公示截止日期不能早于开始日期' : null)
