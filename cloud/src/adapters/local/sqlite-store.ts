/* eslint-disable @typescript-eslint/no-explicit-any -- the raw adapter leaves document types to the typed Store (ports/store.ts) */
import Database from 'better-sqlite3'
import { startCheckpointer, type Checkpointer } from './checkpointer'
import { assertDefinedFilter, checkInsertMany, checkTotals, DuplicateIdError, MAX_GROUPS, tooManyGroups, type Doc, type Filter, type FindOptions, type GroupTotals, type Patch, type RawStore, type RawTxStore, type TotalSpec } from '../../ports/store'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/
/** a string every JSON writer spells the same (no escapes): ids, roles */
const PLAIN = /^[A-Za-z0-9_.:-]+$/

function checkName(collection: string): string {
  if (!NAME.test(collection)) throw new Error(`bad collection name: ${collection}`)
  return collection
}
function jsonPath(field: string): string {
  if (!PATH.test(field)) throw new Error(`bad field path: ${field}`)
  return `'$.${field}'`
}
/** SQLite's JSON functions give booleans as 1/0. */
function sqlValue(v: unknown): unknown {
  return typeof v === 'boolean' ? (v ? 1 : 0) : v
}

function where(filter: Filter = {}): { sql: string; params: unknown[] } {
  const parts: string[] = []
  const params: unknown[] = []
  assertDefinedFilter(filter)
  for (const [field, cond] of Object.entries(filter)) {
    const col = field === '_id' ? '_id' : `json_extract(doc, ${jsonPath(field)})`
    if (cond === null) {
      parts.push(`${col} IS NULL`)
    } else if (typeof cond !== 'object') {
      parts.push(`${col} = ?`)
      params.push(sqlValue(cond))
    } else if ('$in' in cond) {
      if (cond.$in.length === 0) parts.push('0')
      else {
        parts.push(`${col} IN (${cond.$in.map(() => '?').join(',')})`)
        params.push(...cond.$in.map(sqlValue))
      }
    } else if ('$has' in cond) {
      // documents are stored as JSON.stringify wrote them, so a plain string held anywhere in one appears in its text as
      // "value": that test (a substring search) passes over most rows before json_each parses the few left (2 µs a row)
      if (typeof cond.$has === 'string' && PLAIN.test(cond.$has)) {
        parts.push('instr(doc, ?) > 0')
        params.push(JSON.stringify(cond.$has))
      }
      parts.push(`EXISTS (SELECT 1 FROM json_each(doc, ${jsonPath(field)}) WHERE value = ?)`)
      params.push(sqlValue(cond.$has))
    } else if ('$contains' in cond) {
      parts.push(`instr(${col}, ?) > 0`)
      params.push(cond.$contains)
    } else if ('$ne' in cond) {
      if (cond.$ne === null) parts.push(`${col} IS NOT NULL`)
      else {
        parts.push(`(${col} IS NULL OR ${col} != ?)`)
        params.push(sqlValue(cond.$ne))
      }
    } else {
      const ops = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const
      for (const [op, sym] of Object.entries(ops)) {
        const v = (cond as Record<string, unknown>)[op]
        if (v !== undefined) {
          parts.push(`${col} ${sym} ?`)
          params.push(v)
        }
      }
    }
  }
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params }
}

/** the filter as one SQL condition (`1` when empty), for a CASE inside an aggregate */
function condition(filter: Filter): { sql: string; params: unknown[] } {
  const w = where(filter)
  return { sql: w.sql ? w.sql.slice('WHERE '.length) : '1', params: w.params }
}

const fieldSql = (field: string) => (field === '_id' ? '_id' : `json_extract(doc, ${jsonPath(field)})`)

function setPath(doc: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let cur = doc
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {}
    cur = cur[k] as Record<string, unknown>
  }
  // undefined removes the field, as JSON would when the document is written (one meaning on both adapters)
  if (value === undefined) delete cur[keys[keys.length - 1]]
  else cur[keys[keys.length - 1]] = value
}
function getPath(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), doc)
}

