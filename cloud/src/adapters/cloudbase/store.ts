/* eslint-disable @typescript-eslint/no-explicit-any -- the raw adapter leaves document types to the typed Store (ports/store.ts) */
import { assertDefinedFilter, checkInsertMany, checkTotals, DuplicateIdError, MAX_GROUPS, StoreBusyError, tooManyGroups, type Doc, type FieldCondition, type Filter, type FindOptions, type GroupTotals, type Patch, type RawStore, type RawTxStore, type TotalSpec } from '../../ports/store'
import { errorInfo, type WxCollection, type WxCommand, type WxCommandValue, type WxDatabase, type WxQuery } from './types'

/**
 * The Store port on the CloudBase document database (wx-server-sdk 3).
 *
 * Facts this adapter relies on (from the SDK source in node_modules/wx-server-sdk and
 * @cloudbase/database 1.4, and CloudBase's documentation):
 * - `doc(id).get()` throws "document with _id … does not exist" unless the database was opened
 *   with `throwOnNotFound: false`; we open it so, and map the message to null anyway.
 * - `get()` without a limit returns 100 documents; the SDK caps a limit at 1000. We page by 100.
 * - A duplicate `_id` on `add` comes back from CloudBase as a database error (wx-server-sdk maps it to
 *   errCode -502001 DATABASE_REQUEST_FAILED, or -501001 for codes it does not know such as the newer
 *   DATABASE_DUPLICATE_WRITE) whose message carries MongoDB's "E11000 duplicate key error".
 *   The code name itself is lost by wx-server-sdk, so we look at the message, and when a database
 *   error does not say, we look whether the `_id` exists.
 * - `update` returns `stats.updated` = documents actually MODIFIED (MongoDB nModified; the SDK even
 *   carries a commented-out `matched`). A `set` that writes the values a document already has would
 *   count 0, while the port promises the MATCHED count. So every update also increments a
 *   bookkeeping field `_writes`; every matched document is then modified and `updated` equals
 *   matched. `_writes` is removed from what get/find return (it is reserved: do not use it).
 * - Update data with an object value MERGES into the stored object (the SDK flattens it to dotted
 *   paths, and drops `{}` entirely); the port's `set` replaces, so object and array values are
 *   wrapped in `_.set(value)`. Dotted keys ('a.b') are passed through as MongoDB paths.
 * - Collections must exist before writing (DATABASE_COLLECTION_NOT_EXIST, -502005); reads of a
 *   missing collection give nothing, a write creates it first.
 * - Transactions (`db.runTransaction`) address single documents: doc(id).get/update/remove and
 *   collection.add; a throw in the callback rolls back and is rethrown; conflicts are retried.
 */

export const WRITES_FIELD = '_writes'
const PAGE = 100
const NOTHING = Symbol('matches nothing')

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/

function checkPath(field: string): string {
  if (!PATH.test(field)) throw new Error(`bad field path: ${field}`)
  return field
}

function strip<T extends Doc = any>(raw: unknown): T {
  const doc = { ...(raw as Record<string, unknown>) }
  delete doc[WRITES_FIELD]
  return doc as T
}

export function isDuplicateKeyError(e: unknown): boolean {
  const { code, text } = errorInfo(e)
  if (code === 'DATABASE_DUPLICATE_WRITE' || code === 11000 || code === '11000') return true
  return /E11000|duplicate key|DATABASE_DUPLICATE_WRITE|duplicate write|index key duplicate/i.test(text)
}

export function isCollectionMissingError(e: unknown): boolean {
  const { code, text } = errorInfo(e)
  if (code === -502005 || code === 'DATABASE_COLLECTION_NOT_EXIST') return true
  // wx-server-sdk keeps the code name only in errMsg; other errors (an expired transaction, a
  // network fault) must surface, not read as an empty collection
  return /DATABASE_COLLECTION_NOT_EXIST/.test(text)
}

/** doc(id).get() on nothing: @cloudbase/database throws this string even with throwOnNotFound: false */
function isNotFoundError(e: unknown): boolean {
  const { code, text } = errorInfo(e)
  return code === 'DOCUMENT_NOT_FOUND' || /document with _id .* does not exist|DOCUMENT_NOT_FOUND/.test(text)
}

