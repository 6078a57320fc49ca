/**
 * The local runtime: one Node process serving the h5 app, `POST /api/<action>` through the same
 * router as the cloud function, photo uploads (`POST /upload`) and uploaded files (`/files/`).
 * Identity here is the demo sign-in (X-Demo-Openid header), which exists only in this server,
 * never in the cloud function.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { createLocalPorts } from '../src/adapters/local'
import { createRouter } from '../src/router'
import { runJobs } from '../src/jobs'
import { seedDemo } from '../src/demo'
import { migrateCommentCounts, migrateMembershipCouncils, migrateMembershipVillages, migratePersonIds, migrateReportTimes, migrateReportTotals, migrateResidentCounts, migrateServingMembers, migrateTallies, migrateVolunteerHours, migrateWaitingCounts } from '../src/migrations'
import type { Clock } from '../src/ports/ports'
import { createUploadHandler } from './upload'
import { lingeringClose, readCapped } from './body'

export interface LocalServerOptions {
  port: number
  dataDir: string
  /** the built h5 app; omitted means API only */
  staticDir?: string
  /** run the time-driven job every so many ms; 0 turns it off */
  jobIntervalMs?: number
  seed?: boolean
  clock?: Clock
  quiet?: boolean
  /** where pushes are written as lines of JSON (the crash suite reads them) */
  pushLog?: string
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}
const API_PATH = /^\/api\/([A-Za-z]+\.[A-Za-z]+)(?:\?|$)/
/**
 * `POST /api/batch`: several calls in one request, `[{ action, input }, …]`, answered as an array of what each
 * `/api/<action>` would answer, in order (one after another, as the same person). The browser build's index.html
 * sends a page's first calls this way (config/preload-route.ts): one answer is read in one task, before the app's
 * scripts run, where two were left waiting behind them.
 */
const BATCH_PATH = '/api/batch'
/** the most calls one batch may carry: a page's first few (each still counted by the rate limits as any call is) */
export const MAX_BATCH = 8

/** the largest `POST /api/*` body: a 413 with a typed error beyond it, declared or streamed */
export const MAX_BODY = 2 * 1024 * 1024
/** how often the local server refreshes SQLite's planner statistics */
export const OPTIMIZE_EVERY_MS = 6 * 3600_000

/**
 * `close`: the request body was left unread (refused before reading, or cut at its cap), so the
 * connection is closed after the answer instead of being kept for a next request behind it.
 */
function send(res: http.ServerResponse, status: number, body: unknown, close = false): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...(close ? { connection: 'close' } : {}) })
  if (close) lingeringClose(res)
  res.end(text)
}

/**
 * `inline; filename*=UTF-8''…` (RFC 6266 / 5987): the browser shows the PDF and saves it under the name the
 * committee gave it. Only the name's own characters: no path, no control characters, at most 100.
 */
export function inlineDisposition(name: string): string {
  const clean = Array.from(name.replace(/[\u0000-\u001f\u007f/\\]/g, '').trim()).slice(0, 100).join('') || 'file.pdf'
  const encoded = encodeURIComponent(clean).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `inline; filename*=UTF-8''${encoded}`
}

/** Serves a file under root, never outside it; a PDF inline under `downloadName` (the ?name= of its URL) when given. */
function serveFile(res: http.ServerResponse, root: string, urlPath: string, fallback?: string, downloadName?: string | null): boolean {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return false // a malformed escape (`/%`, `%C0%AE`) names no file: 404, not a crash
  }
  const rel = path.normalize(decoded).replace(/^(\.\.[/\\])+/, '')
  let file = path.join(root, rel)
  if (!file.startsWith(path.resolve(root))) return false
  if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    if (!fallback) return false
    file = path.join(root, fallback)
    if (!fs.existsSync(file)) return false
  }
  const ext = path.extname(file)
  res.writeHead(200, {
    'content-type': TYPES[ext] ?? 'application/octet-stream',
    ...(ext === '.pdf' ? { 'content-disposition': inlineDisposition(downloadName || path.basename(file)) } : {}),
    // hashed assets can be cached; index.html must not be
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  })
  fs.createReadStream(file).pipe(res)
  return true
}

