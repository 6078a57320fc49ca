/** Issue 15 point 4: 我的记录 — my own votes (with receipts), comments, proposals, agreements, bookings and reports; my comment edited or deleted (audited), never someone else's. */
import { pageUrl } from '../../src/routes'
import { apiPerTest, expectRefused } from './harness'
import { P, X, audits, openTopic } from './deliberation-fixture'

const api = apiPerTest()
const record = (openid: string, kind: 'votes' | 'comments' | 'proposals' | 'agreements' | 'bookings' | 'reports', page = 0) =>
  api.as(openid).call('account.record', { villageId: X, kind, page })

test('my votes, newest first, each with my choice, how it was cast, its receipt and the topic’s state', async () => {
  const t = await openTopic(api, { title: '村道两侧种植绿化树' })
  const ballot = await api.as(P.chenjianguo).call('ballots.cast', { villageId: X, topicId: t, choices: ['no'] })
  const { items, next } = await record(P.chenjianguo, 'votes')
  expect(items[0]).toMatchObject({ title: '村道两侧种植绿化树', state: '投票中', page: pageUrl('deliberation.topic', { topicId: t }) })
  expect(items[0].lines).toEqual(['我的表决：反对', expect.stringMatching(/^线上投票 · /), `回执码：${ballot.receipt}`])
  expect(items.slice(1).every((i, n) => i.at <= items[n].at)).toBe(true)
  expect(next).toBeNull()
  // nobody else's: his daughter has none of his votes
  expect((await record(P.chenxiaohong, 'votes')).items.map((i) => i.id)).not.toContain(ballot._id)
})

test('pages of 20: the next page continues where the first ended', async () => {
  const t = await openTopic(api)
  for (let i = 0; i < 23; i++) {
    await api.as(P.chenjianguo).call('comments.create', { villageId: X, topicId: t, text: `第${i + 1}条意见，供大家参考。` })
    api.advance(60_000) // under the comments' rate limit
  }
  const first = await record(P.chenjianguo, 'comments')
  expect(first.items).toHaveLength(20)
  expect(first.items[0].lines[0]).toBe('第23条意见，供大家参考。')
  expect(first.next).toBe(1)
  const second = await record(P.chenjianguo, 'comments', 1)
  expect(second.items.map((i) => i.lines[0])).toEqual(expect.arrayContaining(['第1条意见，供大家参考。']))
  expect(new Set([...first.items, ...second.items].map((i) => i.id)).size).toBe(first.items.length + second.items.length)
})

test('I edit and delete my own comment (audited); the topic shows it edited, then gone; its count follows', async () => {
  const c = api.as(P.chenjianguo)
  const [mine] = (await record(P.chenjianguo, 'comments')).items.filter((i) => i.id === 'c-road-1')
  expect(mine).toMatchObject({ text: '东一巷一下雨就是泥路，老人小孩出门不方便，早该硬化了。', can: { edit: true, remove: true, withdraw: false } })

  const edited = await c.call('comments.edit', { villageId: X, commentId: 'c-road-1', text: '东一巷一下雨就是泥路，早该硬化了，排水也要做。' })
  expect(edited).toMatchObject({ text: '东一巷一下雨就是泥路，早该硬化了，排水也要做。', editedAt: api.ports.clock.now() })
  expect((await audits(api, 'comments.edit'))[0]).toMatchObject({ actorName: '陈建国', reason: '原文：东一巷一下雨就是泥路，老人小孩出门不方便，早该硬化了。' })
  expect((await record(P.chenjianguo, 'comments')).items.find((i) => i.id === 'c-road-1')!.lines).toContainEqual(expect.stringMatching(/修改过$/))

  const topicId = (await api.ports.store.get('comments', 'c-road-1'))!.topicId
  const countOf = async () => (await api.as(P.resident).call('topics.list', { villageId: X })).find((s) => s.id === topicId)!.commentCount
  const before = await countOf()
  expect(await c.call('comments.delete', { villageId: X, commentId: 'c-road-1' })).toEqual({ deleted: true })
  expect(await audits(api, 'comments.delete')).toHaveLength(1)
  expect(await countOf()).toBe(before - 1)
  // others see it gone (its reply still hangs from its place); it leaves my record
  const page = await api.as(P.resident).call('comments.list', { villageId: X, topicId })
  const gone = page.comments.find((x) => x._id === 'c-road-1')!
  expect(gone).toMatchObject({ text: null, hidden: { reason: null } })
  expect(gone.deletedAt).toBe(api.ports.clock.now())
  expect((await record(P.chenjianguo, 'comments')).items.map((i) => i.id)).not.toContain('c-road-1')
  await expectRefused(api, P.chenjianguo, 'comments.delete', { villageId: X, commentId: 'c-road-1' }, 'CONFLICT', '该评论已经删除')
  await expectRefused(api, P.chenjianguo, 'comments.edit', { villageId: X, commentId: 'c-road-1', text: '再改一次看看行不行。' }, 'CONFLICT', '该评论已经删除')
})

