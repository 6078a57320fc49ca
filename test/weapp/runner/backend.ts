/**
 * The backend the runner's `wx.cloud.callFunction({ name: 'api' })` reaches: pluggable, a function
 * `(event, openid) => result`. The default is the real cloud entry (createApiMain, the code bundled
 * into dist/cloudfunctions/api) over a fresh SQLite file seeded with the demo, with the OPENID the
 * test sets as WeChat's getWXContext. A CloudBase emulator can be plugged in the same way.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalPorts } from '../../../cloud/src/adapters/local'
import { createApiMain } from '../../../cloud/src/entries/api'
import { seedDemo } from '../../../cloud/src/seed/demo'
import type { CloudBackend } from './wx'

/** the API tests' fixed "now"; the runner seeds at the real now by default, since the client reads the real clock */
export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

export interface Backend {
  call: CloudBackend
  /** every event the cloud function received, with the caller */
  received: { action: string; input: unknown; openid: string | null; ok: boolean }[]
  internalErrors: unknown[]
  close(): void
}

/** The real `api` cloud function over a temporary seeded SQLite store. */
export async function localCloudBackend(now = Date.now()): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-weapp-'))
  const ports = createLocalPorts({ dataDir, clock: { now: () => now } })
  await seedDemo(ports.store, now)
  const internalErrors: unknown[] = []
  const received: Backend['received'] = []
  let currentOpenid: string | null = null
  const main = createApiMain({
    getWXContext: () => ({ OPENID: currentOpenid ?? undefined }),
    ports,
    onInternalError: (_action, e) => internalErrors.push(e),
  })
  // one call at a time, so that getWXContext answers for the caller of this call
  let queue: Promise<unknown> = Promise.resolve()
  const call: CloudBackend = (event, openid) => {
    const run = queue.then(async () => {
      currentOpenid = openid
      const result = (await main(event)) as { ok?: boolean }
      const e = (event ?? {}) as { action?: unknown; input?: unknown }
      received.push({ action: String(e.action), input: e.input, openid, ok: result?.ok === true })
      return result
    })
    queue = run.catch(() => undefined)
    return run
  }
  return {
    call,
    received,
    internalErrors,
    close: () => {
      ports.store.close()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
