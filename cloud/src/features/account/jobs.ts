/** The account feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { deliverNotices, notifyCommittee, notifyCommitteeOnce } from './notices'
import type { JoinRequest } from './documents'
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

/** new join requests the committee is told of per run (oldest first; more wait for the next run) */
export const JOIN_NOTICE_BATCH = 100
/** names a notice of several requests spells out before 等N人 */
const NAMED = 2

/**
 * The committee's notice of new join requests, sent by the job rather than by each request (issue 16: a request
 * stays a few writes, and a burst of newcomers — a poster at the hall, a share in the village group — is one
 * notice and one push per committee member, not one per request: a subscribe-message consent is good for one).
 * join.request marks its request `noticeDue`; each run tells each village's committee of its marked requests still
 * pending in one notice, then clears the marks. A run cut off between the two writes the same event again (its id
 * is the batch's newest request), which the outbox refuses, or, if more came meanwhile, one naming them all.
 */
export async function noticeNewJoinRequests(ports: Ports, now: number): Promise<number> {
  const due = await ports.store.find('joinRequests', { noticeDue: true }, { sort: [['createdAt', 'asc']], limit: JOIN_NOTICE_BATCH })
  const byVillage = new Map<string, JoinRequest[]>()
  for (const r of due) byVillage.set(r.villageId, [...(byVillage.get(r.villageId) ?? []), r])
  const notices: string[] = []
  let told = 0
  for (const [villageId, requests] of byVillage) {
    // one decided or withdrawn before the run is not news any more
    const pending = requests.filter((r) => r.status === 'pending')
    const village = pending.length ? await ports.store.get('villages', villageId) : null
    if (village) {
      const newest = pending[pending.length - 1]
      const names = pending.slice(0, NAMED).map((r) => `${r.name}（${r.doorplate}）`).join('、')
      const who = pending.length > NAMED ? `${names}等${pending.length}人` : names
      await notifyCommitteeOnce({ ports, now, notices }, `nj:${newest._id}@${newest.createdAt}`, villageId, '新的入村申请', `${who}申请加入${village.name}`, pageUrl('account.requests'))
      told += pending.length
    }
    await ports.store.update('joinRequests', { _id: { $in: requests.map((r) => r._id) }, noticeDue: true }, { set: { noticeDue: undefined } })
  }
  await deliverNotices(ports, now, notices)
  return told
}
