/** Words the mailbox pages share: who answers letters, a state's tone, the due clock. */
import type { LetterStatus, LetterSummary, MembershipView } from '@contract'
import type { LetterDraft } from './draft'

export const isCommittee = (m: MembershipView): boolean => m.roles.includes('committee')

export const STATUS_TONE: Record<LetterStatus, 'default' | 'gold' | 'green'> = { received: 'gold', accepted: 'default', replied: 'green' }

const DAY = 24 * 3_600_000

/** who wrote it, as this caller may see it: 黄德明（匿名） for the committee, so they know not to say; 匿名来信 / 村民来信 for others */
export function writerWords(l: Pick<LetterSummary, 'writerName' | 'anonymous'>): string {
  if (l.writerName) return l.anonymous ? `${l.writerName}（匿名）` : l.writerName
  return l.anonymous ? '匿名来信' : '村民来信'
}

/** 还剩3天回复 / 今天到期 / 已逾期2天 (null once replied) */
export function dueWords(l: Pick<LetterSummary, 'status' | 'dueAt'>, now = Date.now()): string | null {
  if (l.status === 'replied') return null
  const days = Math.floor(Math.abs(l.dueAt - now) / DAY)
  if (l.dueAt < now) return `已逾期${Math.max(1, days)}天`
  return days === 0 ? '今天到期' : `还剩${days}天回复`
}

/** the form's mistakes by field, as the server would name them */
export function checkDraft(d: LetterDraft): Record<string, string> {
  const errors: Record<string, string> = {}
  const subject = d.subject.trim()
  if (subject.length < 2) errors.subject = subject ? '标题至少2个字' : '请填写标题'
  const text = d.text.trim()
  if (text.length < 5) errors.text = text ? '内容至少5个字' : '请填写内容'
  return errors
}
