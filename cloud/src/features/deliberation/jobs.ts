/** The deliberation feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { shortTime } from '../../common/time'
import { closeTopic } from './data'
import { startReminder } from './remind-job'
import { startCount } from './policy'
import { DuplicateIdError } from '../../ports/store'

/** Open topics whose voting time is up: close them (open -> closed, conditional) and tell the committee the results are ready. */
export async function closeDueTopics(ports: Ports, now: number): Promise<number> {
  let closed = 0
  for (;;) {
    // a topic whose roll is still being written closes once it is (the job writes rolls first): its final counts count the whole roll
    const due = await ports.store.find('topics', { status: 'open', closesAt: { $lte: now }, rollJob: null }, { sort: [['closesAt', 'asc']], limit: 100 })
    for (const t of due) if ((await closeTopic(ports, t, now, true)).closed) closed++
    if (due.length < 100) return closed
  }
}

export const CLOSING_NOTICE_BEFORE = 24 * 60 * 60 * 1000

/**
 * Open topics closing within a day: tell each voter (household) on the roll who has not voted yet, once per topic —
 * the topic's closingNoticeAt is the claim, set by a conditional update with the reminder it starts: the roll is
 * read a chunk at a time by the reminder's job (remind-job.ts), never whole here. A reminder of the committee's
 * still under way gives way to it (it says the same, with the deadline). A topic open for a day or less is left out:
 * its opening notice already named the deadline.
 */
export async function remindClosingTopics(ports: Ports, now: number): Promise<number> {
  const soon = await ports.store.find('topics', { status: 'open', closesAt: { $gt: now, $lte: now + CLOSING_NOTICE_BEFORE }, closingNoticeAt: null }, { limit: 100 })
  let reminded = 0
  for (const t of soon) {
    if (t.opensAt > now || t.closesAt - t.opensAt <= CLOSING_NOTICE_BEFORE) continue
    const body =
      t.mode === 'household'
        ? `「${t.title}」将于${shortTime(t.closesAt)}截止，您家还没有投票，请户代表尽快投票。`
        : `「${t.title}」将于${shortTime(t.closesAt)}截止，您还没有投票。`
    // a concurrent run that loses the claim starts nothing
    reminded += await ports.store.update('topics', { _id: t._id, status: 'open', closingNoticeAt: null }, { set: { closingNoticeAt: now, remindJob: startReminder(now, '议题明天截止', body) } })
  }
  return reminded
}

const TALLIED = 'migration-topic-tallies-job-v1'
/** ended topics given a count job by one run (each job then goes a batch at a time) */
const TALLY_STARTS = 20

/**
 * The counters' migration as a step of the job (CloudBase has no server start to run it at): each ended
 * topic closed before the counters, without final counts, gets a count job that counts its ballots in
 * batches (publish.ts; its published count stays as it was). A topic still open when it ran gets its
 * final counts from the same job at its close; until then it is read from its ballots. Once none is
 * left, a marker makes the step one read. Returns how many topics it started.
 */
export async function tallyOldTopics(ports: Ports, now: number): Promise<number> {
  const { store } = ports
  if (await store.get('meta', TALLIED)) return 0
  const old = await store.find('topics', { status: { $in: ['closed', 'decided', 'done'] }, tallyShards: null, final: null, countJob: null }, { limit: TALLY_STARTS })
  let started = 0
  for (const t of old) started += await store.update('topics', { _id: t._id, final: null, countJob: null }, { set: { countJob: startCount(now, false, true) } })
  if (!old.length) await store.insert('meta', { _id: TALLIED, at: now }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  return started
}
