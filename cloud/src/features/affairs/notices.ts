/** 公告: the list (unread marked), opening one (the caller's read mark, counted once), publishing, correcting and taking one down. */
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError, type Filter } from '../../ports/store'
import { audit } from '../../common/audit'
import { checkPhotoContent, checkText } from '../../common/content'
import { getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { checkDocuments } from '../../common/documents'
import { shanghaiDay } from '../../common/time'
import { isCommittee } from '../account/policy'
import { notifyResidents } from '../account/notices'
import type { affairsActions } from './contract'
import { NOTICE_CATEGORY_LABELS, type Notice } from './documents'
import { noticeSummaries, noticeView, readId, readOf } from './data'
import { noticePage, segmentPage, UNREAD_SCAN } from './list'
import { noticeState, periodError, visibleTo } from './policy'
import { NOTICE_PAGE } from './pages'

const NOT_FOUND = '找不到该公告'

/** a notice the caller may see (one not yet begun reads as missing to residents) */
async function loadNotice(ctx: MemberContext, villageId: string, noticeId: string): Promise<Notice> {
  const n = await getInVillage(ctx.ports.store, 'notices', noticeId, villageId, NOT_FOUND)
  if (!visibleTo(n, shanghaiDay(ctx.now), isCommittee(ctx.membership))) throw new ApiError('NOT_FOUND', NOT_FOUND)
  return n
}

/** marks it read for the caller, the count going up only with the mark's first writing */
async function markRead(ctx: MemberContext, n: Notice): Promise<Notice> {
  const { store } = ctx.ports
  const _id = readId(n._id, ctx.person._id)
  if (await store.get('noticeReads', _id)) return n
  try {
    await store.transaction(async (tx) => {
      await tx.insert('noticeReads', { _id, villageId: n.villageId, noticeId: n._id, personId: ctx.person._id, at: ctx.now })
      await tx.update('notices', n._id, { inc: { reads: 1 } })
    })
  } catch (e) {
    // the same person opening it twice at once: the other call counted it
    if (!(e instanceof DuplicateIdError)) throw e
  }
  return (await store.get('notices', n._id)) ?? n
}

type NoticeActions = Pick<typeof affairsActions, 'affairs.notices' | 'affairs.notice' | 'affairs.publishNotice' | 'affairs.removeNotice'>

export const noticeHandlers: Handlers<NoticeActions> = {
  'affairs.notices': {
    access: ACCESS.member,
    async handle({ villageId, category, after }, ctx) {
      const today = shanghaiDay(ctx.now)
      const committee = isCommittee(ctx.membership)
      const base: Filter = category ? { villageId, category } : { villageId }
      // the first page reads the newest current ones once for both its items and the unread figure
      const scan = after ? null : await segmentPage(ctx.ports.store, base, 'current', today, null, UNREAD_SCAN)
      const { docs, next } = await noticePage(ctx.ports.store, base, committee ? ['current', 'upcoming', 'expired'] : ['current', 'expired'], today, after, scan)
      const read = await readOf(ctx, [...new Set([...docs, ...(scan?.docs ?? [])].map((n) => n._id))])
      const notices = await noticeSummaries(ctx, docs, read)
      return { notices, unread: scan ? scan.docs.filter((n) => !read.has(n._id)).length : null, canPublish: committee, next }
    },
  },

  'affairs.notice': {
    access: ACCESS.member,
    async handle({ villageId, noticeId }, ctx) {
      const n = await markRead(ctx, await loadNotice(ctx, villageId, noticeId))
      return noticeView(ctx, n, true)
    },
  },

  'affairs.publishNotice': {
    access: ACCESS.committee,
    async handle({ villageId, noticeId, category, title, text, photos, attachments: sent, from, until }, ctx) {
      const { store } = ctx.ports
      const bad = periodError(from, until)
      if (bad) throw new ApiError('BAD_INPUT', bad, { until: bad })
      if (until !== null && until < shanghaiDay(ctx.now)) throw new ApiError('BAD_INPUT', '公示截止日期已过', { until: '公示截止日期已过，请重新选择' })
      checkPhotos(villageId, photos)
      const old = noticeId ? await getInVillage(store, 'notices', noticeId, villageId, NOT_FOUND) : null
      await checkText(ctx, { title, text, attachments: sent.map((a) => a.name).join('\n') })
      // a new attachment is looked at in storage (in WeChat its bytes went there from the phone, past no check of ours)
      const attachments = await checkDocuments(ctx.ports.files, villageId, sent, old?.attachments)
      await checkPhotoContent(ctx, photos.filter((p) => !old?.photos.includes(p)))
      const fields = { category, title, text, photos, attachments, from, until, updatedAt: ctx.now }
      if (old) {
        const saved = await store.transaction(async (tx) => {
          const doc = await getInVillage(tx, 'notices', old._id, villageId, NOT_FOUND)
          await tx.update('notices', doc._id, { set: fields })
          await audit(ctx, 'affairs.editNotice', { type: 'notice', id: doc._id, label: title }, null, tx)
          return { ...doc, ...fields }
        })
        return noticeView(ctx, saved, (await store.get('noticeReads', readId(saved._id, ctx.person._id))) !== null)
      }
      const notice: Notice = { _id: `${villageId}:${newId('n', ctx.now)}`, villageId, ...fields, createdBy: ctx.person._id, createdByName: ctx.membership.name, createdAt: ctx.now, reads: 0 }
      const when = noticeState(notice, shanghaiDay(ctx.now)) === 'upcoming' ? `（${from}起公示）` : ''
      await store.transaction(async (tx) => {
        await tx.insert('notices', notice)
        await audit(ctx, 'affairs.publishNotice', { type: 'notice', id: notice._id, label: title }, null, tx)
        await notifyResidents(ctx, villageId, `${NOTICE_CATEGORY_LABELS[category]}公告`, `${title}${when}`, NOTICE_PAGE(villageId, notice._id), tx, ctx.person._id)
      })
      return noticeView(ctx, notice, false)
    },
  },

  'affairs.removeNotice': {
    access: ACCESS.committee,
    async handle({ villageId, noticeId, reason }, ctx) {
      const { store } = ctx.ports
      await checkText(ctx, { reason })
      // read once, in the transaction that removes it
      const n = await store.transaction(async (tx) => {
        const doc = await getInVillage(tx, 'notices', noticeId, villageId, NOT_FOUND)
        await tx.remove('notices', doc._id)
        await audit(ctx, 'affairs.removeNotice', { type: 'notice', id: doc._id, label: doc.title }, reason, tx)
        return doc
      })
      // the read marks go with it (outside the transaction: a mark of a missing notice is never shown)
      await store.remove('noticeReads', { noticeId: n._id })
      return { removed: true as const }
    },
  },
}
