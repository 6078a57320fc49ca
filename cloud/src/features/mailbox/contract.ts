/**
 * 书记信箱: residents write to the committee (or the party secretary), follow their letters and rate the reply;
 * the committee accepts and replies against the village's due date and makes letters public with their writer's
 * consent; every member reads the public letters. Every view and input (documents are in documents.ts); the
 * client imports this file for types only.
 */
import { z } from 'zod'
import { id, photos, text, villageId } from '../../contract/inputs'
import { action } from '../../contract/action'
import type { LetterAbout, LetterEvent, LetterStatus, LetterTo } from './documents'

// ---------------------------------------------------------------------------------------------
// views

/** A letter in a list (mine, the inbox, the public letters). */
export interface LetterSummary {
  id: string
  to: LetterTo
  subject: string
  /** the first 60 characters */
  excerpt: string
  status: LetterStatus
  createdAt: number
  dueAt: number
  /** still waiting for its reply and past its due date */
  overdue: boolean
  escalatedAt: number | null
  public: boolean
  anonymous: boolean
  about: LetterAbout | null
  /** null when the caller may not see who wrote it (anonymous, or public without the writer's name) */
  writerName: string | null
  rating: number | null
}

/** One letter as the caller may see it: the writer's id never, their name only as LetterSummary says. */
export interface LetterView extends LetterSummary {
  villageId: string
  text: string
  photos: string[]
  /** fileId -> url, for the letter's and the reply's photos */
  photoUrls: Record<string, string>
  mine: boolean
  consent: boolean
  publicName: boolean
  publishedAt: number | null
  reply: { text: string; photos: string[]; at: number; byName: string } | null
  ratingNote: string | null
  /** oldest first; the writer reads as 匿名村民 (or 来信人) where their name may not be seen */
  history: LetterEvent[]
  can: {
    accept: boolean
    reply: boolean
    /** the writer, once replied, once */
    rate: boolean
    /** the writer: give or withdraw consent to publish */
    consent: boolean
    /** the committee: replied and consented, not yet public */
    publish: boolean
    unpublish: boolean
  }
}

export interface MailboxSettingsView {
  replyDays: number
  updatedAt: number | null
  updatedByName: string | null
}

// ---------------------------------------------------------------------------------------------
// inputs

const letterId = id
const note = z.string().trim().max(200, '说明不超过200个字').nullable().default(null)
export const MAX_REPLY_DAYS = 60
const replyDays = z
  .number({ required_error: '请填写回复期限', invalid_type_error: '回复期限应为数字' })
  .int('回复期限应为整数天')
  .min(1, '回复期限至少1天')
  .max(MAX_REPLY_DAYS, `回复期限不超过${MAX_REPLY_DAYS}天`)
const about = z
  .object({ kind: z.string().trim().min(1).max(20), id: z.string().trim().min(1).max(160), label: z.string().trim().min(1).max(60) }, { invalid_type_error: '关联内容无效' })
  .nullable()
  .default(null)

/** residents (and every member, to read) */
export const mailboxResidentActions = {
  /** the village's days to reply (the write page says when to expect an answer) */
  'mailbox.settings': action<MailboxSettingsView>()(z.object({ villageId })),
  /** write a letter (residents); anonymous hides the writer from all but the committee */
  'mailbox.write': action<LetterView>()(
    z.object({
      villageId,
      to: z.enum(['committee', 'secretary'], { errorMap: () => ({ message: '请选择写给谁' }) }).default('committee'),
      subject: text('标题', 40, 2),
      text: text('内容', 1000, 5),
      photos: photos(9).default([]),
      anonymous: z.boolean().default(false),
      consent: z.boolean().default(false),
      publicName: z.boolean().default(false),
      about,
    }),
  ),
  /** my letters, newest first */
  'mailbox.mine': action<LetterSummary[]>()(z.object({ villageId })),
  /** one letter: its writer, the committee, every member once public, the town's officers once escalated */
  'mailbox.get': action<LetterView>()(z.object({ villageId, letterId })),
  /** the writer rates the reply (1–5), once */
  'mailbox.rate': action<LetterView>()(
    z.object({
      villageId,
      letterId,
      rating: z.number({ required_error: '请评分', invalid_type_error: '请评分' }).int('请评分').min(1, '评分为1到5星').max(5, '评分为1到5星'),
      note,
    }),
  ),
  /** the writer gives (or withdraws, which takes a public letter down) consent to make it public */
  'mailbox.consent': action<LetterView>()(z.object({ villageId, letterId, consent: z.boolean(), publicName: z.boolean().default(false) })),
  /** the public letters with their replies, newest first */
  'mailbox.public': action<LetterView[]>()(z.object({ villageId })),
}

/** the committee */
export const mailboxCommitteeActions = {
  /** waiting letters overdue first, then by due date; or the overdue, the replied, all */
  'mailbox.inbox': action<LetterSummary[]>()(z.object({ villageId, filter: z.enum(['waiting', 'overdue', 'replied', 'all']).default('waiting') })),
  'mailbox.accept': action<LetterView>()(z.object({ villageId, letterId, note })),
  'mailbox.reply': action<LetterView>()(z.object({ villageId, letterId, text: text('回复', 1000, 5), photos: photos(9).default([]) })),
  /** make a replied letter public (with its writer's consent) or take it down */
  'mailbox.publish': action<LetterView>()(z.object({ villageId, letterId, public: z.boolean() })),
  'mailbox.setSettings': action<MailboxSettingsView>()(z.object({ villageId, replyDays })),
}

export const mailboxActions = { ...mailboxResidentActions, ...mailboxCommitteeActions }
