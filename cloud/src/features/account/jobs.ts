/** The account feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { notifyCommittee } from './common'
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
  for (const r of stale) {
    // the conditional update is the claim: a concurrent run that loses it sends nothing
    const claimed = await ports.store.update('joinRequests', { _id: r._id, status: 'pending', remindedAt: null }, { set: { remindedAt: now } })
    if (!claimed) continue
    // through notify(), which finds each member's openid, so the reminder is pushed as well as stored
    await notifyCommittee({ ports, now }, r.villageId, '入村申请待处理', `${r.name}的入村申请已等待超过3天，请尽快审核`, pageUrl('account.requests'))
    reminded++
  }
  return reminded
}
