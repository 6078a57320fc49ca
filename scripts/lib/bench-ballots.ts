/**
 * The bench's vote: `n` residents of 新山村 (persons, their openid claims and memberships written straight
 * into SQLite in one transaction: the bench measures casting, not joining), then a topic published by the
 * committee through the router and its roll written by the job, so that the roll holds all of them as it would in production.
 */
import type { startLocalServer } from '../../cloud/server/server'
import { buildRolls } from '../../cloud/src/features/deliberation/roll-job'
import { personKeyOf } from '../../cloud/src/features/account/policy'
import { benchVoter } from './bench-load'

type Server = Awaited<ReturnType<typeof startLocalServer>>

/** n voters and a topic on their roll */
export async function benchTopic(server: Server, n: number): Promise<string> {
  await benchVoters(server, n)
  return openBenchTopic(server)
}

/** the bench's voters bench-voter-0…n-1, members of 新山村 */
export async function benchVoters(server: Server, n: number): Promise<void> {
  const { store } = server.ports
  const now = server.ports.clock.now()
  // the store names its tables lazily: touch each so that the raw inserts below find them
  for (const c of ['persons', 'personKeys', 'memberships']) await store.count(c)
  const put = (table: string) => store.db.prepare(`INSERT INTO "${table}" (_id, doc) VALUES (?, ?)`)
  const [persons, keys, members] = [put('persons'), put('personKeys'), put('memberships')]
  store.db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const openid = benchVoter(i)
      const personId = `p_bench${i}`
      persons.run(personId, JSON.stringify({ _id: personId, openid, name: `压测村民${i}`, createdAt: now - 86_400_000 }))
      keys.run(personKeyOf(openid), JSON.stringify({ _id: personKeyOf(openid), personId }))
      const membership = {
        _id: `v-xinshan:${personId}`,
        villageId: 'v-xinshan',
        personId,
        name: `压测村民${i}`,
        householdId: null,
        relation: null,
        roles: ['resident'],
        partyMember: false,
        gridIds: [],
        hallId: null,
        townId: null,
        joinedAt: now - 86_400_000,
      }
      members.run(membership._id, JSON.stringify(membership))
    }
  })()
}

/** a topic opened now with every member of 新山村 on its roll (the bench's voters among them) */
export async function openBenchTopic(server: Server): Promise<string> {
  const now = server.ports.clock.now()
  const committee = { openid: 'demo-linzhiqiang' }
  const saved = await server.router(
    'topics.save',
    {
      villageId: 'v-xinshan',
      title: '压测：村道两侧种植绿化树',
      background: '压测用议题。',
      question: '是否同意在村道两侧种植绿化树？',
      kind: 'yesno',
      mode: 'person',
      results: 'live',
      opensAt: now - 60_000,
      closesAt: now + 7 * 86_400_000,
    },
    committee,
  )
  if (!saved.ok) throw new Error(`topics.save: ${JSON.stringify(saved.error)}`)
  const topicId = (saved.data as { topic: { _id: string } }).topic._id
  const published = await server.router('topics.publish', { villageId: 'v-xinshan', topicId }, committee)
  if (!published.ok) throw new Error(`topics.publish: ${JSON.stringify(published.error)}`)
  // its roll written, as the server's job does within a minute of the opening: the bench measures the open topic's steady state
  while (await buildRolls(server.ports, server.ports.clock.now()));
  return topicId
}
