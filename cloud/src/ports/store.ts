/* eslint-disable @typescript-eslint/no-explicit-any -- the raw adapter interface leaves document types to the typed Store */
/**
 * Store: a small document port shaped by what the CloudBase database does well.
 * Every document has a string `_id`; uniqueness comes from deterministic ids and
 * capacity from conditional increments (the matched count tells if it applied).
 */
export type Doc = { _id: string }

/** A condition on one field: a plain value means equality. Dotted paths reach into objects. */
export type FieldCondition =
  | string
  | number
  | boolean
  | null
  | { $in: Array<string | number | boolean> }
  | { $ne: string | number | boolean | null }
  /** an array field that holds this value among its elements (a membership's roles) */
  | { $has: string | number | boolean }
  /** a string field holding this text anywhere (a search by name or 门牌号: it reads what the rest of the filter leaves, so pair it with an indexed one) */
  | { $contains: string }
  | { $gt?: number | string; $gte?: number | string; $lt?: number | string; $lte?: number | string }

export type Filter = Record<string, FieldCondition>

/** A filter value `undefined` is a bug in the caller: CloudBase's SDK drops the key (matching everything), so both adapters refuse it. */
export function assertDefinedFilter(filter: Filter): void {
  for (const [field, cond] of Object.entries(filter)) if (cond === undefined) throw new Error(`filter value for "${field}" is undefined`)
}

/** the most documents one insertMany takes */
export const INSERT_MANY = 100

export function checkInsertMany(docs: readonly Doc[]): void {
  if (docs.length > INSERT_MANY) throw new Error(`insertMany takes at most ${INSERT_MANY} documents, not ${docs.length}`)
  if (new Set(docs.map((d) => d._id)).size !== docs.length) throw new Error('insertMany was given the same _id twice')
}

/**
 * One figure of Store.totals, per group: how many of its documents also match `where` (every one without it), or
 * with `sum` the total of that number field over them (a missing one adds 0). `where` compares plain fields only:
 * equality, `$in`, `$ne` and ranges on numbers (no `$has`).
 */
export interface TotalSpec {
  where?: Filter
  sum?: string
}

/** A group of Store.totals: the `by` fields' values (null for a missing one), in order, and its figures. */
export interface GroupTotals<K extends string = string> {
  key: Array<string | number | null>
  totals: Record<K, number>
}

/** the most groups one Store.totals answers: more is a caller's bug (its `by` values come from a bounded `$in`) */
export const MAX_GROUPS = 1000

export function checkTotals(by: readonly string[], specs: Record<string, TotalSpec>): void {
  if (!by.length) throw new Error('totals needs a field to group by')
  if (!Object.keys(specs).length) throw new Error('totals needs a figure')
}

export function tooManyGroups(collection: string): Error {
  return new Error(`totals of ${collection} has more than ${MAX_GROUPS} groups`)
}

export interface FindOptions {
  /** fields to sort by, in order */
  sort?: Array<[field: string, direction: 'asc' | 'desc']>
  limit?: number
  skip?: number
}

/**
 * `set` replaces fields (dotted paths allowed); a value `undefined` removes the field (both adapters);
 * `inc` adds to numeric fields (missing counts as 0); `push` appends a value to an array field (a missing
 * one starts empty) — atomically, so that a line can be joined without a transaction (CloudBase `_.push`); `pull`
 * removes every element equal to a plain value from an array field (CloudBase `_.pull`), so that a role can leave a
 * membership without the membership being read first.
 */
export interface Patch {
  set?: Record<string, unknown>
  inc?: Record<string, number>
  push?: Record<string, unknown>
  pull?: Record<string, string | number | boolean>
}

/**
 * Every collection and the document it holds. Each feature adds its own in its documents.ts
 * (`declare module '../../ports/store' { interface Collections { topics: Topic } }`), so that
 * `store.get('topics', id)` is a Topic and a misspelt collection does not compile.
 */
export interface Collections {
  /** markers: which parts of the demo were seeded */
  meta: Doc & { at: number }
}
export type CollectionName = keyof Collections & string

