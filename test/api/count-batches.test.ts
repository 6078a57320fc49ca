/**
 * Issue 16: a closed topic's count (计票清单) is built by the job in bounded batches after a cursor kept on the
 * topic, never in one read of every ballot. A run cut anywhere resumes where it stopped and the list is the one
 * an uncut run writes (receipt order: the same ballots give the same list and hash however many runs built it);
 * it is audited once; until it is ready the topic says 计票清单生成中. Topics closed before the counters get their
 * final counts from the same job (the migration, as a job step). And a ballot that passed the window check
 * before the deadline but commits after the close is refused, not left out of the counts.
 */
import { runJobs } from '../../cloud/src/jobs'
import { buildCounts, COUNT_STEPS_PER_RUN, publishedCount } from '../../cloud/src/features/deliberation/publish'
import { allBallots, closeTopic, loadVoters, newReceipt } from '../../cloud/src/features/deliberation/data'
import { countsOf, tallyShards } from '../../cloud/src/features/deliberation/policy'
import type { Ballot, Topic } from '../../cloud/src/features/deliberation/documents'
import { apiPerTest, killedAfter } from './harness'
import { audits, DAY, openTopic, P, X } from './deliberation-fixture'

const api = apiPerTest()

const BALLOTS = 3000
const CHOICES = ['yes', 'no', 'abstain']

const topic = async (id: string): Promise<Topic> => (await api.ports.store.get('topics', id))!

/** a new open topic with BALLOTS ballots (one in ten from the meeting), counted on its shards as casting them would have */
async function bigTopic(): Promise<{ topicId: string; ballots: Ballot[] }> {
  const { store } = api.ports
  const topicId = await openTopic(api)
  const t = await topic(topicId)
  const now = api.ports.clock.now()
  const ballots: Ballot[] = Array.from({ length: BALLOTS }, (_, i) => ({
    _id: `${topicId}:p_many${i}`,
    villageId: X,
    topicId,
    voterKey: `p_many${i}`,
    personId: `p_many${i}`,
    householdId: null,
    gridId: null,
    choices: [CHOICES[i % 3]],
    source: i % 10 ? 'online' : 'meeting',
    castBy: `p_many${i}`,
    castByName: `村民${i}`,
    castAt: now,
    changes: 0,
    receipt: newReceipt(),
  }))
  api.seedDocuments('ballots', ballots)
  await store.remove('topicTallies', { topicId })
  api.seedDocuments('topicTallies', tallyShards(t, await loadVoters(store, t), ballots, t.tallyShards))
  return { topicId, ballots }
}

/** what the count of these ballots is, built all at once */
const expected = (topicId: string, ballots: Ballot[]) => publishedCount({ _id: topicId, villageId: X }, ballots)

/** the count as stored (its chunks in order) and as the action gives it */
async function stored(topicId: string) {
  const t = await topic(topicId)
  const chunks = await api.ports.store.find('topicCounts', { topicId }, { sort: [['index', 'asc']], limit: 100 })
  const view = await api.as(P.resident).call('topics.count', { villageId: X, topicId })
  return { t, chunks, view }
}

async function expectPublished(topicId: string, ballots: Ballot[]) {
  const want = expected(topicId, ballots)
  const { t, chunks, view } = await stored(topicId)
  expect(t.countJob).toBeUndefined()
  expect(t.countHash).toBe(want.hash)
  expect(t.countChunks).toBe(want.docs.length)
  expect(chunks).toEqual(want.docs)
  expect(view.entries).toEqual(want.docs.flatMap((d) => d.entries))
  expect(view.hash).toBe(want.hash)
  const published = await audits(api, 'topics.count')
  expect(published.filter((a) => a.targetId === topicId)).toHaveLength(1)
  expect(published.find((a) => a.targetId === topicId)!.reason).toContain(`${ballots.length}张选票，SHA-256 ${want.hash}`)
}

