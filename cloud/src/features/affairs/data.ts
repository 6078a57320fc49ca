/** Reading 村务公开's documents into views: the caller's read marks, photo urls, the residents told of a notice. */
import type { MemberContext } from '../../handler'
import { getMany } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import { isCommittee } from '../account/policy'
import { residentCount } from '../account/residents'
import type { NoticeSummary, NoticeView, DutyView } from './contract'
import type { Duty, Notice } from './documents'
import { noticeState } from './policy'

export const readId = (noticeId: string, personId: string) => `${noticeId}:${personId}`

/** the village's residents (as the notice of a new 公告 reaches them and its 已读 counts them) */
export function noticeSummary(n: Notice, today: string, read: boolean, thumb: string | null): NoticeSummary {
  return {
    id: n._id,
    category: n.category,
    title: n.title,
    excerpt: Array.from(n.text).slice(0, 60).join(''),
    from: n.from,
    until: n.until,
    state: noticeState(n, today),
    read,
    reads: n.reads,
    thumb,
    createdAt: n.createdAt,
  }
}

/** the notices as the list shows them: the caller's read marks are those of `read` (ids of notices) */
export async function noticeSummaries(ctx: MemberContext, notices: Notice[], read: Set<string>): Promise<NoticeSummary[]> {
  const today = shanghaiDay(ctx.now)
  const thumbs = notices.flatMap((n) => n.photos.slice(0, 1))
  const urls = thumbs.length ? await ctx.ports.files.urls(thumbs) : {}
  return notices.map((n) => noticeSummary(n, today, read.has(n._id), n.photos[0] ? (urls[n.photos[0]] ?? null) : null))
}

/** which of these notices the caller has opened: their marks by id, never the caller's every mark */
export async function readOf(ctx: MemberContext, noticeIds: string[]): Promise<Set<string>> {
  const marks = await getMany(ctx.ports.store, 'noticeReads', noticeIds.map((id) => readId(id, ctx.person._id)))
  return new Set(marks.map((m) => m.noticeId))
}

export async function noticeView(ctx: MemberContext, n: Notice, read: boolean): Promise<NoticeView> {
  const urls = n.photos.length ? await ctx.ports.files.urls(n.photos) : {}
  const attachments = n.attachments ?? []
  const fileUrls = attachments.length ? await ctx.ports.files.urls(attachments.map((a) => a.fileId), Object.fromEntries(attachments.map((a) => [a.fileId, a.name]))) : {}
  const committee = isCommittee(ctx.membership)
  return {
    ...noticeSummary(n, shanghaiDay(ctx.now), read, n.photos[0] ? (urls[n.photos[0]] ?? null) : null),
    villageId: n.villageId,
    text: n.text,
    photos: n.photos,
    photoUrls: Object.fromEntries(n.photos.flatMap((p) => (urls[p] ? [[p, urls[p]]] : []))),
    attachments: attachments.map((a) => ({ ...a, url: fileUrls[a.fileId] ?? null })),
    createdByName: n.createdByName,
    updatedAt: n.updatedAt,
    residents: committee ? await residentCount(ctx.ports.store, n.villageId) : null,
    canEdit: committee,
  }
}

export function dutyView(d: Duty): DutyView {
  const { _id, villageId: _v, ...rest } = d
  return { id: _id, ...rest }
}
