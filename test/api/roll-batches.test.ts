/**
 * Issue 16: a topic's voter roll (选民名册) is written by the job a batch of the register at a time, not in the
 * publishing call. Who is on it is fixed at the opening (members who joined by then, with the committee's
 * amendments); ballots cast before the job has written it are checked by that rule; a run cut anywhere goes on from
 * the last batch it wrote, and the roll is audited, and its people told, once.
 */
import { buildRolls, rollStep } from '../../cloud/src/features/deliberation/roll-job'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { rollAt } from '../../cloud/src/features/deliberation/policy'
import type { Topic } from '../../cloud/src/features/deliberation/documents'
import { apiPerTest, killedAfter, membershipDoc } from './harness'
import { audits, DAY, HOUSEHOLDS, P, pid, RESIDENTS, topicInput, writeRolls, X } from './deliberation-fixture'
import { runJobs } from '../../cloud/src/jobs'

const api = apiPerTest()
const MORE = 240
const topic = async (id: string): Promise<Topic> => (await api.ports.store.get('topics', id))!

/** 新山村 with MORE residents besides its own (no household), who joined before anything here */
async function grow(): Promise<void> {
  const now = api.ports.clock.now()
  api.seedDocuments('persons', Array.from({ length: MORE }, (_, i) => ({ _id: `p_many${i}`, openid: `many-${i}`, name: `村民${i}`, createdAt: now - 1000 })))
  api.seedDocuments('memberships', Array.from({ length: MORE }, (_, i) => membershipDoc(X, `p_many${i}`, `村民${i}`, { householdId: null, joinedAt: now - 1000 })))
}

/** a draft published, its roll left to the job */
async function publish(mode: 'person' | 'household' = 'person', amend = false): Promise<string> {
  const c = api.as(P.committee)
  const { topic: t } = await c.call('topics.save', topicInput(api, { mode }))
  if (amend) await c.call('topics.amendRoll', { villageId: X, topicId: t._id, key: 'p_many3', change: 'remove', reason: '长期在外务工' })
  await c.call('topics.publish', { villageId: X, topicId: t._id })
  return t._id
}

/** the roll the rule gives for the register as it is now, by key */
async function expectedRoll(t: Topic): Promise<string[]> {
  const [members, households] = await Promise.all([api.ports.store.find('memberships', { villageId: X }), api.ports.store.find('households', { villageId: X })])
  return rollAt(t.mode, members, households, t.publishedAt!, t.rollChanges ?? [])
    .map((v) => v.key)
    .sort()
}

/** the written roll: every voter of the rule once, in chunks of at most 100 whose bounds find each; audited and told once */
async function expectWritten(topicId: string): Promise<void> {
  const t = await topic(topicId)
  expect(t.rollJob).toBeUndefined()
  const chunks = await api.ports.store.find('topicRolls', { topicId })
  expect(chunks).toHaveLength(t.rollChunks!)
  expect(t.rollBounds).toHaveLength(t.rollChunks!)
  expect(chunks.every((c) => c.entries.length <= 100)).toBe(true)
  const keys = chunks.flatMap((c) => c.entries.map((e) => e.key))
  expect([...keys].sort()).toEqual(await expectedRoll(t))
  expect(t.eligibleCount).toBe(keys.length)
  expect((await audits(api, 'topics.roll')).filter((a) => a.targetId === topicId)).toHaveLength(1)
  // the notices a killed run left in the outbox go out with the job's delivery
  while (await deliverDueNotices(api.ports, api.ports.clock.now()));
  const told = (await api.ports.store.find('notifications', { title: '新议题：请参加投票' }, { limit: 5000 })).filter((n) => n.body.includes(t.title))
  expect(told.map((n) => n.personId).sort()).toEqual(chunks.flatMap((c) => c.entries.map((e) => e.personId)).sort())
  // the committee's per-grid figures count the whole roll
  const grids = await api.as(P.committee).call('topics.turnoutByGrid', { villageId: X, topicId })
  expect(grids.reduce((n, g) => n + g.eligible, 0)).toBe(keys.length)
}

