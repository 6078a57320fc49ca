/** The audit log: every admin or staff action — who, what, which object, when, why. */
import type { MemberContext } from '../handler'
import type { TxStore } from '../ports/store'
import { newId } from './ids'

export interface AuditEntry {
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

declare module '../ports/store' {
  interface Collections {
    auditLog: AuditEntry
  }
}

/** The object an entry is about. */
export interface AuditTarget {
  type: string
  id: string
  label: string
}

export function auditEntry(ctx: MemberContext, action: string, target: AuditTarget, reason: string | null = null): AuditEntry {
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

/** Writes the entry; pass `tx` to write it in the same transaction as the change it records. */
export async function audit(ctx: MemberContext, action: string, target: AuditTarget, reason: string | null = null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  await (tx ?? ctx.ports.store).insert('auditLog', auditEntry(ctx, action, target, reason))
}
