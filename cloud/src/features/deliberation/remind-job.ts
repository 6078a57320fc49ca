/**
 * The committee's reminder to those who have not voted (topics.remind), told by the job in bounded batches: one roll
 * chunk (ROLL_CHUNK_SIZE voters) a step, its voters' ballots read by id (one find), the chunk's notice to those without
 * one written with the cursor in one transaction on the topic's remindJob. A run cut anywhere goes on from the last
 * chunk it told; two runs at once tell each chunk once (the second finds the cursor moved). The reminder is audited
 * once, by the action that started it.
 */
import type { Ports } from '../../ports/ports'
import type { RemindJob, Topic } from './documents'
import { deliverNotices, notifyMany } from '../account/notices'
import { getMany } from '../../common/load'
import { allBallots, loadVoters, PAGES } from './data'
import { ballotId, rollChunkId } from './policy'
import { runTopicJobs } from './topic-jobs'

/** chunks one run of the job tells, over all topics: 2,000 people, each step about twelve calls */
export const REMIND_STEPS_PER_RUN = 20

/** A reminder from the roll's first chunk. */
export const startReminder = (now: number, title: string, body: string): RemindJob => ({ chunk: 0, told: 0, title, body, startedAt: now })

/** The people of the roll's chunk `job.chunk` who have not voted; `last` when it is the roll's last (or the whole roll). */
async function notVoted(ports: Ports, t: Topic, job: RemindJob): Promise<{ people: string[]; last: boolean }> {
  const { store } = ports
  if (t.rollChunks === undefined) {
    // a topic opened before rolls were stored in chunks: its voters at once (as before the job)
    const [voters, ballots] = await Promise.all([loadVoters(store, t), allBallots(store, t._id)])
    const voted = new Set(ballots.map((b) => b.voterKey))
    return { people: voters.filter((v) => !voted.has(v.key)).map((v) => v.personId), last: true }
  }
  const chunk = await store.get('topicRolls', rollChunkId(t._id, job.chunk))
  const entries = chunk?.entries ?? []
  const voted = new Set((await getMany(store, 'ballots', entries.map((v) => ballotId(t._id, v.key)))).map((b) => b.voterKey))
  return { people: entries.filter((v) => !voted.has(v.key)).map((v) => v.personId), last: job.chunk + 1 >= t.rollChunks }
}

/**
 * One step of a topic's reminder; the topic after it (its remindJob gone when everyone is told, or the topic closed),
 * or null when another run took the step first or the roll is still being written (the reminder waits for it).
 */
export async function remindStep(ports: Ports, t: Topic, now: number): Promise<Topic | null> {
  const job = t.remindJob
  if (!job) return t
  if (t.rollJob) return null
  const open = t.status === 'open' && t.closesAt > now
  const { people, last } = open ? await notVoted(ports, t, job) : { people: [], last: true }
  const next: RemindJob = { ...job, chunk: job.chunk + 1, told: job.told + people.length }
  const notices: string[] = []
  const written = await ports.store.transaction(async (tx) => {
    const cur = await tx.get('topics', t._id)
    // another run told this chunk already, or a newer reminder took its place: leave it
    if (!cur?.remindJob || cur.remindJob.startedAt !== job.startedAt || cur.remindJob.chunk !== job.chunk) return null
    await notifyMany({ ports, now, notices }, t.villageId, people, job.title, job.body, PAGES.topic(t._id), tx)
    const remindJob = last ? undefined : next
    await tx.update('topics', t._id, { set: { remindJob } })
    return { ...cur, remindJob }
  })
  if (notices.length) await deliverNotices(ports, now, notices)
  return written
}

/** The job's step: the reminders under way, oldest first, REMIND_STEPS_PER_RUN chunks a run in all. Returns the chunks told. */
export const tellReminders = (ports: Ports, now: number): Promise<number> => runTopicJobs(ports, now, 'remindJob', remindStep, REMIND_STEPS_PER_RUN)
