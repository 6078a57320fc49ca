/**
 * Per-person limits on writes that others read or are told about (cloud/src/common/rate-limit.ts): over a limit
 * the call is RATE_LIMITED with 操作太频繁, writes nothing and does not count; a call the handler refuses does
 * not count either; calls at once never get past the limit; ended windows are removed by the job.
 */
import type { ActionName } from '../../cloud/src/contract'
import { RATE_LIMITS, rateKeyOf, withRateLimit } from '../../cloud/src/common/rate-limit'
import type { Collections } from '../../cloud/src/ports/store'
import { runJobs } from '../../cloud/src/jobs'
import { apiPerTest } from './harness'
import { HOUR, notices, openTopic, P, pid, X} from './deliberation-fixture'
import { sampleFor } from './samples'

const MINUTE = 60_000

const api = apiPerTest()

const comment = (openid: string, topicId: string, text: string) => api.as(openid).call('comments.create', { villageId: X, topicId, text })
const refusedComment = (openid: string, topicId: string, text = '再说一句我的看法。') => api.as(openid).fail('comments.create', { villageId: X, topicId, text })
const commentsOf = async (topicId: string) => api.ports.store.count('comments', { topicId })

describe('comments', () => {
  test('ten a minute: the eleventh is refused with nothing written, others may still comment, the next minute is open again', async () => {
    const t = await openTopic(api)
    for (let i = 1; i <= 10; i++) await comment(P.resident, t, `我的第${i}条意见。`)
    const before = await api.snapshot()
    expect(await refusedComment(P.resident, t)).toEqual({ code: 'RATE_LIMITED', message: '操作太频繁，请1分钟后再试' })
    expect(await api.snapshot()).toEqual(before)
    // per person: his wife is not held back by him
    await comment(P.liguilan, t, '我也说两句。')
    api.advance(MINUTE)
    await comment(P.resident, t, '过了一分钟再说。')
    expect(await commentsOf(t)).toBe(12)
  })

  test('a hundred a day: the 101st waits for the next day (Shanghai midnight), and the minute it had is given back', async () => {
    const t = await openTopic(api)
    for (let minute = 0; minute < 10; minute++) {
      for (let i = 1; i <= 10; i++) await comment(P.resident, t, `第${minute}分钟第${i}条意见。`)
      api.advance(MINUTE)
    }
    const before = await api.snapshot()
    // T0 is 10:00 in Shanghai; ten minutes later the day has 13 h 50 min left
    expect(await refusedComment(P.resident, t)).toEqual({ code: 'RATE_LIMITED', message: '操作太频繁，请14小时后再试' })
    expect(await api.snapshot()).toEqual(before)
    api.advance(14 * HOUR)
    await comment(P.resident, t, '新的一天。')
    expect(await commentsOf(t)).toBe(101)
  })

  test('calls the handler refuses do not count and leave no trace, even beside slots already taken', async () => {
    const t = await openTopic(api)
    for (let i = 1; i <= 3; i++) await comment(P.resident, t, `先说${i}句。`)
    const before = await api.snapshot()
    for (let i = 0; i < 12; i++) expect(await refusedComment(P.resident, t, '村口有人聚众赌博，没人管吗')).toMatchObject({ code: 'CONTENT_REJECTED' })
    expect(await api.snapshot()).toEqual(before)
    for (let i = 4; i <= 10; i++) await comment(P.resident, t, `再说${i}句。`)
    expect(await refusedComment(P.resident, t)).toMatchObject({ code: 'RATE_LIMITED' })
  })

  test('25 comments at once from one person: exactly ten get through', async () => {
    const t = await openTopic(api)
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => api.router('comments.create', { villageId: X, topicId: t, text: `同时发出的第${i}条。` }, { openid: P.resident })))
    expect(results.filter((r) => r.ok)).toHaveLength(10)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.error.code)).toEqual(Array(15).fill('RATE_LIMITED'))
    expect(await commentsOf(t)).toBe(10)
  })
})

test('proxies: a grant tells the proxy, so re-granting back and forth stops after ten in an hour', async () => {
  const t = await openTopic(api)
  // 李桂兰 chooses between her son and her husband, over and over
  const [a, b] = [pid(P.linjun), pid(P.resident)]
  for (let i = 0; i < 10; i++) await api.as(P.liguilan).call('proxies.grant', { villageId: X, topicId: t, proxyPersonId: i % 2 ? a : b })
  expect(await api.as(P.liguilan).fail('proxies.grant', { villageId: X, topicId: t, proxyPersonId: a })).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请\d+分钟后再试$/) })
  expect(await notices(api, P.linjun, '村民委托您代投')).toHaveLength(5)
  expect(await notices(api, P.resident, '村民委托您代投')).toHaveLength(5)
  api.advance(HOUR)
  await api.as(P.liguilan).call('proxies.grant', { villageId: X, topicId: t, proxyPersonId: a })
})

