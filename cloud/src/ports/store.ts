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
  | { $gt?: number | string; $gte?: number | string; $lt?: number | string; $lte?: number | string }

export type Filter = Record<string, FieldCondition>

/** A filter value `undefined` is a bug in the caller: CloudBase's SDK drops the key (matching everything), so both adapters refuse it. */
export function assertDefinedFilter(filter: Filter): void {
  for (const [field, cond] of Object.entries(filter)) if (cond === undefined) throw new Error(`filter value for "${field}" is undefined`)
}

export interface FindOptions {
  /** fields to sort by, in order */
  sort?: Array<[field: string, direction: 'asc' | 'desc']>
  limit?: number
  skip?: number
}

/**
 * `set` replaces fields (dotted paths allowed); a value `undefined` removes the field (both adapters);
 * `inc` adds to numeric fields (missing counts as 0).
 */
export interface Patch {
  set?: Record<string, unknown>
  inc?: Record<string, number>
}

/** Operations inside a transaction address single documents by id, as CloudBase transactions do. */
export interface TxStore {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>
  insert<T extends Doc>(collection: string, doc: T): Promise<void>
  update(collection: string, id: string, patch: Patch): Promise<number>
  remove(collection: string, id: string): Promise<number>
}

export interface Store {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>
  find<T extends Doc>(collection: string, filter?: Filter, options?: FindOptions): Promise<T[]>
  count(collection: string, filter?: Filter): Promise<number>
  /** Inserts a document; throws DuplicateIdError when `_id` exists. */
  insert<T extends Doc>(collection: string, doc: T): Promise<void>
  /** Applies the patch to every document matching the filter; returns how many matched. */
  update(collection: string, filter: Filter, patch: Patch): Promise<number>
  remove(collection: string, filter: Filter): Promise<number>
  /** Runs fn atomically; a throw rolls every write back. */
  transaction<R>(fn: (tx: TxStore) => Promise<R>): Promise<R>
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

/** Collections that exist in the system; adapters may create tables/collections for them up front. */
export const COLLECTIONS = [
  'regions',
  'villages',
  'grids',
  'halls',
  'households',
  'persons',
  'memberships',
  'joinRequests',
  'notifications',
  'auditLog',
  'jobRuns',
  'ruleVersions',
  'ruleAgreements',
  'topics',
  'ballots',
  'proxies',
  'proposals',
  'cosigns',
  'comments',
  'commentLikes',
] as const
