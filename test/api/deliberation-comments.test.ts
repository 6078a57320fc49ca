import type { Comment } from '../../cloud/src/contract'
import { apiPerTest } from './harness'
import { commentCountFromComments } from '../../cloud/src/features/deliberation/data'
import { audits, notices, openTopic, P, pid, W, X} from './deliberation-fixture'

const api = apiPerTest()

const ROAD = 'v-xinshan:t1'
/** the first page's comments (every test but the pages' has fewer than a page) */
const list = async (openid: string, topicId = ROAD) => (await api.as(openid).call('comments.list', { villageId: X, topicId })).comments
const write = (openid: string, topicId: string, text: string, extra: { stance?: 'for' | 'against' | 'neutral' | null; parentId?: string | null } = {}) =>
  api.as(openid).call('comments.create', { villageId: X, topicId, text, ...extra })

describe('discussion', () => {
  test('comments with a stance and one level of replies; a reply to a reply is refused', async () => {
    const t = await openTopic(api)
    const top = await write(P.resident, t, '支持种树，夏天能遮阴。', { stance: 'for' })
    expect(top).toMatchObject({ parentId: null, stance: 'for', authorName: '林水生', likes: 0, mine: true, likedByMe: false, hidden: null, replies: [] })
    const reply = await write(P.wulihua, t, '要选本地好养活的树种。', { parentId: top._id })
    expect(reply).toMatchObject({ parentId: top._id, stance: null })
    // the author of the comment hears of the reply
    expect(await notices(api, P.resident, '有人回复了您的评论')).toHaveLength(1)

    const before = api.snapshot()
    const err = await api.as(P.resident).fail('comments.create', { villageId: X, topicId: t, text: '同意楼上。', parentId: reply._id })
    expect(err).toMatchObject({ code: 'BAD_INPUT', fields: { parentId: expect.stringContaining('不能回复回复') } })
    expect(await api.as(P.resident).fail('comments.create', { villageId: X, topicId: ROAD, text: '回到别的议题。', parentId: top._id })).toMatchObject({ code: 'NOT_FOUND' })
    expect(api.snapshot()).toEqual(before)

    const seen = await list(P.chenjianguo, t)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ text: '支持种树，夏天能遮阴。', mine: false, replies: [expect.objectContaining({ text: '要选本地好养活的树种。' })] })
  })

  test('the content check comes before anything is stored', async () => {
    const t = await openTopic(api)
    const before = api.snapshot()
    const err = await api.as(P.resident).fail('comments.create', { villageId: X, topicId: t, text: '村口有人聚众赌博，没人管吗', stance: 'against' })
    expect(err).toMatchObject({ code: 'CONTENT_REJECTED', message: expect.stringContaining('赌博') })
    expect(api.snapshot()).toEqual(before)
    expect(await list(P.committee, t)).toEqual([])
  })

  test('members of the village only; not on a draft', async () => {
    expect(await api.as(P.sunli).fail('comments.create', { villageId: X, topicId: ROAD, text: '我们村也要修路。' })).toMatchObject({ code: 'NOT_MEMBER' })
    expect(await api.as(P.sunli).fail('comments.list', { villageId: W, topicId: ROAD })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(P.committee).fail('comments.create', { villageId: X, topicId: 'v-xinshan:t6', text: '草稿先讨论一下。' })).toMatchObject({ code: 'CONFLICT' })
  })
})

describe('likes', () => {
  test('pressing like toggles my one like; the count always equals the likes recorded, even when pressed at once', async () => {
    const c = (await list(P.resident)).find((x) => x._id === 'c-road-6')!
    expect(c).toMatchObject({ likes: 1, likedByMe: false })
    expect(await api.as(P.resident).call('comments.like', { villageId: X, commentId: c._id })).toEqual({ liked: true, likes: 2 })
    expect((await list(P.resident)).find((x) => x._id === c._id)).toMatchObject({ likes: 2, likedByMe: true })
    expect(await api.as(P.resident).call('comments.like', { villageId: X, commentId: c._id })).toEqual({ liked: false, likes: 1 })

    // many people at once, and one person pressing five times at once
    const people = [P.resident, P.liguilan, P.linjun, P.chenjianguo, P.wulihua, P.huangdeming]
    await Promise.all([
      ...people.map((who) => api.as(who).call('comments.like', { villageId: X, commentId: c._id })),
      ...[1, 2, 3, 4, 5].map(() => api.as(P.chenxiaohong).call('comments.like', { villageId: X, commentId: c._id })),
    ])
    const records = await api.ports.store.count('commentLikes', { commentId: c._id })
    const doc = (await api.ports.store.get('comments', c._id))!
    expect(doc.likes).toBe(records)
    // 林志强's seeded like and the six; 陈小红's presses at once leave her with one like or none
    expect([1 + people.length, 1 + people.length + 1]).toContain(records)
    const hers = await api.ports.store.get('commentLikes', `${c._id}:${pid(P.chenxiaohong)}`)
    expect((await list(P.chenxiaohong)).find((x) => x._id === c._id)).toMatchObject({ likes: records, likedByMe: !!hers })
  })
})