/** Applies the patch to a document nobody else holds (one just parsed from its row, stringified next): in place, nothing copied. */
function applyPatch<T extends Doc = any>(doc: T, patch: Patch): T {
  const next = doc as Record<string, unknown>
  for (const [k, v] of Object.entries(patch.set ?? {})) {
    if (k === '_id') throw new Error('_id cannot change')
    setPath(next, k, v)
  }
  for (const [k, n] of Object.entries(patch.inc ?? {})) {
    const cur = getPath(next, k)
    setPath(next, k, (typeof cur === 'number' ? cur : 0) + n)
  }
  for (const [k, v] of Object.entries(patch.push ?? {})) {
    const cur = getPath(next, k)
    setPath(next, k, [...(Array.isArray(cur) ? cur : []), v])
  }
  for (const [k, v] of Object.entries(patch.pull ?? {})) {
    const cur = getPath(next, k)
    if (Array.isArray(cur)) setPath(next, k, cur.filter((x) => x !== v))
  }
  return next as T
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const v of Object.values(value)) deepFreeze(v)
  }
  return value
}

/** Prepared statements kept per SQL text; past this many distinct texts (`$in` lists vary) the cache starts over. */
const STATEMENT_CACHE = 512

/** A write outside a transaction (run synchronously) or a transaction (its function, awaited), waiting for the next group commit. */
type Queued = { resolve: (value: unknown) => void; reject: (error: unknown) => void } & (
  | { run: () => unknown; fn?: undefined }
  | { fn: (tx: RawTxStore) => Promise<unknown>; run?: undefined }
)

/**
 * The embedded Store: one SQLite file in WAL mode, one table per collection holding JSON documents.
 * better-sqlite3 is synchronous, so every call is atomic within this process; writes take the
 * database's write lock (BEGIN IMMEDIATE) so that other processes on the same file are safe too.
 *
 * Group commit: the writes (insert, update, remove) and transactions that arrive in the same turn of
 * the event loop share one IMMEDIATE transaction, each in its own savepoint, so that one that fails (a
 * duplicate id, a transaction that throws) fails alone and undoes only itself; every caller is answered
 * after the COMMIT, so what was acknowledged is written. Under load this turns fifty commits into one.
 * Reads do not wait for queued writes (a write not yet answered may or may not be seen by a concurrent
 * read, as on CloudBase); while a batch runs, reads wait for it, so a transaction's reads are its own.
 *
 * Read snapshot: the reads of one turn of the event loop share one read transaction, ended when the turn is
 * over (or before a write batch, a CREATE or any use of `db`). Each statement on its own would take and drop
 * WAL's read lock (about 5 µs here, as much as reading a document); under load a turn serves many calls.
 * Another process's commit is seen from the next turn, as it would be by a read that came a moment sooner.
 */
export class SqliteStore implements RawStore {
  private readonly conn: Database.Database
  private tables = new Set<string>()
  /** tables created inside the open transaction: a rollback undoes their CREATE TABLE */
  private createdInTx: string[] = []
  private statements = new Map<string, Database.Statement>()
  /** cacheDocuments(): parsed documents by collection and id, each deeply frozen (shared by every reader) */
  private cached = new Map<string, Map<string, Doc>>()
  /** PRAGMA data_version when the cache was last known good: another connection's commit changes it */
  private cachedVersion: unknown = null
  /** whether the cache is known good in the open transaction (read snapshot or write batch): checked once in each */
  private cacheChecked = false
  /** a read snapshot is open (a deferred BEGIN), to be ended when this turn is over */
  private snapshot = false
  private readonly endSnapshotLater = () => this.endSnapshot()
  private checkpointer: Checkpointer | null = null
  /** a batch being written: other calls on this connection wait for it to finish */
  private txDone: Promise<unknown> | null = null
  private queued: Queued[] = []
  private flushing: Promise<void> | null = null
  /** what a transaction's function is given: single documents by id, run on the batch's connection */
  private readonly txApi: RawTxStore = {
    get: async <T extends Doc = any>(c: string, id: string) => this.getSync<T>(c, id),
    insert: async (c, doc) => this.insertSync(c, doc),
    update: async (c, id, patch) => this.updateSync(c, { _id: id }, patch),
    remove: async (c, id) => this.removeSync(c, { _id: id }),
  }

