/**
 * The reports' steps of the time-driven job. Each may run any number of times, at once with another run, and be
 * killed between two reports: every change is one transaction that reads the report again and acts only if it
 * still should (escalatedAt still empty and still overdue; still resolved and past autoConfirmAt), so a second
 * run finds nothing to do and a run after a kill finishes what the killed one left.
 */
import { ApiError } from '../../errors'
import type { Ports } from '../../ports/ports'
import { appendAudit, systemAuditEntry, theJob } from '../../common/audit'
import { shortTime } from '../../common/time'
import { transition } from '../../common/transition'
import { deliverNotices, notify, notifyMany, type NoticeContext } from '../account/notices'
import type { Report, ReportEvent } from './documents'
import { noticeName, PAGES, townOfficersOf } from './data'
import { REPORT_MACHINE, SYSTEM_NAME } from './policy'
import { dueOf } from './views'

const PAGE = 200

const systemEvent = (now: number, action: ReportEvent['action'], note: string): ReportEvent => ({ at: now, action, by: '', byName: SYSTEM_NAME, role: SYSTEM_NAME, note, photos: [] })

/** a job's notice context: what it writes is delivered when the step ends (or by the notices step after a crash) */
const jobContext = (ports: Ports, now: number): NoticeContext & { notices: string[] } => ({ ports, now, notices: [] })

/** Open reports not yet escalated whose due (to accept or to resolve) has passed, oldest due first. */
async function overdueCandidates(ports: Ports, now: number): Promise<Report[]> {
  const { store } = ports
  const [toAccept, toResolve] = await Promise.all([
    store.find('reports', { status: 'reported', escalatedAt: null, acceptDueAt: { $lt: now } }, { sort: [['acceptDueAt', 'asc']], limit: PAGE }),
    store.find('reports', { status: { $in: ['accepted', 'inProgress'] }, escalatedAt: null, resolveDueAt: { $lt: now } }, { sort: [['resolveDueAt', 'asc']], limit: PAGE }),
  ])
  return [...toAccept, ...toResolve]
}

/**
 * reportsEscalate: each open report past its due and not yet escalated is escalated once — escalatedAt claimed in
 * the transaction that adds the 'escalate' event and the audit entry and tells the officers of the village's town
 * (and the reporter). Returns how many were escalated.
 */
export async function escalateOverdue(ports: Ports, now: number): Promise<number> {
  const ctx = jobContext(ports, now)
  const officers = new Map<string, Promise<string[]>>()
  const officersOf = (villageId: string) => officers.get(villageId) ?? officers.set(villageId, townOfficersOf(ports.store, villageId)).get(villageId)!
  let done = 0
  for (;;) {
    const batch = await overdueCandidates(ports, now)
    let progress = 0
    for (const r of batch) {
      const to = await officersOf(r.villageId)
      const escalated = await ports.store.transaction(async (tx) => {
        const doc = await tx.get('reports', r._id)
        const due = doc && doc.escalatedAt === null ? dueOf(doc, now) : null
        if (!doc || !due?.overdue) return false
        const what = due.kind === 'accept' ? '受理' : '办结'
        const note = `${what}时限${shortTime(due.at)}已过，已上报镇街`
        await tx.update('reports', doc._id, { set: { escalatedAt: now, updatedAt: now, history: [...doc.history, systemEvent(now, 'escalate', note)] } })
        await appendAudit(tx, systemAuditEntry(doc.villageId, now, 'reports.escalate', { type: REPORT_MACHINE.targetType, id: doc._id, label: REPORT_MACHINE.label(doc) }, note))
        const page = PAGES.detail(doc.villageId, doc._id)
        await notifyMany(ctx, doc.villageId, to, '随手拍逾期未' + what, `${doc.place.address}：${noticeName(doc)}${what}时限${shortTime(due.at)}已过，请督办。`, page, tx)
        if (doc.reporterId) await notify(ctx, { personId: doc.reporterId, villageId: doc.villageId }, '您的随手拍已上报镇街督办', `${noticeName(doc)}逾期未${what}，已上报镇街督办。`, page, tx)
        return true
      })
      if (escalated) progress++
    }
    done += progress
    // an escalated report leaves the query: a full page with progress means there may be more
    if (batch.length < PAGE || progress === 0) break
  }
  await deliverNotices(ports, now, ctx.notices)
  return done
}

/** reportsAutoConfirm: resolved reports whose reporter has not answered by autoConfirmAt are confirmed (系统). */
export async function autoConfirm(ports: Ports, now: number): Promise<number> {
  const ctx = jobContext(ports, now)
  let done = 0
  for (;;) {
    const batch = await ports.store.find('reports', { status: 'resolved', autoConfirmAt: { $lte: now } }, { sort: [['autoConfirmAt', 'asc']], limit: PAGE })
    let progress = 0
    for (const r of batch) {
      try {
        await transition(ports, REPORT_MACHINE, r._id, 'autoConfirm', {
          set: (doc) => ({ autoConfirmAt: null, updatedAt: now, history: [...doc.history, systemEvent(now, 'autoConfirm', '上报人逾期未确认，系统自动确认办结')] }),
          when: { test: (doc) => doc.autoConfirmAt !== null && doc.autoConfirmAt <= now, refused: 'not due' },
          also: async (tx, doc) => {
            if (doc.reporterId) await notify(ctx, { personId: doc.reporterId, villageId: doc.villageId }, '您的随手拍已自动确认办结', `${noticeName(doc)}办结后逾期未确认，已自动确认。`, PAGES.detail(doc.villageId, doc._id), tx)
          },
          by: theJob(now),
        })
        progress++
      } catch (e) {
        // confirmed or reopened by its reporter meanwhile (or by another run): nothing left to do for it
        if (!(e instanceof ApiError && e.code === 'CONFLICT')) throw e
      }
    }
    done += progress
    if (batch.length < PAGE || progress === 0) break
  }
  await deliverNotices(ports, now, ctx.notices)
  return done
}

export const reportJobSteps = {
  reportsEscalate: escalateOverdue,
  reportsAutoConfirm: autoConfirm,
}
