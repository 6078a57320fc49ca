/**
 * Issue 16: a reminder to thousands goes out in bounded batches. The action answers at once with how many are to be
 * told; the job tells them a roll chunk at a time, run after run, each run reaching a bounded number of people with a
 * bounded number of database calls; every person is told exactly once and pushed at most once, also when a run is
 * cut in the middle; the reminder is audited once.
 */
import { runJobs } from '../../cloud/src/jobs'
import { linkPendingAudit } from '../../cloud/src/features/audit/jobs'
import { PEOPLE_PER_RUN } from '../../cloud/src/features/account/notices'
import { REMIND_STEPS_PER_RUN } from '../../cloud/src/features/deliberation/remind-job'
import { rollChunkId, ROLL_CHUNK_SIZE } from '../../cloud/src/features/deliberation/policy'
import type { RollEntry } from '../../cloud/src/features/deliberation/documents'
import { apiPerTest, ID, killedAfter, membershipDoc, T0 } from './harness'
import { noticeNewJoinRequests } from '../../cloud/src/features/account/jobs'

const api = apiPerTest()
const X = 'v-xinshan'
const ROAD = `${X}:t1`
const PEOPLE = 4500

/** 新山村's open topic with PEOPLE more voters on its frozen roll (in chunks of ROLL_CHUNK_SIZE after its own), none of whom has voted */
async function bigRoll(): Promise<void> {
  const { store } = api.ports
  api.seedDocuments(
    'persons',
    Array.from({ length: PEOPLE }, (_, i) => ({ _id: `p_many${i}`, openid: `many-${i}`, name: `村民${i}`, createdAt: T0 })),
  )
  const entries: RollEntry[] = Array.from({ length: PEOPLE }, (_, i) => ({ key: `p_many${i}`, personId: `p_many${i}`, name: `村民${i}`, householdId: null, gridId: null, doorplate: null }))
  const have = (await store.get('topics', ROAD))!.rollChunks!
  const chunks = Math.ceil(PEOPLE / ROLL_CHUNK_SIZE)
  api.seedDocuments(
    'topicRolls',
    Array.from({ length: chunks }, (_, k) => ({ _id: rollChunkId(ROAD, have + k), villageId: X, topicId: ROAD, entries: entries.slice(k * ROLL_CHUNK_SIZE, (k + 1) * ROLL_CHUNK_SIZE) })),
  )
  await store.update('topics', { _id: ROAD }, { inc: { rollChunks: chunks, eligibleCount: PEOPLE } })
}

/** the reminder's notices, by person */
async function reminded(): Promise<Map<string, number>> {
  const notes = await api.ports.store.find('notifications', { title: '请参加投票' }, { limit: 10_000 })
  const by = new Map<string, number>()
  for (const n of notes) by.set(n.personId, (by.get(n.personId) ?? 0) + 1)
  return by
}

/** the reminder's pushes by person, from now on (the local notifier keeps only its last 1,000) */
function countPushes(): Map<string, number> {
  const by = new Map<string, number>()
  const notifier = api.ports.notifier
  const send = notifier.send.bind(notifier)
  jest.spyOn(notifier, 'send').mockImplementation(async (n) => {
    if (n.title === '请参加投票') by.set(n.personId, (by.get(n.personId) ?? 0) + 1)
    return send(n)
  })
  return by
}

test('a reminder to thousands: answered at once, told by the job a roll chunk at a time over its runs, each exactly once, in bounded calls per run', async () => {
  await bigRoll()
  await runJobs(api.ports) // the demo's own due work first
  const pushes = countPushes()
  const before = api.dbCalls()
  const { reminded: count } = await api.as(ID.committee).call('topics.remind', { villageId: X, topicId: ROAD })
  expect(count).toBeGreaterThan(PEOPLE)
  const afterActionCalls = api.dbCalls() - before
  expect(afterActionCalls).toBeLessThanOrEqual(10)
  expect((await reminded()).size).toBe(0)
  // the reminder's audit entry, linked into the chain by the job's audit step (its batches are bounded apart: audit.test)
  expect(await linkPendingAudit(api.ports)).toBe(1)

  const runs: number[] = []
  for (let run = 0; run < 10 && (await reminded()).size < count; run++) {
    const mark = api.dbCalls()
    await runJobs(api.ports)
    runs.push(api.dbCalls() - mark)
  }
  // the roll's chunks at REMIND_STEPS_PER_RUN a run (as many people as PEOPLE_PER_RUN), each run bounded: beyond what an
  // idle run reads, at most 12 calls a chunk of 100 (the chunk, its ballots, the transaction with the notice, its delivery)
  expect(REMIND_STEPS_PER_RUN * ROLL_CHUNK_SIZE).toBe(PEOPLE_PER_RUN)
  const chunks = (await api.ports.store.get('topics', ROAD))!.rollChunks!
  expect(runs.length).toBe(Math.ceil(chunks / REMIND_STEPS_PER_RUN))
  const idleMark = api.dbCalls()
  await runJobs(api.ports)
  const idle = api.dbCalls() - idleMark
  console.log(`reminder to ${count}: ${afterActionCalls} calls in the action, job runs ${runs.join(', ')} calls (idle run ${idle})`)
  for (const calls of runs) expect(calls - idle).toBeLessThanOrEqual(REMIND_STEPS_PER_RUN * 12)
  const told = await reminded()
  expect(told.size).toBe(count)
  expect([...told.values()].every((n) => n === 1)).toBe(true)
  expect(pushes.size).toBe(count)
  expect([...pushes.values()].every((n) => n === 1)).toBe(true)
  expect(await api.ports.store.count('noticeOutbox', { status: 'pending' })).toBe(0)
  expect((await api.ports.store.get('topics', ROAD))!.remindJob).toBeUndefined()
  expect(await api.ports.store.count('auditLog', { action: 'topics.remind', targetId: ROAD })).toBe(1)
})