  /** the batch's own statements, prepared once (exec parses its text every time; a batch runs two per write) */
  private readonly sql: Record<'beginRead' | 'begin' | 'commit' | 'rollback' | 'savepoint' | 'release' | 'rollbackTo' | 'dataVersion', Database.Statement>

  constructor(file: string) {
    this.conn = new Database(file)
    this.conn.pragma('journal_mode = WAL')
    this.conn.pragma('synchronous = NORMAL')
    this.conn.pragma('busy_timeout = 10000')
    // a village's pages (the openid index a first ballot searches, the ballots' receipt index it writes) stay in
    // memory once read: the default 2 MB page cache held few of 30,000 voters' pages, and each miss was a read() of the file
    this.conn.pragma('cache_size = -65536')
    const prepare = (text: string) => this.conn.prepare(text)
    this.sql = {
      beginRead: prepare('BEGIN'),
      begin: prepare('BEGIN IMMEDIATE'),
      commit: prepare('COMMIT'),
      rollback: prepare('ROLLBACK'),
      savepoint: prepare('SAVEPOINT w'),
      release: prepare('RELEASE w'),
      rollbackTo: prepare('ROLLBACK TO w'),
      dataVersion: prepare('PRAGMA data_version').pluck(),
    }
  }

  /** The connection itself, for raw statements (fixtures, the bench): the turn's read snapshot is ended first, and the cache dropped. */
  get db(): Database.Database {
    this.endSnapshot()
    for (const m of this.cached.values()) m.clear()
    return this.conn
  }

  /** For a long-running server: WAL checkpoints on a thread of their own, not in the commits (checkpointer.ts). */
  checkpointOnThread(): void {
    this.checkpointer ??= startCheckpointer(this.conn)
  }

  /**
   * Gives the query planner statistics of the data as it is now (PRAGMA optimize: the tables whose size changed much
   * since, each from a sample). Without them SQLite guesses, and picks the index that saves a sort: 随手拍's queue
   * (the open reports, newest first) walked every report of the village by date, 400 ms at 100,000 reports, where
   * the (village, status, date) index finds the few hundred open ones in a few ms. About 0.3 s at that size.
   */
  optimize(): void {
    this.db.exec('PRAGMA optimize = 0x10002')
  }

  close(): void {
    void this.checkpointer?.stop()
    this.endSnapshot()
    this.conn.close()
  }

  /** Opens the turn's read snapshot unless one (or a write batch) is open. */
  private beginSnapshot(): void {
    if (this.snapshot || this.conn.inTransaction) return
    this.sql.beginRead.run()
    this.snapshot = true
    this.cacheChecked = false
    setImmediate(this.endSnapshotLater)
  }

  private endSnapshot(): void {
    if (!this.snapshot) return
    this.snapshot = false
    this.cacheChecked = false
    if (this.conn.inTransaction) this.sql.commit.run()
  }

  private prepare(sql: string): Database.Statement {
    let stmt = this.statements.get(sql)
    if (!stmt) {
      if (this.statements.size >= STATEMENT_CACHE) this.statements.clear()
      stmt = this.conn.prepare(sql)
      this.statements.set(sql, stmt)
    }
    return stmt
  }

  private table(collection: string): string {
    const name = checkName(collection)
    if (!this.tables.has(name)) {
      // created in a write batch (undone with it), never in a read snapshot (which it would make a write)
      this.endSnapshot()
      this.conn.exec(`CREATE TABLE IF NOT EXISTS "${name}" (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)`)
      this.tables.add(name)
      if (this.conn.inTransaction) this.createdInTx.push(name)
    }
    return `"${name}"`
  }

  /** Creates the collection's table if it is missing (a fixture writing rows directly needs it). */
  ensureTable(collection: string): void {
    this.table(collection)
  }

