/**
 * A topic's counters (topicTallies): every ballot write adds its change to its voter's shard in the
 * same transaction, so that reading the tally, the turnout and the turnout by grid sums a few small
 * documents whatever the number of ballots; at the close the sum is stored on the topic.
 */
import type { Ballot, TallyCounts, Topic } from './documents'
import type { Store, TxStore } from '../../ports/store'
import { applyDelta, emptyCounts, sumCounts, tallyDelta, tallyShardId, tallyShardOf } from './policy'
import { incOrInsert } from '../../common/counters'

/** The sum of the topic's shards (one find), or null for a topic opened before the counters. */
export async function readShards(store: Store, t: Pick<Topic, '_id' | 'tallyShards'>): Promise<TallyCounts | null> {
  if (t.tallyShards === undefined) return null
  return sumCounts(await store.find('topicTallies', { topicId: t._id }, { limit: t.tallyShards }))
}

/**
 * The summed shards of many topics in one find (a list page), by topic id; topics opened before the
 * counters are absent from the map.
 */
export async function readShardsOf(store: Store, topics: ReadonlyArray<Pick<Topic, '_id' | 'tallyShards'>>): Promise<Map<string, TallyCounts>> {
  const kept = topics.filter((t) => t.tallyShards !== undefined)
  const out = new Map<string, TallyCounts>()
  if (!kept.length) return out
  const limit = kept.reduce((n, t) => n + t.tallyShards!, 0)
  const shards = await store.find('topicTallies', { topicId: { $in: kept.map((t) => t._id) } }, { limit })
  for (const t of kept) out.set(t._id, sumCounts(shards.filter((s) => s.topicId === t._id)))
  return out
}

/**
 * Counts a ballot write on its shard, inside the transaction that writes the ballot: `before` is the
 * ballot it replaces (taken out), `after` what it writes (counted); either null. A blind increment: a
 * shard is never read by a ballot, so ballots cast at once conflict only on the same shard at once.
 */
export async function countBallot(tx: TxStore, t: Pick<Topic, '_id' | 'villageId' | 'tallyShards'>, before: Ballot | null, after: Ballot | null): Promise<void> {
  if (t.tallyShards === undefined) return
  const inc = tallyDelta(before, after)
  if (!Object.keys(inc).length) return
  await addToShard(tx, t, tallyShardOf((after ?? before)!.voterKey, t.tallyShards), inc)
}

/**
 * Adds increments to one shard, writing it first when nobody has yet: a topic's shards are written as they are first
 * counted on (a ballot, a batch of its roll), not all with the opening. Two first writes at once: the one whose
 * insert loses runs again (DuplicateIdError, or CloudBase's conflict) and finds it there.
 */
export async function addToShard(tx: TxStore, t: Pick<Topic, '_id' | 'villageId'>, k: number, inc: Record<string, number>): Promise<void> {
  const id = tallyShardId(t._id, k)
  await incOrInsert(tx, 'topicTallies', id, inc, () => ({ _id: id, villageId: t.villageId, topicId: t._id, shard: k, ...applyDelta(emptyCounts(), inc) }))
}

/**
 * Seals every shard of a topic in the close's transaction and returns their sum, the final counts. The
 * close writes every shard: a ballot whose transaction began before the close commits (it read the topic
 * still open) and counts on a shard after it conflicts with it on CloudBase, and runs again to find the
 * topic closed (writeBallot); one counting while the close runs makes the close run again after it.
 */
export async function sealShards(tx: TxStore, t: Pick<Topic, '_id' | 'villageId' | 'tallyShards'>): Promise<TallyCounts> {
  const shards: TallyCounts[] = []
  for (let k = 0; k < (t.tallyShards ?? 0); k++) {
    const id = tallyShardId(t._id, k)
    const shard = await tx.get('topicTallies', id)
    // one nothing was counted on yet is written sealed: a ballot writing it first conflicts with the close the same way
    if (!shard) await tx.insert('topicTallies', { _id: id, villageId: t.villageId, topicId: t._id, shard: k, sealed: true, ...emptyCounts() })
    else {
      await tx.update('topicTallies', id, { set: { sealed: true } })
      shards.push(shard)
    }
  }
  return sumCounts(shards)
}
