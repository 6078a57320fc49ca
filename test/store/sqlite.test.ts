import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../../cloud/src/adapters/local/sqlite-store'
import { describeStoreConformance } from './conformance'

const ROOT = path.resolve(__dirname, '../..')

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vh-store-'))
}

describeStoreConformance('SqliteStore', async () => {
  const dir = tempDir()
  const store = new SqliteStore(path.join(dir, 'test.sqlite'))
  return {
    store,
    cleanup: async () => {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})

// the same contract with every collection the suite writes kept parsed in memory (cacheDocuments): a cached
// document is never stale, whatever wrote it (this connection, a transaction undone, a duplicate refused)
describeStoreConformance('SqliteStore with cached documents', async () => {
  const dir = tempDir()
  const store = new SqliteStore(path.join(dir, 'test.sqlite'))
  for (const c of ['people', 'items', 'claims', 'slots', 'ledger', 'counter', 'neverWritten']) store.cacheDocuments(c)
  return {
    store,
    cleanup: async () => {
      store.close()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
})

interface WorkerResult {
  worker: string
  granted: number
  won: string[]
  duplicates: number
  txDone: number
}

/** Starts one worker process; resolves with a "go" function once it has opened the store. */
function startWorker(args: string[]): Promise<{ go: (startAt: number) => Promise<WorkerResult> }> {
  return new Promise((resolveReady, rejectReady) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'sqlite-worker.ts'), ...args], {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let out = ''
    let err = ''
    let ready = false
    let finish: { resolve: (r: WorkerResult) => void; reject: (e: Error) => void } | null = null
    child.stderr.on('data', (d) => (err += d))
    child.stdout.on('data', (d) => {
      out += d
      if (!ready && out.includes('ready\n')) {
        ready = true
        out = out.slice(out.indexOf('ready\n') + 'ready\n'.length)
        resolveReady({
          go: (startAt: number) =>
            new Promise<WorkerResult>((resolve, reject) => {
              finish = { resolve, reject }
              child.stdin.write(`go ${startAt}\n`)
            }),
        })
      }
    })
    child.on('error', (e) => (ready ? finish?.reject(e) : rejectReady(e)))
    child.on('exit', (code) => {
      if (!ready) return rejectReady(new Error(`worker exited (${code}) before it was ready:\n${err}`))
      if (code !== 0) return finish?.reject(new Error(`worker exited with ${code}:\n${err}`))
      try {
        finish?.resolve(JSON.parse(out.trim()) as WorkerResult)
      } catch {
        finish?.reject(new Error(`worker printed no result: ${out}\n${err}`))
      }
    })
  })
}

describe('SqliteStore across connections (4 processes on one file)', () => {
  const WORKERS = 4
  // long enough that the four processes overlap even when two cores are busy elsewhere
  const ATTEMPTS = 1000
  const CAPACITY = 2400
  const IDS = 400
  const TX = 100

  /** One race on a fresh file; asserts the exact totals and says whether the processes really overlapped. */
  async function raceOnce(): Promise<{ raced: boolean }> {
    const dir = tempDir()
    const file = path.join(dir, 'shared.sqlite')
    const setup = new SqliteStore(file)
    try {
      await setup.insert('slots', { _id: 'cap', capacity: CAPACITY, taken: 0 })
      await setup.insert('slots', { _id: 'counter', n: 0 })
      await setup.count('claims') // creates the table before the race

      const workers = await Promise.all(
        Array.from({ length: WORKERS }, (_, w) => startWorker([file, `w${w}`, String(ATTEMPTS), String(CAPACITY), String(IDS), String(TX)])),
      )
      const startAt = Date.now() + 150
      const results = await Promise.all(workers.map((w) => w.go(startAt)))

      // the totals are exact whatever the interleaving
      expect(results.reduce((n, r) => n + r.granted, 0)).toBe(CAPACITY)
      expect(await setup.get('slots', 'cap')).toEqual({ _id: 'cap', capacity: CAPACITY, taken: CAPACITY })

      const won = results.flatMap((r) => r.won)
      expect(won).toHaveLength(IDS)
      expect(new Set(won).size).toBe(IDS)
      expect(results.reduce((n, r) => n + r.duplicates, 0)).toBe(IDS * (WORKERS - 1))
      expect(await setup.count('claims')).toBe(IDS)
      for (const r of results) {
        for (const id of r.won) expect(await setup.get('claims', id)).toEqual({ _id: id, worker: r.worker })
      }

      expect(results.reduce((n, r) => n + r.txDone, 0)).toBe(WORKERS * TX)
      expect(await setup.get('slots', 'counter')).toEqual({ _id: 'counter', n: WORKERS * TX })
      // the race was real when more than one process got places and won ids
      return { raced: results.filter((r) => r.granted > 0).length > 1 && results.filter((r) => r.won.length > 0).length > 1 }
    } finally {
      setup.close()
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }

  test(
    'capacity holds exactly, every id has one winner, transactions lose no update',
    async () => {
      // on a loaded 2-core machine one process can occasionally finish before the others start:
      // every run must be exact, and at least one of up to three runs must have truly overlapped
      let raced = false
      for (let attempt = 0; attempt < 3 && !raced; attempt++) raced = (await raceOnce()).raced
      expect(raced).toBe(true)
    },
    240_000,
  )
})

describe('SqliteStore group commit: the writes of one turn share a transaction, each failing alone', () => {
  let dir: string
  let store: SqliteStore
  beforeEach(() => {
    dir = tempDir()
    store = new SqliteStore(path.join(dir, 'test.sqlite'))
  })
  afterEach(() => {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  /** how many write transactions SQLite committed: the WAL grows by at least one frame per commit */
  const commitsOf = async (writes: () => Promise<unknown>) => {
    const before = (store.db.pragma('wal_checkpoint(PASSIVE)') as Array<{ log: number }>)[0].log
    store.db.pragma('wal_autocheckpoint = 0')
    const frames = () => (fs.existsSync(path.join(dir, 'test.sqlite-wal')) ? fs.statSync(path.join(dir, 'test.sqlite-wal')).size : 0)
    const f0 = frames()
    await writes()
    return { before, grew: frames() - f0 }
  }

  test('fifty concurrent inserts with one duplicate: 49 written, the duplicate alone refused, all answered after the commit', async () => {
    await store.insert('ballots', { _id: 'b7', n: -1 })
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, n) => store.insert('ballots', { _id: `b${n}`, n })))
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.name)).toEqual(['DuplicateIdError'])
    expect(await store.count('ballots')).toBe(50)
    expect(await store.get('ballots', 'b7')).toEqual({ _id: 'b7', n: -1 })
    // and a later write still works (the duplicate left no broken statement or table cache behind)
    await store.insert('ballots', { _id: 'b50', n: 50 })
    expect(await store.count('ballots')).toBe(51)
  })

  test('a batch is one commit: 50 inserts in one turn grow the WAL far less than 50 awaited one by one', async () => {
    await store.insert('warm', { _id: 'w' })
    const together = await commitsOf(() => Promise.all(Array.from({ length: 50 }, (_, n) => store.insert('a', { _id: `a${n}` }))))
    const oneByOne = await commitsOf(async () => {
      for (let n = 0; n < 50; n++) await store.insert('b', { _id: `b${n}` })
    })
    expect(together.grew * 5).toBeLessThan(oneByOne.grew)
  })

  test('transactions join the batch: one that throws undoes only its own writes; the others and the plain writes commit', async () => {
    await store.insert('seats', { _id: 's', n: 0 })
    const bump = () =>
      store.transaction(async (tx) => {
        const s = await tx.get<{ _id: string; n: number }>('seats', 's')
        await tx.update('seats', 's', { set: { n: s!.n + 1 } })
      })
    const failing = store.transaction(async (tx) => {
      await tx.update('seats', 's', { set: { n: 1000 } })
      await tx.insert('log', { _id: 'from-failed' })
      throw new Error('refused')
    })
    const all = await Promise.allSettled([bump(), failing, bump(), store.insert('log', { _id: 'plain' }), bump()])
    expect(all.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled'])
    expect(await store.get('seats', 's')).toEqual({ _id: 's', n: 3 })
    expect((await store.find('log')).map((d) => d._id)).toEqual(['plain'])
  })

  test('a write that fails in a new collection un-creates only its own table; writes keep their order around a transaction', async () => {
    const bad = store.update('fresh', { 'bad path!': 1 }, { set: { x: 1 } })
    const good = store.insert('other', { _id: 'o1' })
    await expect(bad).rejects.toThrow(/bad field path/)
    await good
    expect(await store.find('fresh')).toEqual([])
    await store.insert('fresh', { _id: 'f1' })
    expect(await store.get('fresh', 'f1')).toEqual({ _id: 'f1' })

    // an insert asked before a transaction is seen by it; an update asked during it waits for its commit
    const first = store.insert('counter', { _id: 'c', n: 0 })
    const tx = store.transaction(async (t) => {
      const c = await t.get<{ _id: string; n: number }>('counter', 'c')
      await t.update('counter', 'c', { set: { n: (c?.n ?? 100) + 1 } })
    })
    const after = store.update('counter', { _id: 'c' }, { inc: { n: 10 } })
    await Promise.all([first, tx, after])
    expect(await store.get('counter', 'c')).toEqual({ _id: 'c', n: 11 })
  })
})

describe('SqliteStore read snapshot: the reads of one turn share one read transaction', () => {
  let dir: string
  let store: SqliteStore
  let other: SqliteStore
  const nextTurn = () => new Promise((resolve) => setImmediate(resolve))
  beforeEach(async () => {
    dir = tempDir()
    store = new SqliteStore(path.join(dir, 'test.sqlite'))
    other = new SqliteStore(path.join(dir, 'test.sqlite'))
    await store.insert('plain', { _id: 'a', n: 1 })
  })
  afterEach(() => {
    store.close()
    other.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })

  test("another connection's commit is seen from the next turn, and the snapshot never blocks a writer", async () => {
    await nextTurn()
    expect(await store.get('plain', 'a')).toEqual({ _id: 'a', n: 1 })
    // committed by another connection while this turn's snapshot is open: not seen until the turn is over
    other.db.prepare(`UPDATE "plain" SET doc = '{"_id":"a","n":2}' WHERE _id = 'a'`).run()
    expect(await store.get('plain', 'a')).toEqual({ _id: 'a', n: 1 })
    await nextTurn()
    expect(await store.get('plain', 'a')).toEqual({ _id: 'a', n: 2 })
    // this connection's own write ends its snapshot first: what it acknowledged, it reads
    await store.update('plain', { _id: 'a' }, { set: { n: 3 } })
    expect(await store.get('plain', 'a')).toEqual({ _id: 'a', n: 3 })
    expect(await other.get('plain', 'a')).toEqual({ _id: 'a', n: 3 })
  })

  test('raw use of the connection ends the snapshot, so that what it writes is committed at once', async () => {
    await nextTurn()
    expect(await store.count('plain')).toBe(1)
    store.db.prepare(`INSERT INTO "plain" (_id, doc) VALUES ('b', '{"_id":"b","n":1}')`).run()
    expect(store.db.inTransaction).toBe(false)
    expect(other.db.prepare('SELECT COUNT(*) AS n FROM "plain"').get()).toEqual({ n: 2 })
    // and a read of a collection never seen creates its table outside the snapshot (not left holding the write lock)
    expect(await store.find('fresh', {})).toEqual([])
    await other.insert('fresh', { _id: 'x' })
    expect(await other.count('fresh')).toBe(1)
  })
})

test('checkpointOnThread: the WAL is copied into the database file by another thread, never by a commit', async () => {
  const dir = tempDir()
  const file = path.join(dir, 'test.sqlite')
  const store = new SqliteStore(file)
  try {
    store.checkpointOnThread()
    expect(store.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0)
    const before = fs.statSync(file).size
    // about 200 pages: under SQLite's own threshold (1,000), so only the thread copies them
    for (const half of [0, 100]) await store.insertMany('plain', Array.from({ length: 100 }, (_, i) => ({ _id: `d${half + i}`, text: 'x'.repeat(3000) })))
    const deadline = Date.now() + 5000
    while (fs.statSync(file).size < before + 500_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    expect(fs.statSync(file).size).toBeGreaterThan(before + 500_000)
    expect(await store.count('plain')).toBe(200)
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('ensureIndexes: the declared indexes are made, and one no longer declared is dropped (each costs every write)', () => {
  const dir = tempDir()
  const store = new SqliteStore(path.join(dir, 'test.sqlite'))
  try {
    const names = () => (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'ballots' ORDER BY name`).pluck().all() as string[]).filter((n) => !n.startsWith('sqlite_'))
    store.ensureIndexes('ballots', [['topicId', 'source'], ['topicId', 'receipt']])
    expect(names()).toEqual(['ballots_topicId_receipt', 'ballots_topicId_source'])
    store.ensureIndexes('ballots', [['villageId', 'personId'], ['topicId', 'receipt']])
    expect(names()).toEqual(['ballots_topicId_receipt', 'ballots_villageId_personId'])
    // another collection's indexes are its own
    store.ensureIndexes('topics', [['villageId']])
    expect(names()).toEqual(['ballots_topicId_receipt', 'ballots_villageId_personId'])
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('an index ending in _id gives a find by its fields in _id order without sorting the matches', async () => {
  const dir = tempDir()
  const store = new SqliteStore(path.join(dir, 'test.sqlite'))
  try {
    const name = store.ensureIndex('persons', ['openid', '_id'])
    await store.insert('persons', { _id: 'p2', openid: 'o1' })
    await store.insert('persons', { _id: 'p1', openid: 'o1' })
    await store.insert('persons', { _id: 'p3', openid: 'o2' })
    // the find's own statement (findSync): the fields' equality, then `ORDER BY _id ASC LIMIT 1`
    const plan = (store.db.prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "persons" WHERE json_extract(doc, '$.openid') = ? ORDER BY _id ASC LIMIT 1`).all('o1') as Array<{ detail: string }>).map((r) => r.detail).join('; ')
    expect(plan).toContain(name)
    expect(plan).not.toContain('TEMP B-TREE')
    expect((await store.find('persons', { openid: 'o1' }, { limit: 1 })).map((p) => p._id)).toEqual(['p1'])
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

test('optimize: with statistics the planner finds the few open reports by their index instead of walking all by date', async () => {
  const dir = tempDir()
  const store = new SqliteStore(path.join(dir, 'test.sqlite'))
  try {
    store.ensureIndex('reports', ['villageId', 'createdAt'])
    store.ensureIndex('reports', ['villageId', 'status', 'createdAt'])
    const insert = store.db.prepare('INSERT INTO "reports" (_id, doc) VALUES (?, ?)')
    // 20,000 reports of one village, 1 in 100 still open
    store.db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run(`r${i}`, JSON.stringify({ _id: `r${i}`, villageId: 'v', status: i % 100 ? 'confirmed' : 'reported', createdAt: i }))
    })()
    const plan = () =>
      (store.db
        .prepare(`EXPLAIN QUERY PLAN SELECT doc FROM "reports" WHERE json_extract(doc, '$.villageId') = ? AND json_extract(doc, '$.status') IN (?, ?) ORDER BY json_extract(doc, '$.createdAt') DESC, _id ASC LIMIT 1000`)
        .all('v', 'reported', 'accepted') as Array<{ detail: string }>)
        .map((r) => r.detail)
        .join('; ')
    expect(plan()).toContain('reports_villageId_createdAt')
    store.optimize()
    expect(plan()).toContain('reports_villageId_status_createdAt')
    const open = await store.find('reports', { villageId: 'v', status: { $in: ['reported', 'accepted'] } }, { sort: [['createdAt', 'desc']], limit: 1000 })
    expect(open).toHaveLength(200)
  } finally {
    store.close()
    fs.rmSync(dir, { recursive: true, force: true })
  }
})

describe('SqliteStore.cacheDocuments: documents kept parsed, never stale', () => {
  let dir: string
  let store: SqliteStore
  let other: SqliteStore
  beforeEach(async () => {
    dir = tempDir()
    store = new SqliteStore(path.join(dir, 'test.sqlite'))
    other = new SqliteStore(path.join(dir, 'test.sqlite'))
    store.cacheDocuments('rolls')
    await store.insert('rolls', { _id: 'r', entries: [{ key: 'p1', name: '林水生' }] })
  })
  afterEach(() => {
    store.close()
    other.close()
    fs.rmSync(dir, { recursive: true, force: true })
  })
  type Roll = { _id: string; entries: Array<{ key: string; name: string }> }

  test('a second read is the same frozen document; a reader cannot change it for the next', async () => {
    const first = await store.get<Roll>('rolls', 'r')
    expect(await store.get('rolls', 'r')).toBe(first)
    expect(() => {
      first!.entries[0].name = '改过'
    }).toThrow(TypeError)
    expect((await store.get<Roll>('rolls', 'r'))!.entries[0].name).toBe('林水生')
    // a collection without the cache gives each reader its own copy
    await store.insert('plain', { _id: 'x', n: 1 })
    expect(await store.get('plain', 'x')).not.toBe(await store.get('plain', 'x'))
  })

  test("this connection's update and remove, and another connection's commit, are seen at once", async () => {
    await store.get('rolls', 'r')
    await store.update('rolls', { _id: 'r' }, { set: { entries: [] } })
    expect(await store.get('rolls', 'r')).toEqual({ _id: 'r', entries: [] })
    // another process on the same file (here another connection): PRAGMA data_version tells
    await other.update('rolls', { _id: 'r' }, { set: { entries: [{ key: 'p2', name: '李桂兰' }] } })
    expect(await store.get('rolls', 'r')).toEqual({ _id: 'r', entries: [{ key: 'p2', name: '李桂兰' }] })
    await other.remove('rolls', { _id: 'r' })
    expect(await store.get('rolls', 'r')).toBeNull()
    await store.insert('rolls', { _id: 'r', entries: [] })
    await store.get('rolls', 'r')
    await store.remove('rolls', { _id: 'r' })
    expect(await store.get('rolls', 'r')).toBeNull()
  })

  test('what a transaction read after its own write is not kept when it is undone', async () => {
    await store.get('rolls', 'r')
    const undone = store.transaction(async (tx) => {
      await tx.update('rolls', 'r', { set: { entries: [] } })
      expect(await tx.get('rolls', 'r')).toEqual({ _id: 'r', entries: [] })
      throw new Error('refused')
    })
    await expect(undone).rejects.toThrow('refused')
    expect(await store.get<Roll>('rolls', 'r')).toEqual({ _id: 'r', entries: [{ key: 'p1', name: '林水生' }] })
    await store.transaction(async (tx) => {
      await tx.update('rolls', 'r', { set: { entries: [] } })
    })
    expect(await store.get('rolls', 'r')).toEqual({ _id: 'r', entries: [] })
  })
})
