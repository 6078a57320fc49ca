/**
 * The audit log: every admin or staff action — who, what, which object, when, why — as one hash chain
 * per village. Entry n carries `seq` n, the hash of entry n-1 (`prevHash`) and its own `hash` (SHA-256
 * over its fields and prevHash), so that changing or removing any entry breaks the chain from there on.
 * A head document per village (auditHeads, `_id` = villageId) holds the last seq and hash.
 *
 * Written in two steps, as Certificate Transparency's log accepts entries at once and merges them by one sequencer:
 * - the action inserts its entry as pending (`pending: true`, no seq, prevHash or hash yet) in the transaction of
 *   the change it records, so there is still no change without its entry; an action outside a transaction writes
 *   it with one plain insert (atomic by itself). One call, and no document shared with the village's other actions;
 * - the time-driven job links them (linkPendingBatch, the audit feature's step, run after the steps that write
 *   entries): per village, oldest first (at, then _id), a bounded batch in one transaction that reads the head, sets
 *   each entry's seq, prevHash and hash (removing `pending`) and moves the head once.
 * Why: linking within the action read and moved the head in every audited transaction (3 of the 10 calls an action
 * may make, 5 outside a transaction), and every audited action of a village contended on that one document: on
 * CloudBase a conflict re-runs the whole transaction, and forty approvals at once ran out of retries. Now only the
 * job writes the head.
 * A batch links all of its entries or none (a crash leaves them pending for the next run). Two runs at once never link
 * an entry twice nor fork the chain: a batch reads the head before it finds its entries and links them only if the
 * head it reads in its transaction is still that one (every batch moves it; on CloudBase a batch that moves it while
 * ours runs conflicts with ours, which runs again and finds it moved).
 * No action edits or removes an entry.
 */
import { createHash } from 'node:crypto'
import type { MemberContext } from '../handler'
import { DuplicateIdError, StoreBusyError, type Store, type TxStore } from '../ports/store'
import { newId } from './ids'

/** An entry before it takes its place in the chain. */
export interface AuditDraft {
  _id: string
  villageId: string
  actorId: string
  actorName: string
  /** e.g. topics.publish */
  action: string
  /** the object acted on, by type and id, so that one object's history can be listed */
  targetType: string
  targetId: string
  /** how a person reads the object: its title, a name and doorplate… */
  target: string
  reason: string | null
  at: number
}

/** An entry in its village's chain. */
export interface LinkedAuditEntry extends AuditDraft {
  /** its place in the village's chain: 1, 2, 3… */
  seq: number
  /** the hash of entry seq-1 (GENESIS for the first) */
  prevHash: string
  /** SHA-256 of auditHashText(this entry) */
  hash: string
  pending?: undefined
}

/** An entry written by its action, not yet linked by the job (within a minute or so). */
export interface PendingAuditEntry extends AuditDraft {
  pending: true
  seq?: undefined
  prevHash?: undefined
  hash?: undefined
}

export type AuditEntry = LinkedAuditEntry | PendingAuditEntry

/** The end of a village's chain. */
export interface AuditHead {
  /** the villageId */
  _id: string
  seq: number
  hash: string
  at: number
}

declare module '../ports/store' {
  interface Collections {
    auditLog: AuditEntry
    auditHeads: AuditHead
  }
}

/** prevHash of a chain's first entry */
export const GENESIS = '0'.repeat(64)

/** The canonical text an entry's hash is taken over: its fields in a fixed order (JSON-escaped), then prevHash. */
export function auditHashText(e: Omit<LinkedAuditEntry, 'hash'>): string {
  return JSON.stringify([e._id, e.villageId, e.seq, e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.target, e.reason, e.at, e.prevHash])
}
export const auditHash = (e: Omit<LinkedAuditEntry, 'hash'>): string => createHash('sha256').update(auditHashText(e)).digest('hex')

/** The object an entry is about. */
export interface AuditTarget {
  type: string
  id: string
  label: string
}

export function auditEntry(ctx: MemberContext, action: string, target: AuditTarget, reason: string | null = null): AuditDraft {
  return {
    _id: newId('audit', ctx.now),
    villageId: ctx.membership.villageId,
    actorId: ctx.person._id,
    actorName: ctx.membership.name,
    action,
    targetType: target.type,
    targetId: target.id,
    target: target.label,
    reason,
    at: ctx.now,
  }
}

/** The time-driven job as the one who acts (no person did): its entries read 系统. */
export interface JobActor {
  job: true
  now: number
}
export const theJob = (now: number): JobActor => ({ job: true, now })

/** An entry for what the time-driven job did. */
export function systemAuditEntry(villageId: string, now: number, action: string, target: AuditTarget, reason: string | null = null): AuditDraft {
  return { _id: newId('audit', now), villageId, actorId: 'system', actorName: '系统', action, targetType: target.type, targetId: target.id, target: target.label, reason, at: now }
}

/** Writes the entry, pending, inside the caller's transaction: one insert (the job links it). */
export async function appendAudit(tx: Pick<TxStore, 'insert'>, draft: AuditDraft): Promise<PendingAuditEntry> {
  const entry: PendingAuditEntry = { ...draft, pending: true }
  await tx.insert('auditLog', entry)
  return entry
}

