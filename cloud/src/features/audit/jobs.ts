/**
 * The audit feature's step of the time-driven job: it links the entries actions wrote pending (common/audit.ts) into
 * their villages' chains, a batch per village at a time, oldest first, and resumes at the next run where it stopped.
 */
import type { Ports } from '../../ports/ports'
import { AUDIT_LINK_BATCH, findPending, linkPendingBatch } from '../../common/audit'

/** batches one run links, over all villages: each about twenty calls (AUDIT_LINK_BATCH entries), 400 entries a run */
export const AUDIT_LINK_STEPS_PER_RUN = 25

/** Links pending entries, oldest first; how many it linked. */
export async function linkPendingAudit(ports: Ports): Promise<number> {
  let linked = 0
  for (let steps = 0; steps < AUDIT_LINK_STEPS_PER_RUN; ) {
    // the oldest pending entries of all villages say which villages wait longest; each village's own batch is read after its head
    const oldest = await findPending(ports.store, null, AUDIT_LINK_BATCH)
    const villages = [...new Set(oldest.map((e) => e.villageId))]
    let moved = 0
    for (const villageId of villages.slice(0, AUDIT_LINK_STEPS_PER_RUN - steps)) {
      moved += await linkPendingBatch(ports.store, villageId)
      steps++
    }
    linked += moved
    // all there was fitted these batches, or other runs are linking the rest
    if (oldest.length < AUDIT_LINK_BATCH || moved === 0) break
  }
  return linked
}
