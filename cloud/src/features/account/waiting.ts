/**
 * The committee's waiting work as one counter document per village (issue 16: 首页's 待办 reads one document, not
 * five counts): join requests pending, topics closed awaiting their decision, proposals accepted and not yet on a
 * topic, board entries under appeal, and deletion requests pending (a person leaving several villages counts in each).
 * Every write that moves such a document into or out of its counted state adds the change to the counter in its own
 * transaction (`keepWaiting`; a topic's `keepDecisions`, which also keeps the first of them, the one 待办 names):
 * the state machines' steps do it for topics, proposals and board entries
 * (common/transition's `counted`), the others where they write. A village from before the counter has none to add
 * to (0 matched): it is counted on read until the migration builds it. The account feature owns this because its
 * own collections are among those counted (a feature imports only account); the others are read here by name.
 *
 * Sharded: a village's counter is WAITING_SHARDS documents (the village's id, then `${villageId}#1`…), an increment
 * going to any one of them and a read summing them (one call). On CloudBase a transaction that writes a document
 * conflicts at once with another holding it: forty newcomers asking at the same moment would all meet on one
 * document and some run out of retries. The first decision is kept on the first shard only (a topic closes seldom).
 */
import type { Filter, Store, TxStore } from '../../ports/store'
import { getMany } from '../../common/load'

export const WAITING_SHARDS = 8
const shardIds = (villageId: string) => Array.from({ length: WAITING_SHARDS }, (_, k) => (k ? `${villageId}#${k}` : villageId))
/** any shard: which one takes an increment does not matter to the sum, only that concurrent writers spread */
const anyShard = (villageId: string) => shardIds(villageId)[Math.floor(Math.random() * WAITING_SHARDS)]

export const WAITING_KINDS = ['joinRequests', 'decisions', 'proposals', 'appeals', 'deletions'] as const
export type WaitingKind = (typeof WAITING_KINDS)[number]
export type WaitingFigures = Record<WaitingKind, number>

/** the topic waiting longest for its decision, as 待办 names it */
export interface FirstDecision {
  topicId: string
  title: string
  closesAt: number
}

/** the counter document of a village (its _id is the village's) */
export interface WaitingCount extends WaitingFigures {
  _id: string
  /**
   * the first of the `decisions` (closing first, then by id): set when a topic closes before it (or the first closes),
   * null when there is none — or, with `decisions` above 0, when it was decided and the next is not known: then read
   */
  firstDecision?: FirstDecision | null
}

type ClosedTopic = { _id: string; villageId: string; status: string; title: string; closesAt: number }
const firstOf = (t: ClosedTopic): FirstDecision => ({ topicId: t._id, title: t.title, closesAt: t.closesAt })
const before = (a: FirstDecision, b: FirstDecision) => a.closesAt < b.closesAt || (a.closesAt === b.closesAt && a.topicId < b.topicId)

/** a counted document as the counter sees it */
type Counted = { status: string; topicId?: string | null }

/** whether a document in this state waits for the committee (the same rule as each kind's `FRESH` filter) */
const WAITS: Record<WaitingKind, (d: Counted) => boolean> = {
  joinRequests: (r) => r.status === 'pending',
  decisions: (t) => t.status === 'closed',
  proposals: (p) => p.status === 'accepted' && p.topicId === null,
  appeals: (e) => e.status === 'appealed',
  // a confirmed request stays until the job has erased it (the queue shows it as 正在删除)
  deletions: (d) => d.status === 'pending' || d.status === 'erasing',
}

/** each kind's fresh count in a village: the collection and its filter */
const FRESH: Record<WaitingKind, (villageId: string) => { collection: 'joinRequests' | 'topics' | 'proposals' | 'boardEntries' | 'deletionRequests'; filter: Filter }> = {
  joinRequests: (villageId) => ({ collection: 'joinRequests', filter: { villageId, status: 'pending' } }),
  decisions: (villageId) => ({ collection: 'topics', filter: { villageId, status: 'closed' } }),
  proposals: (villageId) => ({ collection: 'proposals', filter: { villageId, status: 'accepted', topicId: null } }),
  appeals: (villageId) => ({ collection: 'boardEntries', filter: { villageId, status: 'appealed' } }),
  deletions: (villageId) => ({ collection: 'deletionRequests', filter: { status: { $in: ['pending', 'erasing'] }, villageIds: { $has: villageId } } }),
}

/**
 * A document of `kind` changes from `before` to `after` (null: not there), in the caller's transaction: the
 * counters of its villages take the difference, if any.
 */