/** Another transaction holds the document: CloudBase fails at once, so the whole transaction is retried. */
export function isTransactionConflictError(e: unknown): boolean {
  const { code, text } = errorInfo(e)
  return code === 'DATABASE_TRANSACTION_CONFLICT' || /DATABASE_TRANSACTION_CONFLICT|Transaction is conflicted/i.test(text)
}

/** a field's value in an aggregation expression: a missing field reads as null, as a query's equality to null matches it */
const valueOf = (field: string) => ({ $ifNull: [`$${checkPath(field)}`, null] })

/**
 * A filter as an aggregation expression (a figure's `where` in totals), meaning what the query would: ranges hold for
 * a value that is there (MongoDB orders null below every number; a query's range never matches it).
 */
function expression(filter: Filter): Record<string, unknown> {
  assertDefinedFilter(filter)
  const all: unknown[] = []
  for (const [field, cond] of Object.entries(filter)) {
    const v = valueOf(field)
    if (cond === null || typeof cond !== 'object') all.push({ $eq: [v, cond] })
    else if ('$in' in cond) all.push({ $in: [v, cond.$in] })
    else if ('$ne' in cond) all.push({ $ne: [v, cond.$ne] })
    else if ('$has' in cond) throw new Error(`totals: $has cannot be a figure's condition (${field})`)
    else {
      const ops = { $gt: '$gt', $gte: '$gte', $lt: '$lt', $lte: '$lte' } as const
      const parts = Object.entries(ops).flatMap(([k, op]) => ((cond as Record<string, unknown>)[k] === undefined ? [] : [{ [op]: [v, (cond as Record<string, unknown>)[k]] }]))
      if (!parts.length) throw new Error('empty range condition')
      all.push({ $ne: [v, null] }, ...parts)
    }
  }
  return all.length === 1 ? (all[0] as Record<string, unknown>) : { $and: all }
}

/** A collection was missing inside a transaction: it is created outside, then the transaction runs again. */
class CollectionCreated extends Error {}

/** with the backoff below, at most ~11 s of retrying (the function's timeout is 20 s) */
const TX_ATTEMPTS = 16
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** A database error (as opposed to a network or parameter error): -5020xx, or an unmapped -501001. */
function isDatabaseError(e: unknown): boolean {
  const { code } = errorInfo(e)
  return typeof code === 'number' && (code === -501001 || (code <= -502000 && code > -503000))
}

export interface CloudBaseStoreOptions {
  /** prepended to every collection name (tests use a prefix of their own) */
  prefix?: string
  /**
   * Collections created before the first operation: a collection must exist before a transaction
   * starts to be written inside it (the deploy step creates them too; this covers a fresh env).
   */
  collections?: readonly string[]
}

export class CloudBaseStore implements RawStore {
  private readonly _: WxCommand
  private readonly prefix: string
  private readonly created = new Set<string>()

  constructor(
    readonly db: WxDatabase,
    options: CloudBaseStoreOptions = {},
  ) {
    this._ = db.command
    this.prefix = options.prefix ?? ''
    this.upFront = options.collections ?? []
  }

  private readonly upFront: readonly string[]
  private ready: Promise<void> | null = null
  /** Creates every up-front collection once (concurrently), before the first operation needs them. */
  ensureCollections(): Promise<void> {
    if (!this.ready) {
      this.ready = Promise.all(this.upFront.map((n) => this.ensureCollection(n))).then(() => undefined)
      this.ready.catch(() => (this.ready = null)) // a failed attempt is tried again next time
    }
    return this.ready
  }

  /** the real collection name */
  name(collection: string): string {
    if (!NAME.test(collection)) throw new Error(`bad collection name: ${collection}`)
    return this.prefix + collection
  }

  private coll(collection: string): WxCollection {
    return this.db.collection(this.name(collection))
  }

  /** Creates the collection unless it exists (created now or earlier, by us or someone else). */
  async ensureCollection(collection: string): Promise<void> {
    const name = this.name(collection)
    if (this.created.has(name)) return
    try {
      await this.db.createCollection(name)
    } catch (e) {
      // DATABASE_COLLECTION_ALREADY_EXIST and the like: the collection is there
      const { text } = errorInfo(e)
      if (!/exist/i.test(text)) throw e
    }
    this.created.add(name)
  }