describe('the comment counter (issue 16)', () => {
  test('comments, hides and deletes at once keep the topic’s counter equal to a recount of the comments everyone sees; the list shows it', async () => {
    const { store } = api.ports
    const t = await openTopic(api)
    const first = await Promise.all([P.resident, P.chenjianguo, P.wulihua, P.huangdeming].map((who, i) => write(who, t, `第${i + 1}条意见，请大家讨论。`)))
    expect((await store.get('topics', t))!.commentCount).toBe(4)
    const [a, b, c] = first
    const results = await Promise.allSettled([
      // six new comments (two replies), while the committee hides one twice and another that its author deletes at the same time
      ...[P.liguilan, P.linjun, P.chenxiaohong, P.zhengzhiyuan].map((who) => write(who, t, `${who}的新意见，写在同一时刻。`)),
      write(P.liguilan, t, '回复：同意第一条。', { parentId: a._id }),
      write(P.linjun, t, '回复：第二条要再商量。', { parentId: b._id }),
      api.as(P.committee).call('comments.hide', { villageId: X, commentId: a._id, reason: '含有不实信息，请核实后再发' }),
      api.as(P.committee).call('comments.hide', { villageId: X, commentId: a._id, reason: '含有不实信息，请核实后再发' }),
      api.as(P.committee).call('comments.hide', { villageId: X, commentId: c._id, reason: '与议题无关，请另行反映' }),
      api.as(P.wulihua).call('comments.delete', { villageId: X, commentId: c._id }),
    ])
    // every write landed but the second hide of one comment (and the delete, if the hide of its comment came first)
    const refused = results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))
    expect(refused.length === 1 || refused.length === 2).toBe(true)
    expect(refused[0]).toMatch(/CONFLICT/)
    const recount = await store.count('comments', { topicId: t, hidden: null, deletedAt: null })
    // 4 + 6, less the hidden one and the one hidden or deleted (counted once, whichever came first)
    expect(recount).toBe(8)
    expect((await store.get('topics', t))!.commentCount).toBe(recount)
    expect((await api.as(P.resident).call('topics.list', { villageId: X })).find((x) => x.id === t)!.commentCount).toBe(recount)
    // the discussion's heading counts every comment written, hidden and deleted ones too (the thread keeps their places)
    expect((await store.get('topics', t))!.commentTotal).toBe(10)
    expect((await api.as(P.resident).call('comments.list', { villageId: X, topicId: t })).total).toBe(await store.count('comments', { topicId: t }))
    // a comment both deleted and then hidden is taken off once only
    const d = first[3]
    await api.as(P.huangdeming).call('comments.delete', { villageId: X, commentId: d._id })
    await api.as(P.committee).call('comments.hide', { villageId: X, commentId: d._id, reason: '作者已删除，仍需隐藏' })
    expect((await store.get('topics', t))!.commentCount).toBe(7)
  })
})

