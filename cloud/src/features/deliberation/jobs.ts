/** The deliberation feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { deliverNotices, notifyMany } from '../account/notices'
import { shortTime } from '../../common/time'
import { allBallots, closeTopic, loadVoters, PAGES } from './data'

/** Open topics whose voting time is up: close them (open -> closed, conditional) and tell the committee the results are ready. */
export async function closeDueTopics(ports: Ports, now: number): Promise<number> {
  let closed = 0
  for (;;) {
    const due = await ports.store.find('topics', { status: 'open', closesAt: { $lte: now } }, { sort: [['closesAt', 'asc']], limit: 100 })
    for (const t of due) if ((await closeTopic(ports, t, now)).closed) closed++
    if (due.length < 100) return closed
  }
}

export const CLOSING_NOTICE_BEFORE = 24 * 60 * 60 * 1000

/**
 * Open topics closing within a day: tell each voter (household) on the roll who has not voted yet, once
 * per topic — the topic's closingNoticeAt is the claim, set in the transaction that writes the notice.
 * A topic open for a day or less is left out: its opening notice already named the deadline.
 */
export async function remindClosingTopics(ports: Ports, now: number): Promise<number> {
  const soon = await ports.store.find('topics', { status: 'open', closesAt: { $gt: now, $lte: now + CLOSING_NOTICE_BEFORE }, closingNoticeAt: null }, { limit: 100 })
  let reminded = 0
  for (const t of soon) {
    if (t.opensAt > now || t.closesAt - t.opensAt <= CLOSING_NOTICE_BEFORE) continue
    const [voters, ballots] = await Promise.all([loadVoters(ports.store, t), allBallots(ports.store, t._id)])
    const voted = new Set(ballots.map((b) => b.voterKey))
    const pending = voters.filter((v) => !voted.has(v.key)).map((v) => v.personId)
    const body =
      t.mode === 'household'
        ? `「${t.title}」将于${shortTime(t.closesAt)}截止，您家还没有投票，请户代表尽快投票。`
        : `「${t.title}」将于${shortTime(t.closesAt)}截止，您还没有投票。`
    const notices: string[] = []
    // the claim and the notice in one transaction: a concurrent run that loses it writes nothing
    const claimed = await ports.store.transaction(async (tx) => {
      const doc = await tx.get('topics', t._id)
      if (!doc || doc.status !== 'open' || doc.closingNoticeAt) return false
      await tx.update('topics', t._id, { set: { closingNoticeAt: now } })
      await notifyMany({ ports, now, notices }, t.villageId, pending, '议题明天截止', body, PAGES.topic(t._id), tx)
      return true
    })
    if (!claimed) continue
    reminded++
    await deliverNotices(ports, now, notices)
  }
  return reminded
}
