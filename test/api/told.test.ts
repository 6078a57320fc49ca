/** Issue 15 point 1: every event that concerns a resident reaches their 消息 inbox, and each notice opens its page. */
import { pageUrl } from '../../src/routes'
import { runJobs } from '../../cloud/src/jobs'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { apiPerTest } from './harness'
import { DAY, HOUR, P, X, notices, openTopic } from './deliberation-fixture'

const api = apiPerTest()
/** the job's delivery of the notices to every resident (an action leaves those to it) */
const deliver = () => deliverDueNotices(api.ports, api.ports.clock.now())
const ADOPTION = { meeting: '村民代表会议' as const, date: '2026-11-20', totalEligible: 45, attendance: 40, votesFor: 38, votesAgainst: 1, abstain: 1 }

test('a new rules version: every resident but its publisher is asked to agree, and the notice opens the rules', async () => {
  const c = api.as(P.committee)
  const start = await c.call('rules.startDraft', { villageId: X })
  const chapters = start.chapters.map((ch) => ({ title: ch.title, clauses: ch.clauses.map((k) => ({ id: k.id, text: k.id === 'xs14' ? '彩礼不超过3万元，提倡零彩礼。' : k.text })) }))
  await c.call('rules.saveDraft', { villageId: X, versionId: start.id, chapters, effectiveDate: '2026-12-01', adoption: ADOPTION })
  expect(await notices(api, P.chenjianguo, '新山村村规民约已发布新版本')).toHaveLength(0)
  await c.call('rules.publish', { villageId: X, versionId: start.id })
  await deliver()
  for (const who of [P.chenjianguo, P.resident, P.liguilan]) {
    const [n] = await notices(api, who, '新山村村规民约已发布新版本')
    expect(n).toMatchObject({ page: pageUrl('rules.read', { villageId: X }), read: false })
    expect(n.body).toContain('第2版')
    expect(n.body).toContain('请阅读修改的条款并承诺遵守')
  }
  expect(await notices(api, P.committee, '新山村村规民约已发布新版本')).toHaveLength(0)
  // staff serve the village and agree to nothing
  expect(await notices(api, P.hallStaff, '新山村村规民约已发布新版本')).toHaveLength(0)
})

test('the notice of a community’s new 居民公约 opens that community’s rules, for 林俊 who lives in 新山村 too', async () => {
  const H = 'v-henan'
  const c = api.as('demo-zhoumin')
  const start = await c.call('rules.startDraft', { villageId: H })
  const chapters = start.chapters.map((ch, i) => ({ title: ch.title, clauses: ch.clauses.map((k, j) => ({ id: k.id, text: i === 0 && j === 0 ? `${k.text}（修订）` : k.text })) }))
  await c.call('rules.saveDraft', { villageId: H, versionId: start.id, chapters, effectiveDate: '2026-12-01', adoption: { ...ADOPTION, meeting: '居民代表会议' } })
  await c.call('rules.publish', { villageId: H, versionId: start.id })
  await deliver()
  const [n] = await notices(api, 'demo-linjun', '河南社区居民公约已发布新版本')
  expect(n.page).toBe('/features/rules/pages/read/index?villageId=v-henan')
  expect(await notices(api, 'demo-linjun', '新山村村规民约已发布新版本')).toHaveLength(0)
})

test('a topic: opened to its voters, closing tomorrow to those who have not voted (once), its result, decision and progress to every resident', async () => {
  const t = await openTopic(api, { mode: 'household', closesAt: api.ports.clock.now() + 3 * DAY })
  const page = pageUrl('deliberation.topic', { topicId: t })
  // opened: the households' representatives, not the rest of the family
  expect(await notices(api, P.chenjianguo, '新议题：请参加投票')).toEqual([expect.objectContaining({ page, body: expect.stringContaining('按户表决，请户代表') as string })])
  expect(await notices(api, P.liguilan, '新议题：请参加投票')).toHaveLength(0)

  await api.as(P.resident).call('ballots.cast', { villageId: X, topicId: t, choices: ['yes'] })
  // a day ahead of the deadline nothing is said; within a day, once, however often the job runs
  api.advance(DAY)
  expect((await runJobs(api.ports)).topicsClosingSoon).toBe(0)
  api.advance(DAY + HOUR)
  const runs = await Promise.all([runJobs(api.ports), runJobs(api.ports)])
  expect(runs.reduce((n, r) => n + r.topicsClosingSoon, 0)).toBe(1)
  expect((await runJobs(api.ports)).topicsClosingSoon).toBe(0)
  const [soon] = await notices(api, P.chenjianguo, '议题明天截止')
  expect(soon).toMatchObject({ page, body: expect.stringContaining('您家还没有投票') as string })
  expect(await notices(api, P.chenjianguo, '议题明天截止')).toHaveLength(1)
  // 林水生 voted for his household: not reminded
  expect(await notices(api, P.resident, '议题明天截止')).toHaveLength(0)

  // the result: every resident, the spouse included, on the topic's page
  api.advance(DAY)
  await runJobs(api.ports)
  for (const who of [P.liguilan, P.chenjianguo]) expect(await notices(api, who, '表决结果')).toEqual([expect.objectContaining({ page })])
  expect(await notices(api, P.hallStaff, '表决结果')).toHaveLength(0)

  const c = api.as(P.committee)
  await c.call('topics.decide', { villageId: X, topicId: t, decision: '按表决结果执行，下月动工。' })
  await deliver()
  expect(await notices(api, P.liguilan, '议题决议已公布')).toEqual([expect.objectContaining({ page, body: '「村道两侧种植绿化树」的决议：按表决结果执行，下月动工。' })])
  await c.call('topics.addUpdate', { villageId: X, topicId: t, text: '树苗已采购。', photos: [], done: false })
  await deliver()
  expect(await notices(api, P.liguilan, '议题落实进展')).toEqual([expect.objectContaining({ page, body: '「村道两侧种植绿化树」有新进展：树苗已采购。' })])
  await c.call('topics.addUpdate', { villageId: X, topicId: t, text: '已全部种完。', photos: [], done: true })
  await deliver()
  expect(await notices(api, P.chenjianguo, '议题已落实')).toHaveLength(1)
})

test('a topic open for a day or less is not reminded: its opening notice named the deadline', async () => {
  await openTopic(api, { closesAt: api.ports.clock.now() + 20 * HOUR })
  expect((await runJobs(api.ports)).topicsClosingSoon).toBe(0)
})