/** Operations inside a transaction address single documents by id, as CloudBase transactions do. */
export interface TxStore<M = Collections> {
  get<C extends keyof M & string>(collection: C, id: string): Promise<M[C] | null>
  insert<C extends keyof M & string>(collection: C, doc: M[C]): Promise<void>
  update<C extends keyof M & string>(collection: C, id: string, patch: Patch): Promise<number>
  remove<C extends keyof M & string>(collection: C, id: string): Promise<number>
}

/** The store as the domain sees it: typed by Collections. */
export interface Store<M = Collections> {
  get<C extends keyof M & string>(collection: C, id: string): Promise<M[C] | null>
  find<C extends keyof M & string>(collection: C, filter?: Filter, options?: FindOptions): Promise<Array<M[C]>>
  /** How many match; with `atMost`, no more than that (counting stops there: a badge's 99+ costs what 100 do). */
  count<C extends keyof M & string>(collection: C, filter?: Filter, atMost?: number): Promise<number>
  /**
   * Counts and sums in one call (one round trip on CloudBase, an aggregation): the documents matching `filter`,
   * grouped by the values of `by` (string or number fields), each group with every figure of `specs`. Groups with no
   * document are absent; at most MAX_GROUPS (more throws). A town's villages at once, a page's topics at once.
   */
  totals<C extends keyof M & string, K extends string>(collection: C, filter: Filter, by: string[], specs: Record<K, TotalSpec>): Promise<Array<GroupTotals<K>>>
  /** Inserts a document; throws DuplicateIdError when `_id` exists. */
  insert<C extends keyof M & string>(collection: C, doc: M[C]): Promise<void>
  /**
   * Inserts up to INSERT_MANY documents in one call (one round trip on CloudBase). On a duplicate `_id` it throws
   * DuplicateIdError and which of the others were written is not said (CloudBase writes those before it): a caller
   * retrying a batch reads first what is there.
   */
  insertMany<C extends keyof M & string>(collection: C, docs: Array<M[C]>): Promise<void>
  /** Applies the patch to every document matching the filter; returns how many matched. */
  update<C extends keyof M & string>(collection: C, filter: Filter, patch: Patch): Promise<number>
  remove<C extends keyof M & string>(collection: C, filter: Filter): Promise<number>
  /** Runs fn atomically; a throw rolls every write back. */
  transaction<R>(fn: (tx: TxStore<M>) => Promise<R>): Promise<R>
}

/**
 * What an adapter implements: any collection name, the document type chosen by the caller (`any`
 * by default, so that an adapter is also a typed Store). The conformance suite speaks this one.
 */
export interface RawTxStore {
  get<T extends Doc = any>(collection: string, id: string): Promise<T | null>
  insert<T extends Doc = any>(collection: string, doc: T): Promise<void>
  update(collection: string, id: string, patch: Patch): Promise<number>
  remove(collection: string, id: string): Promise<number>
}
export interface RawStore {
  get<T extends Doc = any>(collection: string, id: string): Promise<T | null>
  find<T extends Doc = any>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>
  count(collection: string, filter?: Filter, atMost?: number): Promise<number>
  totals<K extends string>(collection: string, filter: Filter, by: string[], specs: Record<K, TotalSpec>): Promise<Array<GroupTotals<K>>>
  insert<T extends Doc = any>(collection: string, doc: T): Promise<void>
  insertMany<T extends Doc = any>(collection: string, docs: T[]): Promise<void>
  update(collection: string, filter: Filter, patch: Patch): Promise<number>
  remove(collection: string, filter: Filter): Promise<number>
  transaction<R>(fn: (tx: RawTxStore) => Promise<R>): Promise<R>
}

export class DuplicateIdError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
  ) {
    super(`duplicate _id ${id} in ${collection}`)
    this.name = 'DuplicateIdError'
  }
}

/** A transaction that other writers kept from committing through every retry (CloudBase's immediate conflicts). */
export class StoreBusyError extends Error {
  constructor(readonly cause: unknown) {
    super(`transaction kept conflicting: ${cause instanceof Error ? cause.message : String(cause)}`)
    this.name = 'StoreBusyError'
  }
}
