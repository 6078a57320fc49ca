import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { CommentView, Stance } from '@contract'
import { CallError, errorMessage } from '@/shared/api/call'
import { KEPT_MESSAGE, sendOrKeep, useKeptCount } from '@/shared/api/outbox'
import { useMutation } from '@/shared/api/use-mutation'
import { useQuery } from '@/shared/api/use-query'
import { fromNow } from '@/shared/time-ago'
import { Alert, LoadMore, Async, Button, Card, Choice, Empty, FieldError, pressable, Tag } from '@/shared/ui'
import { createComment, hideComment, likeComment, listComments } from '../api'
import { STANCES, STANCE_LABELS, STANCE_TONES } from '../labels'
import './deliberation.scss'

interface Props {
  villageId: string
  topicId: string
  /** comment, reply and like (a resident, on a published topic) */
  canComment: boolean
  /** why I take no part (staff), shown instead of the composer */
  why?: string | null
  /** committee: may hide a comment, with a reason */
  canManage: boolean
}

type Page = { comments: CommentView[]; next: string | null }

/** a page's comments joined to those before it: one a page repeats (posted while reading) is shown once */
const joined = (before: CommentView[], page: CommentView[]) => {
  const ids = new Set(before.map((c) => c._id))
  return [...before, ...page.filter((c) => !ids.has(c._id))]
}

/**
 * 议事讨论: comments with one level of replies, a stance if the author wants, likes; the committee may hide one.
 * Oldest first, a page at a time (加载更多), each comment with its first replies (展开更多回复). What I post is
 * shown at once at the end, without reloading the pages I have read.
 */
export function Comments({ villageId, topicId, canComment, why = null, canManage }: Props) {
  const first = useQuery(() => listComments(villageId, topicId), [villageId, topicId])
  /** the pages after the first; null until 加载更多 */
  const [later, setLater] = useState<Page | null>(null)
  /** what I posted since the first page loaded: top-level comments, and replies by their comment */
  const [posted, setPosted] = useState<CommentView[]>([])
  const [postedReplies, setPostedReplies] = useState<Record<string, CommentView[]>>({})
  /** likes answered by the server since the list loaded */
  const [likes, setLikes] = useState<Record<string, { liked: boolean; likes: number }>>({})
  /** comments the committee hid since the list loaded, as the server answered */
  const [hidden, setHidden] = useState<Record<string, CommentView>>({})
  /** the top-level comment being replied to, or the one being hidden */
  const [open, setOpen] = useState<{ kind: 'reply' | 'hide'; id: string } | null>(null)
  // a fresh first page starts over
  useEffect(() => {
    setLater(null)
    setPosted([])
    setPostedReplies({})
    setLikes({})
    setHidden({})
  }, [first.data])
  // what was written offline and is still on the phone; when some of it has gone, the list is read again
  const waiting = useKeptCount(topicId)
  const waitingBefore = useRef(waiting)
  useEffect(() => {
    if (waiting < waitingBefore.current) void first.reload()
    waitingBefore.current = waiting
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the count changes
  }, [waiting])
  /** the comment I just posted: brought on screen once it is drawn */
  const [justPosted, setJustPosted] = useState<string | null>(null)
  useEffect(() => {
    if (justPosted) scrollToComment(justPosted)
  }, [justPosted])
  const loadMore = useMutation((after: string) => listComments(villageId, topicId, { after }), {
    onSuccess: (page) => setLater((l) => ({ comments: [...(l?.comments ?? []), ...page.comments], next: page.next })),
  })

  const onPosted = (c: CommentView) => {
    setOpen(null)
    if (c.parentId) setPostedReplies((m) => ({ ...m, [c.parentId!]: [...(m[c.parentId!] ?? []), c] }))
    else setPosted((l) => [...l, c])
    setJustPosted(c._id)
  }

  const item = (shown: CommentView, top: boolean) => {
    const h = hidden[shown._id]
    const c = h ? { ...shown, text: h.text, hidden: h.hidden } : shown
    return (
      <CommentItem
        key={c._id}
        comment={c}
        like={likes[c._id]}
        villageId={villageId}
        canReply={top && canComment}
        canLike={canComment}
        canManage={canManage}
        open={open?.id === c._id ? open.kind : null}
        setOpen={(kind) => setOpen(kind ? { kind, id: c._id } : null)}
        onLiked={(r) => setLikes((m) => ({ ...m, [c._id]: r }))}
        onHidden={(v) => {
          setOpen(null)
          setHidden((m) => ({ ...m, [c._id]: v }))
        }}
      >
        {top && <Replies villageId={villageId} topicId={topicId} comment={c} posted={postedReplies[c._id] ?? []} render={(r) => item(r, false)} />}
        {top && open?.kind === 'reply' && open.id === c._id && (
          <View className='dl-comment__replies'>
            <Composer villageId={villageId} topicId={topicId} parent={c} onPosted={onPosted} onCancel={() => setOpen(null)} />
          </View>
        )}
      </CommentItem>
    )
  }

  const total = first.data ? first.data.total + posted.length + Object.values(postedReplies).reduce((n, l) => n + l.length, 0) : null
  return (
    <Card title={total === null ? '议事讨论' : `议事讨论（${total}）`}>
      {canComment ? <Composer villageId={villageId} topicId={topicId} parent={null} onPosted={onPosted} /> : <Text className='vh-muted dl-block'>{why ?? '本议题现在不能发表意见'}</Text>}
      {waiting > 0 && <Text className='dl-notice'>{`您有 ${waiting} 条意见保存在手机上，联网后自动发送`}</Text>}
      <Async query={first} isEmpty={(p) => p.comments.length === 0 && posted.length === 0} empty={<Empty text='还没有人发表意见，说说您的看法吧' />}>
        {(page) => {
          const read = joined(page.comments, later?.comments ?? [])
          const next = later ? later.next : page.next
          // mine come last: they are the newest (a later page that brings one shows it in its place instead)
          const all = joined(read, posted)
          return (
            <View>
              {all.map((c) => item(c, true))}
              <LoadMore more={next !== null} busy={loadMore.busy} error={loadMore.error} onLoad={() => void loadMore.run(next!)} />
            </View>
          )
        }}
      </Async>
    </Card>
  )
}

