/** Comments on a topic: one level of replies, an optional stance, likes; the content check first; the committee may hide one with a reason. */
import type { CommentPage, CommentView } from './contract'
import type { Comment, CommentLike, Topic } from './documents'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError, type Filter, type Store, type TxStore } from '../../ports/store'
import { notify } from '../account/common'
import { audit } from '../../common/audit'
import { newId } from '../../common/ids'
import { likeIdOf, loadTopic, PAGES } from './data'
import type { commentActions } from './contract'
import { getInVillage } from '../../common/load'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { checkText } from '../../common/content'
import { isCommittee } from '../account/policy'
import { wordsOf } from '../account/common'

/**
 * A page is at most this many top-level comments, each with its first few replies, oldest first (the order a
 * discussion is read in), and at most PAGE_BYTES of JSON: where the whole list was 1 MB for every reader of a
 * topic with 3,700 comments, a page stays under 30 KB however long the comments are (the API test measures it).
 */
export const COMMENTS_PAGE = 20
export const REPLIES_SHOWN = 3
/** a page of one comment's further replies (展开更多回复) */
export const REPLIES_PAGE = 20
const PAGE_BYTES = 24_000

/** How many of the views fit in PAGE_BYTES (at least one: a single comment with its replies is at most ~8 KB). */
function fitting(views: readonly CommentView[]): number {
  let bytes = 0
  for (let i = 0; i < views.length; i++) {
    bytes += Buffer.byteLength(JSON.stringify(views[i])) + 1
    if (bytes > PAGE_BYTES && i > 0) return i
  }
  return views.length
}

/** A hidden comment's text and reason are for its author and the committee; others only see that it was hidden. */
function viewOf(c: Comment, ctx: MemberContext, liked: ReadonlySet<string>): CommentView {
  const mine = c.authorId === ctx.person._id
  const privileged = mine || isCommittee(ctx.membership)
  const { text, hidden, ...rest } = c
  // a comment its author deleted reads as gone to everyone, its author included
  if (c.deletedAt) return { ...rest, likes: Math.max(0, c.likes), text: null, hidden: { reason: null }, likedByMe: false, mine, replies: [], replyCount: 0, repliesNext: null }
  return {
    ...rest,
    likes: Math.max(0, c.likes),
    text: hidden && !privileged ? null : text,
    hidden: hidden ? { reason: privileged ? hidden.reason : null } : null,
    likedByMe: liked.has(c._id),
    mine,
    replies: [],
    replyCount: 0,
    repliesNext: null,
  }
}

/** `after` of the next page: the last comment's instant and id (ties in the instant are ordered by id). */
const cursorOf = (c: Comment) => cursorAfter(c.createdAt, c._id)

/** Comments matching `filter` in (createdAt, _id) order after the cursor (keyset: the 3,000th comment costs what the first does). */
const commentsAfter = (store: Store, filter: Filter, after: string | null, limit: number) => pageAfter(store, 'comments', filter, 'createdAt', 'asc', after, limit)

/** replies read together for a page of comments: when fewer come back, they are all there is */
const REPLIES_TOGETHER = 100

/**
 * Each top-level comment's first REPLIES_SHOWN replies and how many it has: one query for the whole page when its
 * comments have few replies (the usual case); past REPLIES_TOGETHER, a comment whose first replies the query may have
 * cut is read on its own, and one with more than are shown is counted.
 */
async function firstReplies(store: Store, topicId: string, parents: Comment[]): Promise<Array<{ shown: { docs: Comment[]; more: boolean }; count: number }>> {
  if (!parents.length) return []
  const together = await store.find('comments', { topicId, parentId: { $in: parents.map((c) => c._id) } }, { sort: [['createdAt', 'asc'], ['_id', 'asc']], limit: REPLIES_TOGETHER })
  const complete = together.length < REPLIES_TOGETHER
  return Promise.all(
    parents.map(async (c) => {
      const mine = together.filter((r) => r.parentId === c._id)
      // all of them, or a cut that still holds more than are shown (the first are the earliest either way)
      const shown = complete || mine.length > REPLIES_SHOWN ? { docs: mine.slice(0, REPLIES_SHOWN), more: mine.length > REPLIES_SHOWN } : await commentsAfter(store, { topicId, parentId: c._id }, null, REPLIES_SHOWN)
      const count = !shown.more ? shown.docs.length : complete ? mine.length : await store.count('comments', { topicId, parentId: c._id })
      return { shown, count }
    }),
  )
}

/**
 * Counts a comment that everyone now sees (+1) or no longer does (-1; 0: neither) on its topic (the topic as read), inside the transaction that
 * writes the comment, so that the list's count needs no query; a topic from before the counter is left to be
 * counted (reads count its comments until the migration gives it one).
 */
