/**
 * The mailbox's pure rules: the state machine, the due date, who reads a letter and who sees its writer, and the
 * order of the committee's inbox.
 */
import type { StateMachine } from '../../common/transition'
import type { Membership } from '../account/documents'
import type { Letter, LetterStatus, MailboxSettings } from './documents'
import { DEFAULT_REPLY_DAYS, LETTER_STATUS_LABELS, WAITING_STATUSES } from './documents'

export const DAY_MS = 24 * 3_600_000
/** how an anonymous writer reads to those who may not see them */
export const ANONYMOUS_NAME = '匿名村民'
export const SYSTEM_NAME = '系统'
export const WRITER_ROLE = '来信人'

export type LetterEventName = 'accept' | 'reply'

/** received -> accepted -> replied; a short question may be replied to at once (received -> replied) */
export const LETTER_MACHINE: StateMachine<'letters', LetterEventName> = {
  collection: 'letters',
  targetType: 'letter',
  auditPrefix: 'mailbox',
  steps: {
    accept: { from: ['received'], to: 'accepted' },
    reply: { from: ['received', 'accepted'], to: 'replied' },
  },
  refusal: (status: LetterStatus, event: LetterEventName) => `该来信${LETTER_STATUS_LABELS[status]}，不能再${event === 'accept' ? '受理' : '回复'}`,
  label: (l) => `书记信箱：${l.subject}`,
}

export const replyDaysOf = (s: MailboxSettings | null): number => s?.replyDays ?? DEFAULT_REPLY_DAYS
export const dueFrom = (createdAt: number, replyDays: number): number => createdAt + replyDays * DAY_MS

export const isWaiting = (l: Pick<Letter, 'status'>): boolean => WAITING_STATUSES.includes(l.status)
export const isOverdue = (l: Pick<Letter, 'status' | 'dueAt'>, now: number): boolean => isWaiting(l) && now > l.dueAt

/** the caller, as far as reading a letter goes */
export interface Reader {
  personId: string
  committee: boolean
  /** a town officer of the village's town */
  town: boolean
}
export const readerOf = (m: Pick<Membership, 'personId' | 'roles' | 'townId'>, villageTownId: string): Reader => ({
  personId: m.personId,
  committee: m.roles.includes('committee'),
  town: m.roles.includes('townOfficer') && m.townId === villageTownId,
})

const isWriter = (l: Pick<Letter, 'writerId'>, r: Reader) => l.writerId !== '' && l.writerId === r.personId

/** Who may read the letter: its writer, the committee, every member once public, the town once escalated. */
export const mayRead = (l: Pick<Letter, 'writerId' | 'public' | 'escalatedAt'>, r: Reader): boolean => isWriter(l, r) || r.committee || l.public || (r.town && l.escalatedAt !== null)

/**
 * The writer's name as this reader may see it, or null: the writer and the committee always; others (a public
 * letter's readers, the town) only when it is not anonymous, and for a public letter only when its writer chose
 * to show it.
 */
export function writerNameFor(l: Pick<Letter, 'writerId' | 'writerName' | 'anonymous' | 'public' | 'publicName' | 'escalatedAt'>, r: Reader): string | null {
  if (isWriter(l, r) || r.committee) return l.writerName
  if (l.anonymous) return null
  if (r.town && l.escalatedAt !== null) return l.writerName
  return l.public && l.publicName ? l.writerName : null
}

/** The committee's inbox order: waiting letters first, the overdue (furthest past due) first, then by due date; replied ones newest first. */
export function inboxOrder(now: number) {
  return (a: Letter, b: Letter): number => {
    const [wa, wb] = [isWaiting(a), isWaiting(b)]
    if (wa !== wb) return wa ? -1 : 1
    if (!wa) return b.updatedAt - a.updatedAt
    const [oa, ob] = [isOverdue(a, now), isOverdue(b, now)]
    if (oa !== ob) return oa ? -1 : 1
    return a.dueAt - b.dueAt || b.createdAt - a.createdAt
  }
}
