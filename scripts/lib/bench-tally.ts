/**
 * The bench's reads of a topic's tally (issue 16: flat from 1,000 to 100,000 documents in one village):
 * a topic of 新山村 with n ballots written straight into SQLite (the bench measures reading, not casting)
 * and its counters built from them as the migration would; then topics.get, topics.list and
 * topics.turnoutByGrid through the router, as the committee, timed.
 */
import type { startLocalServer } from '../../cloud/server/server'
import type { Ballot, Topic } from '../../cloud/src/features/deliberation/documents'
import { loadVoters } from '../../cloud/src/features/deliberation/data'
import { tallyShards } from '../../cloud/src/features/deliberation/policy'

type Server = Awaited<ReturnType<typeof startLocalServer>>
const COMMITTEE = { openid: 'demo-linzhiqiang' }
const X = 'v-xinshan'

/** A published topic of 新山村 with n ballots (yes/no/abstain, spread over the village's grids) and its counters. */
export async function topicWithBallots(server: Server, n: number): Promise<string> {
  const { store } = server.ports
  const now = server.ports.clock.now()
  const input = { villageId: X, title: `读取压测：${n}张选票`, background: '压测用议题。', question: '是否同意本次压测事项？', kind: 'yesno' as const, mode: 'person' as const, results: 'live' as const, opensAt: now - 60_000, closesAt: now + 7 * 86_400_000 }
  const saved = await server.router('topics.save', input, COMMITTEE)
  if (!saved.ok) throw new Error(`topics.save: ${JSON.stringify(saved.error)}`)
  const topicId = (saved.data as { topic: { _id: string } }).topic._id
  const published = await server.router('topics.publish', { villageId: X, topicId }, COMMITTEE)
  if (!published.ok) throw new Error(`topics.publish: ${JSON.stringify(published.error)}`)
  const grids = (await store.find('grids', { villageId: X })).map((g) => g._id)
  const ballots: Ballot[] = Array.from({ length: n }, (_, i) => ({
    _id: `${topicId}:p_read${i}`,
    villageId: X,
    topicId,
    voterKey: `p_read${i}`,
    personId: `p_read${i}`,
    householdId: null,
    gridId: grids[i % grids.length] ?? null,
    choices: [['yes', 'no', 'abstain'][i % 3]],
    source: i % 10 ? 'online' : 'meeting',
    castBy: `p_read${i}`,
    castByName: `压测村民${i}`,
    castAt: now - i,
    changes: 0,
    receipt: `R${String(i).padStart(3, '0').slice(0, 3)}-${String(i).padStart(4, '0').slice(-4)}`,
  }))
  const t = (await store.get('topics', topicId)) as Topic
  const shards = tallyShards(t, await loadVoters(store, t), ballots, t.tallyShards)
  const put = (table: string) => store.db.prepare(`INSERT OR REPLACE INTO "${table}" (_id, doc) VALUES (?, ?)`)
  const [b, s] = [put('ballots'), put('topicTallies')]
  store.db.transaction(() => {
    for (const x of ballots) b.run(x._id, JSON.stringify(x))
    for (const x of shards) s.run(x._id, JSON.stringify(x))
  })()
  return topicId
}

/** Median time of `runs` calls of an action as the committee (after one warm-up call). */
export async function timeAction(server: Server, action: string, input: unknown, runs: number): Promise<number> {
  const call = async () => {
    const t0 = performance.now()
    const r = await server.router(action, input, COMMITTEE)
    if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r.error)}`)
    return performance.now() - t0
  }
  await call()
  const times: number[] = []
  for (let i = 0; i < runs; i++) times.push(await call())
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]
}
