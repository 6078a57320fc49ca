/**
 * The boards' steps of the time-driven job. Each step is a transition, so the step is the claim: two jobs (or a
 * job and an appeal) racing over one entry take it once, and a crash between entries leaves the rest for the next run.
 */
import { ApiError } from '../../errors'
import type { Ports } from '../../ports/ports'
import { theJob } from '../../common/audit'
import { transition } from '../../common/transition'
import { deliverNotices } from '../account/notices'
import { settingsOf } from './data'
import { tellNamed } from './committee'
import { DAY_MS, ENTRY_MACHINE, expiryDue, noticeEnded } from './policy'
import type { BoardEntry } from './documents'

const PAGE = 100
/** a refusal means another run (or an appeal) took the step first: not an error */
const lost = (e: unknown) => (e instanceof ApiError ? null : Promise.reject(e))

async function eachDue(ports: Ports, filter: Parameters<Ports['store']['find']>[1], sortBy: string, step: (e: BoardEntry) => Promise<boolean>): Promise<number> {
  let done = 0
  for (;;) {
    const due = await ports.store.find('boardEntries', filter, { sort: [[sortBy, 'asc']], limit: PAGE })
    let took = 0
    for (const e of due) if (await step(e)) took++
    done += took
    // entries another run took leave the filter too; stop when a page moved nothing
    if (due.length < PAGE || took === 0) return done
  }
}

/** Black entries whose notice period ended without appeal: published, the household told, the log written as 系统. */
export async function publishNoticed(ports: Ports, now: number): Promise<number> {
  return eachDue(ports, { status: 'notice', noticeUntil: { $lte: now } }, 'noticeUntil', async (e) => {
    const s = await settingsOf(ports.store, e.villageId)
    const notices: string[] = []
    const done = await transition(ports, ENTRY_MACHINE, e._id, 'publish', {
      set: { publishedAt: now, expiresAt: now + s.expiryDays * DAY_MS },
      when: { test: (doc) => noticeEnded(doc, now), refused: '告知期还没有结束' },
      also: (tx, doc) => tellNamed({ ports, now, notices }, doc, '黑榜条目已公示', `${doc.place}：${doc.what}。告知期内未收到申诉，已公示。`, tx),
      by: theJob(now),
      audit: { reason: '告知期满，无申诉，公示' },
    }).catch(lost)
    if (done) await deliverNotices(ports, now, notices)
    return done !== null
  })
}

/** Published entries past their time: off the public board (kept in history). */
export async function expireOld(ports: Ports, now: number): Promise<number> {
  return eachDue(ports, { status: 'published', expiresAt: { $lte: now } }, 'expiresAt', async (e) => {
    const done = await transition(ports, ENTRY_MACHINE, e._id, 'expire', {
      set: { expiredAt: now },
      when: { test: (doc) => expiryDue(doc, now), refused: '公示期还没有结束' },
      by: theJob(now),
      audit: { reason: '公示期满，移出榜单（保留记录）' },
    }).catch(lost)
    return done !== null
  })
}
