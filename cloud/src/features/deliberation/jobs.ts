/** The deliberation feature's steps of the time-driven job. */
import type { Ports } from '../../ports/ports'
import { closeTopic } from './data'

/** Open topics whose voting time is up: close them (open -> closed, conditional) and tell the committee the results are ready. */
export async function closeDueTopics(ports: Ports, now: number): Promise<number> {
  let closed = 0
  for (;;) {
    const due = await ports.store.find('topics', { status: 'open', closesAt: { $lte: now } }, { sort: [['closesAt', 'asc']], limit: 100 })
    for (const t of due) if ((await closeTopic(ports, t, now)).closed) closed++
    if (due.length < 100) return closed
  }
}
