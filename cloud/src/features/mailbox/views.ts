/** Loading and showing letters: the village's town and settings, a letter as this caller may see it, where notices link. */
import { ApiError } from '../../errors'
import type { MemberContext } from '../../handler'
import type { Store } from '../../ports/store'
import { getInVillage } from '../../common/load'
import { villageWords, type Village, type VillageWords } from '../account/documents'
import { pageUrl } from '../../../../src/routes'
import type { LetterSummary, LetterView, MailboxSettingsView } from './contract'
import type { Letter } from './documents'
import { ANONYMOUS_NAME, isOverdue, isWaiting, mayRead, readerOf, replyDaysOf, writerNameFor, type Reader } from './policy'

/** the pages notices link to */
export const PAGES = {
  letter: (villageId: string, letterId: string) => pageUrl('mailbox.letter', { villageId, letterId }),
}

export async function settingsView(store: Pick<Store, 'get'>, villageId: string): Promise<MailboxSettingsView> {
  const s = await store.get('mailboxSettings', villageId)
  return { replyDays: replyDaysOf(s), updatedAt: s?.updatedAt ?? null, updatedByName: s?.updatedByName ?? null }
}

export async function townOf(store: Pick<Store, 'get'>, villageId: string): Promise<string> {
  const v: Village | null = await store.get('villages', villageId)
  return v?.townId ?? ''
}

/** the caller as a reader of the village's letters, with the village's words (read once with its town) */
export type VillageReader = Reader & { words: VillageWords }
export async function readerFor(ctx: MemberContext): Promise<VillageReader> {
  const v: Village | null = await ctx.ports.store.get('villages', ctx.membership.villageId)
  return { ...readerOf(ctx.membership, v?.townId ?? ''), words: villageWords(v?.kind ?? 'village') }
}

/** The letter, if this caller may read it: NOT_FOUND for another village's, FORBIDDEN for one not theirs to read. */
export async function loadLetter(ctx: MemberContext, villageId: string, letterId: string): Promise<{ letter: Letter; reader: VillageReader }> {
  const [letter, reader] = await Promise.all([getInVillage(ctx.ports.store, 'letters', letterId, villageId, '找不到该来信'), readerFor(ctx)])
  return { letter: readable(letter, reader), reader }
}

/** The letter as read in a transaction, if this reader may read it (the refusals of loadLetter). */
export function readableIn(letter: Letter | null, villageId: string, reader: VillageReader): Letter {
  if (!letter || letter.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该来信')
  return readable(letter, reader)
}

function readable(letter: Letter, reader: VillageReader): Letter {
  if (!mayRead(letter, reader)) throw new ApiError('FORBIDDEN', `只有来信人和${reader.words.committee}可以查看未公开的来信`)
  return letter
}

export function letterSummary(l: Letter, r: Reader, now: number): LetterSummary {
  return {
    id: l._id,
    to: l.to,
    subject: l.subject,
    excerpt: l.text.length > 60 ? `${l.text.slice(0, 60)}…` : l.text,
    status: l.status,
    createdAt: l.createdAt,
    dueAt: l.dueAt,
    overdue: isOverdue(l, now),
    escalatedAt: l.escalatedAt,
    public: l.public,
    anonymous: l.anonymous,
    about: l.about,
    writerName: writerNameFor(l, r),
    rating: l.rating,
  }
}

export function viewOf(l: Letter, r: Reader, urls: Readonly<Record<string, string>>, now: number): LetterView {
  const mine = l.writerId !== '' && l.writerId === r.personId
  const name = writerNameFor(l, r)
  const photoUrls: Record<string, string> = {}
  for (const id of [...l.photos, ...(l.reply?.photos ?? [])]) if (urls[id]) photoUrls[id] = urls[id]
  return {
    ...letterSummary(l, r, now),
    villageId: l.villageId,
    text: l.text,
    photos: l.photos,
    photoUrls,
    mine,
    consent: l.consent,
    publicName: l.publicName,
    publishedAt: l.publishedAt,
    reply: l.reply,
    ratingNote: l.ratingNote,
    // the writer's id never leaves the server; their name only where it may be seen
    history: l.history.map((e) => (l.writerId !== '' && e.by === l.writerId ? { ...e, by: '', byName: name ?? (l.anonymous ? ANONYMOUS_NAME : '来信人') } : e)),
    can: {
      accept: r.committee && l.status === 'received',
      reply: r.committee && isWaiting(l),
      rate: mine && l.status === 'replied' && l.rating === null,
      consent: mine,
      publish: r.committee && l.status === 'replied' && l.consent && !l.public,
      unpublish: r.committee && l.public,
    },
  }
}

/** The letters as this caller sees them (one lookup of photo URLs for all). */
export async function letterViews(ctx: MemberContext, letters: Letter[], reader?: Reader): Promise<LetterView[]> {
  if (!letters.length) return []
  const r = reader ?? (await readerFor(ctx))
  const ids = [...new Set(letters.flatMap((l) => [...l.photos, ...(l.reply?.photos ?? [])]))]
  const urls = ids.length ? await ctx.ports.files.urls(ids) : {}
  return letters.map((l) => viewOf(l, r, urls, ctx.now))
}
export const letterView = async (ctx: MemberContext, l: Letter, reader?: Reader): Promise<LetterView> => (await letterViews(ctx, [l], reader))[0]

/** a letter's short name in a notice: 「自来水水压太低」 */
export const noticeName = (l: Pick<Letter, 'subject'>): string => `「${l.subject}」`