/** Writes the entry, pending, for a change made outside a transaction: one plain insert. */
export const appendAuditAlone = (store: Pick<Store, 'insert'>, draft: AuditDraft): Promise<PendingAuditEntry> => appendAudit(store, draft)

/** Writes the entry; pass `tx` to write it in the same transaction as the change it records. */
export function audit(ctx: MemberContext, action: string, target: AuditTarget, reason: string | null = null, tx?: Pick<TxStore, 'insert'>): Promise<PendingAuditEntry> {
  return appendAudit(tx ?? ctx.ports.store, auditEntry(ctx, action, target, reason))
}

/** entries one batch links: its transaction is begin, the head, an update each, the head, commit */
export const AUDIT_LINK_BATCH = 16

/** a village's pending entries in the order they are linked */
export const findPending = (store: Store, villageId: string | null, limit: number): Promise<AuditEntry[]> =>
  store.find('auditLog', villageId === null ? { pending: true } : { villageId, pending: true }, { sort: [['at', 'asc'], ['_id', 'asc']], limit })

const headSeq = (head: AuditHead | null): number => (head ? head.seq : -1)

/**
 * Links the village's oldest pending entries (up to `batch`) to the end of its chain, in one transaction; how many it
 * linked: 0 when none was pending, or when another run moved the head meanwhile (that run is linking them).
 */
export async function linkPendingBatch(store: Store, villageId: string, batch = AUDIT_LINK_BATCH): Promise<number> {
  // the head before the entries: any batch that commits after this read moves it, and ours then links nothing
  const seen = await store.get('auditHeads', villageId)
  const pending = await findPending(store, villageId, batch)
  if (!pending.length) return 0
  try {
    return await store.transaction(async (tx) => {
      const head = await tx.get('auditHeads', villageId)
      if (headSeq(head) !== headSeq(seen)) return 0
      let prev = { seq: head?.seq ?? 0, hash: head?.hash ?? GENESIS }
      for (const { _id, actorId, actorName, action, targetType, targetId, target, reason, at } of pending) {
        const linked = { _id, villageId, actorId, actorName, action, targetType, targetId, target, reason: reason ?? null, at, seq: prev.seq + 1, prevHash: prev.hash }
        const hash = auditHash(linked)
        await tx.update('auditLog', _id, { set: { pending: undefined, seq: linked.seq, prevHash: linked.prevHash, hash } })
        prev = { seq: linked.seq, hash }
      }
      const at = pending[pending.length - 1].at
      if (head) await tx.update('auditHeads', villageId, { set: { seq: prev.seq, hash: prev.hash, at } })
      else await tx.insert('auditHeads', { _id: villageId, seq: prev.seq, hash: prev.hash, at })
      return pending.length
    })
  } catch (e) {
    // another run linking the same village: its first batch (no head yet, in the cloud without a seed), or its
    // batch holding the entries through all of ours's retries (CloudBase). It links them; ours leaves them to it
    if ((e instanceof DuplicateIdError && e.collection === 'auditHeads') || e instanceof StoreBusyError) return 0
    throw e
  }
}

/** What checking a village's chain found: every entry links (and how many wait to be linked), or the first seq where it breaks and why. */
export type ChainCheck = { ok: true; count: number; headSeq: number; pending: number } | { ok: false; count: number; brokenAt: number; problem: string }

/**
 * Walks the chain in seq order (pages of `page`, as CloudBase returns at most 100/1000 per get):
 * each entry's seq follows the last, its prevHash is the last hash, its hash is its own; the head
 * names the last entry (so that removing the newest entries shows too). Pending entries are not yet
 * in the chain: counted apart, not a break.
 */
export async function verifyChain(store: Store, villageId: string, page = 500): Promise<ChainCheck> {
  let prev = { seq: 0, hash: GENESIS }
  let count = 0
  for (;;) {
    const batch = (await store.find('auditLog', { villageId, seq: { $gt: prev.seq } }, { sort: [['seq', 'asc']], limit: page })) as LinkedAuditEntry[]
    for (const e of batch) {
      const expected = prev.seq + 1
      if (e.seq !== expected) return { ok: false, count, brokenAt: expected, problem: `第${expected}条记录缺失` }
      if (e.prevHash !== prev.hash) return { ok: false, count, brokenAt: e.seq, problem: `第${e.seq}条记录与上一条不衔接` }
      if (auditHash(e) !== e.hash) return { ok: false, count, brokenAt: e.seq, problem: `第${e.seq}条记录的内容被改动过` }
      prev = { seq: e.seq, hash: e.hash }
      count++
    }
    if (batch.length < page) break
  }
  // entries neither chained nor pending (written before the chain, or a seq removed) would escape the walk above
  const [total, pending] = await Promise.all([store.count('auditLog', { villageId }), store.count('auditLog', { villageId, pending: true })])
  if (total - pending !== count) return { ok: false, count, brokenAt: prev.seq + 1, problem: `有${total - pending - count}条记录不在链上` }
  const head = await store.get('auditHeads', villageId)
  const last = head?.seq ?? 0
  if (last !== prev.seq || (head && head.hash !== prev.hash)) {
    return { ok: false, count, brokenAt: prev.seq + 1, problem: last > prev.seq ? `第${prev.seq + 1}至${last}条记录缺失` : '链尾与最后一条记录不符' }
  }
  return { ok: true, count, headSeq: last, pending }
}
