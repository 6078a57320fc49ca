/** The committee's part: the inbox (overdue first), accepting, replying (the writer is told), publishing, the days to reply. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import type { Filter } from '../../ports/store'
import { audit } from '../../common/audit'
import { checkPhotoContent, checkText } from '../../common/content'
import { checkPhotos } from '../../common/photos'
import { transition } from '../../common/transition'
import { notify } from '../account/notices'
import type { mailboxCommitteeActions } from './contract'
import type { Letter, LetterEvent } from './documents'
import { inboxOrder, isOverdue, LETTER_MACHINE } from './policy'
import { letterSummary, letterView, noticeName, PAGES, readableIn, readerFor, settingsView, type VillageReader } from './views'

const PAGE = 1000

const committeeEvent = (ctx: MemberContext, reader: VillageReader, action: LetterEvent['action'], note: string | null): LetterEvent => ({
  at: ctx.now,
  action,
  by: ctx.person._id,
  byName: ctx.membership.name,
  role: reader.words.committee,
  note,
})

const tellWriter = (ctx: MemberContext, l: Letter, title: string, body: string, tx: Parameters<typeof notify>[5]) =>
  l.writerId ? notify(ctx, { personId: l.writerId, villageId: l.villageId }, title, body, PAGES.letter(l.villageId, l._id), tx) : Promise.resolve()

/** the refusals of loadLetter, in a step's transaction: the letter is read there only */
const inTransaction = (villageId: string, reader: VillageReader) => ({
  scope: { villageId, notFound: '找不到该来信' },
  refuse: (doc: Letter) => void readableIn(doc, villageId, reader),
})

export const mailboxCommitteeHandlers: Handlers<typeof mailboxCommitteeActions> = {
  'mailbox.inbox': {
    access: ACCESS.committee,
    async handle({ villageId, filter }, ctx) {
      const where: Filter = { villageId }
      if (filter === 'waiting' || filter === 'overdue') where.status = { $in: ['received', 'accepted'] }
      if (filter === 'replied') where.status = 'replied'
      const [letters, reader] = await Promise.all([ctx.ports.store.find('letters', where, { sort: [['createdAt', 'desc']], limit: PAGE }), readerFor(ctx)])
      const shown = filter === 'overdue' ? letters.filter((l) => isOverdue(l, ctx.now)) : letters
      return shown.sort(inboxOrder(ctx.now)).map((l) => letterSummary(l, reader, ctx.now))
    },
  },

  'mailbox.accept': {
    access: ACCESS.committee,
    async handle({ villageId, letterId, note }, ctx) {
      await checkText(ctx, { note })
      const reader = await readerFor(ctx)
      const written = await transition(ctx.ports, LETTER_MACHINE, letterId, 'accept', {
        ...inTransaction(villageId, reader),
        set: (doc) => ({ updatedAt: ctx.now, history: [...doc.history, committeeEvent(ctx, reader, 'accept', note)] }),
        also: (tx, doc) => tellWriter(ctx, doc, '您的来信已受理', `${noticeName(doc)}已受理${note ? `：${note}` : ''}。`, tx),
        by: ctx,
        audit: { reason: note },
      })
      return letterView(ctx, written, reader)
    },
  },

  'mailbox.reply': {
    access: ACCESS.committee,
    async handle({ villageId, letterId, text, photos }, ctx) {
      checkPhotos(villageId, photos)
      await checkText(ctx, { text })
      await checkPhotoContent(ctx, photos)
      const reader = await readerFor(ctx)
      const written = await transition(ctx.ports, LETTER_MACHINE, letterId, 'reply', {
        ...inTransaction(villageId, reader),
        set: (doc) => ({ reply: { text, photos, at: ctx.now, byName: ctx.membership.name }, updatedAt: ctx.now, history: [...doc.history, committeeEvent(ctx, reader, 'reply', null)] }),
        also: (tx, doc) => tellWriter(ctx, doc, '您的来信已回复', `${noticeName(doc)}已回复，请查看并评价。`, tx),
        by: ctx,
      })
      return letterView(ctx, written, reader)
    },
  },

  'mailbox.publish': {
    access: ACCESS.committee,
    async handle({ villageId, letterId, public: makePublic }, ctx) {
      // the letter is read in the transaction only
      const reader = await readerFor(ctx)
      const written = await ctx.ports.store.transaction(async (tx) => {
        const doc = readableIn(await tx.get('letters', letterId), villageId, reader)
        if (makePublic) {
          if (doc.status !== 'replied') throw new ApiError('CONFLICT', '回复后才能公开来信')
          if (!doc.consent) throw new ApiError('CONFLICT', '来信人没有同意公开，不能公开')
          if (doc.public) throw new ApiError('CONFLICT', '该来信已公开')
        } else if (!doc.public) throw new ApiError('CONFLICT', '该来信没有公开')
        const set = {
          public: makePublic,
          publishedAt: makePublic ? ctx.now : null,
          updatedAt: ctx.now,
          history: [...doc.history, committeeEvent(ctx, reader, makePublic ? 'publish' : 'unpublish', null)],
        }
        await tx.update('letters', doc._id, { set })
        await audit(ctx, makePublic ? 'mailbox.publish' : 'mailbox.unpublish', { type: LETTER_MACHINE.targetType, id: doc._id, label: LETTER_MACHINE.label(doc) }, null, tx)
        if (makePublic) await tellWriter(ctx, doc, '您的来信已公开', `${noticeName(doc)}及回复已在书记信箱公开${doc.publicName ? '' : '（不显示您的姓名）'}。`, tx)
        return { ...doc, ...set }
      })
      return letterView(ctx, written, reader)
    },
  },

  'mailbox.setSettings': {
    access: ACCESS.committee,
    async handle({ villageId, replyDays }, ctx) {
      const doc = { _id: villageId, villageId, replyDays, updatedAt: ctx.now, updatedByName: ctx.membership.name }
      await ctx.ports.store.transaction(async (tx) => {
        // new letters get the new days; letters already written keep the date they were promised
        if (await tx.get('mailboxSettings', villageId)) await tx.update('mailboxSettings', villageId, { set: { replyDays, updatedAt: ctx.now, updatedByName: ctx.membership.name } })
        else await tx.insert('mailboxSettings', doc)
        await audit(ctx, 'mailbox.setSettings', { type: 'mailboxSettings', id: villageId, label: '书记信箱回复期限' }, `${replyDays}天`, tx)
      })
      return settingsView(ctx.ports.store, villageId)
    },
  },
}