test('proposals: five a day', async () => {
  const propose = (i: number) => ({ villageId: X, title: `第${i}个提议标题`, background: `这是第${i}个提议的理由，写得足够长。` })
  const seeded = await api.ports.store.count('proposals', { villageId: X })
  for (let i = 1; i <= 5; i++) await api.as(P.resident).call('proposals.create', propose(i))
  expect(await api.as(P.resident).fail('proposals.create', propose(6))).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请14小时后再试' })
  expect(await api.ports.store.count('proposals', { villageId: X })).toBe(seeded + 5)
})

test('volunteering: signing up and cancelling in a loop stops at ten sign-ups a minute, then at ten cancellations an hour', async () => {
  const clean = { villageId: X, activityId: 'va-xs-clean' }
  const chen = api.as('demo-chenjianguo')
  for (let i = 0; i < 10; i++) {
    await chen.call('volunteer.signUp', clean)
    await chen.call('volunteer.cancel', clean)
  }
  const signUps = await api.ports.store.count('rateLimits', {})
  expect(await chen.fail('volunteer.signUp', clean)).toMatchObject({ code: 'RATE_LIMITED', message: '操作太频繁，请1分钟后再试' })
  expect((await chen.call('volunteer.activity', clean)).mine).toBeNull()
  // the next minute he may sign up again; cancelling is full for the hour, and his place stays his
  api.advance(MINUTE)
  expect((await chen.call('volunteer.signUp', clean)).mine).toMatchObject({ status: 'signedUp' })
  expect(await chen.fail('volunteer.cancel', clean)).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请\d+分钟后再试$/) })
  expect((await chen.call('volunteer.activity', clean)).mine).toMatchObject({ status: 'signedUp' })
  // refusals did not count: one slot more per window for the one sign-up that went through
  expect(await api.ports.store.count('rateLimits', {})).toBe(signUps + 2)
})

// 林水生: a resident, his household's representative and a party member (for most actions)
const CALLER = 'demo-linshuisheng'
/** the caller the action's access lets through to the limit: a stranger joins, 黄伟明 (第一、二网格) records a visit */
const CALLERS: Partial<Record<ActionName, string>> = { 'join.request': 'rate-limit-stranger', 'workspace.recordVisit': 'demo-huangweiming' }
const callerOf = (action: ActionName) => CALLERS[action] ?? CALLER

test.each(Object.keys(RATE_LIMITS) as ActionName[])('%s: refused once a window is full, before the handler runs, writing nothing', async (action) => {
  const limit = RATE_LIMITS[action]!
  // fill the tightest window as the router would, with calls that did nothing
  const max = Math.min(...Object.values(limit.max))
  const now = api.ports.clock.now()
  for (let i = 0; i < max; i++) await withRateLimit(api.ports.store, action, callerOf(action), now, async () => null)
  const before = await api.snapshot()
  const r = await api.router(action, sampleFor(action, 'partyMember'), { openid: callerOf(action) })
  expect(r).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请\d+(分钟|小时)后再试$/) } })
  expect(await api.snapshot()).toEqual(before)
  expect(limit.why.length).toBeGreaterThan(10)
})

test('the job removes windows that have ended and keeps those still counting', async () => {
  const t = await openTopic(api)
  await comment(P.resident, t, '只说一句。')
  // a minute slot and a day slot
  expect(await api.ports.store.count('rateLimits')).toBe(2)
  api.advance(2 * MINUTE)
  expect(await runJobs(api.ports)).toMatchObject({ rateLimits: 1 })
  expect((await api.ports.store.find('rateLimits')).map((s) => s.bucket)).toEqual(['comments.create:1d'])
  api.advance(24 * HOUR)
  expect(await runJobs(api.ports)).toMatchObject({ rateLimits: 1 })
  expect(await api.ports.store.count('rateLimits')).toBe(0)
})

test('slots a failed batch wrote (CloudBase writes a batch up to its duplicate) are the call’s own; the rest are walked, and a refusal gives all its own back', async () => {
  const { store } = api.ports
  const partial = new Proxy(store, {
    get(target, key) {
      if (key === 'insertMany') return async (c: 'rateLimits', docs: Array<Collections['rateLimits']>) => { for (const d of docs) await target.insert(c, d) }
      const value: unknown = Reflect.get(target, key)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  const action = 'comments.create'
  const caller = 'rate-limit-partial'
  const who = rateKeyOf(caller)
  const now = api.ports.clock.now()
  const slots = async () => (await store.find('rateLimits', { who })).map((s) => `${s.bucket}#${s._id.split(':').pop()}`).sort()
  await withRateLimit(store, action, caller, now, async () => null)
  // another process takes the day's slot 1, the one this process tries next: the batch writes the minute's slot 1, then fails
  const [day] = await store.find('rateLimits', { who, bucket: `${action}:1d` })
  const { claim: _theirs, ...other } = day
  await store.insert('rateLimits', { ...other, _id: day._id.replace(/:0$/, ':1') })
  expect(await withRateLimit(partial, action, caller, now, async () => 'ran')).toBe('ran')
  const after = [`${action}:1d#0`, `${action}:1d#1`, `${action}:1d#2`, `${action}:1m#0`, `${action}:1m#1`]
  expect(await slots()).toEqual(after)
  await expect(withRateLimit(partial, action, caller, now, () => Promise.reject(new Error('refused')))).rejects.toThrow('refused')
  expect(await slots()).toEqual(after)
})
