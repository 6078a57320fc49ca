/**
 * The time-driven work, as one idempotent job: a timer-triggered function in the cloud, an interval
 * in the local server. Each step may run any number of times; what it did once it never does again.
 */
import type { AppNotification, JoinRequest, Membership } from './contract/models'
import { newId } from './domain/common'
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
    const members = await ports.store.find<Membership>('memberships', { villageId: r.villageId })
    for (const m of members.filter((x) => x.roles.includes('committee'))) {
      const n: AppNotification = {
        _id: newId('n', now),
        villageId: r.villageId,
        personId: m.personId,
        title: '入村申请待处理',
        body: `${r.name}的入村申请已等待超过3天，请尽快审核`,
        page: 'features/account/pages/requests/index',
        read: false,
        createdAt: now,
      }
      await ports.store.insert('notifications', n)
      await ports.notifier.send({ personId: m.personId, villageId: r.villageId, title: n.title, body: n.body, page: n.page ?? undefined })
    }
    reminded++
  }
  return reminded
}

export async function runJobs(ports: Ports): Promise<Record<string, number>> {
  const now = ports.clock.now()
  return { joinReminders: await remindStaleJoinRequests(ports, now) }
}