test.each([3, 8, 14])('a job run cut after its %i-th write resumes where it stopped: everyone told once, no push twice', async (k) => {
  await bigRoll()
  const pushes = countPushes()
  const { reminded: count } = await api.as(ID.committee).call('topics.remind', { villageId: X, topicId: ROAD })
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined)
  try {
    await runJobs(killedAfter(api, k)).catch(() => undefined)
  } finally {
    error.mockRestore()
  }
  // past the lease of a push cut in flight (never sent again: it may have reached WeChat)
  api.advance(2 * 3600_000)
  for (let run = 0; run < 10; run++) await runJobs(api.ports)
  const told = await reminded()
  expect(told.size).toBe(count)
  expect([...told.values()].every((n) => n === 1)).toBe(true)
  expect([...pushes.values()].every((n) => n === 1)).toBe(true)
  // a batch's pushes go out between two writes: a cut loses none of them
  expect(pushes.size).toBe(count)
  expect(await api.ports.store.count('noticeOutbox', { status: 'pending' })).toBe(0)
})

test('a notice to the committee finds its members among thousands in one query (not the first thousand memberships)', async () => {
  // memberships that sort before 林志强's, more than a page of 1,000
  api.seedDocuments(
    'memberships',
    Array.from({ length: 1500 }, (_, i) => membershipDoc(X, `p_aaa${i}`, `村民${i}`)),
  )
  await api.as(ID.newcomer).call('join.request', { villageId: X, name: '赵新来', doorplate: '新山村东一巷99号', relation: '户主' })
  // the job tells the committee (account/jobs.ts), its delivery in a few calls
  const before = api.dbCalls()
  await noticeNewJoinRequests(api.ports, api.ports.clock.now())
  expect(api.dbCalls() - before).toBeLessThanOrEqual(20)
  const told = await api.ports.store.find('notifications', { title: '新的入村申请' }, { limit: 100 })
  expect(told.map((n) => n.personId)).toEqual(expect.arrayContaining(['p_linzhiqiang']))
})

test('a notice to every resident of a village of thousands: left to the job, its members a page at a time, from the event’s cursor over its runs, each resident once, the author and the staff not', async () => {
  api.seedDocuments('persons', Array.from({ length: PEOPLE }, (_, i) => ({ _id: `p_many${i}`, openid: `many-${i}`, name: `村民${i}`, createdAt: T0 })))
  api.seedDocuments('memberships', Array.from({ length: PEOPLE }, (_, i) => membershipDoc(X, `p_many${i}`, `村民${i}`)))
  await runJobs(api.ports) // the demo's own due work first
  const residents = (await api.ports.store.find('memberships', { villageId: X }, { limit: 10_000 })).filter((m) => m.roles.includes('resident')).map((m) => m.personId)
  const before = api.dbCalls()
  await api.as(ID.committee).call('affairs.publishNotice', { villageId: X, noticeId: null, category: 'village', title: '全村停水通知', text: '明天上午八点至十二点停水检修。', photos: [], from: '2026-11-26', until: '2026-12-10' })
  // the answer does not wait for any of them: the job tells them all
  expect(api.dbCalls() - before).toBeLessThanOrEqual(10)
  const told = async () => (await api.ports.store.find('notifications', { title: '村务公告' }, { limit: 10_000 })).map((n) => n.personId)
  expect(await told()).toEqual([])
  for (let run = 0; run < 10 && (await api.ports.store.count('noticeOutbox', { status: 'pending' })); run++) await runJobs(api.ports)
  const all = await told()
  expect(new Set(all).size).toBe(all.length)
  expect(all.sort()).toEqual(residents.filter((p) => p !== 'p_linzhiqiang').sort())
  expect(all).not.toContain('p_zhangxiuying')
})
