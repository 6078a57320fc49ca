/**
 * The chain's start in a data folder: entries written before the chain existed (no seq) are linked,
 * oldest first, after the village's head; every village gets a head. Runs once per data folder as
 * this feature's part of the demo seed (its marker), so a folder seeded earlier is chained at its
 * next start. In the cloud (no seed) a village's first entry creates its head.
 */
import { DuplicateIdError, type Store } from '../../ports/store'
import { GENESIS, linkAudit, type AuditDraft } from '../../common/audit'

const ALL = 1_000_000

export async function chainExistingEntries(store: Store, now: number): Promise<void> {
  const unchained = (await store.find('auditLog', {}, { limit: ALL })).filter((e) => typeof e.seq !== 'number')
  unchained.sort((a, b) => a.at - b.at || (a._id < b._id ? -1 : 1))
  for (const { _id, villageId, actorId, actorName, action, targetType, targetId, target, reason, at } of unchained) {
    const draft: AuditDraft = { _id, villageId, actorId, actorName, action, targetType, targetId, target, reason: reason ?? null, at }
    await store.transaction((tx) => linkAudit(tx, draft, ({ seq, prevHash, hash }) => tx.update('auditLog', _id, { set: { seq, prevHash, hash } })))
  }
  for (const v of await store.find('villages', {}, { limit: ALL })) {
    if (await store.get('auditHeads', v._id)) continue
    await store.insert('auditHeads', { _id: v._id, seq: 0, hash: GENESIS, at: now }).catch((e: unknown) => (e instanceof DuplicateIdError ? undefined : Promise.reject(e)))
  }
}