test('someone else’s comment is refused, the committee’s own edit included, and nothing changes', async () => {
  for (const who of [P.resident, P.committee, P.wulihua]) {
    await expectRefused(api, who, 'comments.edit', { villageId: X, commentId: 'c-road-1', text: '改成别人的意思。' }, 'FORBIDDEN', '只能修改或删除自己的评论')
    await expectRefused(api, who, 'comments.delete', { villageId: X, commentId: 'c-road-1' }, 'FORBIDDEN', '只能修改或删除自己的评论')
  }
  // a hidden comment stays as the committee left it
  await expectRefused(api, P.chenxiaohong, 'comments.edit', { villageId: X, commentId: 'c-road-7', text: '我改一下说法。' }, 'CONFLICT', '该评论已被村委会隐藏，不能修改')
  // another village's member cannot reach it at all
  await expectRefused(api, P.sunli, 'comments.delete', { villageId: X, commentId: 'c-road-1' }, 'NOT_MEMBER', '')
  // an edit is checked like a new comment
  await expectRefused(api, P.chenjianguo, 'comments.edit', { villageId: X, commentId: 'c-road-1', text: '一' }, 'BAD_INPUT', '')
})

test('my proposals with their states, withdrawable until scheduled; agreements, bookings and reports with theirs', async () => {
  const proposals = (await record(P.chenjianguo, 'proposals')).items
  const elderly = proposals.find((p) => p.id === `${X}:pr-elderly`)!
  expect(elderly).toMatchObject({ title: '建设村老年人活动中心', state: '已提交村委会', can: { withdraw: true }, page: pageUrl('deliberation.proposals') })
  expect(elderly.lines).toEqual(['联署 5/5 人'])
  expect((await record(P.wulihua, 'proposals')).items.find((p) => p.id === `${X}:pr-lights`)).toMatchObject({ state: '已安排表决', can: { withdraw: false } })
  await api.as(P.chenjianguo).call('proposals.withdraw', { villageId: X, proposalId: elderly.id, reason: '已另行解决' })
  const after = (await record(P.chenjianguo, 'proposals')).items.find((p) => p.id === elderly.id)!
  expect(after).toMatchObject({ state: '已撤回', can: { withdraw: false } })
  expect(after.lines).toContain('撤回理由：已另行解决')

  const agreements = (await record(P.resident, 'agreements')).items
  expect(agreements[0]).toMatchObject({ title: '村规民约第1版', state: '现行版本', page: pageUrl('rules.read', { villageId: X, versionId: `${X}:v1` }) })
  expect((await record(P.chenjianguo, 'agreements')).items).toEqual([])

  const bookings = (await record(P.liguilan, 'bookings')).items
  expect(bookings.length).toBeGreaterThan(0)
  expect(bookings.some((b) => b.lines.some((l) => l.endsWith('代为预约')))).toBe(true) // her son booked her lunch
  const reports = (await record(P.liguilan, 'reports')).items
  expect(reports[0].page).toBe(pageUrl('reports.detail', { villageId: X, reportId: reports[0].id }))
  expect(reports.map((r) => r.state)).toContain('已办结')
})
