/**
 * Explicit states: each stateful document has a table of the steps it may take (event -> from
 * states -> to state), and transition() is the one way to take one: inside a transaction it reads
 * the document, refuses a step its state does not allow (CONFLICT, with the table's own words),
 * writes the new state with the step's other fields, and writes the audit entry with it.
 */
import { ApiError } from '../errors'
import type { MemberContext } from '../handler'
import type { Ports } from '../ports/ports'
import type { CollectionName, Collections, Patch, TxStore } from '../ports/store'
import { appendAudit, auditEntry, systemAuditEntry, type AuditTarget, type JobActor } from './audit'

export type Stateful = { [C in CollectionName]: Collections[C] extends { status: string } ? C : never }[CollectionName]
export type StatusOf<C extends Stateful> = Collections[C] extends { status: infer S extends string } ? S : never

export interface StateMachine<C extends Stateful, E extends string> {
  collection: C
  /** the audit entry's targetType (topic) and its actions' prefix (topics.publish) */
  targetType: string
  auditPrefix: string
  steps: { readonly [K in E]: { from: ReadonlyArray<StatusOf<C>>; to: StatusOf<C> } }
  /** why a document in this state cannot take this step, in the words of the people who tried */
  refusal(status: StatusOf<C>, event: E): string
  /** how the audit log names the document */
  label(doc: Collections[C]): string
  /** counters kept with the document's state: every step adds its change (the document before and after it) in its transaction */
  counted?: (tx: TxStore, before: Collections[C], after: Collections[C]) => Promise<void>
}

export interface Step<C extends Stateful> {
  /** the other fields the step writes (may depend on the document as read in the transaction, and on others read with tx) */
  set?: Record<string, unknown> | ((doc: Collections[C], tx: TxStore) => Record<string, unknown> | Promise<Record<string, unknown>>)
  inc?: Patch['inc']
  /** other single-document writes that belong to the step, in the same transaction */
  also?: (tx: TxStore, doc: Collections[C]) => Promise<void>
  /** a further condition: when false the step is refused with `refused` */
  when?: { test: (doc: Collections[C]) => boolean; refused: string }
  /** who takes the step (their audit entry is written with it): a person, the time-driven job (theJob(now), 系统), or null for no entry */
  by: MemberContext | JobActor | null
  /** the audit entry's action (default: `<auditPrefix>.<event>`) and reason (may depend on the document as read in the transaction) */
  audit?: { action?: string; reason?: string | null | ((doc: Collections[C]) => string | null) }
  /** the caller's village: a document of another is not found, with these words (no read before the step is needed to say so) */
  scope?: { villageId: string; notFound: string }
  /** refuses a caller who may not take the step on this document (throws, e.g. FORBIDDEN in words) before its state is checked: no read before the step is needed to say so */
  refuse?: (doc: Collections[C]) => void
}

/** Refuses early (before other checks) a step the document's state does not allow, with the machine's words. */
export function assertStep<C extends Stateful, E extends string>(machine: StateMachine<C, E>, status: StatusOf<C>, event: E): void {
  if (!machine.steps[event].from.includes(status)) throw new ApiError('CONFLICT', machine.refusal(status, event))
}

/** Takes one step of the machine on the document `id`; returns the document as written. NOT_FOUND when missing. */
export async function transition<C extends Stateful, E extends string>(
  ports: Pick<Ports, 'store'>,
  machine: StateMachine<C, E>,
  id: string,
  event: E,
  step: Step<C>,
): Promise<Collections[C]> {
  const rule = machine.steps[event]
  return ports.store.transaction(async (tx) => {
    const doc = (await tx.get(machine.collection, id)) as (Collections[C] & { status: StatusOf<C> }) | null
    if (!doc) throw new ApiError('NOT_FOUND', step.scope?.notFound)
    if (step.scope && (doc as { villageId?: string }).villageId !== step.scope.villageId) throw new ApiError('NOT_FOUND', step.scope.notFound)
    step.refuse?.(doc)
    if (!rule.from.includes(doc.status)) throw new ApiError('CONFLICT', machine.refusal(doc.status, event))
    if (step.when && !step.when.test(doc)) throw new ApiError('CONFLICT', step.when.refused)
    const set = { ...(typeof step.set === 'function' ? await step.set(doc, tx) : step.set), status: rule.to }
    await tx.update(machine.collection, id, { set, inc: step.inc })
    const written = { ...doc, ...set } as unknown as Record<string, number>
    for (const [k, n] of Object.entries(step.inc ?? {})) written[k] = (written[k] ?? 0) + n
    await machine.counted?.(tx, doc, written as unknown as Collections[C])
    await step.also?.(tx, doc)
    if (step.by) {
      const target: AuditTarget = { type: machine.targetType, id, label: machine.label(doc) }
      const said = step.audit?.reason
      const [action, reason] = [step.audit?.action ?? `${machine.auditPrefix}.${event}`, (typeof said === 'function' ? said(doc) : said) ?? null]
      const villageId = (doc as { villageId: string }).villageId
      await appendAudit(tx, 'job' in step.by ? systemAuditEntry(villageId, step.by.now, action, target, reason) : auditEntry(step.by, action, target, reason))
    }
    return written as unknown as Collections[C]
  })
}
