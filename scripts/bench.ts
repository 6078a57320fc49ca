/**
 * `npm run bench`: measures, in one run, and prints one table:
 *   1. the local server (same router as the cloud function, over SQLite) at 50 keep-alive connections
 *      from a separate load-generator process: join.request, then account.me (a read after the writes),
 *      a first ballot by each of 30,000 voters on a topic's roll, and votes changed again and again; three rounds
 *      of each (a new topic for each round of first ballots)
 *   2. a bare node:http + better-sqlite3 insert server, driven the same way right after each of those runs, as
 *      the baseline (req/s ratios between neighbours, the median of the three held to the goal; each server's CPU
 *      time per request, and the load generator's)
 *   1b. the SQLite statements each of those writes runs per call, counted and timed (scripts/lib/bench-statements.ts)
 *   1c. the way in: first ballots with ballots.cast's handler swapped for one plain insert, beside real first ballots and
 *      the bare server, so that the ratio splits into what every signed-in call costs and what the ballot's own rules add
 *   3. the bundled `api` cloud function: size, require() time and first call (wx-server-sdk stubbed)
 *   4. the weapp's package sizes (WeChat's analyseCode via scripts/weapp-check.ts --json)
 *   5. the h5 first route's JavaScript, raw and gzipped
 *   6. the flat reads: each list and detail action with 1,000 and with 100,000 members, ballots, comments,
 *      agreements and reports in one village (scripts/lib/bench-reads.ts), and the ratio
 *   7. 首页's first paint in Chromium against a bare Taro h5 page: FCP and time-to-content (scripts/lib/bench-first-paint.ts)
 * Traffic goes only to 127.0.0.1. Takes about five minutes when the builds are up to date.
 * `npm run bench -- --only=servers,statements,wayin,booking,cloud,weapp,h5,reads,paint` runs some of the sections; `--cpu-prof` profiles the
 * local server over each of its runs (scripts/lib/bench-profile.ts).
 */
