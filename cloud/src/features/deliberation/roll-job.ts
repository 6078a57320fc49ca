/**
 * The voter roll (选民名册) of an opened topic, written by a job in bounded batches: ROLL_CHUNK_SIZE entries of the
 * register a step (members in person mode, households in household mode), read in key order after the job's cursor
 * (keyset, never a skip), each batch written as one topicRolls chunk with the cursor, the counters' eligible voters and
 * the batch's opening notice in one transaction on the topic's rollJob. A run cut anywhere goes on from the last batch
 * it wrote; two runs at once write each chunk once (the second finds the cursor moved); the roll is audited once, when
 * the last batch is in.
 *
 * Who is on it was fixed at the opening, whenever the batch is read: the members who had joined by publishedAt, with
 * the committee's amendments (rollAt). A ballot cast while it is being written is checked by the same rule (voterCheck).
 */
import type { Ports } from '../../ports/ports'
import type { Household, Membership } from '../account/documents'
import type { RollJob, Topic } from './documents'
import { DuplicateIdError } from '../../ports/store'
import { appendAudit, systemAuditEntry } from '../../common/audit'
import { getMany } from '../../common/load'
import { shortTime } from '../../common/time'
import { deliverNotices, notifyMany } from '../account/notices'
import { PAGES } from './data'
import { addToShard } from './tally'
import { runTopicJobs } from './topic-jobs'
import { emptyCounts, gridField, rollAt, rollChunkId, sortedRoll, tallyShardId, ROLL_CHUNK_SIZE, type Voter } from './policy'

/** batches one run of the job writes, over all topics: a run's database calls stay bounded */
export const ROLL_STEPS_PER_RUN = 10

/** A roll job from the start. */
export const startRoll = (now: number): RollJob => ({ after: null, chunks: 0, bounds: [], total: 0, startedAt: now })

/** The next batch of the register after the cursor, with the voters it puts on the roll: two finds. */
async function nextBatch(ports: Ports, t: Topic, after: string | null, publishedAt: number): Promise<{ keys: string[]; voters: Voter[] }> {
  const { store } = ports
  const { villageId } = t
  const byKey = { sort: [['_id', 'asc']] as Array<[string, 'asc']>, limit: ROLL_CHUNK_SIZE }
  let members: Membership[]
  let households: Household[]
  let keys: string[]
  if (t.mode === 'person') {
    // a membership's id is `${villageId}:${personId}`: in personId order within the village
    members = await store.find('memberships', after === null ? { villageId } : { villageId, _id: { $gt: `${villageId}:${after}` } }, byKey)
    households = (await getMany(store, 'households', [...new Set(members.flatMap((m) => (m.householdId ? [m.householdId] : [])))])).filter((h) => h.villageId === villageId)
    keys = members.map((m) => m.personId)
  } else {
    households = await store.find('households', after === null ? { villageId } : { villageId, _id: { $gt: after } }, byKey)
    members = await getMany(store, 'memberships', households.flatMap((h) => (h.repPersonId ? [`${villageId}:${h.repPersonId}`] : [])))
    keys = households.map((h) => h._id)
  }
  return { keys, voters: rollAt(t.mode, members, households, publishedAt, t.rollChanges ?? []) }
}

/**
 * The counters' shards nobody has counted on yet, written empty with the first batch (two calls): a ballot then adds
 * to its shard, never writes it first (one call more, for the ballots cast before the job's first run). A ballot that
 * writes one at the same moment makes the insert fail: it is left to the ballots, as before.
 */
async function writeShards(ports: Ports, t: Topic): Promise<void> {
  const have = new Set((await ports.store.find('topicTallies', { topicId: t._id }, { limit: t.tallyShards })).map((s) => s.shard))
  const missing = Array.from({ length: t.tallyShards ?? 0 }, (_, k) => k).filter((k) => !have.has(k))
  const docs = missing.map((k) => ({ _id: tallyShardId(t._id, k), villageId: t.villageId, topicId: t._id, shard: k, ...emptyCounts() }))
  await ports.store.insertMany('topicTallies', docs).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
}