export async function keepWaiting(tx: TxStore, kind: WaitingKind, villageIds: readonly string[], before: Counted | null, after: Counted | null): Promise<void> {
  const delta = Number(!!after && WAITS[kind](after)) - Number(!!before && WAITS[kind](before))
  if (!delta) return
  for (const villageId of villageIds) await tx.update('waitingCounts', anyShard(villageId), { inc: { [kind]: delta } })
}

/**
 * A topic's step, in the caller's transaction: a topic closing or decided changes the village's decisions, and the
 * first of them named on 待办 (read here: a topic closes at most once, so this read is rare).
 */
export async function keepDecisions(tx: TxStore, was: ClosedTopic, now: ClosedTopic): Promise<void> {
  const delta = Number(WAITS.decisions(now)) - Number(WAITS.decisions(was))
  if (!delta) return
  const counter = await tx.get('waitingCounts', now.villageId)
  if (!counter) return
  const known = counter.firstDecision ?? null
  let first = known
  if (delta > 0 && (counter.decisions <= 0 || (known && before(firstOf(now), known)))) first = firstOf(now)
  // the first decided: the next is found by the next read that needs it
  if (delta < 0 && known?.topicId === now._id) first = null
  await tx.update('waitingCounts', now.villageId, { inc: { decisions: delta }, set: { firstDecision: first } })
}

/** The first topic waiting for its decision, counted afresh (null: none). */
export async function findFirstDecision(store: Store, villageId: string): Promise<FirstDecision | null> {
  const [t] = await store.find('topics', { villageId, status: 'closed' }, { sort: [['closesAt', 'asc'], ['_id', 'asc']], limit: 1 })
  return t ? firstOf(t) : null
}

/** The village's waiting work counted afresh: one count per kind. */
export async function countWaiting(store: Store, villageId: string): Promise<WaitingFigures> {
  const counts = await Promise.all(
    WAITING_KINDS.map((kind) => {
      const { collection, filter } = FRESH[kind](villageId)
      return store.count(collection, filter)
    }),
  )
  return Object.fromEntries(WAITING_KINDS.map((kind, i) => [kind, counts[i]])) as WaitingFigures
}

/** The village's counter, its shards summed (one read); null for a village from before it. */
export async function keptWaiting(store: Store, villageId: string): Promise<(WaitingFigures & { firstDecision: FirstDecision | null }) | null> {
  const shards = await getMany(store, 'waitingCounts', shardIds(villageId))
  const first = shards.find((d) => d._id === villageId)
  if (!first) return null
  const figures = Object.fromEntries(WAITING_KINDS.map((k) => [k, shards.reduce((n, d) => n + (d[k] ?? 0), 0)])) as WaitingFigures
  return { ...figures, firstDecision: first.firstDecision ?? null }
}

/** The village's waiting work: its counter (one read), or counted for a village from before it (its first decision then unknown). */
export async function waitingOf(store: Store, villageId: string): Promise<WaitingFigures & { firstDecision: FirstDecision | null }> {
  return (await keptWaiting(store, villageId)) ?? { ...(await countWaiting(store, villageId)), firstDecision: null }
}

/**
 * Recounts the village's counter and writes it when it differs (1) or leaves it (0). Run by the demo's seed (its
 * documents are written directly) and once per data folder at the local server's start (migrations.ts), when no
 * counted document is being written.
 */
export async function rebuildWaitingCounts(store: Store, villageId: string): Promise<number> {
  const ids = shardIds(villageId)
  const [counts, firstDecision, kept, shards] = await Promise.all([countWaiting(store, villageId), findFirstDecision(store, villageId), keptWaiting(store, villageId), getMany(store, 'waitingCounts', ids)])
  const same = kept && shards.length === WAITING_SHARDS && WAITING_KINDS.every((k) => kept[k] === counts[k]) && JSON.stringify(kept.firstDecision) === JSON.stringify(firstDecision)
  if (same) return 0
  // the whole count on the first shard, the others at zero (each created if missing: an increment there must land)
  const zero = Object.fromEntries(WAITING_KINDS.map((k) => [k, 0])) as WaitingFigures
  for (const id of ids) {
    const set = id === villageId ? { ...counts, firstDecision } : zero
    if (shards.some((d) => d._id === id)) await store.update('waitingCounts', { _id: id }, { set })
    else await store.insert('waitingCounts', { _id: id, ...set })
  }
  return 1
}

declare module '../../ports/store' {
  interface Collections {
    waitingCounts: WaitingCount
  }
}
