/**
 * A local emulator of CloudBase's database API, as the real wx-server-sdk 3 (through
 * @cloudbase/node-sdk and @cloudbase/database) speaks it: `POST <url>/admin` with JSON
 * `{ action: 'database.getDocument' | …, collectionName, query (EJSON), order, offset, limit, data,
 * multi, merge, upsert, transactionId }`, answered `{ requestId, data }` or `{ code, message }`.
 * Query matching and update operators come from mingo; EJSON from bson. In memory, per instance.
 *
 * What it cannot tell: CloudBase's exact error texts and its performance; it models the documented
 * behaviour in SETTINGS below, each with where it is documented.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { BSONRegExp, EJSON } from 'bson'
import { Aggregator, Query } from 'mingo'
import { update as applyUpdate } from 'mingo/updater'

type Doc = Record<string, unknown> & { _id: string }

export const SETTINGS = {
  /** Query.get without limit returns 100 documents (CloudBase 数据库 Collection.get / Query.limit docs) */
  defaultLimit: 100,
  /** limit is capped at 1000 on the server side (same page: 最大 1000) */
  maxLimit: 1000,
  /** a transaction lives at most 30 s (数据库事务 docs: 事务超时 30 秒) */
  transactionLifeMs: 30_000,
  /** a write to a document another open transaction wrote fails at once, not after a wait (事务冲突 DATABASE_TRANSACTION_CONFLICT) */
  conflictImmediately: true,
  /** an aggregation without a limit stage answers 20 documents (聚合 Aggregate.end: 默认 20 条) */
  aggregateDefaultLimit: 20,
  /** one response at most 1 MB (数据库限制: 单次返回数据 1MB) */
  maxResultBytes: 1024 * 1024,
}

interface Tx {
  id: string
  startedAt: number
  /** collections that existed when the transaction started (one created later is not visible inside it) */
  collections: Set<string>
  /** the transaction's view of documents it touched: null = removed */
  writes: Map<string, Doc | null>
  /** version of each document when this transaction first read or wrote it */
  seen: Map<string, number>
}

const keyOf = (coll: string, id: string) => `${coll}\u0000${id}`

