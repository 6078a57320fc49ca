/**
 * `npx tsx scripts/upload-memory.ts [posts] [MB]`: the local server's memory (RSS) before and after
 * many concurrent anonymous uploads of a large body (default 60 × 5 MB), with the server in its own
 * process so that only its memory is measured. Every post should get 401 at once, without the
 * server reading (or keeping) the bodies. test/api/upload.test.ts runs the same measurement.
 */
import { fork, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

export interface UploadMemoryReport {
  posts: number
  bytesEach: number
  rssBeforeMB: number
  rssAfterMB: number
  /** status → how many posts got it; 0 = no answer (connection reset before a response) */
  statuses: Record<number, number>
  /** from the first post sent to the last answer */
  ms: number
}

const MB = 1024 * 1024

type FromChild = { port: number } | { rss: number }

function ask(child: ChildProcess, message: unknown): Promise<FromChild> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as FromChild))
    child.send(message as object)
  })
}

/** One anonymous post of `body`: resolves with the status as soon as the answer arrives (0 if none). */
function post(port: number, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/upload?villageId=v-xinshan', method: 'POST', headers: { 'content-type': 'image/jpeg', 'content-length': body.length } })
    req.on('response', (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    // the server closes the connection without reading the rest: writing then fails, which is the point
    req.on('error', () => resolve(0))
    req.end(body)
  })
}

export async function measureUploadMemory(posts = 60, bytesEach = 5 * MB): Promise<UploadMemoryReport> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-upload-mem-'))
  const child = fork(__filename, ['--server', dataDir], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  try {
    const { port } = (await new Promise<FromChild>((resolve, reject) => {
      child.once('message', (m) => resolve(m as FromChild))
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)))
    })) as { port: number }
    const rss = async () => ((await ask(child, 'rss')) as { rss: number }).rss / MB
    const body = Buffer.alloc(bytesEach, 0xff)
    // a few refusals first, so that what the first requests set up once (code paths, socket machinery) is not counted
    await Promise.all(Array.from({ length: 4 }, () => post(port, body)))
    await new Promise((r) => setTimeout(r, 300))
    const before = await rss()
    const started = Date.now()
    const codes = await Promise.all(Array.from({ length: posts }, () => post(port, body)))
    const ms = Date.now() - started
    await new Promise((r) => setTimeout(r, 300))
    const after = await rss()
    const statuses: Record<number, number> = {}
    for (const c of codes) statuses[c] = (statuses[c] ?? 0) + 1
    return { posts, bytesEach, rssBeforeMB: Math.round(before), rssAfterMB: Math.round(after), statuses, ms }
  } finally {
    child.kill()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}

async function serve(dataDir: string) {
  const { startLocalServer } = await import('../cloud/server/server')
  const server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, quiet: true })
  process.on('message', () => {
    // RSS after a full collection: what the server keeps, not garbage not yet collected
    ;(globalThis as { gc?: () => void }).gc?.()
    process.send?.({ rss: process.memoryUsage().rss })
  })
  process.send?.({ port: server.port })
}

if (require.main === module) {
  if (process.argv[2] === '--server') void serve(process.argv[3])
  else {
    const [posts, mb] = [Number(process.argv[2] ?? 60), Number(process.argv[3] ?? 5)]
    measureUploadMemory(posts, mb * MB).then(
      (r) => console.log(`${r.posts} anonymous ${mb} MB posts to /upload: RSS ${r.rssBeforeMB} → ${r.rssAfterMB} MB; answers ${JSON.stringify(r.statuses)} in ${r.ms} ms`),
      (e) => {
        console.error(e)
        process.exit(1)
      },
    )
  }
}