export async function startLocalServer(opts: LocalServerOptions) {
  let baseUrl = `http://localhost:${opts.port}`
  // port 0 (tests): the poster's QR code names the port the server got, once it listens
  const ports = createLocalPorts({ dataDir: opts.dataDir, baseUrl: () => baseUrl, clock: opts.clock, pushLog: opts.pushLog, checkpointThread: true })
  const log = opts.quiet ? () => undefined : (...a: unknown[]) => console.log(...a)
  const migrated = await migratePersonIds(ports.store)
  if (migrated) log(`已更新 ${migrated} 条数据：人员编号不再包含微信 openid`)
  if (opts.seed !== false && (await seedDemo(ports.store, ports.clock.now(), ports.files))) log('已写入演示数据（汕尾市的村和社区）')
  // after the seed (which counts its own topics), before the first ballot: no ballot is cast while it counts
  const tallied = await migrateTallies(ports.store)
  if (tallied) log(`已为 ${tallied} 个议题建立计票计数`)
  const commented = await migrateCommentCounts(ports.store)
  if (commented) log(`已为 ${commented} 个议题建立评论计数`)
  if (await migrateResidentCounts(ports.store)) log('已建立村规民约承诺进度计数')
  if (await migrateWaitingCounts(ports.store)) log('已建立村（居）委会待办计数')
  if (await migrateVolunteerHours(ports.store)) log('已建立志愿时长计数')
  const marked = await migrateServingMembers(ports.store)
  if (marked) log(`已标记 ${marked} 位村（居）干部和工作人员`)
  if (await migrateMembershipVillages(ports.store)) log('已为成员记下所在村（社区）')
  if (await migrateMembershipCouncils(ports.store)) log('已为四会成员记下所在的会')
  const timed = await migrateReportTimes(ports.store)
  if (timed) log(`已为 ${timed} 件随手拍记下受理和办结用时`)
  if (await migrateReportTotals(ports.store)) log('已建立随手拍办结统计')
  // the planner's statistics: at start, and as the data grows (see SqliteStore.optimize)
  ports.store.optimize()
  const optimizer = setInterval(() => ports.store.optimize(), OPTIMIZE_EVERY_MS)
  optimizer.unref()
  const router = createRouter(ports, {
    localOnly: true,
    onInternalError: (action, e) => console.error(`[api] ${action} failed:`, e),
  })
  const filesDir = path.join(opts.dataDir, 'files')
  const handleUpload = createUploadHandler(ports)

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    // no answer of this server may be read as another type than it says (an uploaded "PNG" as HTML)
    res.setHeader('x-content-type-options', 'nosniff')
    // POST /api/<action>: through the router, as the cloud function's entry does
    const badInput = (message: string) => ({ ok: false, error: { code: 'BAD_INPUT', message } })
    /** the request's JSON body ({} when empty), or undefined once it has been answered with the refusal */
    const readJson = async (): Promise<unknown> => {
      if (req.method !== 'POST') return void send(res, 405, badInput('请使用 POST'), true)
      const raw = await readCapped(req, res, MAX_BODY)
      if (raw === 'too large') return void send(res, 413, badInput('请求内容过大'), true)
      try {
        return raw.length ? JSON.parse(raw.toString('utf8')) : {}
      } catch {
        return void send(res, 400, badInput('请求格式有误'))
      }
    }
    const caller = () => {
      const openid = req.headers['x-demo-openid']
      return typeof openid === 'string' && openid ? { openid } : null
    }
    const answerApi = async (action: string) => {
      const payload = await readJson()
      if (payload === undefined) return
      return send(res, 200, await router(action, payload, caller()))
    }
    const answerBatch = async () => {
      const calls = await readJson()
      if (calls === undefined) return
      const valid =
        Array.isArray(calls) &&
        calls.length <= MAX_BATCH &&
        calls.every((c) => typeof c === 'object' && c !== null && typeof (c as { action?: unknown }).action === 'string')
      if (!valid) return send(res, 400, badInput(`请求格式有误（最多${MAX_BATCH}个调用，每个含 action）`))
      const who = caller()
      const results: unknown[] = []
      for (const { action, input } of calls as Array<{ action: string; input?: unknown }>) results.push(await router(action, input ?? {}, who))
      return send(res, 200, results)
    }
    try {
      // an action's name is plain ASCII with nothing to resolve: the most frequent request needs no URL parse
      const plain = API_PATH.exec(req.url ?? '')
      if (plain) return await answerApi(plain[1])
      if (req.url === BATCH_PATH) return await answerBatch()
      const url = new URL(req.url ?? '/', baseUrl)
      if (url.pathname.startsWith('/api/')) return await answerApi(url.pathname.slice('/api/'.length))
      if (url.pathname === '/upload') {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '请使用 POST' } }, true)
        const { status, body, close } = await handleUpload(req, res, url)
        return send(res, status, body, close)
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false }, true)
      if (url.pathname.startsWith('/files/') && serveFile(res, filesDir, url.pathname.slice('/files/'.length), undefined, url.searchParams.get('name'))) return
      if (opts.staticDir && serveFile(res, opts.staticDir, url.pathname === '/' ? 'index.html' : url.pathname, 'index.html')) return
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('找不到该页面')
    } catch (e) {
      console.error('[server]', e)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } }, true)
    }
  }
  const server = http.createServer(handle)
  // `Expect: 100-continue` (curl's way for a large body): the request is judged as any other, and
  // told to send its body only when it is read (readCapped), so a refusal costs no upload at all
  server.on('checkContinue', handle)

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  baseUrl = `http://localhost:${port}`

  const interval = opts.jobIntervalMs ?? 60_000
  const timer =
    interval > 0
      ? setInterval(() => {
          runJobs(ports).catch((e) => console.error('[jobs]', e))
        }, interval)
      : null
  timer?.unref()

  return {
    port,
    url: `http://localhost:${port}`,
    ports,
    router,
    async close() {
      if (timer) clearInterval(timer)
      clearInterval(optimizer)
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
      ports.store.close()
    },
  }
}
