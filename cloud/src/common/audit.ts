/**
 * The audit log: every admin or staff action — who, what, which object, when, why — as one hash chain
 * per village. Entry n carries `seq` n, the hash of entry n-1 (`prevHash`) and its own `hash` (SHA-256
 * over its fields and prevHash), so that changing or removing any entry breaks the chain from there on.
 * A head document per village (auditHeads, `_id` = villageId) holds the last seq and hash; it is
 * read and written in the same transaction as the entry, so two actions at once cannot both take one
 * seq: on CloudBase the second transaction conflicts on the head and runs again, on SQLite they queue.
 * No action edits or removes an entry.
 */
import { createHash } from 'node:crypto'
import type { MemberContext } from '../handler'
import { DuplicateIdError, type Store, type TxStore } from '../ports/store'
import { newId } from './ids'

export interface AuditEntry {
  _id: string
  villageId: string
  /** its place in the village's chain: 1, 2, 3… */
  seq: number
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
  /** the hash of entry seq-1 (GENESIS for the first) */
  prevHash: string
  /** SHA-256 of auditHashText(this entry) */
  hash: string
}

/** An entry before it takes its place in the chain. */
export type AuditDraft = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'>

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
export function auditHashText(e: Omit<AuditEntry, 'hash'>): string {
  return JSON.stringify([e._id, e.villageId, e.seq, e.actorId, e.actorName, e.action, e.targetType, e.targetId, e.target, e.reason, e.at, e.prevHash])
}
export const auditHash = (e: Omit<AuditEntry, 'hash'>): string => createHash('sha256').update(auditHashText(e)).digest('hex')

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

/**
 * Links the entry to the end of its village's chain and moves the head, inside the caller's
 * transaction; `write` stores the linked entry (an insert, or the update of an entry written before the chain).
 */
export async function linkAudit(
  tx: Pick<TxStore, 'get' | 'insert' | 'update'>,
  draft: AuditDraft,
  write: (entry: AuditEntry) => Promise<unknown> = (entry) => tx.insert('auditLog', entry),
): Promise<AuditEntry> {
  const head = await tx.get('auditHeads', draft.villageId)
  const linked = { ...draft, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS }
  const entry: AuditEntry = { ...linked, hash: auditHash(linked) }
  await write(entry)
  // a missing head is inserted: two first entries at once collide on its _id (DuplicateIdError), never fork
  if (head) await tx.update('auditHeads', draft.villageId, { set: { seq: entry.seq, hash: entry.hash, at: entry.at } })
  else await tx.insert('auditHeads', { _id: draft.villageId, seq: entry.seq, hash: entry.hash, at: entry.at })
  return entry
}

/** Writes the entry at the end of its village's chain, inside the caller's transaction. */
export const appendAudit = (tx: Pick<TxStore, 'get' | 'insert' | 'update'>, draft: AuditDraft): Promise<AuditEntry> => linkAudit(tx, draft)

const FIRST_ENTRY_ATTEMPTS = 5

/**
 * Appends the entry in a transaction of its own (for changes made outside one). The adapters retry
 * conflicts on the head; a village's first entry raced by another is retried here.
 */
export async function appendAuditAlone(store: Store, draft: AuditDraft): Promise<AuditEntry> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction((tx) => appendAudit(tx, draft))
    } catch (e) {
      if (!(e instanceof DuplicateIdError && e.collection === 'auditHeads') || attempt >= FIRST_ENTRY_ATTEMPTS) throw e
    }
  }
}

/** Writes the entry; pass `tx` to write it in the same transaction as the change it records. */
export async function audit(ctx: MemberContext, action: string, target: AuditTarget, reason: string | null = null, tx?: Pick<TxStore, 'get' | 'insert' | 'update'>): Promise<AuditEntry> {
  const draft = auditEntry(ctx, action, target, reason)
  return tx ? appendAudit(tx, draft) : appendAuditAlone(ctx.ports.store, draft)
}

/** What checking a village's chain found: every entry links, or the first seq where it breaks and why. */
export type ChainCheck = { ok: true; count: number; headSeq: number } | { ok: false; count: number; brokenAt: number; problem: string }

/**
 * Walks the chain in seq order (pages of `page`, as CloudBase returns at most 100/1000 per get):
 * each entry's seq follows the last, its prevHash is the last hash, its hash is its own; the head
 * names the last entry (so that removing the newest entries shows too).
 */
export async function verifyChain(store: Store, villageId: string, page = 500): Promise<ChainCheck> {
  let prev = { seq: 0, hash: GENESIS }
  let count = 0
  for (;;) {
    const batch = await store.find('auditLog', { villageId, seq: { $gt: prev.seq } }, { sort: [['seq', 'asc']], limit: page })
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
  // entries without a seq (written before the chain) would escape the walk above
  const total = await store.count('auditLog', { villageId })
  if (total !== count) return { ok: false, count, brokenAt: prev.seq + 1, problem: `有${total - count}条记录不在链上` }
  const head = await store.get('auditHeads', villageId)
  const headSeq = head?.seq ?? 0
  if (headSeq !== prev.seq || (head && head.hash !== prev.hash)) {
    return { ok: false, count, brokenAt: prev.seq + 1, problem: headSeq > prev.seq ? `第${prev.seq + 1}至${headSeq}条记录缺失` : '链尾与最后一条记录不符' }
  }
  return { ok: true, count, headSeq }
}
