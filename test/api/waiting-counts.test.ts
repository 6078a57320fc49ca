/**
 * Issue 16: the committee's counter of waiting work (cloud/src/features/account/waiting.ts) — join requests, topics
 * awaiting their decision (and the first of them), proposals to schedule, appeals, deletion requests — stays equal to
 * a fresh count through every kind of status change made through the actions and the job; 首页's 待办 reads it.
 */
import { runJobs } from '../../cloud/src/jobs'
import { countWaiting, findFirstDecision, keptWaiting, rebuildWaitingCounts, WAITING_SHARDS, type WaitingFigures } from '../../cloud/src/features/account/waiting'
import { apiPerTest, ID } from './harness'
import { DAY, HOUR, openTopic, P, pid, topicInput, X } from './deliberation-fixture'
import { eraseConfirmed } from '../../cloud/src/features/account/erase'

const api = apiPerTest()

async function kept(): Promise<WaitingFigures> {
  const doc = await keptWaiting(api.ports.store, X)
  expect(doc).not.toBeNull()
  const { firstDecision, ...figures } = doc!
  // the first topic waiting is named right, or unknown (null) only while some wait
  const first = await findFirstDecision(api.ports.store, X)
  if (firstDecision || !figures.decisions) expect(firstDecision ?? null).toEqual(first)
  return figures
}

/** Runs a change and checks the counter against a fresh count, and that it moved by `moved` (the kinds not named: not at all). */
async function step(change: () => Promise<unknown>, moved: Partial<WaitingFigures>): Promise<void> {
  const before = await kept()
  await change()
  const after = await kept()
  expect(after).toEqual(await countWaiting(api.ports.store, X))
  const delta = Object.fromEntries(Object.entries(after).map(([k, n]) => [k, n - before[k as keyof WaitingFigures]]).filter(([, d]) => d !== 0))
  expect(delta).toEqual(moved)
}

test('every status change in or out of a counted state moves the counter with it, which stays equal to a fresh count', async () => {
  const committee = api.as(P.committee)
  const join = { villageId: X, name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' as const }
  // join requests: asked, rejected, asked again (reopened), approved
  const req = await (async () => {
    let id = ''
    await step(async () => (id = (await api.as(ID.newcomer).call('join.request', join))._id), { joinRequests: 1 })
    return id
  })()
  await step(() => committee.call('join.decide', { villageId: X, requestId: req, decision: 'reject', reason: '门牌号不对' }), { joinRequests: -1 })
  await step(() => api.as(ID.newcomer).call('join.request', join), { joinRequests: 1 })
  await step(() => committee.call('join.decide', { villageId: X, requestId: req, decision: 'approve' }), { joinRequests: -1 })

  // a deletion request from someone with a request pending: asked (the village's committee is asked), confirmed (the request goes with the person)
  await step(() => api.as(ID.pendingPerson).call('account.requestDeletion', { reason: '不想加入了' }), { deletions: 1 })
  // confirmed, it waits (正在删除) until the job has erased it
  await step(() => committee.call('account.confirmDeletion', { villageId: X, personId: pid(ID.pendingPerson), reason: '已电话核实本人' }), {})
  await step(async () => {
    while (await eraseConfirmed(api.ports, api.ports.clock.now()));
  }, { deletions: -1, joinRequests: -1 })

  // a proposal: accepted, put on a draft topic, the draft discarded, withdrawn by its proposer
  await api.ports.store.update('villages', { _id: X }, { set: { proposalThreshold: 2 } })
  const p = await api.as(P.chenjianguo).call('proposals.create', { villageId: X, title: '增设路灯', background: '村西小路晚上没有路灯，老人走夜路不安全。' })
  await step(() => api.as(P.chenxiaohong).call('proposals.cosign', { villageId: X, proposalId: p._id }), { proposals: 1 })
  let draft = ''
  await step(async () => (draft = (await committee.call('topics.save', { ...topicInput(api), proposalId: p._id })).topic._id), { proposals: -1 })
  await step(() => committee.call('topics.discard', { villageId: X, topicId: draft }), { proposals: 1 })
  await step(() => api.as(P.chenjianguo).call('proposals.withdraw', { villageId: X, proposalId: p._id, reason: '已经装好了' }), { proposals: -1 })

  // topics: one closes (the job), the first waiting is decided (the next is then unknown, and read), the new one decided
  const now = api.ports.clock.now()
  const t = await openTopic(api, { opensAt: now - HOUR, closesAt: now + HOUR })
  const waiting = (await kept()).decisions
  api.advance(2 * HOUR)
  await runJobs(api.ports)
  const closed = (await kept()).decisions - waiting
  expect(closed).toBeGreaterThanOrEqual(1)
  expect((await api.ports.store.get('topics', t))!.status).toBe('closed')
  const first = (await findFirstDecision(api.ports.store, X))!
  expect(first.topicId).not.toBe(t)
  await step(() => committee.call('topics.decide', { villageId: X, topicId: first.topicId, decision: '按方案办理。' }), { decisions: -1 })
  await step(() => committee.call('topics.decide', { villageId: X, topicId: t, decision: '按方案办理。' }), { decisions: -1 })

  // appeals: one made and rejected, one withdrawn with its entry
  await step(() => api.as(P.chenjianguo).call('boards.appeal', { villageId: X, entryId: `${X}:b8`, text: '杂物是施工队临时放的，已经清走' }), { appeals: 1 })
  await step(() => committee.call('boards.decideAppeal', { villageId: X, entryId: `${X}:b8`, decision: 'reject', councilOpinion: '现场核实属实', reply: '经核实属实' }), { appeals: -1 })
  await step(() => committee.call('boards.withdraw', { villageId: X, entryId: `${X}:b9`, reason: '误录' }), { appeals: -1 })
  // 100 days on, the job closes the demo's open topics too; its other steps (the boards' expiry, the notices) change nothing counted
  const open = await api.ports.store.count('topics', { villageId: X, status: 'open' })
  expect(open).toBeGreaterThan(0)
  api.advance(100 * DAY)
  await step(() => runJobs(api.ports), { decisions: open })
})

test('首页’s 待办 gives the same figures from the counter as counted without it (a village from before it), and the rebuild brings it back', async () => {
  const figures = async () => (await api.as(P.committee).call('account.todo', { villageId: X })).items.filter((i) => i.group === 'committee')
  // the first waiting decided: the counter no longer names the next, read from the topics
  await api.as(P.committee).call('topics.decide', { villageId: X, topicId: `${X}:t3`, decision: '按方案修缮。' })
  await openTopic(api, { opensAt: api.ports.clock.now() - HOUR, closesAt: api.ports.clock.now() + HOUR })
  api.advance(2 * HOUR)
  await runJobs(api.ports)
  const withCounter = await figures()
  expect(withCounter.find((i) => i.key === 'decisions')!.count).toBeGreaterThan(0)
  await api.ports.store.remove('waitingCounts', { _id: X })
  expect(await figures()).toEqual(withCounter)
  // rebuilt: the whole count on the first shard, every other shard there (at zero) for increments to land on
  await api.ports.store.remove('waitingCounts', {})
  expect(await rebuildWaitingCounts(api.ports.store, X)).toBe(1)
  expect(await rebuildWaitingCounts(api.ports.store, X)).toBe(0)
  expect(await api.ports.store.count('waitingCounts', {})).toBeGreaterThanOrEqual(WAITING_SHARDS)
  expect(await kept()).toEqual(await countWaiting(api.ports.store, X))
  expect(await figures()).toEqual(withCounter)
})
