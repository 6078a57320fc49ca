/**
 * The residents' part: the days to reply, writing a letter (anonymous to all but the committee, with consent to
 * publish given now or later), my letters, one letter, rating the reply once, consent, the public letters.
 */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { checkPhotoContent, checkText } from '../../common/content'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { notifyCommittee } from '../account/notices'
import { getVillage } from '../account/common'
import type { mailboxResidentActions } from './contract'
import { letterToWord, type Letter, type LetterEvent } from './documents'
import { ANONYMOUS_NAME, dueFrom, WRITER_ROLE } from './policy'
import { letterSummary, letterView, letterViews, loadLetter, noticeName, PAGES, readerFor, settingsView } from './views'

const PAGE = 500

function assertWriter(ctx: MemberContext, l: Letter, what: string): void {
  if (l.writerId === '' || l.writerId !== ctx.person._id) throw new ApiError('FORBIDDEN', `只有来信人可以${what}`)
}

/** a history entry by the writer (their name left out when they write anonymously) */
const writerEvent = (ctx: MemberContext, l: Pick<Letter, 'anonymous'>, action: LetterEvent['action'], note: string | null): LetterEvent => ({
  at: ctx.now,
  action,
  by: ctx.person._id,
  byName: l.anonymous ? ANONYMOUS_NAME : ctx.membership.name,
  role: WRITER_ROLE,
  note,
})

export const mailboxResidentHandlers: Handlers<typeof mailboxResidentActions> = {
  'mailbox.settings': {
    access: ACCESS.member,
    handle: ({ villageId }, ctx) => settingsView(ctx.ports.store, villageId),
  },

  'mailbox.write': {
    access: ACCESS.resident,
    async handle({ villageId, to, subject, text, photos, anonymous, consent, publicName, about }, ctx) {
      const { store } = ctx.ports
      checkPhotos(villageId, photos)
      await checkText(ctx, { subject, text })
      await checkPhotoContent(ctx, photos)
      const [{ replyDays }, village] = await Promise.all([settingsView(store, villageId), getVillage(ctx, villageId)])
      const letter: Letter = {
        _id: `${villageId}:${newId('m', ctx.now)}`,
        villageId,
        to,
        subject,
        text,
        photos,
        about,
        writerId: ctx.person._id,
        writerName: ctx.membership.name,
        anonymous,
        consent,
        // an anonymous letter is never shown with its writer's name
        publicName: consent && publicName && !anonymous,
        public: false,
        publishedAt: null,
        status: 'received',
        createdAt: ctx.now,
        updatedAt: ctx.now,
        dueAt: dueFrom(ctx.now, replyDays),
        escalatedAt: null,
        reply: null,
        rating: null,
        ratingNote: null,
        history: [writerEvent(ctx, { anonymous }, 'write', `写给${letterToWord(to, village.kind)}${consent ? '，同意公开' : ''}`)],
      }
      await store.transaction(async (tx) => {
        await tx.insert('letters', letter)
        const from = anonymous ? ANONYMOUS_NAME : ctx.membership.name
        await notifyCommittee(ctx, villageId, '书记信箱有新来信', `${from}来信${noticeName(letter)}，请在${replyDays}天内回复。`, PAGES.letter(villageId, letter._id), tx)
      })
      return letterView(ctx, letter)
    },
  },

  'mailbox.mine': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const [letters, reader] = await Promise.all([ctx.ports.store.find('letters', { villageId, writerId: ctx.person._id }, { sort: [['createdAt', 'desc']], limit: PAGE }), readerFor(ctx)])
      return letters.map((l) => letterSummary(l, reader, ctx.now))
    },
  },

  'mailbox.get': {
    access: ACCESS.member,
    async handle({ villageId, letterId }, ctx) {
      const { letter, reader } = await loadLetter(ctx, villageId, letterId)
      return letterView(ctx, letter, reader)
    },
  },

  'mailbox.rate': {
    access: ACCESS.member,
    async handle({ villageId, letterId, rating, note }, ctx) {
      const { letter, reader } = await loadLetter(ctx, villageId, letterId)
      assertWriter(ctx, letter, '评价回复')
      if (letter.status !== 'replied') throw new ApiError('CONFLICT', `${reader.words.committee}回复后才能评价`)
      if (letter.rating !== null) throw new ApiError('DUPLICATE', '您已评价过该回复')
      await checkText(ctx, { note })
      const written = await ctx.ports.store.transaction(async (tx) => {
        const doc = await tx.get('letters', letter._id)
        if (!doc || doc.rating !== null) throw new ApiError('DUPLICATE', '您已评价过该回复')
        const set = { rating, ratingNote: note, updatedAt: ctx.now, history: [...doc.history, writerEvent(ctx, doc, 'rate', `评分${rating}星${note ? `：${note}` : ''}`)] }
        await tx.update('letters', doc._id, { set })
        await notifyCommittee(ctx, villageId, '来信人已评价回复', `${noticeName(doc)}：来信人评分${rating}星。`, PAGES.letter(villageId, doc._id), tx)
        return { ...doc, ...set }
      })
      return letterView(ctx, written, reader)
    },
  },

  'mailbox.consent': {
    access: ACCESS.member,
    async handle({ villageId, letterId, consent, publicName }, ctx) {
      const { letter, reader } = await loadLetter(ctx, villageId, letterId)
      assertWriter(ctx, letter, '决定是否公开')
      const written = await ctx.ports.store.transaction(async (tx) => {
        const doc = await tx.get('letters', letter._id)
        if (!doc) throw new ApiError('NOT_FOUND', '找不到该来信')
        // withdrawing consent takes a public letter down at once
        const set = {
          consent,
          publicName: consent && publicName && !doc.anonymous,
          ...(consent ? {} : { public: false, publishedAt: null }),
          updatedAt: ctx.now,
          history: [...doc.history, writerEvent(ctx, doc, consent ? 'consent' : 'withdrawConsent', null)],
        }
        await tx.update('letters', doc._id, { set })
        return { ...doc, ...set }
      })
      return letterView(ctx, written, reader)
    },
  },

  'mailbox.public': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const letters = await ctx.ports.store.find('letters', { villageId, public: true }, { sort: [['publishedAt', 'desc']], limit: 200 })
      return letterViews(ctx, letters)
    },
  },
}
