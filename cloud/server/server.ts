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
import { migratePersonIds } from '../src/migrations'
import type { Clock } from '../src/ports/ports'
import { handleUpload } from './upload'

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
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}
const MAX_BODY = 2 * 1024 * 1024

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
  res.end(text)
}

/** Serves a file under root, never outside it. */
function serveFile(res: http.ServerResponse, root: string, urlPath: string, fallback?: string): boolean {
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
    // hashed assets can be cached; index.html must not be
    'cache-control': ext === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
  })
  fs.createReadStream(file).pipe(res)
  return true
}

export async function startLocalServer(opts: LocalServerOptions) {
  const baseUrl = `http://localhost:${opts.port}`
  const ports = createLocalPorts({ dataDir: opts.dataDir, baseUrl, clock: opts.clock })
  const log = opts.quiet ? () => undefined : (...a: unknown[]) => console.log(...a)
  const migrated = await migratePersonIds(ports.store)
  if (migrated) log(`已更新 ${migrated} 条数据：人员编号不再包含微信 openid`)
  if (opts.seed !== false && (await seedDemo(ports.store, ports.clock.now()))) log('已写入演示数据（汕尾市的村和社区）')
  const router = createRouter(ports, {
    localOnly: true,
    onInternalError: (action, e) => console.error(`[api] ${action} failed:`, e),
  })
  const filesDir = path.join(opts.dataDir, 'files')

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', baseUrl)
      if (url.pathname.startsWith('/api/')) {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '请使用 POST' } })
        const action = url.pathname.slice('/api/'.length)
        let payload: unknown
        try {
          const raw = await readBody(req)
          payload = raw ? JSON.parse(raw) : {}
        } catch {
          return send(res, 400, { ok: false, error: { code: 'BAD_INPUT', message: '请求格式有误' } })
        }
        const openid = req.headers['x-demo-openid']
        const result = await router(action, payload, typeof openid === 'string' && openid ? { openid } : null)
        return send(res, 200, result)
      }
      if (url.pathname === '/upload') {
        if (req.method !== 'POST') return send(res, 405, { ok: false, error: { code: 'BAD_INPUT', message: '请使用 POST' } })
        const { status, body } = await handleUpload(req, url, ports)
        return send(res, status, body)
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { ok: false })
      if (url.pathname.startsWith('/files/') && serveFile(res, filesDir, url.pathname.slice('/files/'.length))) return
      if (opts.staticDir && serveFile(res, opts.staticDir, url.pathname === '/' ? 'index.html' : url.pathname, 'index.html')) return
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' })
      res.end('找不到该页面')
    } catch (e) {
      console.error('[server]', e)
      if (!res.headersSent) send(res, 500, { ok: false, error: { code: 'INTERNAL', message: '系统繁忙，请稍后再试' } })
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : opts.port

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
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections?.()
      ports.store.close()
    },
  }
}