  /** Translates a Filter to a where-condition; null when it can match nothing (an empty $in). */
  condition(filter: Filter = {}): Record<string, unknown> | null {
    const _ = this._
    const out: Record<string, unknown> = {}
    assertDefinedFilter(filter)
    for (const [field, cond] of Object.entries(filter)) {
      checkPath(field)
      out[field] = this.fieldCondition(_, cond)
      if (out[field] === NOTHING) return null
    }
    return out
  }

  private fieldCondition(_: WxCommand, cond: FieldCondition): unknown {
    if (cond === null || typeof cond !== 'object') return cond
    if ('$in' in cond) return cond.$in.length === 0 ? NOTHING : _.in(cond.$in)
    if ('$ne' in cond) return _.neq(cond.$ne)
    // MongoDB's (and CloudBase's) equality on an array field matches an element
    if ('$has' in cond) return cond.$has
    // a regular expression of the text taken literally (CloudBase has no substring operator)
    if ('$contains' in cond) return this.db.RegExp({ regexp: cond.$contains.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), options: '' })
    const parts: WxCommandValue[] = []
    if (cond.$gt !== undefined) parts.push(_.gt(cond.$gt))
    if (cond.$gte !== undefined) parts.push(_.gte(cond.$gte))
    if (cond.$lt !== undefined) parts.push(_.lt(cond.$lt))
    if (cond.$lte !== undefined) parts.push(_.lte(cond.$lte))
    if (parts.length === 0) throw new Error('empty range condition')
    return parts.length === 1 ? parts[0] : parts[0].and(...parts.slice(1))
  }

  /** Update data for a patch: see the notes at the top about merging and `_writes`. */
  updateData(patch: Patch): Record<string, unknown> {
    const _ = this._
    const data: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(patch.set ?? {})) {
      if (k === '_id') throw new Error('_id cannot change')
      if (k === WRITES_FIELD) throw new Error(`${WRITES_FIELD} is reserved`)
      checkPath(k)
      // undefined removes the field (the SDK would drop the key and leave the field as it was)
      if (v === undefined) data[k] = _.remove()
      else data[k] = v !== null && typeof v === 'object' ? _.set(v) : v
    }
    for (const [k, n] of Object.entries(patch.inc ?? {})) {
      if (k === WRITES_FIELD) throw new Error(`${WRITES_FIELD} is reserved`)
      checkPath(k)
      data[k] = _.inc(n)
    }
    for (const [k, v] of Object.entries(patch.push ?? {})) {
      if (k === WRITES_FIELD) throw new Error(`${WRITES_FIELD} is reserved`)
      checkPath(k)
      data[k] = _.push([v])
    }
    for (const [k, v] of Object.entries(patch.pull ?? {})) {
      if (k === WRITES_FIELD) throw new Error(`${WRITES_FIELD} is reserved`)
      checkPath(k)
      data[k] = _.pull(v)
    }
    data[WRITES_FIELD] = _.inc(1)
    return data
  }

  async get<T extends Doc = any>(collection: string, id: string): Promise<T | null> {
    try {
      const { data } = await this.coll(collection).doc(id).get()
      const doc = Array.isArray(data) ? data[0] : data
      return doc ? strip<T>(doc) : null
    } catch (e) {
      if (isNotFoundError(e) || isCollectionMissingError(e)) return null
      throw e
    }
  }

  async find<T extends Doc = any>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    const cond = this.condition(filter)
    if (cond === null || options.limit === 0) return []
    // a total order, as the SQLite store has: the sort keys, then _id
    const sort: Array<[string, 'asc' | 'desc']> = (options.sort ?? []).map(([f, d]) => [checkPath(f), d === 'desc' ? 'desc' : 'asc'])
    if (!sort.some(([f]) => f === '_id')) sort.push(['_id', 'asc'])
    const query = (where: Record<string, unknown>) => {
      let q: WxQuery = this.coll(collection).where(where)
      for (const [field, dir] of sort) q = q.orderBy(field, dir)
      return q
    }
    const want = options.limit ?? Infinity
    const out: T[] = []
    try {
      // the first page honours skip; later pages start after the last document seen (a cursor on the
      // sort keys), so a document inserted or removed meanwhile shifts nothing
      let page = query(cond)
      let skip = options.skip ?? 0
      while (out.length < want) {
        const n = Math.min(PAGE, want - out.length)
        const { data } = await (skip > 0 ? page.skip(skip) : page).limit(n).get()
        for (const d of data) out.push(strip<T>(d))
        if (data.length < n) break
        const after = this.after(sort, data[data.length - 1] as Record<string, unknown>)
        if (after) {
          page = query(this._.and(cond, after))
          skip = 0
        } else {
          skip += data.length // a sort key without a comparable value: fall back to counting
        }
      }
    } catch (e) {
      if (isCollectionMissingError(e)) return []
      throw e
    }
    return out
  }

  /**
   * The condition "sorts after this document": for keys k1..kn, (k1 beyond v1) or (k1 = v1 and k2
   * beyond v2) or … Null when a key has no string/number/boolean value (MongoDB's comparison of
   * missing or null values across types cannot be expressed this way).
   */
  private after(sort: Array<[string, 'asc' | 'desc']>, last: Record<string, unknown>): Record<string, unknown> | null {
    const _ = this._
    const values = sort.map(([f]) => f.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), last))
    if (!values.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) return null
    const branches = sort.map(([field, dir], i) => {
      const branch: Record<string, unknown> = {}
      for (let j = 0; j < i; j++) branch[sort[j][0]] = values[j]
      branch[field] = dir === 'desc' ? _.lt(values[i]) : _.gt(values[i])
      return branch
    })
    return branches.length === 1 ? branches[0] : _.or(...branches)
  }

  async count(collection: string, filter: Filter = {}, atMost?: number): Promise<number> {
    const cond = this.condition(filter)
    if (cond === null) return 0
    try {
      // the database counts by its index in one call: the cap only shapes the answer
      const { total } = await this.coll(collection).where(cond).count()
      return atMost === undefined ? total : Math.min(total, Math.max(0, Math.floor(atMost)))
    } catch (e) {
      if (isCollectionMissingError(e)) return 0
      throw e
    }
  }

  /**
   * Counts and sums by group in one aggregation: match, group by the fields (a missing one as null), each figure a
   * `$sum` of 1 or of the field, under a `$cond` of its `where`. The aggregation answers 20 groups unless limited.
   */
  async totals<K extends string>(collection: string, filter: Filter, by: string[], specs: Record<K, TotalSpec>): Promise<Array<GroupTotals<K>>> {
    checkTotals(by, specs)
    const cond = this.condition(filter)
    if (cond === null) return []
    const names = Object.keys(specs) as K[]
    const group: Record<string, unknown> = { _id: Object.fromEntries(by.map((f, i) => [`k${i}`, valueOf(f)])) }
    names.forEach((name, i) => {
      const spec: TotalSpec = specs[name]
      const value = spec.sum ? { $ifNull: [`$${checkPath(spec.sum)}`, 0] } : 1
      group[`t${i}`] = { $sum: spec.where && Object.keys(spec.where).length ? { $cond: [expression(spec.where), value, 0] } : value }
    })
    let data: unknown[]
    try {
      ;({ list: data } = await this.coll(collection).aggregate().match(cond).group(group).limit(MAX_GROUPS + 1).end())
    } catch (e) {
      if (isCollectionMissingError(e)) return []
      throw e
    }
    if (data.length > MAX_GROUPS) throw tooManyGroups(collection)
    return data.map((raw) => {
      const row = raw as { _id: Record<string, string | number | null> } & Record<string, number>
      return {
        key: by.map((_, i) => row._id[`k${i}`] ?? null),
        totals: Object.fromEntries(names.map((n, i) => [n, Number(row[`t${i}`] ?? 0)])) as Record<K, number>,
      }
    })
  }

  /** Runs an add, creating the collection first if CloudBase says it is missing (then adding again). */
  private async addCreating(collection: string, add: () => Promise<unknown>): Promise<void> {
    try {
      await add()
    } catch (e) {
      if (!isCollectionMissingError(e)) throw e
      await this.ensureCollection(collection)
      await add()
    }
  }

  async insert(collection: string, doc: Doc): Promise<void> {
    if (typeof doc._id !== 'string' || !doc._id) throw new Error('document needs a string _id')
    try {
      await this.addCreating(collection, () => this.coll(collection).add({ data: { ...doc } }))
    } catch (e) {
      if (isDuplicateKeyError(e)) throw new DuplicateIdError(collection, doc._id)
      // the SDK may not say why a write failed; an _id that is there is a duplicate
      if (isDatabaseError(e) && (await this.get(collection, doc._id).catch(() => null))) throw new DuplicateIdError(collection, doc._id)
      throw e
    }
  }

  async insertMany(collection: string, docs: Doc[]): Promise<void> {
    checkInsertMany(docs)
    if (!docs.length) return
    for (const doc of docs) if (typeof doc._id !== 'string' || !doc._id) throw new Error('document needs a string _id')
    try {
      await this.addCreating(collection, () => this.coll(collection).add({ data: docs.map((d) => ({ ...d })) }))
    } catch (e) {
      if (!isDuplicateKeyError(e) && !isDatabaseError(e)) throw e
      // which one: the message names it (MongoDB's dup key), or the first that is there
      const named = docs.find((d) => errorInfo(e).text.includes(`"${d._id}"`))
      const there = named ?? (await this.find(collection, { _id: { $in: docs.map((d) => d._id) } }, { limit: 1 }).catch(() => []))[0]
      if (there) throw new DuplicateIdError(collection, there._id)
      throw e
    }
  }

  async update(collection: string, filter: Filter, patch: Patch): Promise<number> {
    const cond = this.condition(filter)
    if (cond === null) return 0
    const data = this.updateData(patch)
    try {
      const res = await this.coll(collection).where(cond).update({ data })
      return res.stats?.updated ?? 0
    } catch (e) {
      if (isCollectionMissingError(e)) return 0
      throw e
    }
  }

  async remove(collection: string, filter: Filter): Promise<number> {
    const cond = this.condition(filter)
    if (cond === null) return 0
    try {
      const res = await this.coll(collection).where(cond).remove()
      return res.stats?.removed ?? 0
    } catch (e) {
      if (isCollectionMissingError(e)) return 0
      throw e
    }
  }

  /**
   * Runs fn in a CloudBase transaction. A conflict (another transaction holds a document: CloudBase
   * fails at once) or a collection created meanwhile runs the whole function again, after a short
   * random backoff; fn must therefore only touch the store (what it reads, it reads again).
   */
  async transaction<R>(fn: (tx: RawTxStore) => Promise<R>): Promise<R> {
    await this.ensureCollections()
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.transactionOnce(fn)
      } catch (e) {
        const retry = e instanceof CollectionCreated || isTransactionConflictError(e)
        if (!retry) throw e
        if (attempt >= TX_ATTEMPTS) throw e instanceof CollectionCreated ? e : new StoreBusyError(e)
        await sleep(Math.random() * Math.min(1000, 10 * 2 ** attempt))
      }
    }
  }

  private transactionOnce<R>(fn: (tx: RawTxStore) => Promise<R>): Promise<R> {
    return this.db.runTransaction(async (t) => {
      const coll = (c: string) => t.collection(this.name(c))
      const tx: RawTxStore = {
        get: async <T extends Doc = any>(c: string, id: string) => {
          try {
            const { data } = await coll(c).doc(id).get()
            const doc = Array.isArray(data) ? data[0] : data
            return doc ? strip<T>(doc) : null
          } catch (e) {
            if (isNotFoundError(e) || isCollectionMissingError(e)) return null
            throw e
          }
        },
        insert: async (c, doc) => {
          if (typeof doc._id !== 'string' || !doc._id) throw new Error('document needs a string _id')
          try {
            await coll(c).add({ data: { ...doc } })
          } catch (e) {
            if (isDuplicateKeyError(e)) throw new DuplicateIdError(c, doc._id)
            if (isCollectionMissingError(e)) {
              // a transaction cannot see a collection created after it began: create it, run again
              await this.ensureCollection(c)
              throw new CollectionCreated(c)
            }
            throw e
          }
        },
        update: async (c, id, patch) => {
          try {
            const res = await coll(c).doc(id).update({ data: this.updateData(patch) })
            return res.stats?.updated ?? 0
          } catch (e) {
            if (isNotFoundError(e) || isCollectionMissingError(e)) return 0
            throw e
          }
        },
        remove: async (c, id) => {
          try {
            const res = await coll(c).doc(id).remove()
            return res.stats?.removed ?? 0
          } catch (e) {
            if (isNotFoundError(e) || isCollectionMissingError(e)) return 0
            throw e
          }
        },
      }
      return fn(tx)
    })
  }
}
