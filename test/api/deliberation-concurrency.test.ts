import type { Membership, Person, Village } from '../../cloud/src/contract'
import { makeApi } from './harness'
import { P, pid, writeRolls, type Api } from './deliberation-fixture'
import { loadVoters } from '../../cloud/src/features/deliberation/data'
import { servesIn } from '../../cloud/src/features/account/documents'
import { countsOf, sumCounts } from '../../cloud/src/features/deliberation/policy'

/** A village of 1,000 residents made directly in the store, with 新山村's 林志强 as its committee. */
const V = 'v-bench'
const N = 1000
const openid = (i: number) => `bench-${i}`

let api: Api
beforeAll(async () => {
  api = await makeApi()
  const { store } = api.ports
  await store.insert('villages', { _id: V, villageId: V, name: '千人村', kind: 'village', townId: 't-lianan', countyId: 'k-haifeng', cityId: 'c-shanwei', scene: 'v=bench' } satisfies Village)
  const member = (personId: string, name: string, roles: Membership['roles']): Membership => ({
    _id: `${V}:${personId}`,
    villageId: V,
    personId,
    name,
    householdId: null,
    relation: null,
    roles,
    partyMember: false,
    gridIds: [],
    hallId: null,
    townId: null,
    joinedAt: 0,
    ...(servesIn(roles) ? { serving: true } : {}),
  })
  await store.insert('memberships', member(pid(P.committee), '林志强', ['committee']))
  for (let i = 0; i < N; i++) {
    await store.insert('persons', { _id: pid(openid(i)), openid: openid(i), name: `村民${i}`, createdAt: 0 } satisfies Person)
    await store.insert('memberships', member(pid(openid(i)), `村民${i}`, ['resident']))
  }
}, 60_000)
afterAll(() => {
  expect(api.internalErrors).toEqual([])
  api.close()
})

async function openBenchTopic(): Promise<string> {
  const c = api.as(P.committee)
  const now = api.ports.clock.now()
  const d = await c.call('topics.save', { villageId: V, title: '千人同时投票', question: '是否同意本次测试事项？', kind: 'yesno', mode: 'person', results: 'live', opensAt: now - 1000, closesAt: now + 86_400_000 })
  return (await c.call('topics.publish', { villageId: V, topicId: d.topic._id })).topic._id
}

const CHOICES = ['yes', 'no', 'abstain']

/** The topic's counters (its shards summed) equal a recount of its ballots and roll, and the topic page reads them. */
async function expectCountersExact(topicId: string) {
  const { store } = api.ports
  // the roll written (its voters counted on the shards too), if the job has not finished it yet
  await writeRolls(api)
  const t = (await store.get('topics', topicId))!
  expect(t.tallyShards).toBeGreaterThan(1)
  expect(t.rollJob).toBeUndefined()
  const [shards, ballots, roll] = await Promise.all([store.find('topicTallies', { topicId }), store.find('ballots', { topicId }, { limit: 5000 }), loadVoters(store, t)])
  // a shard is written when first counted on, once
  expect(shards.length).toBeLessThanOrEqual(t.tallyShards!)
  expect(new Set(shards.map((s) => s.shard)).size).toBe(shards.length)
  const kept = sumCounts(shards)
  const recount = countsOf(ballots, roll)
  // a counter taken back to 0 stays as 0: compare without them
  const nonzero = (c: typeof kept) => Object.fromEntries(Object.entries(c).map(([k, m]) => [k, Object.fromEntries(Object.entries(m as Record<string, number>).filter(([, n]) => n))]))
  expect(nonzero(kept)).toEqual(nonzero(recount))
  const d = await api.as(P.committee).call('topics.get', { villageId: V, topicId })
  expect(d.turnout.participants).toBe(ballots.length)
}

test('1,000 simultaneous ballots on one topic while the job writes its roll: 1,000 counted ballots and the right totals', async () => {
  const t = await openBenchTopic()
  const started = Date.now()
  const [results] = await Promise.all([
    Promise.all(Array.from({ length: N }, (_, i) => api.router('ballots.cast', { villageId: V, topicId: t, choices: [CHOICES[i % 3]] }, { openid: openid(i) }))),
    writeRolls(api),
  ])
  const ms = Date.now() - started
  console.info(`${N} simultaneous ballots: ${ms} ms`)
  expect(results.filter((r) => !r.ok)).toEqual([])
  expect(await api.ports.store.count('ballots', { topicId: t })).toBe(N)

  const d = await api.as(P.committee).call('topics.get', { villageId: V, topicId: t })
  expect(d.turnout).toEqual({ participants: N, online: N, proxy: 0, inPerson: 0, eligible: N, quorumNeeded: 501, quorumMet: true, percent: 100 })
  expect(d.tally!.map((o) => [o.optionId, o.votes])).toEqual([
    ['yes', 334],
    ['no', 333],
    ['abstain', 333],
  ])
  expect(d.tally!.some((o) => o.carries)).toBe(false)
  await expectCountersExact(t)
})