import { fork, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { startLocalServer } from '../cloud/server/server'
import type { LoadConfig, LoadKind, LoadResult } from './lib/bench-load'
import { bookingBurst } from './lib/bench-booking'
import { benchVoters, openBenchTopic } from './lib/bench-ballots'
import { saveProfile, startProfile, summarize } from './lib/bench-profile'
import { FLAT_READS, growMembers, growReports, timeAction, topicWithBallots } from './lib/bench-reads'
import { measureFirstPaint } from './lib/bench-first-paint'
import { firstRouteOf, H5_FIRST_ROUTE_GZIP } from './lib/h5-first-route'
import { statementsPerAction } from './lib/bench-statements'
import { ballotHandlers } from '../cloud/src/features/deliberation/ballots'

const ROOT = path.resolve(__dirname, '..')
const LOAD_SCRIPT = path.join(__dirname, 'lib/bench-load.ts')
const CONCURRENCY = 50
const WARMUP_MS = 1000
const DURATION_MS = 5000

type Row = [section: string, metric: string, value: string]
const rows: Row[] = []
const add = (section: string, metric: string, value: string) => rows.push([section, metric, value])
const message = (e: unknown) => (e instanceof Error ? e.message.split('\n')[0] : String(e))
const kb = (bytes: number) => `${bytes} B (${(bytes / 1024).toFixed(1)} KB)`
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 1)} ms`
const log = (s: string) => process.stderr.write(`[bench] ${s}\n`)

function forkTs(mode: string): ChildProcess {
  return fork(LOAD_SCRIPT, [mode], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
}

/** One load-generator process against 127.0.0.1:port; resolves with its result. */
function drive(port: number, kind: LoadKind, extra: Partial<LoadConfig> = {}): Promise<LoadResult> {
  const cfg: LoadConfig = { port, kind, concurrency: CONCURRENCY, warmupMs: WARMUP_MS, durationMs: DURATION_MS, maxRequests: 2_000_000, ...extra }
  const child = forkTs('load')
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill(), WARMUP_MS + DURATION_MS + 30_000)
    child.once('message', (m) => resolve(m as LoadResult))
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`load generator exited with ${code}`))
    })
    child.send(cfg)
  })
}

function addLoad(section: string, label: string, r: LoadResult, cpuUs?: number) {
  const errs = r.errors + r.warmupErrors
  const cpu = cpuUs === undefined ? '' : `  CPU ${cpuUs.toFixed(0)} µs/req (load generator ${r.loadCpu.toFixed(0)})`
  add(section, label, `${r.rps.toFixed(0)} req/s  p50 ${ms(r.p50)}  p99 ${ms(r.p99)}${cpu}  ${r.requests} reqs  errors ${r.errors}` + (r.warmupErrors ? ` (+${r.warmupErrors} in warm-up)` : ''))
  if (errs && r.firstError) add(section, `  first error`, r.firstError)
}

/** the bench topic's roll: more voters than a first-ballot run can reach in its seconds */
const VOTERS = 30_000
/** each write and read is run this many times beside the bare server, and held to the median of its ratios */
const ROUNDS = 3

/** What each app run is held to, against the bare insert server (issue 16's goals). */
const GOALS: Array<{ kind: LoadKind; label: string; goal: number }> = [
  { kind: 'write', label: 'join.request (write)', goal: 0.3 },
  { kind: 'read', label: 'account.me (read)', goal: 0 },
  { kind: 'cast', label: 'ballots.cast (first ballot)', goal: 0.6 },
  { kind: 'change', label: 'ballots.cast (changed vote)', goal: 0.4 },
]
const PROFILE = process.argv.includes('--cpu-prof')

/** the bare server, forked once: its port, and its CPU time so far (µs) */
async function startBare(): Promise<{ port: number; cpu: () => Promise<number>; stop: () => void }> {
  const bare = forkTs('bare')
  const port = await new Promise<number>((resolve, reject) => {
    bare.once('message', (m) => resolve((m as { port: number }).port))
    bare.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)))
  })
  const cpu = () =>
    new Promise<number>((resolve) => {
      bare.once('message', (m) => {
        const { user, system } = (m as { cpu: NodeJS.CpuUsage }).cpu
        resolve(user + system)
      })
      bare.send('cpu')
    })
  return { port, cpu, stop: () => bare.connected && bare.disconnect() }
}

const usOf = (c: NodeJS.CpuUsage) => c.user + c.system
/** the middle one of xs by key (the upper of the two middle ones when their number is even) */
const middle = <T>(xs: T[], key: (x: T) => number): T => [...xs].sort((a, b) => key(a) - key(b))[Math.floor(xs.length / 2)]
const perRequest = (cpuUs: number, r: LoadResult) => (r.answered ? cpuUs / r.answered : NaN)

async function benchServers(): Promise<void> {
  const S = '1. local server, bare server'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-data-'))
  let bare: Awaited<ReturnType<typeof startBare>> | null = null
  try {
    bare = await startBare()
    const server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, seed: true, quiet: true })
    try {
      // writes first, then the read: account.me must stay fast with the join requests the writes left.
      // Each run is followed at once by a run of the bare server (other work on the machine changes over a
      // minute: a ratio is only fair between neighbours), and both servers' CPU time per request is shown
      // (the server's process; this process is the local server's, idle but for it while a run goes), with the
      // load generator's: on two cores the three share the machine. A ratio is the median of ROUNDS such pairs.
      let topicId = ''
      for (const { kind, label, goal } of GOALS) {
        if (kind === 'cast') {
          log(`local server: ${VOTERS} voters…`)
          await benchVoters(server, VOTERS)
        }
        const ratios: Array<{ ratio: number; cpu: number }> = []
        for (let round = 1; round <= ROUNDS; round++) {
          // each round's first ballots on a topic of their own (the voters cast once on each)
          if (kind === 'cast') {
            const t0 = Date.now()
            topicId = await openBenchTopic(server)
            log(`local server: a topic with ${VOTERS} voters on its roll, published in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
          }
          const extra: Partial<LoadConfig> = kind === 'cast' ? { topicId, maxRequests: VOTERS } : kind === 'change' ? { topicId } : {}
          log(`local server: ${label}, round ${round}…`)
          const stop = PROFILE ? await startProfile() : null
          const c0 = process.cpuUsage()
          const r = await drive(server.port, kind, extra)
          const cpu = perRequest(usOf(process.cpuUsage(c0)), r)
          if (stop) {
            const profile = await stop()
            log(`cpu profile of ${label}: ${saveProfile(path.join(ROOT, 'test/artifacts/bench'), `${kind}-${round}`, profile)}\n${summarize(profile).join('\n')}`)
          }
          addLoad(S, `${label}, round ${round}`, r, cpu)
          log(`bare http + sqlite insert, beside ${label}…`)
          const b0 = await bare.cpu()
          const base = await drive(bare.port, 'bare')
          const baseCpu = perRequest((await bare.cpu()) - b0, base)
          addLoad(S, '  bare insert, just after', base, baseCpu)
          ratios.push({ ratio: r.rps / base.rps, cpu: cpu / baseCpu })
        }
        const median = middle(ratios, (x) => x.ratio)
        const verdict = goal ? (median.ratio >= goal ? `  (goal ≥ ${goal}x: met)` : `  (goal ≥ ${goal}x: NOT met)`) : ''
        const each = ratios.map((x) => `${x.ratio.toFixed(2)}x`).join(', ')
        add(S, `  ${label} / bare insert`, `${median.ratio.toFixed(2)}x, the median of ${ROUNDS} rounds (${each})${verdict}; CPU per request ${median.cpu.toFixed(1)}x the bare's`)
      }
      const count = (c: string) => (server.ports.store.db.prepare(`SELECT count(*) AS n FROM "${c}"`).get() as { n: number }).n
      add(S, '  rows after run', `persons ${count('persons')}, joinRequests ${count('joinRequests')}, ballots ${count('ballots')}, notifications ${count('notifications')}`)
    } finally {
      await server.close()
    }
  } catch (e) {
    add(S, 'local server', `n/a (${message(e)})`)
  } finally {
    bare?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** A fake wx-server-sdk: enough of the collection API for a first `account.me` from an unknown user. */
const SDK_STUB = `
const query = () => { const q = { where: () => q, orderBy: () => q, skip: () => q, limit: () => q, field: () => q,
  get: async () => ({ data: [] }), count: async () => ({ total: 0 }), update: async () => ({ stats: { updated: 0 } }),
  remove: async () => ({ stats: { removed: 0 } }), add: async () => ({ _id: 'stub' }),
  doc: () => ({ get: async () => ({ data: null }), set: async () => ({}), update: async () => ({ stats: { updated: 0 } }), remove: async () => ({ stats: { removed: 0 } }) }) }; return q }
const command = new Proxy({}, { get: () => (...args) => ({ args, and: () => ({ args }) }) })
exports.DYNAMIC_CURRENT_ENV = Symbol('DYNAMIC_CURRENT_ENV')
exports.init = () => {}
exports.getWXContext = () => ({ OPENID: 'bench-openid', APPID: 'wx-bench' })
exports.database = () => ({ command, collection: query, createCollection: async () => ({}), serverDate: () => new Date(),
  runTransaction: async (fn) => fn({ collection: query }) })
exports.openapi = {}
`
/** Runs in a fresh node (no tsx): times require() of the bundle, then one main() call. */
const CLOUD_RUNNER = `
const { performance } = require('node:perf_hooks')
const t0 = performance.now()
const fn = require('./api/index.js')
const t1 = performance.now()
fn.main({ action: 'account.me', input: {} }, {}).then((r) => {
  const t2 = performance.now()
  console.log(JSON.stringify({ loadMs: t1 - t0, callMs: t2 - t1, ok: r && r.ok, error: r && r.error }))
}, (e) => console.log(JSON.stringify({ loadMs: t1 - t0, error: String(e) })))
`

async function benchCloud(): Promise<void> {
  const S = '3. cloud function api'
  const bundle = path.join(ROOT, 'dist/cloudfunctions/api/index.js')
  try {
    // always rebuild (about a second): a stale bundle would report an old size
    log('building cloud functions…')
    const { buildCloud } = await import('./build-cloud')
    await buildCloud({ only: ['api'], quiet: true })
  } catch (e) {
    add(S, 'bundle', `n/a (build failed: ${message(e)})`)
    return
  }
  add(S, 'index.js size', kb(fs.statSync(bundle).size))
  // a temp dir outside the repo, so that require('wx-server-sdk') finds the stub, not the real SDK
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cloud-'))
  try {
    fs.mkdirSync(path.join(dir, 'api'))
    fs.mkdirSync(path.join(dir, 'node_modules/wx-server-sdk'), { recursive: true })
    fs.copyFileSync(bundle, path.join(dir, 'api/index.js'))
    fs.writeFileSync(path.join(dir, 'node_modules/wx-server-sdk/index.js'), SDK_STUB)
    fs.writeFileSync(path.join(dir, 'run.js'), CLOUD_RUNNER)
    const run = spawnSync(process.execPath, ['run.js'], { cwd: dir, encoding: 'utf8', timeout: 30_000 })
    const last = run.stdout.trim().split('\n').pop() ?? ''
    const r = JSON.parse(last) as { loadMs: number; callMs?: number; ok?: boolean; error?: unknown }
    add(S, 'require() (cold, stub sdk)', ms(r.loadMs))
    add(S, 'first main() account.me', r.callMs === undefined ? `n/a (${String(r.error)})` : `${ms(r.callMs)}  ok=${r.ok}${r.ok ? '' : ` ${JSON.stringify(r.error)}`}`)
  } catch (e) {
    add(S, 'load + first call', `n/a (${message(e)})`)
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

interface AnalyseJson {
  ok: boolean
  error?: string
  mainPackage: number
  subPackages: { root: string; bytes: number; files: number }[]
  total: number
}

function benchWeapp(): void {
  const S = '4. weapp (analyseCode)'
  log('weapp: scripts/weapp-check.ts --json (builds dist/weapp if stale)…')
  const run = spawnSync('npx', ['tsx', 'scripts/weapp-check.ts', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 240_000,
    maxBuffer: 64 * 1024 * 1024,
  })
  try {
    const last = run.stdout.trim().split('\n').pop() ?? ''
    const report = JSON.parse(last) as { error?: string; analyse?: AnalyseJson }
    const a = report.analyse
    if (!a) throw new Error(report.error ?? `weapp-check exited ${run.status}${run.signal ? ` (${run.signal})` : ''}`)
    if (a.error) throw new Error(a.error)
    add(S, 'main package', kb(a.mainPackage))
    for (const sub of a.subPackages) add(S, `subpackage ${sub.root}`, `${kb(sub.bytes)}, ${sub.files} files`)
    add(S, 'total', kb(a.total))
  } catch (e) {
    add(S, 'sizes', `n/a (${message(e)})`)
  }
}

/** dist/h5, built when older than the sources */
function buildH5(): void {
  // in a child so that Taro's build log goes to stderr and this table keeps stdout
  const build = spawnSync(process.execPath, ['--import', 'tsx', '-e', "require('./cloud/server/start').buildH5IfNeeded()"], {
    cwd: ROOT,
    stdio: ['ignore', 2, 2],
    timeout: 240_000,
  })
  if (build.status !== 0) throw new Error(`buildH5IfNeeded failed (exit ${build.status}${build.signal ? `, ${build.signal}` : ''})`)
}

function benchH5(): void {
  const S = '5. h5 first route'
  try {
    buildH5()
    const { entry, home, total } = firstRouteOf(path.join(ROOT, 'dist/h5'))
    const text = (x: { raw: number; gzip: number }) => `${kb(x.raw)} raw, ${kb(x.gzip)} gzip`
    add(S, `entry <script>s (${entry.files.length})`, entry.files.map((f) => path.basename(f)).join(', '))
    add(S, '  entry total', text(entry))
    add(S, `home page chunks (${home.files.length})`, home.files.map((c) => path.basename(c)).join(', '))
    add(S, '  home chunks total', text(home))
    add(S, '  first route JS (entry + home)', `${text(total)}${total.gzip <= H5_FIRST_ROUTE_GZIP ? '  (goal ≤ 150 KB gzip: met)' : '  (goal ≤ 150 KB gzip: NOT met)'}`)
  } catch (e) {
    add(S, 'h5', `n/a (${message(e)})`)
  }
}

/** Issue 16: 首页's FCP within 1.2× and its time-to-content within 1.3× of a bare Taro page's, in Chromium. */
async function benchPaint(): Promise<void> {
  const S = '7. 首页 first paint'
  try {
    buildH5()
    const { bare, home, runs } = await measureFirstPaint(path.join(ROOT, 'dist/h5'))
    const ratio = (a: number, b: number, goal: number) => `${(a / b).toFixed(2)}× (goal ≤ ${goal}×${a / b <= goal ? ', met' : ', NOT met'})`
    add(S, `bare Taro page (median of ${runs})`, `FCP ${ms(bare.fcp)}  content ${ms(bare.content)}`)
    add(S, `首页, returning 林水生 (median of ${runs})`, `FCP ${ms(home.fcp)}  content ${ms(home.content)} (待办 and 本村概况 shown)`)
    add(S, '  FCP ratio', ratio(home.fcp, bare.fcp, 1.2))
    add(S, '  time-to-content ratio', ratio(home.content, bare.content, 1.3))
    add(S, '  API calls of one load', home.calls.join(', '))
  } catch (e) {
    add(S, 'paint', `n/a (${message(e)})`)
  }
}

/** Issue 16's flat reads: the same reads with 1,000 and with 100,000 members, ballots, comments, agreements and reports in one village (goal: within 2x). */
async function benchFlatReads(): Promise<void> {
  const S = '6. flat reads'
  const SIZES = [1_000, 100_000]
  const RUNS = 11
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reads-'))
  try {
    const server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, seed: true, quiet: true })
    try {
      const at = new Map<string, number[]>()
      let grown = 0
      for (const n of SIZES) {
        log(`flat reads: 新山村 with ${n} members, ballots, comments, agreements and reports…`)
        const t0 = Date.now()
        const voters = await growMembers(server, grown, n)
        await growReports(server, grown, n)
        grown = n
        log(`flat reads: members written in ${((Date.now() - t0) / 1000).toFixed(1)} s; a topic with ${n} ballots and comments…`)
        const topicId = await topicWithBallots(server, voters.slice(0, n))
        // what the server's six-hourly refresh of the planner's statistics would have done by now
        server.ports.store.optimize()
        add(S, `  新山村 grown to ${n}`, `written in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
        for (const r of FLAT_READS) {
          try {
            const m = await timeAction(server, r.label.split(' ')[0], r.input(topicId), RUNS, r.openid)
            at.set(r.label, [...(at.get(r.label) ?? []), m])
            log(`flat reads: ${r.label} (${n}) ${ms(m)}`)
            add(S, `${r.label} (${n})`, `${ms(m)} median of ${RUNS}`)
          } catch (e) {
            add(S, `${r.label} (${n})`, `n/a (${message(e).slice(0, 200)})`)
          }
        }
      }
      for (const [label, [small, big]] of at) {
        if (big === undefined) continue
        const ratio = big / small
        add(S, `${label} ${SIZES[1]} / ${SIZES[0]}`, `${ratio.toFixed(2)}x  (goal ≤ 2x: ${ratio <= 2 ? 'met' : 'NOT met'})`)
      }
    } finally {
      await server.close()
    }
  } catch (e) {
    add(S, 'flat reads', `n/a (${message(e)})`)
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

const CORES = os.availableParallelism()
/** the first ballot's goal, as section 1 holds it */
const BALLOT_GOAL = GOALS.find((g) => g.kind === 'cast')!.goal

/**
 * The server CPU per ballot that the goal's share of this bare run leaves: one core's second over that many ballots a
 * second (a single-threaded server), or every core's, less the load generator's own CPU for that many (all cores).
 */
function ballotBudget(bare: LoadResult, ballots: LoadResult): { oneThread: number; allCores: number } {
  const perSecond = BALLOT_GOAL * bare.rps
  return { oneThread: 1e6 / perSecond, allCores: (CORES * 1e6) / perSecond - ballots.loadCpu }
}

/**
 * Section 1c: how much of a first ballot's cost is the way in that every signed-in call takes (HTTP, the input's schema,
 * the caller by openid, the membership, the answer) and how much its own rules add (the topic open, the voter on the
 * roll, the receipt, the ballot read first, the tally's shard in the same transaction). The "way in" run is ballots.cast
 * with its handler swapped, for that run only, for one insert of a ballot-sized document through the same group commit.
 * Each round: the way in, then real first ballots (each on a topic of its own), then the bare server.
 */
async function benchWayIn(): Promise<void> {
  const S = '1c. a first ballot, split'
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-wayin-'))
  const cast = ballotHandlers['ballots.cast']
  const rules = cast.handle
  const plainInsert: typeof rules = async ({ villageId, topicId, choices }, ctx) => {
    const doc = { _id: `${topicId}:${ctx.person._id}`, villageId, topicId, personId: ctx.person._id, choices, castAt: ctx.now }
    await ctx.ports.store.insert('ballots', doc as never)
    return doc as never
  }
  let bare: Awaited<ReturnType<typeof startBare>> | null = null
  try {
    bare = await startBare()
    const server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, seed: true, quiet: true })
    try {
      log(`the way in: ${VOTERS} voters…`)
      await benchVoters(server, VOTERS)
      const split: Array<{ wayIn: number; ballot: number; cpu: Record<'wayIn' | 'ballot', number>; budget: ReturnType<typeof ballotBudget> }> = []
      for (let round = 1; round <= ROUNDS; round++) {
        const runs: Record<'wayIn' | 'ballot', LoadResult> = {} as never
        const cpu: Record<'wayIn' | 'ballot', number> = { wayIn: NaN, ballot: NaN }
        for (const which of ['wayIn', 'ballot'] as const) {
          const topicId = await openBenchTopic(server)
          log(`the way in: ${which === 'wayIn' ? 'ballots.cast as one insert' : 'first ballots'}, round ${round}…`)
          cast.handle = which === 'wayIn' ? plainInsert : rules
          const c0 = process.cpuUsage()
          try {
            runs[which] = await drive(server.port, 'cast', { topicId, maxRequests: VOTERS })
          } finally {
            cast.handle = rules
          }
          cpu[which] = perRequest(usOf(process.cpuUsage(c0)), runs[which])
          addLoad(S, `${which === 'wayIn' ? 'the way in (one insert)' : 'first ballot'}, round ${round}`, runs[which], cpu[which])
        }
        const b0 = await bare.cpu()
        const base = await drive(bare.port, 'bare')
        addLoad(S, '  bare insert, just after', base, perRequest((await bare.cpu()) - b0, base))
        split.push({ wayIn: runs.wayIn.rps / base.rps, ballot: runs.ballot.rps / base.rps, cpu, budget: ballotBudget(base, runs.ballot) })
      }
      const each = (k: 'wayIn' | 'ballot') => split.map((x) => `${x[k].toFixed(2)}x`).join(', ')
      add(S, '  the way in / bare insert', `${middle(split, (x) => x.wayIn).wayIn.toFixed(2)}x, the median of ${ROUNDS} rounds (${each('wayIn')})`)
      add(S, '  first ballot / bare insert', `${middle(split, (x) => x.ballot).ballot.toFixed(2)}x (${each('ballot')})`)
      const { budget, cpu } = middle(split, (x) => x.ballot)
      add(
        S,
        `  server CPU a ballot may take at ${BALLOT_GOAL}x`,
        `${budget.oneThread.toFixed(0)} µs on one thread, ${budget.allCores.toFixed(0)} µs on all ${CORES} cores beside the load generator; ` +
          `taken: the way in ${cpu.wayIn.toFixed(0)} µs, a first ballot ${cpu.ballot.toFixed(0)} µs (the median round)`,
      )
    } finally {
      await server.close()
    }
  } catch (e) {
    add(S, 'the way in', `n/a (${message(e)})`)
  } finally {
    cast.handle = rules
    bare?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

/** The SQLite statements behind each write of section 1, per call (scripts/lib/bench-statements.ts). */
async function benchStatements(): Promise<void> {
  const S = '1b. statements per call'
  try {
    log('statements: 3,000 calls of each write, 50 at a time, in this process…')
    for (const f of await statementsPerAction()) {
      add(S, f.action, `${f.statementsPerCall.toFixed(1)} statements, ${f.sqlUs.toFixed(0)} µs in SQLite of ${f.wallUs.toFixed(0)} µs per call`)
      for (const t of f.top) add(S, '', `${t.perCall.toFixed(2).padStart(5)}× ${t.us.toFixed(1).padStart(5)} µs  ${t.sql}`)
    }
  } catch (e) {
    add(S, 'statements', `n/a (${message(e)})`)
  }
}

/** Issue 12's capacity case: 500 residents at once at an 80-seat slot (every other one asking for the waitlist). */
async function benchBooking(): Promise<void> {
  const S = '2. booking burst'
  for (const store of ['sqlite', 'cloudbase'] as const) {
    try {
      log(`booking: 500 at once at 80 seats on ${store}…`)
      const r = await bookingBurst(store, 500, 80)
      const outcomes = Object.entries(r.outcomes).map(([k, n]) => `${k} ${n}`).join(', ')
      add(S, `500 at 80 seats (${store === 'sqlite' ? 'SQLite' : 'CloudBase emulator'})`, `${ms(r.ms)} for the burst; slot booked ${r.booked}; ${outcomes}`)
    } catch (e) {
      add(S, store, `n/a (${message(e)})`)
    }
  }
}

function printTable(): void {
  const w0 = Math.max(...rows.map((r) => r[0].length))
  const w1 = Math.max(...rows.map((r) => r[1].length))
  let last = ''
  console.log('')
  for (const [section, metric, value] of rows) {
    if (section !== last && last) console.log('-'.repeat(w0 + w1 + 40))
    console.log(`${(section === last ? '' : section).padEnd(w0)}  ${metric.padEnd(w1)}  ${value}`)
    last = section
  }
}

async function main() {
  const started = Date.now()
  const cpu = os.cpus()
  add('machine', 'cpu', `${cpu[0]?.model ?? 'unknown'} x ${cpu.length} cores`)
  add('machine', 'node / os', `${process.version}, ${os.type()} ${os.release()} ${os.arch()}`)
  add('machine', 'load settings', `${CONCURRENCY} keep-alive connections, ${WARMUP_MS / 1000}s warm-up + ${DURATION_MS / 1000}s measured, 127.0.0.1`)
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',')
  const wanted = (section: string) => !only || only.includes(section)
  if (wanted('servers')) await benchServers()
  if (wanted('statements')) await benchStatements()
  if (wanted('wayin')) await benchWayIn()
  if (wanted('booking')) await benchBooking()
  if (wanted('cloud')) await benchCloud()
  if (wanted('weapp')) benchWeapp()
  if (wanted('h5')) benchH5()
  if (wanted('reads') || wanted('tally')) await benchFlatReads()
  if (wanted('paint')) await benchPaint()
  printTable()
  console.log(`\nbench finished in ${((Date.now() - started) / 1000).toFixed(1)}s`)
  process.exit(0)
}

main().catch((e) => {
  console.error(e)
  process.exit(1)
})
