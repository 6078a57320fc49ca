/**
 * 书记信箱: a resident's letter to the committee (or the party secretary), tracked from 已收到 to 已回复 against
 * the reply due date the village sets, answered by the committee, rated once by its writer, and made public
 * with the writer's consent. Instants are epoch ms.
 */
import { committeeWord, type VillageKind } from '../account/documents'

/** who the letter is addressed to */
export type LetterTo = 'committee' | 'secretary'
/** whom a letter is written to, in the village's own words: 村委会 / 居委会, or 党组织书记 */
export const letterToWord = (to: LetterTo, kind: VillageKind): string => (to === 'committee' ? committeeWord(kind) : '党组织书记')

/** received (已收到) -> accepted (已受理) -> replied (已回复); a letter may be replied to straight from received */
export type LetterStatus = 'received' | 'accepted' | 'replied'
export const LETTER_STATUS_LABELS: Record<LetterStatus, string> = { received: '已收到', accepted: '已受理', replied: '已回复' }
/** the statuses in which a letter still waits for its reply (the due clock runs) */
export const WAITING_STATUSES: readonly LetterStatus[] = ['received', 'accepted']

export type LetterAction = 'write' | 'accept' | 'reply' | 'rate' | 'consent' | 'withdrawConsent' | 'publish' | 'unpublish' | 'escalate'
export const LETTER_ACTION_LABELS: Record<LetterAction, string> = {
  write: '来信',
  accept: '受理',
  reply: '回复',
  rate: '评价',
  consent: '同意公开',
  withdrawConsent: '撤回公开同意',
  publish: '公开',
  unpublish: '取消公开',
  escalate: '逾期未回复，上报镇街',
}

/** what the letter is about, set by the page that linked to the write page (e.g. a 财务公开 line); free so no feature depends on another */
export interface LetterAbout {
  kind: string
  id: string
  label: string
}

export interface LetterEvent {
  at: number
  action: LetterAction
  /** person id; '' for the system (the time-driven job) */
  by: string
  /** 系统 for the job; 匿名村民 for an anonymous writer as others than the committee and the writer see it */
  byName: string
  /** 村委会 or 居委会 (the village's word when it was written) / 来信人 / 系统 */
  role: string
  note: string | null
}

export interface LetterReply {
  text: string
  photos: string[]
  at: number
  byName: string
}

export interface Letter {
  _id: string
  villageId: string
  to: LetterTo
  subject: string
  text: string
  photos: string[]
  about: LetterAbout | null
  writerId: string
  writerName: string
  /** hidden from everyone but the committee and the writer */
  anonymous: boolean
  /** the writer agrees that the letter and its reply may be made public */
  consent: boolean
  /** when public, show the writer's name (otherwise 村民来信) */
  publicName: boolean
  public: boolean
  publishedAt: number | null
  status: LetterStatus
  createdAt: number
  updatedAt: number
  /** the reply is due by then (createdAt + the village's days to reply) */
  dueAt: number
  /** when the job escalated it to the town for being overdue (once) */
  escalatedAt: number | null
  reply: LetterReply | null
  rating: number | null
  ratingNote: string | null
  history: LetterEvent[]
}

/** each village's days to reply */
export interface MailboxSettings {
  /** the villageId */
  _id: string
  villageId: string
  replyDays: number
  updatedAt: number | null
  updatedByName: string | null
}

export const DEFAULT_REPLY_DAYS = 7

declare module '../../ports/store' {
  interface Collections {
    letters: Letter
    mailboxSettings: MailboxSettings
  }
}
