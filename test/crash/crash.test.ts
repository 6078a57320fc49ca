/**
 * Crash durability: the local server as a child process, SIGKILLed during its first seeding, in the
 * middle of a stream of writes and while the time-driven job closes topics; then started again on the
 * same folder. It must always start, keep every write it acknowledged, and lose or double no notice
 * (every cause has its in-app notices exactly once, no push is sent twice). Figures go to the console.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { SqliteStore } from '../../cloud/src/adapters/local/sqlite-store'
import { COLLECTIONS } from '../../cloud/src/features'
import { verifyChain } from '../../cloud/src/common/audit'
import type { Store } from '../../cloud/src/ports/store'
import type { Notification } from '../../cloud/src/ports/ports'

const CHILD = path.join(__dirname, 'server-child.ts')
const HOUR = 3600_000
const DAY = 24 * HOUR
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const dirs: string[] = []
const servers: ChildProcess[] = []
afterAll(() => {
  for (const child of servers) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }))
})

function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-crash-'))
  dirs.push(d)
  return d
}

interface Server {
  child: ChildProcess
  /** the code is loaded; the database is opened, migrated and seeded next */
  starting: Promise<void>
  /** resolves with the port once the server serves; rejects when it exits first */
  ready: Promise<number>
  exited: Promise<void>
}

function spawnServer(dataDir: string, env: Record<string, string> = {}): Server {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  servers.push(child)
  let stderr = ''
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let out = ''
  const seen = (re: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      child.stdout!.on('data', () => {
        const m = re.exec(out)
        if (m) resolve(m)
      })
      child.once('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal}) before it was ready: ${stderr}`)))
    })
  const starting = seen(/STARTING/).then(() => undefined)
  const ready = seen(/READY (\d+)/).then((m) => Number(m[1]))
  child.stdout!.prependListener('data', (c: Buffer) => (out += c.toString()))
  starting.catch(() => undefined)
  ready.catch(() => undefined)
  return { child, starting, ready, exited }
}

async function kill(s: Server): Promise<void> {
  s.child.kill('SIGKILL')
  await s.exited
}