describe('hiding a comment', () => {
  test('the committee hides with a reason: audited, the author told; others see that it was hidden, the author and the committee see why', async () => {
    const t = await openTopic(api)
    const c = await write(P.chenxiaohong, t, '隔壁那家人天天吵，大家都知道是谁。', { stance: 'against' })
    await write(P.resident, t, '有事找网格员说。', { parentId: c._id })
    expect(await api.as(P.resident).fail('comments.hide', { villageId: X, commentId: c._id, reason: '人身攻击' })).toMatchObject({ code: 'FORBIDDEN' })

    const hidden = await api.as(P.committee).call('comments.hide', { villageId: X, commentId: c._id, reason: '涉及对他人的指责' })
    expect(hidden).toMatchObject({ hidden: { reason: '涉及对他人的指责' } })
    expect(await api.as(P.committee2).fail('comments.hide', { villageId: X, commentId: c._id, reason: '再隐藏一次' })).toMatchObject({ code: 'CONFLICT' })

    const logged = await audits(api, 'comments.hide')
    expect(logged).toEqual([expect.objectContaining({ actorName: '林志强', reason: '涉及对他人的指责', target: expect.stringContaining('陈小红') })])
    const told = await notices(api, P.chenxiaohong, '您的评论已被隐藏')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('涉及对他人的指责')

    const other = (await list(P.wulihua, t))[0]
    expect(other).toMatchObject({ _id: c._id, text: null, hidden: { reason: null } })
    expect(other.replies).toHaveLength(1)
    expect(JSON.stringify(other)).not.toContain('隔壁')
    expect((await list(P.chenxiaohong, t))[0]).toMatchObject({ text: '隔壁那家人天天吵，大家都知道是谁。', hidden: { reason: '涉及对他人的指责' }, mine: true })
    expect((await list(P.committee2, t))[0]).toMatchObject({ hidden: { reason: '涉及对他人的指责' } })
    // hidden comments no longer count and cannot be liked
    expect((await api.as(P.resident).call('topics.list', { villageId: X })).find((s) => s.id === t)!.commentCount).toBe(1)
    expect(await api.as(P.resident).fail('comments.like', { villageId: X, commentId: c._id })).toMatchObject({ code: 'CONFLICT' })
  })

  test('the seeded hidden comment on the road', async () => {
    const seen = await list(P.resident)
    const hidden = seen.find((x) => x.authorId === pid(P.chenxiaohong))!
    expect(hidden).toMatchObject({ text: null, hidden: { reason: null } })
    expect(seen.filter((x) => !x.hidden).flatMap((x) => [x.stance])).toEqual(['for', 'against', 'neutral'])
  })
})