test('voting works before the job has written the roll: by the rule fixed at the opening, and counted once it is', async () => {
  await grow()
  const topicId = await publish('person', true)
  const t = await topic(topicId)
  expect(t).toMatchObject({ status: 'open', eligibleCount: RESIDENTS + MORE, rollJob: { after: null, chunks: 0 } })
  expect(t.rollChunks).toBeUndefined()
  expect(await api.ports.store.count('topicRolls', { topicId })).toBe(0)

  // on the register as it was at the opening: a member votes; one taken off the draft roll, or who joins later, does not
  expect(await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ personId: pid(P.resident) })
  expect(await api.as('many-7').call('ballots.cast', { villageId: X, topicId, choices: ['no'] })).toMatchObject({ personId: 'p_many7', gridId: null })
  expect(await api.as('many-3').fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('不在本议题的选民名册上') })
  api.advance(1000)
  await api.ports.store.insert('persons', { _id: 'p_late', openid: 'late', name: '新来的', createdAt: api.ports.clock.now() })
  await api.ports.store.insert('memberships', membershipDoc(X, 'p_late', '新来的', { householdId: null, joinedAt: api.ports.clock.now() }))
  expect(await api.as('late').fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('本议题开始后加入') })
  // the meeting list reads the same rule meanwhile
  const listed = await api.as(P.committee).call('ballots.voters', { villageId: X, topicId, q: '村民3' })
  expect(listed.voters.map((v) => v.personId)).not.toContain('p_many3')

  // the job: three batches of the register in one run, each a chunk
  expect(await buildRolls(api.ports, api.ports.clock.now())).toBe(3)
  await expectWritten(topicId)
  const written = await topic(topicId)
  expect(written.eligibleCount).toBe(RESIDENTS + MORE - 1)
  expect((await audits(api, 'topics.roll'))[0].reason).toBe(`选民名册已固定：可投票${RESIDENTS + MORE - 1}人，分3段`)
  // the ballots cast before are on it, counted, and change as any other
  const d = await api.as(P.committee).call('topics.get', { villageId: X, topicId })
  expect(d.turnout).toMatchObject({ participants: 2, eligible: RESIDENTS + MORE - 1 })
  expect(await api.as('many-7').call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ changes: 1 })
  expect(await api.as('late').fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('本议题开始后加入') })
  expect(await buildRolls(api.ports, api.ports.clock.now())).toBe(0)
})

test('by household: the 户代表 votes before the roll is written, the rest of the family does not; the roll is the households', async () => {
  const topicId = await publish('household')
  expect(await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ personId: pid(P.resident) })
  expect(await api.as(P.liguilan).fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('户代表') })
  await writeRolls(api)
  await expectWritten(topicId)
  expect((await topic(topicId)).eligibleCount).toBe(HOUSEHOLDS)
  expect(await api.as(P.liguilan).fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN' })
})

test.each([0, 1, 2, 4, 7])('a run killed after %i writes goes on from the last batch it wrote: each voter once, audited once', async (k) => {
  await grow()
  const topicId = await publish()
  await expect(buildRolls(killedAfter(api, k), api.ports.clock.now())).rejects.toThrow('killed')
  const cut = await topic(topicId)
  expect(await api.ports.store.count('topicRolls', { topicId })).toBe(cut.rollJob?.chunks ?? cut.rollChunks)
  await writeRolls(api)
  await expectWritten(topicId)
})

test('runs at once write each batch once', async () => {
  await grow()
  const topicId = await publish()
  const now = api.ports.clock.now()
  await Promise.all([buildRolls(api.ports, now), buildRolls(api.ports, now), buildRolls(api.ports, now)])
  await writeRolls(api)
  await expectWritten(topicId)
})

test('each step of the job makes a bounded number of database calls, whatever the size of the village', async () => {
  await grow()
  const topicId = await publish()
  const calls: number[] = []
  for (let t: Topic | null = await topic(topicId); t?.rollJob; ) {
    const before = api.dbCalls()
    t = await rollStep(api.ports, t, api.ports.clock.now())
    calls.push(api.dbCalls() - before)
  }
  expect(calls).toHaveLength(3)
  // a batch: two reads of the register, the chunk with its counts, notice and cursor in one transaction, the notices delivered
  for (const n of calls) expect(n).toBeLessThanOrEqual(25)
  await expectWritten(topicId)
})

test('a topic whose time is up before its roll is written closes once it is, its final counts counting the whole roll', async () => {
  await grow()
  const topicId = await publish()
  await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
  api.advance(3 * DAY)
  // a read after the deadline does not close it yet, and a ballot is refused by the time
  expect((await api.as(P.resident).call('topics.get', { villageId: X, topicId })).topic.status).toBe('open')
  expect(await api.as('many-1').fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'CLOSED' })
  // the job: the roll first, then the close
  await runJobs(api.ports)
  const t = await topic(topicId)
  expect(t).toMatchObject({ status: 'closed', eligibleCount: RESIDENTS + MORE })
  expect(Object.values(t.final!.eligible).reduce((n, k) => n + k, 0)).toBe(RESIDENTS + MORE)
  expect(t.final!.ballots.online).toBe(1)
})