async function countShown(tx: TxStore, topicId: string, delta: 1 | 0 | -1, written = false): Promise<Topic | null> {
  const t = await tx.get('topics', topicId)
  const inc: Record<string, number> = {}
  if (t?.commentCount !== undefined && delta) inc.commentCount = delta
  if (written && t?.commentTotal !== undefined) inc.commentTotal = 1
  if (Object.keys(inc).length) await tx.update('topics', topicId, { inc })
  return t
}

async function loadComment(ctx: MemberContext, villageId: string, commentId: string): Promise<Comment> {
  return getInVillage(ctx.ports.store, 'comments', commentId, villageId, '找不到该评论')
}

/** A comment the caller wrote and may still change: not hidden by the committee, not deleted. */
async function ownComment(ctx: MemberContext, villageId: string, commentId: string): Promise<Comment> {
  const c = await loadComment(ctx, villageId, commentId)
  if (c.authorId !== ctx.person._id) throw new ApiError('FORBIDDEN', '只能修改或删除自己的评论')
  if (c.deletedAt) throw new ApiError('CONFLICT', '该评论已经删除')
  if (c.hidden) throw new ApiError('CONFLICT', '该评论已被村委会隐藏，不能修改')
  return c
}

export const commentHandlers: Handlers<typeof commentActions> = {
  'comments.list': {
    access: ACCESS.member,
    async handle({ villageId, topicId, parentId, after }, ctx): Promise<CommentPage> {
      const { store } = ctx.ports
      const t = await loadTopic(ctx, villageId, topicId)
      if (parentId) {
        const parent = await store.get('comments', parentId)
        if (!parent || parent.topicId !== topicId || parent.parentId) throw new ApiError('NOT_FOUND', '找不到该评论')
      }
      const filter = { topicId, parentId }
      const [page, total] = await Promise.all([commentsAfter(store, filter, after, parentId ? REPLIES_PAGE : COMMENTS_PAGE), parentId ? store.count('comments', filter) : (t.commentTotal ?? store.count('comments', { topicId }))])
      const replies = parentId ? [] : await firstReplies(store, topicId, page.docs)
      const ids = [...page.docs, ...replies.flatMap((r) => r.shown.docs)].map((c) => c._id)
      const likes = ids.length ? await store.find('commentLikes', { topicId, personId: ctx.person._id, commentId: { $in: ids } }) : []
      const liked = new Set(likes.map((l) => l.commentId))
      const views = page.docs.map((c, i) => {
        const view = viewOf(c, ctx, liked)
        const r = replies[i]
        if (!r) return view
        const last = r.shown.docs.at(-1)
        return { ...view, replies: r.shown.docs.map((x) => viewOf(x, ctx, liked)), replyCount: r.count, repliesNext: r.shown.more && last ? cursorOf(last) : null }
      })
      const n = fitting(views)
      const more = page.more || n < views.length
      return { comments: views.slice(0, n), total, next: more && n > 0 ? cursorOf(page.docs[n - 1]) : null }
    },
  },

  'comments.create': {
    // residents discuss; staff who only serve the village (hall staff, town officers, grid workers from elsewhere) read
    access: ACCESS.resident,
    async handle({ villageId, topicId, text, stance, parentId }, ctx) {
      const { store } = ctx.ports
      const t = await loadTopic(ctx, villageId, topicId)
      if (t.status === 'draft') throw new ApiError('CONFLICT', '议题尚未发布，还不能评论')
      let parent: Comment | null = null
      if (parentId) {
        parent = await store.get('comments', parentId)
        if (!parent || parent.topicId !== topicId) throw new ApiError('NOT_FOUND', '找不到要回复的评论')
        if (parent.parentId) throw new ApiError('BAD_INPUT', '只能回复评论，不能回复回复', { parentId: '只能回复评论，不能回复回复' })
      }
      // nothing is stored before the content check passes
      await checkText(ctx, { text })
      const c: Comment = {
        _id: newId('c', ctx.now),
        villageId,
        topicId,
        parentId: parent?._id ?? null,
        authorId: ctx.person._id,
        authorName: ctx.membership.name,
        text,
        stance,
        likes: 0,
        createdAt: ctx.now,
        hidden: null,
      }
      await store.transaction(async (tx) => {
        await tx.insert('comments', c)
        await countShown(tx, topicId, 1, true)
      })
      if (parent && parent.authorId !== ctx.person._id) {
        await notify(ctx, { personId: parent.authorId, villageId }, '有人回复了您的评论', `${c.authorName}在「${t.title}」回复了您：${text.slice(0, 40)}`, PAGES.topic(topicId))
      }
      return viewOf(c, ctx, new Set())
    },
  },

  'comments.like': {
    access: ACCESS.resident,
    async handle({ villageId, commentId }, ctx) {
      const { store } = ctx.ports
      const c = await loadComment(ctx, villageId, commentId)
      await loadTopic(ctx, villageId, c.topicId)
      if (c.hidden) throw new ApiError('CONFLICT', '该评论已被隐藏')
      const like: CommentLike = { _id: likeIdOf(commentId, ctx.person._id), villageId, topicId: c.topicId, commentId, personId: ctx.person._id, at: ctx.now }
      let liked: boolean
      try {
        await store.insert('commentLikes', like)
        await store.update('comments', { _id: commentId }, { inc: { likes: 1 } })
        liked = true
      } catch (e) {
        if (!(e instanceof DuplicateIdError)) throw e
        // pressing again takes the like back; whoever removes the record takes the count down, once.
        // Every increment follows one inserted record and every decrement one removed record, so the
        // count always comes back to the number of records, however presses interleave.
        const removed = await store.remove('commentLikes', { _id: like._id })
        if (removed) await store.update('comments', { _id: commentId }, { inc: { likes: -1 } })
        liked = false
      }
      const now = await store.get('comments', commentId)
      return { liked, likes: Math.max(0, now?.likes ?? 0) }
    },
  },

  'comments.edit': {
    access: ACCESS.resident,
    async handle({ villageId, commentId, text }, ctx) {
      const c = await ownComment(ctx, villageId, commentId)
      if (c.text === text) return viewOf(c, ctx, new Set())
      await checkText(ctx, { text })
      const n = await ctx.ports.store.update('comments', { _id: commentId, authorId: ctx.person._id, hidden: null, deletedAt: null }, { set: { text, editedAt: ctx.now } })
      if (!n) throw new ApiError('CONFLICT', '该评论刚被隐藏或删除，不能修改')
      await audit(ctx, 'comments.edit', { type: 'comment', id: commentId, label: `${c.authorName}的评论：${text.slice(0, 40)}` }, `原文：${c.text.slice(0, 80)}`)
      return viewOf({ ...c, text, editedAt: ctx.now }, ctx, new Set())
    },
  },

  'comments.delete': {
    access: ACCESS.resident,
    async handle({ villageId, commentId }, ctx) {
      const c = await ownComment(ctx, villageId, commentId)
      // the text goes; the place stays, so that its replies still hang from something
      await ctx.ports.store.transaction(async (tx) => {
        const cur = await tx.get('comments', commentId)
        if (!cur || cur.deletedAt) throw new ApiError('CONFLICT', '该评论已经删除')
        if (cur.hidden) throw new ApiError('CONFLICT', '该评论刚被隐藏，不能删除')
        await tx.update('comments', commentId, { set: { text: '', deletedAt: ctx.now } })
        await countShown(tx, cur.topicId, -1)
      })
      await audit(ctx, 'comments.delete', { type: 'comment', id: commentId, label: `${c.authorName}的评论` }, null)
      return { deleted: true as const }
    },
  },

  'comments.hide': {
    access: ACCESS.committee,
    async handle({ villageId, commentId, reason }, ctx) {
      const { store } = ctx.ports
      // the author reads the reason
      await checkText(ctx, { reason })
      const hidden = { reason, byName: ctx.membership.name, at: ctx.now }
      // the words of the notice are read before the transaction, which reads nothing outside itself
      const { committee } = await wordsOf(ctx, villageId)
      // the comment is read there only: the hide, the counter, its audit entry and the author's notice (with the title the counter's read gives) at once
      const c = await store.transaction(async (tx) => {
        const cur = await tx.get('comments', commentId)
        if (!cur || cur.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该评论')
        if (cur.hidden) throw new ApiError('CONFLICT', '该评论已被隐藏')
        await tx.update('comments', commentId, { set: { hidden } })
        // a deleted comment was no longer counted
        const t = await countShown(tx, cur.topicId, cur.deletedAt ? 0 : -1)
        await audit(ctx, 'comments.hide', { type: 'comment', id: commentId, label: `${cur.authorName}的评论：${cur.text.slice(0, 40)}` }, reason, tx)
        await notify(ctx, { personId: cur.authorId, villageId }, '您的评论已被隐藏', `您在「${t?.title ?? '议题'}」下的评论已被${committee}隐藏，理由：${reason}`, PAGES.topic(cur.topicId), tx)
        return cur
      })
      return viewOf({ ...c, hidden }, ctx, new Set())
    },
  },
}
