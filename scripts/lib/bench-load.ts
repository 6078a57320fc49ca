/**
 * Child processes for scripts/bench.ts (forked with `--import tsx`, driven over IPC):
 *
 *   bench-load.ts load   receives a LoadConfig, hammers 127.0.0.1 with keep-alive POSTs, replies LoadResult
 *   bench-load.ts bare   a bare node:http server doing one better-sqlite3 insert per request (WAL,
 *                        synchronous NORMAL, as SqliteStore); replies { port }, then its CPU time so far
 *                        (process.cpuUsage) to each 'cpu' message; exits when the parent goes
 */
import Database from 'better-sqlite3'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'

export type LoadKind = 'read' | 'write' | 'bare' | 'cast' | 'change'

/** the bench's voters: `bench-voter-<n>`, members of 新山村 on the roll of the bench topic */
export const benchVoter = (n: number) => `bench-voter-${n}`
/** how many of them vote again and again in the 'change' run */
export const CHANGERS = 2000

export interface LoadConfig {
  port: number
  kind: LoadKind
  concurrency: number
  warmupMs: number
  durationMs: number
  /** a hard cap on requests, whatever the duration */
  maxRequests: number
  /** the open topic of the 'cast' and 'change' runs */
  topicId?: string
}

export interface LoadResult {
  /** answered in the measured seconds */
  requests: number
  /** answered in all, warm-up included (what the server's CPU time is divided by) */
  answered: number
  errors: number
  warmupErrors: number
  firstError: string | null
  rps: number
  p50: number
  p99: number
  /** the load generator's own CPU time per answered request (µs): when it is near the server's, it bounds the run */
  loadCpu: number
}

/** What each kind sends; n numbers the request so that writes never collide. */
function request(kind: LoadKind, n: number, topicId = ''): { path: string; openid?: string; body: unknown } {
  // a first ballot per voter; then the first CHANGERS voters change theirs, each time to the other choice
  if (kind === 'cast') return { path: '/api/ballots.cast', openid: benchVoter(n), body: { villageId: 'v-xinshan', topicId, choices: ['yes'] } }
  if (kind === 'change') {
    const choice = Math.floor(n / CHANGERS) % 2 ? 'yes' : 'no'
    return { path: '/api/ballots.cast', openid: benchVoter(n % CHANGERS), body: { villageId: 'v-xinshan', topicId, choices: [choice] } }
  }
  if (kind === 'read') return { path: '/api/account.me', openid: 'demo-linzhiqiang', body: {} }
  if (kind === 'write') {
    return {
      path: '/api/join.request',
      openid: `bench-${process.pid}-${n}`,
      body: { villageId: 'v-xinshan', name: '测试村民', doorplate: `压测巷${process.pid}-${n}号`, relation: '户主' },
    }
  }
  return { path: '/insert', body: { n, name: '测试村民' } }
}

function post(agent: http.Agent, port: number, p: string, body: unknown, openid?: string): Promise<{ status: number; text: string }> {
  const data = JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) }
    if (openid) headers['x-demo-openid'] = openid
    const req = http.request({ host: '127.0.0.1', port, path: p, method: 'POST', agent, headers, timeout: 10_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timeout')))
    req.on('error', reject)
    req.end(data)
  })
}

const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN)

export async function runLoad(cfg: LoadConfig): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.concurrency })
  const cpu0 = process.cpuUsage()
  const started = performance.now()
  const measureFrom = started + cfg.warmupMs
  const stopAt = measureFrom + cfg.durationMs
  const latencies: number[] = []
  let sent = 0
  let errors = 0
  let warmupErrors = 0
  let firstError: string | null = null
  let lastEnd = measureFrom
  let answered = 0

  async function worker() {
    while (performance.now() < stopAt && sent < cfg.maxRequests) {
      const r = request(cfg.kind, sent++, cfg.topicId)
      const t0 = performance.now()
      let error: string | null = null
      try {
        const res = await post(agent, cfg.port, r.path, r.body, r.openid)
        const parsed = res.status === 200 ? (JSON.parse(res.text) as { ok?: boolean }) : null
        if (parsed?.ok !== true) error = `HTTP ${res.status} ${res.text.slice(0, 160)}`
      } catch (e) {
        error = e instanceof Error ? e.message : String(e)
      }
      const t1 = performance.now()
      answered++
      if (error) firstError ??= error
      if (t0 < measureFrom) {
        if (error) warmupErrors++
        continue
      }
      latencies.push(t1 - t0)
      if (error) errors++
      lastEnd = Math.max(lastEnd, t1)
    }
  }

  await Promise.all(Array.from({ length: cfg.concurrency }, worker))
  agent.destroy()
  const cpu = process.cpuUsage(cpu0)
  latencies.sort((a, b) => a - b)
  const seconds = Math.max(lastEnd - measureFrom, 1) / 1000
  return {
    requests: latencies.length,
    answered,
    errors,
    warmupErrors,
    firstError,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    loadCpu: answered ? (cpu.user + cpu.system) / answered : NaN,
  }
}

function startBare() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bare-'))
  const db = new Database(path.join(dir, 'bare.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE docs (_id TEXT PRIMARY KEY, doc TEXT NOT NULL)')
  const insert = db.prepare('INSERT INTO docs (_id, doc) VALUES (?, ?)')
  let n = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as object
        insert.run(`d${++n}`, JSON.stringify({ ...body, at: Date.now() }))
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
        res.end('{"ok":true}')
      } catch (e) {
        res.writeHead(500)
        res.end(JSON.stringify({ ok: false, error: String(e) }))
      }
    })
  })
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address()
    process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 })
  })
  process.on('message', (m) => {
    if (m === 'cpu') process.send?.({ cpu: process.cpuUsage() })
  })
  process.on('disconnect', () => {
    server.closeAllConnections()
    server.close()
    db.close()
    fs.rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  })
}

if (require.main === module) {
  const mode = process.argv[2]
  if (mode === 'bare') startBare()
  else if (mode === 'load') {
    process.once('message', (cfg: LoadConfig) => {
      runLoad(cfg)
        .then((result) => process.send?.(result, () => process.exit(0)))
        .catch((e) => {
          console.error(e)
          process.exit(1)
        })
    })
  } else {
    console.error('usage: bench-load.ts load|bare')
    process.exit(2)
  }
}