test('3,000 ballots: the close starts the count, the page says 生成中 until the job has built it batch by batch, in bounded calls', async () => {
  const { topicId, ballots } = await bigTopic()
  api.advance(3 * DAY)
  // a read of the topic closes it
  const detail = await api.as(P.resident).call('topics.get', { villageId: X, topicId })
  expect(detail.topic.status).toBe('closed')
  expect(detail.countPending).toBe(true)
  expect(detail.topic).not.toHaveProperty('countJob')
  // the final counts were sealed with the close: all 3,000
  expect(detail.turnout.participants).toBe(BALLOTS)
  // asking for the count builds a batch or two, not 3,000 ballots' worth: still 生成中
  expect(await api.as(P.resident).fail('topics.count', { villageId: X, topicId })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('计票清单生成中') })
  expect((await topic(topicId)).countJob?.chunks).toBe(2)

  // the job's step: at most COUNT_STEPS_PER_RUN batches a run, each a bounded number of calls
  const mark = api.dbCalls()
  const steps = await buildCounts(api.ports, api.ports.clock.now())
  const calls = api.dbCalls() - mark
  console.log(`count of ${BALLOTS} ballots: 2 batches on the count page, ${steps} in the job's run with ${calls} database calls`)
  expect(steps).toBe(BALLOTS / 500 - 2 + 1) // the last reads nothing and finishes
  expect(steps).toBeLessThanOrEqual(COUNT_STEPS_PER_RUN)
  // a batch of 500: two finds (in pages of 100 on CloudBase) and one transaction
  expect(calls).toBeLessThanOrEqual(steps * 16)
  expect((await api.as(P.resident).call('topics.get', { villageId: X, topicId })).countPending).toBeUndefined()
  await expectPublished(topicId, ballots)
  expect(await runJobs(api.ports)).toMatchObject({ countsPublished: 0 })
})

test.each([0, 3, 6])('a count run cut after its %i-th write resumes where it stopped and publishes the list an uncut run does', async (k) => {
  const { topicId, ballots } = await bigTopic()
  api.advance(3 * DAY)
  await closeTopic(api.ports, await topic(topicId), api.ports.clock.now())
  await expect(buildCounts(killedAfter(api, k), api.ports.clock.now())).rejects.toThrow('killed')
  const cut = await topic(topicId)
  expect(cut.countJob?.chunks).toBe(k)
  expect(await api.ports.store.count('topicCounts', { topicId })).toBe(k)
  for (let run = 0; run < 5 && (await topic(topicId)).countJob; run++) await runJobs(api.ports)
  await expectPublished(topicId, ballots)
  // the close told the committee once, whatever happened to the count
  const told = (await api.ports.store.find('notifications', { title: '表决结果已出' }, { limit: 100 })).filter((n) => n.body.includes('村道两侧种植绿化树'))
  expect(told.map((n) => n.personId).sort()).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
})

test('two runs at once write each batch once', async () => {
  const { topicId, ballots } = await bigTopic()
  api.advance(3 * DAY)
  await closeTopic(api.ports, await topic(topicId), api.ports.clock.now())
  const now = api.ports.clock.now()
  await Promise.all([buildCounts(api.ports, now), buildCounts(api.ports, now), buildCounts(api.ports, now)])
  for (let run = 0; run < 5 && (await topic(topicId)).countJob; run++) await buildCounts(api.ports, now)
  await expectPublished(topicId, ballots)
})