async function call(port: number, openid: string, action: string, input: unknown): Promise<{ ok: boolean; data?: { topic: { _id: string } }; error?: { code: string } }> {
  const res = await fetch(`http://127.0.0.1:${port}/api/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-demo-openid': openid },
    body: JSON.stringify(input),
  })
  return (await res.json()) as { ok: boolean; data?: { topic: { _id: string } } }
}

/** the data folder's store, read once its server is dead */
function openStore(dataDir: string): SqliteStore {
  return new SqliteStore(path.join(dataDir, 'village-hall.sqlite'))
}

async function countAll(dataDir: string): Promise<Record<string, number>> {
  const store = openStore(dataDir)
  try {
    const counts: Record<string, number> = {}
    for (const c of COLLECTIONS) counts[c] = await store.count(c)
    return counts
  } finally {
    store.close()
  }
}

function pushes(dataDir: string): Notification[] {
  const file = path.join(dataDir, 'pushes.jsonl')
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Notification) : []
}

/** Waits until the job has delivered every notice (nothing pending in the outbox, no push of a notice to one person to try, no join request left to tell). */
async function drained(dataDir: string, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const store = openStore(dataDir)
    // join requests not yet told to the committee become a notice on the job's next run: until then nothing is pending
    const pending = (await store.count('noticeOutbox', { status: 'pending' })) + (await store.count('notifications', { pushAt: { $gt: 0 } })) + (await store.count('joinRequests', { noticeDue: true }))
    store.close()
    if (!pending) return
    if (Date.now() > until) throw new Error(`${pending} notices (or join requests to tell) still pending`)
    await sleep(100)
  }
}

/** Every notification is there once per (event, person), and no push went out twice. */
async function expectNoticesExactlyOnce(dataDir: string): Promise<{ notices: number; pushed: number; unknown: number }> {
  const store = openStore(dataDir)
  try {
    const events = await store.find('noticeOutbox', {}, { limit: 100_000 })
    const notes = await store.find('notifications', {}, { limit: 100_000 })
    const committees = new Map<string, number>()
    for (const e of events) {
      expect(e.status).toBe('done')
      const mine = notes.filter((n) => n._id.startsWith(`${e._id}:`))
      if (e.to === 'committee') {
        if (!committees.has(e.villageId)) {
          committees.set(e.villageId, (await store.find('memberships', { villageId: e.villageId })).filter((m) => m.roles.includes('committee')).length)
        }
        expect(mine).toHaveLength(committees.get(e.villageId)!)
      } else if (e.to === 'residents') {
        // the village's residents (none joins or leaves here), but the one who published
        const residents = (await store.find('memberships', { villageId: e.villageId }, { limit: 100_000 })).filter((m) => m.roles.includes('resident') && m.personId !== e.except)
        expect(mine.map((n) => n.personId).sort()).toEqual(residents.map((m) => m.personId).sort())
      } else expect(mine.map((n) => n.personId).sort()).toEqual([...e.to].sort())
    }
    const keys = pushes(dataDir).map((p) => p.key)
    expect(new Set(keys).size).toBe(keys.length)
    for (const n of notes.filter((x) => x.push)) {
      // a push is sent, or its process died while it was in flight (then it is never sent again)
      expect(['sent', 'unknown']).toContain(n.push)
      if (n.push === 'sent') expect(keys).toContain(n._id)
    }
    return { notices: notes.length, pushed: keys.length, unknown: notes.filter((n) => n.push === 'unknown').length }
  } finally {
    store.close()
  }
}

test('killed at any moment of the first seeding, the next start completes the demo (nothing missing, nothing twice)', async () => {
  // a clean first start: how long it takes, and what it writes
  const reference = tempDir()
  const clean = spawnServer(reference)
  await clean.starting
  const t0 = Date.now()
  await clean.ready
  const startMs = Date.now() - t0
  await kill(clean)
  const expected = await countAll(reference)
  expect(expected.topics).toBeGreaterThan(0)

  const CYCLES = 14
  let midSeed = 0
  for (let i = 0; i < CYCLES; i++) {
    const dir = tempDir()
    const first = spawnServer(dir)
    await first.starting
    // spread over the opening, migrating and seeding
    await sleep(Math.round((i / CYCLES) * startMs))
    await kill(first)
    const meta = fs.existsSync(path.join(dir, 'village-hall.sqlite')) ? (await countAll(dir)).meta : 0
    if (fs.existsSync(path.join(dir, 'village-hall.sqlite')) && meta < expected.meta) midSeed++
    const again = spawnServer(dir)
    await again.ready
    await kill(again)
    expect(await countAll(dir)).toEqual(expected)
  }
  console.log(`seeding: ${CYCLES} kills over a ${startMs} ms first seeding, ${midSeed} of them part-way through the seed; every restart complete`)
  expect(midSeed).toBeGreaterThanOrEqual(CYCLES / 2)
}, 240_000)

test('killed in the middle of a stream of writes: every acknowledged write is there after the restart, every notice exactly once', async () => {
  const dir = tempDir()
  const CYCLES = 5
  const acknowledged: string[] = []
  let attempted = 0
  let n = 0
  for (let cycle = 0; cycle < CYCLES; cycle++) {
    const server = spawnServer(dir, { VH_JOB_MS: '200' })
    const port = await server.ready
    let stop = false
    // four residents-to-be asking to join at once, each waiting for its answer before the next
    const writers = Array.from({ length: 4 }, async () => {
      while (!stop) {
        const k = n++
        attempted++
        try {
          const r = await call(port, `crash-writer-${k}`, 'join.request', { villageId: 'v-xinshan', name: '测试村民', doorplate: `新山村测试巷${k}号`, relation: '户主' })
          if (r.ok) acknowledged.push(`crash-writer-${k}`)
        } catch {
          return // the server is gone
        }
      }
    })
    await sleep(300 + Math.random() * 500)
    await kill(server)
    stop = true
    await Promise.all(writers)
  }
  // the last start, two hours on, delivers what the kills left in the outbox (pushes in flight at a kill
  // wait out their lease, failed ones their retry delay)
  const last = spawnServer(dir, { VH_JOB_MS: '100', VH_CLOCK_OFFSET_MS: String(2 * HOUR) })
  await last.ready
  await drained(dir)
  await kill(last)

  const store = openStore(dir)
  try {
    const persons = await store.find('persons', { openid: { $in: acknowledged } }, { limit: 100_000 })
    expect(persons).toHaveLength(acknowledged.length)
    const requests = await store.find('joinRequests', { personId: { $in: persons.map((p) => p._id) } }, { limit: 100_000 })
    expect(requests).toHaveLength(acknowledged.length)
    // every request (acknowledged or caught by the kill after its commit) was told to the committee by the job, in
    // notices of several at once (「甲（…）、乙（…）等N人」): none is left to tell, and the notices count them all
    const all = (await store.find('joinRequests', { villageId: 'v-xinshan' }, { limit: 100_000 })).filter((r) => r.doorplate.startsWith('新山村测试巷'))
    expect(all.filter((r) => r.noticeDue)).toEqual([])
    const events = (await store.find('noticeOutbox', { title: '新的入村申请' }, { limit: 100_000 })).filter((e) => e.body.includes('新山村测试巷'))
    const told = events.reduce((sum, e) => sum + Number(/等(\d+)人/.exec(e.body)?.[1] ?? e.body.split('（').length - 1), 0)
    expect(told).toBeGreaterThanOrEqual(all.length)
    expect(events.length).toBeLessThan(all.length)
  } finally {
    store.close()
  }
  const figures = await expectNoticesExactlyOnce(dir)
  console.log(`writes: ${CYCLES} kills, ${attempted} writes sent, ${acknowledged.length} acknowledged, 0 lost; ${figures.notices} notices, ${figures.pushed} pushes, none twice, ${figures.unknown} in flight at a kill`)
  expect(acknowledged.length).toBeGreaterThan(20)
}, 240_000)

test('killed while the job closes topics: each closes once with its count, and the committee is told once per topic', async () => {
  const dir = tempDir()
  const TOPICS = 24
  const setup = spawnServer(dir)
  const port = await setup.ready
  const ids: string[] = []
  for (let i = 0; i < TOPICS; i++) {
    const now = Date.now()
    const draft = await call(port, 'demo-linzhiqiang', 'topics.save', {
      villageId: 'v-xinshan',
      title: `测试议题第${i + 1}号`,
      background: '用于检验进程中断后的关闭。',
      question: '是否同意？',
      kind: 'yesno',
      mode: 'person',
      results: 'live',
      opensAt: now - HOUR,
      closesAt: now + HOUR,
    })
    expect(draft.ok).toBe(true)
    const opened = await call(port, 'demo-linzhiqiang', 'topics.publish', { villageId: 'v-xinshan', topicId: draft.data!.topic._id })
    expect(opened.ok).toBe(true)
    ids.push(draft.data!.topic._id)
    await call(port, 'demo-linshuisheng', 'ballots.cast', { villageId: 'v-xinshan', topicId: draft.data!.topic._id, choices: ['yes'] })
  }
  await kill(setup)

  // a day later, the job runs every 5 ms: kill it part-way, again and again
  const later = { VH_CLOCK_OFFSET_MS: String(DAY), VH_JOB_MS: '5' }
  const closedAtKill: number[] = []
  let undeliveredAtKill = 0
  const closedNow = async () => {
    const store = openStore(dir)
    try {
      return await store.count('topics', { _id: { $in: ids }, status: 'closed' })
    } finally {
      store.close()
    }
  }
  for (let cycle = 0; cycle < 8; cycle++) {
    const before = cycle ? closedAtKill[cycle - 1] : 0
    const s = spawnServer(dir, later)
    await s.ready
    // kills spread from the job's first moments on (a random delay may land every kill after the last close);
    // every other one waits for the first close of its run, however long the job's earlier steps take
    await sleep(cycle * 4)
    if (cycle % 2) for (const until = Date.now() + 10_000; Date.now() < until && (await closedNow()) <= before; ) await sleep(1)
    await kill(s)
    const store = openStore(dir)
    closedAtKill.push(await store.count('topics', { _id: { $in: ids }, status: 'closed' }))
    undeliveredAtKill += await store.count('noticeOutbox', { status: 'pending' })
    store.close()
  }
  // two hours later still: in-flight pushes have outlived their lease, retries are due
  const last = spawnServer(dir, { ...later, VH_CLOCK_OFFSET_MS: String(DAY + 2 * HOUR) })
  await last.ready
  await drained(dir)
  for (const until = Date.now() + 20_000; ; ) {
    const store = openStore(dir)
    // closed, and counted: the job builds each count (计票清单) after the close, in batches; and every audit entry linked
    const open = (await store.count('topics', { _id: { $in: ids }, status: 'open' })) + (await store.count('topics', { _id: { $in: ids }, 'countJob.startedAt': { $gt: 0 } }))
    const unlinked = await store.count('auditLog', { pending: true })
    store.close()
    if (!open && !unlinked) break
    if (Date.now() > until) throw new Error(`${open} topics still open or being counted, ${unlinked} audit entries not linked`)
    await sleep(50)
  }
  await drained(dir)
  await kill(last)

  const store = openStore(dir)
  try {
    for (const id of ids) {
      const t = (await store.get('topics', id))!
      expect(t.status).toBe('closed')
      expect(t.countHash).toMatch(/^[0-9a-f]{64}$/)
      expect(await store.count('topicCounts', { topicId: id })).toBe(t.countChunks)
      expect(await store.count('auditLog', { targetId: id, action: 'topics.close' })).toBe(1)
      const told = (await store.find('notifications', { title: '表决结果已出' }, { limit: 10_000 })).filter((n) => n.body.includes(`「${t.title}」`))
      expect(told.map((n) => n.personId).sort()).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
    }
    // the kills cut the job's audit batches too: the chain links every entry once, unbroken
    const check = await verifyChain(store as unknown as Store, 'v-xinshan')
    expect(check).toMatchObject({ ok: true, pending: 0 })
    expect(check.count).toBe(await store.count('auditLog', { villageId: 'v-xinshan' }))
    expect(check.count).toBeGreaterThan(TOPICS * 3)
  } finally {
    store.close()
  }
  const figures = await expectNoticesExactlyOnce(dir)
  console.log(
    `job: ${closedAtKill.length} kills while closing ${TOPICS} topics (closed at each kill: ${closedAtKill.join(', ')}; ${undeliveredAtKill} committed notices undelivered at a kill); ` +
      `each closed once with its count; ${figures.notices} notices, ${figures.pushed} pushes, none lost or twice, ${figures.unknown} in flight at a kill`,
  )
  // the kills did land part-way through the job
  expect(closedAtKill.some((n) => n > 0 && n < TOPICS)).toBe(true)
}, 240_000)
