/**
 * The time-driven work, as one idempotent job: a timer-triggered function in the cloud, an interval
 * in the local server. Each step may run any number of times; what it did once it never does again.
 */
import type { JoinRequest } from './contract/models'
import type { Topic } from './contract/deliberation'
import { notifyCommittee } from './domain/common'
import { closeTopic } from './domain/deliberation/data'
import type { Ports } from './ports/ports'

const DAY = 24 * 3600 * 1000
export const JOIN_REMINDER_AFTER = 3 * DAY

/** Join requests left pending for three days: remind the committee once per request. */
async function remindStaleJoinRequests(ports: Ports, now: number): Promise<number> {
  const stale = await ports.store.find<JoinRequest & { remindedAt?: number }>(
    'joinRequests',
    { status: 'pending', createdAt: { $lte: now - JOIN_REMINDER_AFTER }, remindedAt: null },
    { limit: 100 },
  )
  let reminded = 0
  for (const r of stale) {
    // the conditional update is the claim: a concurrent run that loses it sends nothing
    const claimed = await ports.store.update('joinRequests', { _id: r._id, status: 'pending', remindedAt: null }, { set: { remindedAt: now } })
    if (!claimed) continue
    // through notify(), which finds each member's openid, so the reminder is pushed as well as stored
    await notifyCommittee({ ports, now }, r.villageId, '入村申请待处理', `${r.name}的入村申请已等待超过3天，请尽快审核`, 'features/account/pages/requests/index')
    reminded++
  }
  return reminded
}

/** Open topics whose voting time is up: close them (open -> closed, conditional) and tell the committee the results are ready. */
async function closeDueTopics(ports: Ports, now: number): Promise<number> {
  let closed = 0
  for (;;) {
    const due = await ports.store.find<Topic>('topics', { status: 'open', closesAt: { $lte: now } }, { sort: [['closesAt', 'asc']], limit: 100 })
    for (const t of due) if ((await closeTopic(ports, t, now)).closed) closed++
    if (due.length < 100) return closed
  }
}

export async function runJobs(ports: Ports): Promise<Record<string, number>> {
  const now = ports.clock.now()
  return { joinReminders: await remindStaleJoinRequests(ports, now), topicsClosed: await closeDueTopics(ports, now) }
}