/** a comment's element id (ids hold ':', which a selector would read as a pseudo-class) */
const commentDomId = (id: string) => `comment-${id.replace(/[^\w-]/g, '_')}`

/** brings a comment on screen: WeChat scrolls the page to it; the browser scrolls its element into view */
function scrollToComment(id: string) {
  if (process.env.TARO_ENV === 'weapp') {
    void Taro.pageScrollTo({ selector: `#${commentDomId(id)}`, duration: 300 }).catch(() => undefined)
    return
  }
  document.getElementById(commentDomId(id))?.scrollIntoView?.({ behavior: 'smooth', block: 'center' })
}

/** A comment's replies: the first few came with it; 展开更多回复 loads the rest a page at a time. */
function Replies({ villageId, topicId, comment: c, posted, render }: { villageId: string; topicId: string; comment: CommentView; posted: CommentView[]; render: (r: CommentView) => ReactNode }) {
  const [more, setMore] = useState<Page | null>(null)
  // the comment reloaded: its replies start again from what came with it
  useEffect(() => setMore(null), [c.repliesNext])
  const expand = useMutation((after: string) => listComments(villageId, topicId, { parentId: c._id, after }), {
    onSuccess: (page) => setMore((m) => ({ comments: [...(m?.comments ?? []), ...page.comments], next: page.next })),
  })
  const loaded = joined(c.replies, more?.comments ?? [])
  const next = more ? more.next : c.repliesNext
  const replies = joined(loaded, posted)
  const left = c.replyCount - loaded.length
  if (!replies.length && next === null) return null
  return (
    <View className='dl-comment__replies'>
      {replies.map(render)}
      {next !== null && (
        <Text className='dl-comment__action dl-comment__more' {...pressable(expand.busy ? undefined : () => void expand.run(next))}>
          {expand.busy ? '正在加载…' : left > 0 ? `展开更多回复（${left}条）` : '展开更多回复'}
        </Text>
      )}
      <Alert message={expand.error} />
    </View>
  )
}

function hiddenText(c: CommentView, canManage: boolean): string {
  if (c.deletedAt) return '该评论已被作者删除'
  const reason = c.hidden?.reason
  if (c.mine) return reason ? `该评论已被村委会隐藏（理由：${reason}）` : '该评论已被村委会隐藏'
  return canManage && reason ? `该评论已被隐藏（理由：${reason}）` : '该评论已被隐藏'
}