/** What everyone on the roll is told when it opens (a 户代表 votes for the household). */
function openingNotice(t: Topic, now: number): string {
  return `「${t.title}」${t.mode === 'household' ? '按户表决，请户代表' : '请'}在${shortTime(t.closesAt)}前投票${t.opensAt > now ? `（${shortTime(t.opensAt)}开始）` : ''}。`
}

/**
 * One step of a topic's roll job; the topic as it is after it (its rollJob gone when the roll is written), or null when
 * another run took the step first.
 */
export async function rollStep(ports: Ports, t: Topic, now: number): Promise<Topic | null> {
  const job = t.rollJob
  if (!job || t.publishedAt === null) return t
  if (!job.chunks && t.tallyShards) await writeShards(ports, t)
  const { keys, voters } = await nextBatch(ports, t, job.after, t.publishedAt)
  const done = keys.length < ROLL_CHUNK_SIZE
  // a last batch with nothing in it writes no chunk (but a roll has at least one)
  const chunk = keys.length || !job.chunks ? sortedRoll(voters) : null
  const next: RollJob = {
    ...job,
    after: keys.at(-1) ?? job.after,
    chunks: job.chunks + (chunk ? 1 : 0),
    // the first chunk from the lowest key on, each next one from its first key
    bounds: chunk ? [...job.bounds, job.chunks ? keys[0] : ''] : job.bounds,
    total: job.total + voters.length,
  }
  const eligible: Record<string, number> = {}
  for (const v of voters) eligible[`eligible.${gridField(v.gridId)}`] = (eligible[`eligible.${gridField(v.gridId)}`] ?? 0) + 1
  const notices: string[] = []
  const written = await ports.store
    .transaction(async (tx) => {
      const cur = await tx.get('topics', t._id)
      // another run wrote this batch already (or finished): leave it
      if (!cur?.rollJob || cur.rollJob.after !== job.after || cur.rollJob.chunks !== job.chunks) return null
      if (chunk) await tx.insert('topicRolls', { _id: rollChunkId(t._id, job.chunks), villageId: t.villageId, topicId: t._id, entries: chunk })
      // the batch's voters on one shard of the counters (the turnout by grid reads their sum)
      if (voters.length && cur.tallyShards) await addToShard(tx, cur, job.chunks % cur.tallyShards, eligible)
      if (voters.length) await notifyMany({ ports, now, notices }, t.villageId, voters.map((v) => v.personId), '新议题：请参加投票', openingNotice(cur, now), PAGES.topic(t._id), tx)
      if (!done) {
        await tx.update('topics', t._id, { set: { rollJob: next } })
        return { ...cur, rollJob: next }
      }
      const set: Partial<Topic> = { rollJob: undefined, rollChunks: next.chunks, rollBounds: next.bounds, eligibleCount: next.total }
      await tx.update('topics', t._id, { set })
      const unit = t.mode === 'person' ? '人' : '户'
      await appendAudit(tx, systemAuditEntry(t.villageId, now, 'topics.roll', { type: 'topic', id: t._id, label: t.title }, `选民名册已固定：可投票${next.total}${unit}，分${next.chunks}段`))
      const { rollJob: _gone, ...rest } = { ...cur, ...set }
      return rest as Topic
    })
    .catch((e: unknown) => (e instanceof DuplicateIdError ? null : Promise.reject(e)))
  if (notices.length) await deliverNotices(ports, now, notices)
  return written
}

/** The job's step: the rolls being written, oldest first, ROLL_STEPS_PER_RUN batches a run in all. Returns the batches written. */
export const buildRolls = (ports: Ports, now: number): Promise<number> => runTopicJobs(ports, now, 'rollJob', rollStep, ROLL_STEPS_PER_RUN)
