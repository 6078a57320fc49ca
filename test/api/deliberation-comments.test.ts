import { makeApi } from './harness'
import { audits, notices, openTopic, P, pid, W, X, type Api } from './deliberation-fixture'

let api: Api
beforeEach(async () => {
  api = await makeApi()
})
afterEach(() => {
  expect(api.internalErrors).toEqual([])
  api.close()
})

const ROAD = 'v-xinshan:t1'
const list = (openid: string, topicId = ROAD) => api.as(openid).call('comments.list', { villageId: X, topicId })
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
