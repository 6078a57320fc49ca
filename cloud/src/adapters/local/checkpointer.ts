/**
 * WAL checkpoints on a thread of their own, for the long-running local server.
 *
 * By default SQLite checkpoints inside the COMMIT that takes the WAL past 1,000 pages: that commit copies the pages
 * into the database file and syncs it, on the event loop, while every call in the batch waits for it (under a stream
 * of ballots about a third of the commit's time). Here the server's connection never checkpoints; a second
 * connection on a worker thread runs a PASSIVE checkpoint every CHECKPOINT_EVERY_MS (it never waits for, or blocks,
 * a reader or the writer). If the thread cannot start or dies, the connection goes back to checkpointing itself.
 */
import { Worker } from 'node:worker_threads'
import type Database from 'better-sqlite3'

export const CHECKPOINT_EVERY_MS = 100
/** SQLite's own default: what the connection goes back to without the thread */
const AUTOCHECKPOINT_PAGES = 1000

// plain JavaScript, evaluated in the worker: no TypeScript loader there
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const db = new Database(workerData.file)
db.pragma('busy_timeout = 1000')
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)') } catch (e) { parentPort.postMessage(String(e && e.message)) }
}, workerData.everyMs)
parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close() })
`

export interface Checkpointer {
  /** stops the thread (its connection closed) */
  stop(): Promise<void>
}

export function startCheckpointer(conn: Database.Database): Checkpointer {
  const fallBack = () => {
    if (conn.open) conn.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`)
  }
  let worker: Worker
  try {
    worker = new Worker(WORKER, { eval: true, workerData: { file: conn.name, driver: require.resolve('better-sqlite3'), everyMs: CHECKPOINT_EVERY_MS } })
  } catch {
    return { stop: async () => undefined }
  }
  conn.pragma('wal_autocheckpoint = 0')
  // the server's process ends without waiting for it
  worker.unref()
  let stopping = false
  worker.on('message', (m) => console.error('[checkpointer]', m))
  worker.on('error', (e) => {
    if (stopping) return
    console.error('[checkpointer] stopped, checkpoints go back to the commits:', e)
    fallBack()
  })
  worker.on('exit', () => {
    if (!stopping) fallBack()
  })
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true
        worker.once('exit', () => resolve())
        worker.postMessage('stop')
        // a thread stuck in a checkpoint is not waited for long
        setTimeout(() => void worker.terminate(), 2000).unref()
      }),
  }
}
