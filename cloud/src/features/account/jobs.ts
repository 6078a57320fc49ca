/** The account feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { deliverNotices, notifyCommittee } from './notices'
import { pageUrl } from '../../../../src/routes'

const DAY = 24 * 3600 * 1000
export const JOIN_REMINDER_AFTER = 3 * DAY

/** Join requests left pending for three days: remind the committee once per request. */
export async function remindStaleJoinRequests(ports: Ports, now: number): Promise<number> {
  const stale = await ports.store.find(
    'joinRequests',
    { status: 'pending', createdAt: { $lte: now - JOIN_REMINDER_AFTER }, remindedAt: null },
    { limit: 100 },
  )
  let reminded = 0
  const notices: string[] = []
  for (const r of stale) {
    // the claim and the reminder in one transaction: a concurrent run that loses the claim sends nothing,
    // and a crash after the claim cannot lose the reminder
    const claimed = await ports.store.transaction(async (tx) => {
      const current = await tx.get('joinRequests', r._id)
      if (current?.status !== 'pending' || current.remindedAt) return false
      await tx.update('joinRequests', r._id, { set: { remindedAt: now } })
      await notifyCommittee({ ports, now, notices }, r.villageId, '入村申请待处理', `${r.name}的入村申请已等待超过3天，请尽快审核`, pageUrl('account.requests'), tx)
      return true
    })
    if (claimed) reminded++
  }
  await deliverNotices(ports, now, notices)
  return reminded
}