describe('a topic closed without counters (opened before them)', () => {
  /** an open topic with two ballots, as it was before the counters: no shards, none named on it */
  async function oldTopic(): Promise<string> {
    const topicId = await openTopic(api)
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    await api.as(P.committee).call('ballots.cast', { villageId: X, topicId, choices: ['no'] })
    await api.ports.store.remove('topicTallies', { topicId })
    await api.ports.store.update('topics', { _id: topicId }, { set: { tallyShards: undefined } })
    return topicId
  }

  const recount = async (t: Topic) => countsOf(await allBallots(api.ports.store, t._id), await loadVoters(api.ports.store, t))

  test('closing: the job counts it into its final counts and publishes its count, and tells the result then, once', async () => {
    const topicId = await oldTopic()
    api.advance(3 * DAY)
    await runJobs(api.ports)
    const t = await topic(topicId)
    expect(t.countJob).toBeUndefined()
    expect(t.final).toEqual(await recount(t))
    expect(t.countHash).toBe(expected(topicId, await allBallots(api.ports.store, topicId)).hash)
    const told = (await api.ports.store.find('notifications', { title: '表决结果已出' }, { limit: 100 })).filter((n) => n.body.includes('村道两侧种植绿化树'))
    expect(told).toHaveLength(2)
    expect(told[0].body).toContain('未达法定人数：参加表决 2 人')
  })

  test('ended long ago: the migration step gives it a counts-only job; its published count stays as it was', async () => {
    const { store } = api.ports
    await runJobs(api.ports) // the demo's due work, and the step finds nothing to migrate
    const topicId = `${X}:t3`
    const before = await topic(topicId)
    expect(before.final).toBeTruthy()
    await store.update('topics', { _id: topicId }, { set: { final: undefined } })
    await store.remove('meta', { _id: 'migration-topic-tallies-job-v1' })
    const run = await runJobs(api.ports)
    expect(run).toMatchObject({ topicsTallied: 1, countsPublished: 1 })
    const after = await topic(topicId)
    expect(after.final).toEqual(before.final)
    expect(after.countJob).toBeUndefined()
    expect([after.countHash, after.countChunks]).toEqual([before.countHash, before.countChunks])
    expect((await audits(api, 'topics.count')).filter((a) => a.targetId === topicId)).toHaveLength(0)
    expect(await runJobs(api.ports)).toMatchObject({ topicsTallied: 0, countsPublished: 0 })
  })
})

describe('a ballot that passed the window check before the deadline, committing after the close', () => {
  test.each(['with counters', 'without counters'])('is refused with 投票已截止, %s, and the counts and the count agree', async (kind) => {
    const { store } = api.ports
    const topicId = await openTopic(api)
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    if (kind === 'without counters') {
      await store.remove('topicTallies', { topicId })
      await store.update('topics', { _id: topicId }, { set: { tallyShards: undefined } })
    }
    const t = await topic(topicId)
    // the close runs between the ballot's check (its read of the topic) and its transaction
    let seen = false
    let closing = true
    const get = store.get.bind(store)
    jest.spyOn(store, 'get').mockImplementation((async (collection: string, id: string) => {
      if (collection === 'topics' && id === topicId) seen = true
      return get(collection as 'topics', id)
    }) as typeof store.get)
    const transaction = store.transaction.bind(store)
    jest.spyOn(store, 'transaction').mockImplementation(async (fn) => {
      if (seen && closing) {
        closing = false
        expect((await closeTopic(api.ports, t, t.closesAt)).closed).toBe(true)
      }
      return transaction(fn)
    })
    const err = await api.as(P.committee).fail('ballots.cast', { villageId: X, topicId, choices: ['no'] })
    jest.restoreAllMocks()
    expect(closing).toBe(false)
    expect(err).toMatchObject({ code: 'CLOSED', message: '投票已截止' })
    expect(await store.count('ballots', { topicId })).toBe(1)
    for (let run = 0; run < 3 && (await topic(topicId)).countJob; run++) await runJobs(api.ports)
    const detail = await api.as(P.resident).call('topics.get', { villageId: X, topicId })
    expect(detail.turnout.participants).toBe(1)
    expect(detail.tally!.map((o) => o.votes)).toEqual([1, 0, 0])
    const count = await api.as(P.resident).call('topics.count', { villageId: X, topicId })
    expect(count.entries.map((e) => e.choices)).toEqual([['yes']])
  })
})
