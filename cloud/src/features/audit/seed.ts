/**
 * The chain's start in a data folder: entries written before the chain existed (neither chained nor pending) are
 * marked pending and linked, oldest first, after the village's head by the job's own code; every village gets a
 * head. Runs once per data folder as this feature's part of the demo seed (its marker), so a folder seeded earlier is
 * chained at its next start. In the cloud (no seed) the job's first batch of a village creates its head.
 */
import { DuplicateIdError, type Store } from '../../ports/store'
import { GENESIS, linkPendingBatch } from '../../common/audit'

const ALL = 1_000_000

export async function chainExistingEntries(store: Store, now: number): Promise<void> {
  const unchained = (await store.find('auditLog', {}, { limit: ALL })).filter((e) => typeof e.seq !== 'number' && !e.pending)
  for (const e of unchained) await store.update('auditLog', { _id: e._id }, { set: { pending: true } })
  for (const villageId of new Set(unchained.map((e) => e.villageId))) while (await linkPendingBatch(store, villageId));
  for (const v of await store.find('villages', {}, { limit: ALL })) {
    if (await store.get('auditHeads', v._id)) continue
    await store.insert('auditHeads', { _id: v._id, seq: 0, hash: GENESIS, at: now }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  }
}