function CommentItem({
  comment: c,
  like,
  villageId,
  canReply,
  canLike,
  canManage,
  open,
  setOpen,
  onLiked,
  onHidden,
  children,
}: {
  comment: CommentView
  like?: { liked: boolean; likes: number }
  villageId: string
  canReply: boolean
  canLike: boolean
  canManage: boolean
  open: 'reply' | 'hide' | null
  setOpen: (kind: 'reply' | 'hide' | null) => void
  onLiked: (r: { liked: boolean; likes: number }) => void
  onHidden: (c: CommentView) => void
  children?: ReactNode
}) {
  const liked = like?.liked ?? c.likedByMe
  const count = like?.likes ?? c.likes
  const toggleLike = useMutation(() => likeComment(villageId, c._id), {
    onSuccess: onLiked,
    onError: (e) => {
      Taro.showToast({ title: errorMessage(e), icon: 'none' })
      return null
    },
  })

  return (
    <View className='dl-comment' id={commentDomId(c._id)}>
      <View className='dl-comment__head'>
        <Text className='dl-comment__author'>{c.mine ? `${c.authorName}（我）` : c.authorName}</Text>
        {c.stance && <Tag tone={STANCE_TONES[c.stance]}>{STANCE_LABELS[c.stance]}</Tag>}
        <Text className='vh-muted dl-comment__time'>{fromNow(c.createdAt)}</Text>
      </View>
      {c.hidden ? (
        <>
          <Text className='dl-comment__hidden'>{hiddenText(c, canManage)}</Text>
          {/* the author may still read what they wrote; nobody else gets the text */}
          {c.mine && c.text && <Text className='vh-muted dl-comment__text'>{c.text}</Text>}
        </>
      ) : (
        <>
          <Text className='dl-comment__text'>{c.text ?? ''}</Text>
          <View className='dl-comment__actions'>
            {canLike ? (
              <Text className={`dl-comment__action ${liked ? 'dl-comment__action--on' : ''}`} {...pressable(() => void toggleLike.run())}>
                {`${liked ? '已赞' : '赞'} ${count}`}
              </Text>
            ) : (
              <Text className='vh-muted dl-comment__action'>{`${count} 人赞`}</Text>
            )}
            {canReply && (
              <Text className='dl-comment__action' {...pressable(() => setOpen(open === 'reply' ? null : 'reply'))}>
                回复
              </Text>
            )}
            {canManage && (
              <Text className='dl-comment__action' {...pressable(() => setOpen(open === 'hide' ? null : 'hide'))}>
                隐藏
              </Text>
            )}
          </View>
          {open === 'hide' && <HideForm villageId={villageId} comment={c} onHidden={onHidden} onCancel={() => setOpen(null)} />}
        </>
      )}
      {children}
    </View>
  )
}

function HideForm({ villageId, comment, onHidden, onCancel }: { villageId: string; comment: CommentView; onHidden: (c: CommentView) => void; onCancel: () => void }) {
  const [reason, setReason] = useState('')
  const hiding = useMutation(() => hideComment(villageId, comment._id, reason.trim()), { success: '已隐藏', onSuccess: onHidden })

  function hide() {
    if (reason.trim().length < 2) return hiding.fail('请写明隐藏理由（至少2个字），评论人会看到')
    void hiding.run()
  }

  return (
    <View>
      <Textarea className='vh-field__input dl-composer__input' value={reason} placeholder='请写明隐藏理由，评论人会看到' maxlength={200} onInput={(e) => setReason(e.detail.value)} />
      <Button kind='danger' loading={hiding.busy} onClick={hide}>
        确认隐藏
      </Button>
      <Button kind='plain' onClick={onCancel}>
        取消
      </Button>
      <FieldError message={hiding.error ?? undefined} />
    </View>
  )
}

function Composer({
  villageId,
  topicId,
  parent,
  onPosted,
  onCancel,
}: {
  villageId: string
  topicId: string
  parent: CommentView | null
  onPosted: (c: CommentView) => void
  onCancel?: () => void
}) {
  const [text, setText] = useState('')
  const [stance, setStance] = useState<Stance | null>(null)
  const posting = useMutation(
    (t: string) => {
      const input = { villageId, topicId, text: t, stance: parent ? null : stance, parentId: parent?._id ?? null }
      // without a network it is kept and sent when the network returns (null: kept)
      return sendOrKeep(() => createComment(input), { action: 'comments.create', input, label: parent ? '您的回复' : '您的意见', about: topicId })
    },
    {
      success: (c) => (c ? '已发表' : undefined),
      onSuccess: (c) => {
        setText('')
        setStance(null)
        if (c) return onPosted(c)
        Taro.showToast({ title: KEPT_MESSAGE, icon: 'none' })
        onCancel?.()
      },
      // what was typed stays, so it can be fixed (e.g. 内容不合规)
      onError: (e) => (e instanceof CallError && e.fields ? Object.values(e.fields)[0] : undefined),
    },
  )

  function post() {
    const t = text.trim()
    if (t.length < 2) return posting.fail(parent ? '回复至少2个字' : '评论至少2个字')
    void posting.run(t)
  }

  return (
    <View className='dl-composer'>
      <Textarea
        className='vh-field__input dl-composer__input'
        value={text}
        placeholder={parent ? `回复 ${parent.authorName}…` : '说说您的看法，请文明发言'}
        maxlength={500}
        onInput={(e) => setText(e.detail.value)}
      />
      {!parent && (
        <View className='dl-composer__row'>
          <Text className='vh-muted'>我的看法（可不选，不算投票）：</Text>
          {STANCES.map((s) => (
            <Choice key={s} kind='toggle' on={stance === s} onClick={() => setStance(stance === s ? null : s)}>
              {STANCE_LABELS[s]}
            </Choice>
          ))}
        </View>
      )}
      <View className='dl-composer__row'>
        <Button kind='primary' loading={posting.busy} onClick={post}>
          {parent ? '发表回复' : '发表意见'}
        </Button>
        {onCancel && (
          <Button kind='plain' onClick={onCancel}>
            取消
          </Button>
        )}
      </View>
      <FieldError message={posting.error ?? undefined} />
    </View>
  )
}