test('one voter changing the ballot many times at once still has exactly one ballot', async () => {
  const t = await openBenchTopic()
  const presses = 25
  const results = await Promise.all(Array.from({ length: presses }, (_, i) => api.router('ballots.cast', { villageId: V, topicId: t, choices: [CHOICES[i % 2]] }, { openid: openid(7) })))
  expect(results.filter((r) => !r.ok)).toEqual([])
  const ballots = await api.ports.store.find('ballots', { topicId: t })
  expect(ballots).toHaveLength(1)
  expect(ballots[0]).toMatchObject({ voterKey: pid(openid(7)), changes: presses - 1 })
  const d = await api.as(P.committee).call('topics.get', { villageId: V, topicId: t })
  expect(d.turnout.participants).toBe(1)
  expect(d.tally!.reduce((n, o) => n + o.votes, 0)).toBe(1)
  await expectCountersExact(t)
})

test('on the phone and at the meeting at the same moment: one ballot per voter, and the other is refused', async () => {
  const t = await openBenchTopic()
  const voters = Array.from({ length: 100 }, (_, i) => 100 + i)
  // each call starts after 0..3 turns of the event loop, so that the two interleave differently from voter to voter
  const after = async <R>(turns: number, fn: () => Promise<R>) => {
    for (let n = 0; n < turns; n++) await new Promise((r) => setImmediate(r))
    return fn()
  }
  const pairs = voters.map((i, k) => [
    after(k % 4, () => api.router('ballots.cast', { villageId: V, topicId: t, choices: ['yes'] }, { openid: openid(i) })),
    after((k >> 2) % 4, () => api.router('ballots.recordInPerson', { villageId: V, topicId: t, voterPersonId: pid(openid(i)), choices: ['no'] }, { openid: P.committee })),
  ])
  const results = await Promise.all(pairs.flat())
  const ballots = await api.ports.store.find('ballots', { topicId: t })
  expect(ballots).toHaveLength(voters.length)
  for (const [k, i] of voters.entries()) {
    const [online, meeting] = [results[2 * k], results[2 * k + 1]]
    // exactly one of the two went through, and the ballot is that one
    expect([online.ok, meeting.ok].filter(Boolean)).toHaveLength(1)
    const loser = online.ok ? meeting : online
    expect(loser.ok ? null : loser.error.code).toBe('DUPLICATE')
    const b = ballots.find((x) => x.voterKey === pid(openid(i)))!
    expect(b.source).toBe(online.ok ? 'online' : 'meeting')
    expect(b.changes).toBe(0)
  }
  const d = await api.as(P.committee).call('topics.get', { villageId: V, topicId: t })
  expect(d.turnout.online + d.turnout.inPerson).toBe(voters.length)
  expect(d.turnout.online).toBeGreaterThan(0)
  expect(d.turnout.inPerson).toBeGreaterThan(0)
  await expectCountersExact(t)
})

test('casts, changes and meeting corrections at once: the counters equal a recount of the ballots', async () => {
  const t = await openBenchTopic()
  const cast = (i: number, choice: string) => api.router('ballots.cast', { villageId: V, topicId: t, choices: [choice] }, { openid: openid(i) })
  const record = (i: number, choice: string, reason?: string) =>
    api.router('ballots.recordInPerson', { villageId: V, topicId: t, voterPersonId: pid(openid(i)), choices: [choice], ...(reason ? { reason } : {}) }, { openid: P.committee })
  // 300..399 on the phone, each pressing three times at once; 400..449 at the meeting, each corrected at once with a reason
  const phone = Array.from({ length: 100 }, (_, k) => [0, 1, 2].map((n) => cast(300 + k, CHOICES[(k + n) % 3])))
  // the meeting's clerks, five voters (ten writes) in hand at a time while the phones press on: each write is audited,
  // and a village's audited writes take turns on its chain's head (a hundred at once outran the emulator's retries)
  const meeting = (async () => {
    const done: Array<Awaited<ReturnType<typeof record>>> = []
    for (let k = 400; k < 450; k += 5) {
      done.push(...(await Promise.all([0, 1, 2, 3, 4].flatMap((j) => [record(k + j, CHOICES[(k + j) % 3]), record(k + j, CHOICES[(k + j + 1) % 3], '登记有误，按本人意见更正')]))))
    }
    return done
  })()
  const results = [...(await Promise.all(phone.flat())), ...(await meeting)]
  // a correction that came first is refused (nothing to correct yet); every other write went through
  expect(results.filter((r) => !r.ok && r.error.code !== 'BAD_INPUT')).toEqual([])
  expect(await api.ports.store.count('ballots', { topicId: t })).toBe(150)
  await expectCountersExact(t)
})