  /**
   * An index on fields that are filtered often; a no-op when it exists. Returns its name. `_id` (last) is the row's
   * own column: a find by the fields before it, in the default `_id` order, then walks the index instead of sorting.
   */
  ensureIndex(collection: string, fields: string[]): string {
    const t = this.table(collection)
    const name = `${collection}_${fields.join('_').replace(/\./g, '_')}`
    this.endSnapshot()
    this.conn.exec(`CREATE INDEX IF NOT EXISTS "${name}" ON ${t} (${fields.map(fieldSql).join(', ')})`)
    return name
  }

  /**
   * Exactly these indexes on the collection: each made if missing, and any other this store made before (a feature
   * that no longer declares it) dropped, since every index costs each insert and update of the collection.
   */
  ensureIndexes(collection: string, fieldLists: ReadonlyArray<readonly string[]>): void {
    const wanted = new Set(fieldLists.map((fields) => this.ensureIndex(collection, [...fields])))
    this.endSnapshot()
    const existing = this.conn.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND name NOT LIKE 'sqlite_%'`).pluck().all(checkName(collection)) as string[]
    for (const name of existing) if (!wanted.has(name)) this.conn.exec(`DROP INDEX "${name}"`)
  }

  /**
   * Keeps the collection's documents, once read by id, parsed and frozen in memory: for big documents that are
   * read on every call and seldom written (a topic's roll chunks: 12 KB each, read by every ballot). A write of
   * this connection to the collection drops its documents, and a commit by another connection (process) drops
   * them all (PRAGMA data_version); nothing read inside a transaction is kept, so a rollback leaves nothing behind.
   * A reader that tried to change one would throw (frozen), never change it for the next.
   */
  cacheDocuments(collection: string): void {
    this.cached.set(checkName(collection), new Map())
  }

  /**
   * The collection's cache, or null when it has none; emptied first if another connection has committed since (asked
   * once per read snapshot or write batch: within one, what this connection sees does not change but by its own writes).
   */
  private cacheOf(collection: string): Map<string, Doc> | null {
    const docs = this.cached.get(collection)
    if (!docs) return null
    if (this.cacheChecked && this.conn.inTransaction) return docs
    const version = this.sql.dataVersion.get()
    if (version !== this.cachedVersion) {
      for (const m of this.cached.values()) m.clear()
      this.cachedVersion = version
    }
    this.cacheChecked = this.conn.inTransaction
    return docs
  }

  private dropCached(collection: string): void {
    this.cached.get(collection)?.clear()
  }

  /**
   * Runs fn once no transaction is open; the check and fn run in the same tick, so nothing slips between. With
   * none open (most reads) it runs at once, with no async function's promise around it.
   */
  private outsideTx<R>(fn: () => R): Promise<R> {
    if (this.txDone) return this.afterTx(fn)
    try {
      this.beginSnapshot()
      return Promise.resolve(fn())
    } catch (e) {
      return Promise.reject(e)
    }
  }

  private async afterTx<R>(fn: () => R): Promise<R> {
    while (this.txDone) await this.txDone.catch(() => undefined)
    this.beginSnapshot()
    return fn()
  }

  private getSync<T extends Doc = any>(collection: string, id: string): T | null {
    const cache = this.cacheOf(collection)
    const hit = cache?.get(id)
    if (hit) return hit as T
    const row = this.prepare(`SELECT doc FROM ${this.table(collection)} WHERE _id = ?`).get(id) as { doc: string } | undefined
    if (!row) return null
    const doc = JSON.parse(row.doc) as T
    if (cache && this.snapshot) cache.set(id, deepFreeze(doc))
    return doc
  }

  private insertSync(collection: string, doc: Doc): void {
    if (typeof doc._id !== 'string' || !doc._id) throw new Error('document needs a string _id')
    try {
      this.prepare(`INSERT INTO ${this.table(collection)} (_id, doc) VALUES (?, ?)`).run(doc._id, JSON.stringify(doc))
    } catch (e) {
      if ((e as { code?: string }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY') throw new DuplicateIdError(collection, doc._id)
      throw e
    }
  }

  private updateSync(collection: string, filter: Filter, patch: Patch): number {
    this.dropCached(collection)
    const t = this.table(collection)
    const w = where(filter)
    const rows = this.prepare(`SELECT doc FROM ${t} ${w.sql}`).all(...w.params) as Array<{ doc: string }>
    const write = this.prepare(`UPDATE ${t} SET doc = ? WHERE _id = ?`)
    for (const row of rows) {
      const next = applyPatch(JSON.parse(row.doc) as Doc, patch)
      write.run(JSON.stringify(next), next._id)
    }
    return rows.length
  }

  private removeSync(collection: string, filter: Filter): number {
    this.dropCached(collection)
    const w = where(filter)
    return this.prepare(`DELETE FROM ${this.table(collection)} ${w.sql}`).run(...w.params).changes
  }

  /** After a rollback (to the start, or to a savepoint): the tables created since `from` are gone, and so are statements that name them. */
  private forgetCreatedSince(from: number): void {
    const undone = this.createdInTx.splice(from)
    if (undone.length) {
      for (const name of undone) this.tables.delete(name)
      this.statements.clear()
    }
  }

  /** Queues a write or a transaction for the next group commit; resolves after the COMMIT that wrote it. */
  private enqueue<R>(item: Omit<Queued, 'resolve' | 'reject'>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queued.push({ ...item, resolve: resolve as (v: unknown) => void, reject } as Queued)
      this.flushing ??= new Promise<void>((done) => setImmediate(() => void this.flush().finally(done)))
    })
  }

  private async flush(): Promise<void> {
    while (this.txDone) await this.txDone.catch(() => undefined)
    const batch = this.queued
    this.queued = []
    this.flushing = null
    if (batch.length === 0) return
    const written = this.writeBatch(batch)
    // set before anything else runs: writeBatch ran up to its first await, within this turn
    this.txDone = written
    try {
      await written
    } finally {
      this.txDone = null
    }
  }

  private async writeBatch(batch: Queued[]): Promise<void> {
    // a batch of one (no concurrent writer) needs no savepoint: its transaction is its own
    const savepoints = batch.length > 1
    const outcomes: Array<{ ok: boolean; value: unknown }> = []
    try {
      this.endSnapshot()
      this.sql.begin.run()
      for (const item of batch) {
        const tables = this.createdInTx.length
        if (savepoints) this.sql.savepoint.run()
        try {
          const value = item.run ? item.run() : await item.fn(this.txApi)
          if (savepoints) this.sql.release.run()
          outcomes.push({ ok: true, value })
        } catch (e) {
          if (!savepoints) throw e
          this.sql.rollbackTo.run()
          this.sql.release.run()
          this.forgetCreatedSince(tables)
          outcomes.push({ ok: false, value: e })
        }
      }
      this.sql.commit.run()
      this.cacheChecked = false
      this.createdInTx = []
    } catch (e) {
      // the lone write failed, or the COMMIT itself: nothing of the batch was written
      if (this.conn.inTransaction) this.sql.rollback.run()
      this.cacheChecked = false
      this.forgetCreatedSince(0)
      for (const item of batch) item.reject(e)
      return
    }
    batch.forEach((item, i) => (outcomes[i].ok ? item.resolve(outcomes[i].value) : item.reject(outcomes[i].value)))
  }

  get<T extends Doc = any>(collection: string, id: string): Promise<T | null> {
    return this.outsideTx(() => this.getSync<T>(collection, id))
  }

  find<T extends Doc = any>(collection: string, filter: Filter = {}, options: FindOptions = {}): Promise<T[]> {
    return this.outsideTx(() => this.findSync<T>(collection, filter, options))
  }

  private findSync<T extends Doc = any>(collection: string, filter: Filter, options: FindOptions): T[] {
    const w = where(filter)
    const order = (options.sort ?? []).map(([f, d]) => `${f === '_id' ? '_id' : `json_extract(doc, ${jsonPath(f)})`} ${d === 'desc' ? 'DESC' : 'ASC'}`)
    // _id last breaks ties; named twice, SQLite would not walk the (…, field) index and sorted every match instead
    if (!(options.sort ?? []).some(([f]) => f === '_id')) order.push('_id ASC')
    const params = [...w.params]
    let page = ''
    const { limit, skip } = options
    // a limit written into the SQL is cheaper than a bound one (one row by an index: 5 µs against 11 µs); there are
    // few distinct limits, so few statements. Paging (skip) stays bound.
    if (!skip && limit !== undefined && Number.isSafeInteger(limit) && limit >= 0) page = ` LIMIT ${limit}`
    else if (limit !== undefined || skip) {
      page = ' LIMIT ? OFFSET ?'
      params.push(limit ?? -1, skip ?? 0)
    }
    const rows = this.prepare(`SELECT doc FROM ${this.table(collection)} ${w.sql} ORDER BY ${order.join(', ')}${page}`).all(...params) as Array<{ doc: string }>
    return rows.map((r) => JSON.parse(r.doc) as T)
  }

  count(collection: string, filter: Filter = {}, atMost?: number): Promise<number> {
    return this.outsideTx(() => {
      const w = where(filter)
      const t = this.table(collection)
      // capped: the matches are read no further than the cap
      const row = (
        atMost === undefined
          ? this.prepare(`SELECT COUNT(*) AS n FROM ${t} ${w.sql}`).get(...w.params)
          : this.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM ${t} ${w.sql} LIMIT ?)`).get(...w.params, Math.max(0, Math.floor(atMost)))
      ) as { n: number }
      return row.n
    })
  }

  async totals<K extends string>(collection: string, filter: Filter, by: string[], specs: Record<K, TotalSpec>): Promise<Array<GroupTotals<K>>> {
    checkTotals(by, specs)
    return this.outsideTx(() => {
      const names = Object.keys(specs) as K[]
      const params: unknown[] = []
      const figures = names.map((name, i) => {
        const spec: TotalSpec = specs[name]
        const value = spec.sum ? `COALESCE(${fieldSql(spec.sum)}, 0)` : '1'
        if (!spec.where || !Object.keys(spec.where).length) return `SUM(${value}) AS t${i}`
        const c = condition(spec.where)
        params.push(...c.params)
        return `SUM(CASE WHEN ${c.sql} THEN ${value} ELSE 0 END) AS t${i}`
      })
      const w = where(filter)
      const keys = by.map((f, i) => `${fieldSql(f)} AS k${i}`)
      const sql = `SELECT ${[...keys, ...figures].join(', ')} FROM ${this.table(collection)} ${w.sql} GROUP BY ${by.map((_, i) => `k${i}`).join(', ')} LIMIT ${MAX_GROUPS + 1}`
      const rows = this.prepare(sql).all(...params, ...w.params) as Array<Record<string, number | string | null>>
      if (rows.length > MAX_GROUPS) throw tooManyGroups(collection)
      return rows.map((r) => ({
        key: by.map((_, i) => r[`k${i}`] as string | number | null),
        totals: Object.fromEntries(names.map((n, i) => [n, Number(r[`t${i}`] ?? 0)])) as Record<K, number>,
      }))
    })
  }

  insert<T extends Doc = any>(collection: string, doc: T): Promise<void> {
    return this.enqueue({ run: () => this.insertSync(collection, doc) })
  }

  async insertMany<T extends Doc = any>(collection: string, docs: T[]): Promise<void> {
    checkInsertMany(docs)
    if (!docs.length) return
    // a write of its own in the group commit: a duplicate undoes the whole batch (CloudBase may keep those before it)
    return this.enqueue({ run: () => docs.forEach((d) => this.insertSync(collection, d)) })
  }

  update(collection: string, filter: Filter, patch: Patch): Promise<number> {
    return this.enqueue({ run: () => this.updateSync(collection, filter, patch) })
  }

  remove(collection: string, filter: Filter): Promise<number> {
    return this.enqueue({ run: () => this.removeSync(collection, filter) })
  }

  /** Runs fn atomically (in the next group commit, in its own savepoint); a throw undoes its writes alone. */
  transaction<R>(fn: (tx: RawTxStore) => Promise<R>): Promise<R> {
    return this.enqueue<R>({ fn })
  }
}