describe('pages', () => {
  const page = (openid: string, topicId: string, after: string | null = null, parentId: string | null = null) => api.as(openid).call('comments.list', { villageId: X, topicId, after, parentId })
  const bytes = (v: unknown) => Buffer.byteLength(JSON.stringify(v))

  test('a topic of 3,700 comments: each page under 30 KB, and walking the pages and the replies gives every comment once, in order', async () => {
    const t = await openTopic(api)
    const start = api.ports.clock.now() - 3_000_000
    // texts as long as the demo's, with a long one now and then; nine comments share each instant, three of them
    // top-level, so that pages end inside an instant (ties are ordered by id)
    const texts = ['东一巷一下雨就是泥路，老人小孩出门不方便，早该硬化了。', '建议避开农忙时节施工。', '不集资的话我支持，等我看了预算再改票。', '同意。', '修路的钱从哪里来，希望公示一下预算明细，大家心里有数。']
    const docs: Comment[] = []
    const tops: string[] = []
    for (let i = 0; i < 3700; i++) {
      // one in three is top-level; a reply goes to one of the latest tops, some of which gather dozens
      const top = i % 3 === 0 || tops.length === 0
      const parentId = top ? null : tops[(i * 7) % 11 === 0 ? 0 : Math.max(0, tops.length - 1 - (i % 4))]
      const text = i % 50 === 7 ? '这个方案我仔细看过了，'.repeat(25) : texts[i % texts.length]
      const id = `c-many-${String(3700 - i).padStart(4, '0')}` // ids against the time order: the order must come from createdAt
      docs.push({ _id: id, villageId: X, topicId: t, parentId, authorId: pid(P.wulihua), authorName: '吴丽华', text, stance: top ? 'for' : null, likes: i % 5, createdAt: start + Math.floor(i / 9) * 1000, hidden: null })
      if (top) tops.push(id)
    }
    for (let i = 0; i < docs.length; i += 100) await Promise.all(docs.slice(i, i + 100).map((d) => api.ports.store.insert('comments', d)))
    // written past the handlers: the topic's counters are counted from them, as the migration counts an older topic's
    await api.ports.store.update('topics', { _id: t }, { set: { commentCount: undefined, commentTotal: undefined } })
    await commentCountFromComments(api.ports.store, (await api.ports.store.get('topics', t))!)

    const seen: string[] = []
    const sizes: number[] = []
    let pages = 0
    let after: string | null = null
    do {
      const p = await page(P.resident, t, after)
      pages++
      sizes.push(bytes(p))
      expect(p.total).toBe(3700)
      for (const c of p.comments) {
        seen.push(c._id)
        expect(c.replies.length).toBeLessThanOrEqual(3)
        const replies = c.replies.map((r) => r._id)
        for (let next = c.repliesNext; next; ) {
          const more = await page(P.resident, t, next, c._id)
          expect(more.total).toBe(c.replyCount)
          sizes.push(bytes(more))
          replies.push(...more.comments.map((r) => r._id))
          next = more.next
        }
        expect(replies).toHaveLength(c.replyCount)
        seen.push(...replies)
      }
      after = p.next
    } while (after)

    expect(new Set(seen).size).toBe(3700)
    expect(seen).toHaveLength(3700)
    // in order: top-level comments oldest first, each followed by its replies oldest first
    const sorted = [...docs].sort((a, b) => a.createdAt - b.createdAt || (a._id < b._id ? -1 : 1))
    expect(seen).toEqual(sorted.filter((d) => !d.parentId).flatMap((top) => [top._id, ...sorted.filter((d) => d.parentId === top._id).map((d) => d._id)]))
    expect(Math.max(...sizes)).toBeLessThan(30_000)
    process.stdout.write(`comments.list over 3,700 comments: ${pages} pages of top-level comments, largest page ${Math.max(...sizes)} bytes, first ${sizes[0]} (all comments at once: ${bytes(docs)} bytes as stored)\n`)
  })

  test('long comments make shorter pages, never bigger ones', async () => {
    const t = await openTopic(api)
    const start = api.ports.clock.now() - 100_000
    const long = (i: number) => `第${i}条：${'村道硬化后要留出排水沟，'.repeat(40)}`.slice(0, 500)
    for (let i = 0; i < 30; i++) {
      const base = { villageId: X, topicId: t, authorId: pid(P.wulihua), authorName: '吴丽华', stance: null, likes: 0, hidden: null }
      await api.ports.store.insert('comments', { ...base, _id: `c-long-${i}`, parentId: null, text: long(i), createdAt: start + i * 100 })
      for (let r = 0; r < 3; r++) await api.ports.store.insert('comments', { ...base, _id: `c-long-${i}-r${r}`, parentId: `c-long-${i}`, text: long(r), createdAt: start + i * 100 + r + 1 })
    }
    const seen: string[] = []
    let after: string | null = null
    do {
      const p = await page(P.resident, t, after)
      expect(bytes(p)).toBeLessThan(30_000)
      expect(p.comments.length).toBeLessThan(20)
      seen.push(...p.comments.map((c) => c._id))
      after = p.next
    } while (after)
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => `c-long-${i}`))
  })

  test('replies beyond the first three: counted, and loaded after the last one shown; a new comment comes last and shifts no page', async () => {
    const t = await openTopic(api)
    const top = await write(P.resident, t, '路灯装在哪一侧好？')
    for (let i = 1; i <= 5; i++) {
      await write(i % 2 ? P.liguilan : P.chenjianguo, t, `第${i}条回复。`, { parentId: top._id })
      api.advance(1000)
    }
    const [c] = (await page(P.wulihua, t)).comments
    expect(c.replies.map((r) => r.text)).toEqual(['第1条回复。', '第2条回复。', '第3条回复。'])
    expect(c).toMatchObject({ replyCount: 5 })
    const rest = await page(P.wulihua, t, c.repliesNext, top._id)
    expect(rest).toEqual({ comments: [expect.objectContaining({ text: '第4条回复。' }), expect.objectContaining({ text: '第5条回复。' })], total: 5, next: null })

    // 21 top-level comments: a page of 20 and one more, which a comment posted meanwhile joins at the end
    for (let i = 2; i <= 21; i++) {
      await write(i % 2 ? P.liguilan : P.chenjianguo, t, `第${i}条意见。`)
      api.advance(7000)
    }
    const first = await page(P.wulihua, t)
    expect(first.comments).toHaveLength(20)
    expect(first.total).toBe(26)
    await write(P.huangdeming, t, '我后来才看到这个议题。')
    const second = await page(P.wulihua, t, first.next)
    expect(second.comments.map((x) => x.text)).toEqual(['第21条意见。', '我后来才看到这个议题。'])
    expect(second).toMatchObject({ total: 27, next: null })
  })

  test('parentId must be a top-level comment of the topic; a made-up cursor is bad input', async () => {
    expect(await api.as(P.resident).fail('comments.list', { villageId: X, topicId: ROAD, parentId: 'c-road-2' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(P.resident).fail('comments.list', { villageId: X, topicId: 'v-xinshan:t2', parentId: 'c-road-1' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(P.resident).fail('comments.list', { villageId: X, topicId: ROAD, after: 'page-2' })).toMatchObject({ code: 'BAD_INPUT', fields: { after: '分页位置有误' } })
    // the seed's road: two replies under c-road-3, all shown
    const road = await page(P.resident, ROAD)
    expect(road.comments.find((c) => c._id === 'c-road-3')).toMatchObject({ replyCount: 2, repliesNext: null })
    expect(road).toMatchObject({ total: 7, next: null })
  })
})
