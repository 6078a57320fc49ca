/**
 * The mailbox's step of the time-driven job: a letter still waiting for its reply past its due date is escalated
 * to the officers of the village's town, once. Each escalation is one transaction that reads the letter again and
 * claims escalatedAt only if it is still empty and the letter still overdue, so runs at once with another, again,
 * or after a kill never escalate a letter twice and finish what a killed run left.
 */
import type { Ports } from '../../ports/ports'
import { appendAudit, systemAuditEntry } from '../../common/audit'
import { shortTime } from '../../common/time'
import { deliverNotices, notify, notifyMany, type NoticeContext } from '../account/notices'
import { townOfficersOf } from '../account/common'
import type { LetterEvent } from './documents'
import { WAITING_STATUSES } from './documents'
import { isOverdue, LETTER_MACHINE, SYSTEM_NAME } from './policy'
import { noticeName, PAGES } from './views'

const PAGE = 200

/** mailboxEscalate: returns how many letters were escalated. */
export async function escalateOverdueLetters(ports: Ports, now: number): Promise<number> {
  const ctx: NoticeContext & { notices: string[] } = { ports, now, notices: [] }
  const officers = new Map<string, Promise<string[]>>()
  const officersOf = (villageId: string) => officers.get(villageId) ?? officers.set(villageId, townOfficersOf(ports.store, villageId)).get(villageId)!
  let done = 0
  for (;;) {
    const batch = await ports.store.find('letters', { status: { $in: [...WAITING_STATUSES] }, escalatedAt: null, dueAt: { $lt: now } }, { sort: [['dueAt', 'asc']], limit: PAGE })
    let progress = 0
    for (const l of batch) {
      const to = await officersOf(l.villageId)
      const escalated = await ports.store.transaction(async (tx) => {
        const doc = await tx.get('letters', l._id)
        if (!doc || doc.escalatedAt !== null || !isOverdue(doc, now)) return false
        const note = `回复期限${shortTime(doc.dueAt)}已过，已上报镇街`
        const event: LetterEvent = { at: now, action: 'escalate', by: '', byName: SYSTEM_NAME, role: SYSTEM_NAME, note }
        await tx.update('letters', doc._id, { set: { escalatedAt: now, updatedAt: now, history: [...doc.history, event] } })
        await appendAudit(tx, systemAuditEntry(doc.villageId, now, 'mailbox.escalate', { type: LETTER_MACHINE.targetType, id: doc._id, label: LETTER_MACHINE.label(doc) }, note))
        const page = PAGES.letter(doc.villageId, doc._id)
        await notifyMany(ctx, doc.villageId, to, '书记信箱来信逾期未回复', `来信${noticeName(doc)}回复期限${shortTime(doc.dueAt)}已过，请督办。`, page, tx)
        if (doc.writerId) await notify(ctx, { personId: doc.writerId, villageId: doc.villageId }, '您的来信已上报镇街督办', `来信${noticeName(doc)}逾期未回复，已上报镇街督办。`, page, tx)
        return true
      })
      if (escalated) progress++
    }
    done += progress
    // an escalated letter leaves the query: a full page with progress means there may be more
    if (batch.length < PAGE || progress === 0) break
  }
  await deliverNotices(ports, now, ctx.notices)
  return done
}

export const mailboxJobSteps = {
  mailboxEscalate: escalateOverdueLetters,
}
