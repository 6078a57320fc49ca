/**
 * Counters kept by blind increments: a change adds to its counter without reading it first (one call on CloudBase,
 * where a read and a write were two), and writes it only when it is the first of its kind.
 */
import { DuplicateIdError, type Collections, type TxStore } from '../ports/store'

/**
 * Adds `inc` to the counter `id` without reading it; when there is none yet, inserts `first()` (which holds the change).
 * Two first changes at once: the losing insert fails (DuplicateIdError, or CloudBase's write conflict), and the caller's
 * change runs again (againOnDuplicate) to add to the one now there.
 */
export async function incOrInsert<C extends keyof Collections & string>(tx: Pick<TxStore, 'update' | 'insert'>, collection: C, id: string, inc: Record<string, number>, first: () => Collections[C]): Promise<void> {
  if (await tx.update(collection, id, { inc })) return
  await tx.insert(collection, first())
}

/**
 * Runs a change again when its insert met another's new document (both had found none, or the first did not look):
 * the second run (`again`, the same change unless it reads more) finds it.
 */
export const againOnDuplicate = <R>(change: () => Promise<R>, again: () => Promise<R> = change): Promise<R> => change().catch((e: unknown) => (e instanceof DuplicateIdError ? again() : Promise.reject(e)))