class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export class CloudBaseEmulator {
  readonly collections = new Map<string, Map<string, Doc>>()
  private readonly versions = new Map<string, number>()
  /** which open transaction holds a written document */
  private readonly locks = new Map<string, string>()
  private readonly txs = new Map<string, Tx>()
  private txSeq = 0
  /** round trips per action, so callers can assert how many a piece of work takes */
  readonly requests: Record<string, number> = {}
  private server: http.Server | null = null
  url = ''
  /** called before each request is handled: a test can change the data between two pages of a query */
  onRequest: ((action: string, params: Record<string, unknown>) => void) | null = null

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        let out: unknown
        try {
          const params = JSON.parse(body || '{}') as Record<string, unknown>
          const action = String(params.action ?? '')
          this.requests[action] = (this.requests[action] ?? 0) + 1
          this.onRequest?.(action, params)
          out = { requestId: `emu-${Date.now()}`, ...this.handle(action, params) }
        } catch (e) {
          out = e instanceof DbError ? { code: e.code, message: `[${e.code}] ${e.message}` } : { code: 'SYS_ERR', message: String((e as Error)?.message ?? e) }
        }
        res.setHeader('content-type', 'application/json')
        res.end(JSON.stringify(out))
      })
    })
    // a burst of a thousand callers (the concurrency suites) must queue, not be reset at Node's default backlog of 511
    await new Promise<void>((r) => this.server!.listen({ port: 0, host: '127.0.0.1', backlog: 4096 }, r))
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/admin`
    return this
  }

  async stop(): Promise<void> {
    const server = this.server
    if (!server) return
    await new Promise<void>((r) => {
      server.close(() => r())
      server.closeAllConnections() // the SDK keeps connections alive
    })
  }

  /** every document of every collection, to prove that a refused call wrote nothing */
  snapshot(): Record<string, Doc[]> {
    const out: Record<string, Doc[]> = {}
    for (const [name, docs] of [...this.collections].sort(([a], [b]) => a.localeCompare(b))) {
      out[name] = [...docs.values()].sort((a, b) => (a._id < b._id ? -1 : 1)).map((d) => structuredClone(d))
    }
    return out
  }

  /** database calls so far (every round trip: get, count, add, update, remove, each transaction step); a test reads it before and after an action */
  totalRequests(): number {
    return Object.values(this.requests).reduce((a, b) => a + b, 0)
  }

  /** Writes documents straight into a collection (no round trip, not counted): a big fixture in milliseconds. */
  seedDocuments(collection: string, docs: ReadonlyArray<{ _id: string }>): void {
    let coll = this.collections.get(collection)
    if (!coll) this.collections.set(collection, (coll = new Map()))
    for (const doc of docs) {
      if (coll.has(doc._id)) throw new Error(`duplicate _id ${doc._id} in ${collection}`)
      // as a write through the API would store it: EJSON's round trip, no shared objects
      coll.set(doc._id, EJSON.parse(EJSON.stringify(doc, { relaxed: false }), { relaxed: true }) as Doc)
      this.bump(collection, doc._id)
    }
  }

  private handle(action: string, p: Record<string, unknown>): Record<string, unknown> {
    switch (action) {
      case 'database.addCollection': {
        const name = String(p.collectionName)
        if (this.collections.has(name)) throw new DbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} already exists`)
        this.collections.set(name, new Map())
        return { data: {} }
      }
      case 'database.startTransaction': {
        const id = `tx-${++this.txSeq}`
        this.txs.set(id, { id, startedAt: Date.now(), collections: new Set(this.collections.keys()), writes: new Map(), seen: new Map() })
        return { transactionId: id }
      }
      case 'database.commitTransaction':
        this.commit(this.tx(p))
        return { data: {} }
      case 'database.abortTransaction':
        this.end(this.tx(p))
        return { data: {} }
      case 'database.getDocument':
        return { data: this.getDocument(p) }
      case 'database.calculateDocument': {
        const docs = this.matching(String(p.collectionName), this.parse(p.query), null)
        return { data: { total: docs.length } }
      }
      case 'database.aggregateDocuments':
        return { data: { list: this.aggregate(p) } }
      case 'database.insertDocument':
        return { data: this.insert(p) }
      case 'database.modifyDocument':
        return { data: this.modify(p) }
      case 'database.removeDocument':
        return { data: this.remove(p) }
      default:
        throw new DbError('INVALID_ACTION', `the emulator does not know ${action}`)
    }
  }

  private parse(s: unknown): Record<string, unknown> {
    if (s === undefined || s === null || s === '') return {}
    return (typeof s === 'string' ? EJSON.parse(s, { relaxed: true }) : s) as Record<string, unknown>
  }

  /** the transaction named in the request; an expired or unknown one is an error, never "not found" */
  private tx(p: Record<string, unknown>): Tx {
    const id = String(p.transactionId)
    const tx = this.txs.get(id)
    if (!tx) throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} is not open`)
    if (Date.now() - tx.startedAt > SETTINGS.transactionLifeMs) {
      this.end(tx)
      throw new DbError('DATABASE_TRANSACTION_FAIL', `transaction ${id} expired after ${SETTINGS.transactionLifeMs} ms`)
    }
    return tx
  }

  private txOf(p: Record<string, unknown>): Tx | null {
    return p.transactionId ? this.tx(p) : null
  }

  private coll(name: string, tx: Tx | null, create = false): Map<string, Doc> {
    let c = this.collections.get(name)
    if (tx && !tx.collections.has(name)) c = undefined
    if (!c) {
      if (create && !tx) throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
      throw new DbError('DATABASE_COLLECTION_NOT_EXIST', `Db or Table not exist: ${name}`)
    }
    return c
  }

  /** documents as this caller sees them (a transaction sees its own writes) */
  private view(name: string, tx: Tx | null): Doc[] {
    const base = this.coll(name, tx)
    if (!tx) return [...base.values()]
    const out = new Map(base)
    for (const [k, v] of tx.writes) {
      const [c, id] = k.split('\u0000')
      if (c !== name) continue
      if (v === null) out.delete(id)
      else out.set(id, v)
    }
    return [...out.values()]
  }

  private matching(name: string, query: Record<string, unknown>, tx: Tx | null): Doc[] {
    const q = new Query(withRegExps(query) as Record<string, unknown>)
    return this.view(name, tx).filter((d) => q.test(d))
  }

  /** `stages` as the SDK sends them ({ stageKey: '$match', stageValue: EJSON }), run by mingo: MongoDB's semantics */
  private aggregate(p: Record<string, unknown>): string[] {
    const stages = (p.stages as Array<{ stageKey: string; stageValue: string }>).map((s) => ({ [s.stageKey]: this.parse(s.stageValue) }))
    if (!stages.some((s) => '$limit' in s)) stages.push({ $limit: SETTINGS.aggregateDefaultLimit } as never)
    const out = new Aggregator(stages).run(this.view(String(p.collectionName), null)) as unknown[]
    return out.map((d) => EJSON.stringify(d, { relaxed: false }))
  }

  private getDocument(p: Record<string, unknown>) {
    const tx = this.txOf(p)
    const name = String(p.collectionName)
    let docs = this.matching(name, this.parse(p.query), tx)
    if (tx && p.queryType === 'DOC') for (const d of docs) this.touch(tx, name, d._id)
    const order = this.parse(p.order) as unknown
    const sorts: Array<[string, number]> = Array.isArray(order)
      ? (order as Array<{ field: string; direction: string }>).map((o) => [o.field, o.direction === 'desc' ? -1 : 1])
      : Object.entries((order ?? {}) as Record<string, number>).map(([k, v]) => [k, Number(v)])
    if (sorts.length) {
      docs = [...docs].sort((a, b) => {
        for (const [f, dir] of sorts) {
          const x = get(a, f)
          const y = get(b, f)
          if (x === y) continue
          if (x === undefined || x === null) return -dir
          if (y === undefined || y === null) return dir
          return (x < y ? -1 : 1) * dir
        }
        return 0
      })
    }
    const offset = Number(p.offset ?? 0)
    const limit = Math.min(Number(p.limit ?? SETTINGS.defaultLimit) || SETTINGS.defaultLimit, SETTINGS.maxLimit)
    const list = docs.slice(offset, offset + limit).map((d) => EJSON.stringify(d, { relaxed: false }))
    if (list.reduce((n, s) => n + s.length, 0) > SETTINGS.maxResultBytes) throw new DbError('DATABASE_REQUEST_FAILED', 'result exceeds 1MB')
    return { list, offset, limit }
  }

  /** a transaction's first look at a document fixes the version it builds on */
  private touch(tx: Tx, coll: string, id: string): void {
    const k = keyOf(coll, id)
    if (!tx.seen.has(k)) tx.seen.set(k, this.versions.get(k) ?? 0)
  }

  /** a transactional write: conflicts at once with another open transaction's write or a newer commit */
  private claim(tx: Tx, coll: string, id: string): void {
    const k = keyOf(coll, id)
    this.touch(tx, coll, id)
    const holder = this.locks.get(k)
    if ((holder && holder !== tx.id) || (this.versions.get(k) ?? 0) !== tx.seen.get(k)) {
      this.end(tx) // an error aborts the transaction
      throw new DbError('DATABASE_TRANSACTION_CONFLICT', `Transaction is conflicted: ${coll}/${id}`)
    }
    this.locks.set(k, tx.id)
  }

  private insert(p: Record<string, unknown>) {
    const tx = this.txOf(p)
    const name = String(p.collectionName)
    const coll = this.coll(name, tx, true)
    const docs = ((p.data as string[]) ?? []).map((s) => this.parse(s) as Doc)
    const ids: string[] = []
    for (const doc of docs) {
      if (typeof doc._id !== 'string') doc._id = `auto${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`
      // as in MongoDB's snapshot transactions: an _id another transaction committed after this one
      // first looked for it is a write conflict (retryable); one that was there all along is a duplicate
      if (tx) this.claim(tx, name, doc._id)
      const exists = tx ? this.view(name, tx).some((d) => d._id === doc._id) : coll.has(doc._id)
      if (exists) {
        if (tx) this.end(tx)
        throw new DbError('DATABASE_DUPLICATE_WRITE', `E11000 duplicate key error collection: ${name} index: _id_ dup key: { _id: "${doc._id}" }`)
      }
      if (tx) {
        tx.writes.set(keyOf(name, doc._id), doc)
      } else {
        coll.set(doc._id, doc)
        this.bump(name, doc._id)
      }
      ids.push(doc._id)
    }
    return { insertedIds: ids }
  }

  private modify(p: Record<string, unknown>) {
    const tx = this.txOf(p)
    const name = String(p.collectionName)
    const targets = this.matching(name, this.parse(p.query), tx)
    const chosen = p.multi ? targets : targets.slice(0, 1)
    const data = this.parse(p.data)
    const isOperator = Object.keys(data).some((k) => k.startsWith('$'))
    let updated = 0
    for (const d of chosen) {
      const next = structuredClone(d)
      let changed: boolean
      if (isOperator) changed = applyUpdate(next, data as never).length > 0
      else {
        for (const k of Object.keys(next)) if (k !== '_id') delete next[k]
        Object.assign(next, data)
        changed = JSON.stringify(next) !== JSON.stringify(d)
      }
      if (tx) {
        this.claim(tx, name, d._id)
        tx.writes.set(keyOf(name, d._id), next)
      } else {
        this.coll(name, null).set(d._id, next)
        this.bump(name, d._id)
      }
      // like MongoDB's nModified: a write that leaves the document as it was does not count
      if (changed) updated++
    }
    return { updated, upsert_id: null }
  }

  private remove(p: Record<string, unknown>) {
    const tx = this.txOf(p)
    const name = String(p.collectionName)
    const targets = this.matching(name, this.parse(p.query), tx)
    const chosen = p.multi === false ? targets.slice(0, 1) : targets
    for (const d of chosen) {
      if (tx) {
        this.claim(tx, name, d._id)
        tx.writes.set(keyOf(name, d._id), null)
      } else {
        this.coll(name, null).delete(d._id)
        this.bump(name, d._id)
      }
    }
    return { deleted: chosen.length }
  }

  private bump(coll: string, id: string): void {
    const k = keyOf(coll, id)
    this.versions.set(k, (this.versions.get(k) ?? 0) + 1)
  }

  private commit(tx: Tx): void {
    for (const [k, v] of tx.writes) {
      const [c, id] = k.split('\u0000')
      const coll = this.collections.get(c)!
      if (v === null) coll.delete(id)
      else coll.set(id, v)
      this.bump(c, id)
    }
    this.end(tx)
  }

  private end(tx: Tx): void {
    for (const [k, holder] of this.locks) if (holder === tx.id) this.locks.delete(k)
    this.txs.delete(tx.id)
  }
}

function get(doc: Record<string, unknown>, path: string): unknown {
  let v: unknown = doc
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined
  return v
}

// @cloudbase/node-sdk warns from a timer when a request takes over 3 s (1,000 ballots at once do);
// that timer can fire after a test file ends, which jest counts as a failure. Drop only that warning.
const warn = console.warn.bind(console)
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('is longer than 3s')) return
  warn(...args)
}

/** wx-server-sdk pointed at the emulator (cloud.init({ serviceUrl })), a fresh module instance. */
export function wxCloudFor(url: string): import('../../cloud/src/adapters/cloudbase').WxCloud {
  let cloud!: import('../../cloud/src/adapters/cloudbase').WxCloud
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const load = () => (cloud = require('wx-server-sdk'))
  // in jest a fresh instance per call; outside it (the bench) the one module, used once
  if (typeof jest !== 'undefined') jest.isolateModules(load)
  else load()
  // the emulator is one Node thread: 1,000 simultaneous ballots queue behind each other there, where
  // CloudBase serves them in parallel, so a request may wait longer than the SDK's 15 s default
  cloud.init({ env: 'emulator-env', serviceUrl: url, secretId: 'emulator', secretKey: 'emulator', timeout: 60_000 })
  return cloud
}

/** db.RegExp arrives as EJSON's BSONRegExp, which mingo compares as a value: give it a RegExp, which it matches as CloudBase does */
function withRegExps(value: unknown): unknown {
  if (value instanceof BSONRegExp) return new RegExp(value.pattern, value.options)
  if (Array.isArray(value)) return value.map(withRegExps)
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withRegExps(v)]))
  return value
}
