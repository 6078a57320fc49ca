/**
 * The published count (计票清单) of a closed topic, built by a job in bounded batches: COUNT_CHUNK_SIZE
 * ballots a step, read after a cursor (keyset, never a skip), each written as one topicCounts chunk with
 * the cursor and the running SHA-256 in one transaction on the topic's countJob. A run cut anywhere
 * goes on from the last batch it wrote; two runs at once write each chunk once (the second finds the
 * cursor moved); the count is audited once, when the last batch is in.
 *
 * The list is in receipt order: receipts are random, so the order says nothing about who voted (as a
 * shuffle would not), and the same ballots always give the same list and hash, however many runs built it.
 * A topic whose counts were never kept as counters gets its final counts from the same pass.
 */
import type { Ballot, CountJob, TallyCounts, Topic, TopicCount } from './documents'
import type { Ports } from '../../ports/ports'
import type { Store } from '../../ports/store'
import { DuplicateIdError } from '../../ports/store'
import { cursorAfter, pageAfter } from '../../common/keyset'
import { appendAudit, systemAuditEntry } from '../../common/audit'
import { sha256Hex, sha256Start, sha256Update } from '../../common/sha256'
import { deliverNotices } from '../account/notices'
import { loadVoters, newReceipt, tellClosed } from './data'
import { advanceTopicJob, runTopicJobs } from './topic-jobs'
import { applyDelta, countChunkId, countEntries, countsOf, countText, sumCounts, tallyDelta, COUNT_CHUNK_SIZE } from './policy'

/** ballots given a receipt in one step (only ballots cast before receipts existed lack one) */
const RECEIPTS_PER_STEP = 100
/** batches one run of the job writes, over all topics: a run's database calls stay bounded */
export const COUNT_STEPS_PER_RUN = 10
/** batches the count page builds itself before it answers 生成中 (a village's topic is done in one) */
export const COUNT_STEPS_INLINE = 2

/** published order: by receipt, ties (never in practice) by id */
const byReceipt = (a: Ballot, b: Ballot) => ((a.receipt ?? '') < (b.receipt ?? '') ? -1 : (a.receipt ?? '') > (b.receipt ?? '') ? 1 : a._id < b._id ? -1 : a._id > b._id ? 1 : 0)

/** The chunks and hash of a count of these ballots all at once (the demo seed): what the job's batches add up to. */
export function publishedCount(t: Pick<Topic, '_id' | 'villageId'>, ballots: Ballot[]): { docs: TopicCount[]; hash: string; total: number } {
  const entries = countEntries([...ballots].sort(byReceipt), newReceipt)
  const docs: TopicCount[] = []
  for (let i = 0; i * COUNT_CHUNK_SIZE < Math.max(1, entries.length); i++) {
    docs.push({ _id: countChunkId(t._id, i), villageId: t.villageId, topicId: t._id, index: i, entries: entries.slice(i * COUNT_CHUNK_SIZE, (i + 1) * COUNT_CHUNK_SIZE) })
  }
  return { docs, hash: sha256Hex(sha256Update(sha256Start(), countText(entries))), total: entries.length }
}

/** The next batch after the job's cursor: in receipt order to publish, in _id order for the counts alone. */
async function nextBatch(store: Store, topicId: string, job: CountJob): Promise<Ballot[]> {
  if (!job.publish) {
    return store.find('ballots', job.after ? { topicId, _id: { $gt: job.after.id } } : { topicId }, { sort: [['_id', 'asc']], limit: COUNT_CHUNK_SIZE })
  }
  const after = job.after ? cursorAfter(job.after.receipt, job.after.id) : null
  return (await pageAfter(store, 'ballots', { topicId }, 'receipt', 'asc', after, COUNT_CHUNK_SIZE)).docs
}

/**
 * One step of a topic's count job; the topic as it is after it (its countJob gone when the count is ready),
 * or null when another run took the step first.
 */
export async function countStep(ports: Ports, t: Topic, now: number): Promise<Topic | null> {
  const { store } = ports
  const job = t.countJob
  if (!job) return t
  if (job.publish && !job.after) {
    // a ballot cast before receipts existed gets one now: the list is in receipt order, and its voter can find it
    const bare = await store.find('ballots', { topicId: t._id, receipt: null }, { limit: RECEIPTS_PER_STEP })
    for (const b of bare) await store.update('ballots', { _id: b._id, receipt: null }, { set: { receipt: newReceipt() } })
    if (bare.length) return t
  }
  const batch = await nextBatch(store, t._id, job)
  const done = batch.length < COUNT_CHUNK_SIZE
  const entries = job.publish ? countEntries(batch, newReceipt) : []
  const text = countText(entries)
  const next: CountJob = {
    ...job,
    after: batch.length ? { receipt: job.publish ? batch[batch.length - 1].receipt! : '', id: batch[batch.length - 1]._id } : job.after,
    chunks: job.chunks + (entries.length || (done && job.publish && !job.chunks) ? 1 : 0),
    total: job.total + batch.length,
    sha: text ? sha256Update(job.sha, job.total ? `\n${text}` : text) : job.sha,
    // a copy to add to (JSON: Node 16, CloudBase's default runtime, has no structuredClone)
    counts: job.counts && batch.reduce((c, b) => applyDelta(c, tallyDelta(null, b)), JSON.parse(JSON.stringify(job.counts)) as typeof job.counts),
  }
  // a topic without counters: its roll's voters by grid complete the final counts
  const final: TallyCounts | null = done && next.counts ? sumCounts([next.counts, countsOf([], await loadVoters(store, t))]) : null
  // a topic closed without counters tells its result once it is counted
  const notices: string[] = []
  const hash = sha256Hex(next.sha)
  const written = await store
    .transaction(async (tx) => {
      const cur = await tx.get('topics', t._id)
      // another run wrote this batch already (or finished): leave it
      if (!cur?.countJob || JSON.stringify(cur.countJob.after) !== JSON.stringify(job.after)) return null
      if (next.chunks > job.chunks) await tx.insert('topicCounts', { _id: countChunkId(t._id, job.chunks), villageId: t.villageId, topicId: t._id, index: job.chunks, entries })
      if (!done) {
        await tx.update('topics', t._id, { set: { countJob: next } })
        return { ...cur, countJob: next }
      }
      const set: Partial<Topic> = { countJob: undefined, ...(final ? { final } : {}), ...(job.publish ? { countChunks: next.chunks, countHash: hash } : {}) }
      await tx.update('topics', t._id, { set })
      if (job.publish) {
        const target = { type: 'topic', id: t._id, label: t.title }
        await appendAudit(tx, systemAuditEntry(t.villageId, now, 'topics.count', target, `公布计票清单${next.total}张选票，SHA-256 ${hash}`))
      }
      if (final && job.publish) await tellClosed({ ports, now, notices }, cur, final, tx)
      const { countJob: _gone, ...rest } = { ...cur, ...set }
      return rest as Topic
    })
    .catch((e: unknown) => (e instanceof DuplicateIdError ? null : Promise.reject(e)))
  if (notices.length) await deliverNotices(ports, now, notices)
  return written
}

/** Up to `steps` steps of a topic's count job; the topic as it is then. */
export const advanceCount = (ports: Ports, t: Topic, now: number, steps: number): Promise<Topic> => advanceTopicJob(ports, t, now, steps, 'countJob', countStep)

/** The job's step: the counts being built, oldest first, COUNT_STEPS_PER_RUN batches a run in all. Returns the batches written. */
export const buildCounts = (ports: Ports, now: number): Promise<number> => runTopicJobs(ports, now, 'countJob', countStep, COUNT_STEPS_PER_RUN)
