/**
 * The backend the runner's `wx.cloud.callFunction({ name: 'api' })` reaches: pluggable, a function
 * `(event, openid) => result`. The default is the real cloud entry (createApiMain, the code bundled
 * into dist/cloudfunctions/api) over a fresh SQLite file seeded with the demo, with the OPENID the
 * test sets as WeChat's getWXContext; or the same function over CloudBaseStore on the CloudBase emulator.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalPorts, LocalContentCheck, LocalQrCodes } from '../../../cloud/src/adapters/local'
import { createApiMain } from '../../../cloud/src/entries/api'
import { seedDemo } from '../../../cloud/src/demo'
import { runJobs } from '../../../cloud/src/jobs'
import { createCloudPorts } from '../../../cloud/src/adapters/cloudbase'
import type { Ports } from '../../../cloud/src/ports/ports'
import { CloudBaseEmulator, wxCloudFor } from '../../cloudbase-emulator/emulator'
import type { CloudBackend } from './wx'

/** the API tests' fixed "now"; the runner seeds at the real now by default, since the client reads the real clock */
export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

export interface Backend {
  call: CloudBackend
  /** every event the cloud function received, with the caller */
  received: { action: string; input: unknown; openid: string | null; ok: boolean }[]
  internalErrors: unknown[]
  /** one run of the time-driven jobs, as CloudBase's timer runs the cron function (a reminder's notices, …) */
  runJobs(): Promise<void>
  close(): void
}

/** The real `api` cloud function over a temporary seeded SQLite store. */
export async function localCloudBackend(now = Date.now()): Promise<Backend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-weapp-'))
  const ports = createLocalPorts({ dataDir, clock: { now: () => now } })
  await seedDemo(ports.store, now, ports.files)
  return cloudFunctionOver(ports, () => {
    ports.store.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })
}

let emulatorRun = 0
/**
 * The real `api` cloud function over CloudBaseStore -> the real wx-server-sdk -> the CloudBase
 * emulator, seeded with the demo (collections under a fresh prefix, as a fresh environment).
 */
export async function emulatorCloudBackend(emulator: CloudBaseEmulator, now = Date.now()): Promise<Backend> {
  const cloudPorts = createCloudPorts(wxCloudFor(emulator.url), { collectionPrefix: `w${++emulatorRun}_`, clock: { now: () => now }, env: {} })
  // the emulator is CloudBase's database only: WeChat's open API (msgSecCheck, wxacode.getUnlimited) gets the local stand-ins
  const ports: Ports = { ...cloudPorts, contentCheck: new LocalContentCheck(), qrCodes: new LocalQrCodes('http://localhost:10086') }
  await seedDemo(cloudPorts.store, now)
  return cloudFunctionOver(ports, () => undefined)
}

function cloudFunctionOver(ports: Ports, close: () => void): Backend {
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
    runJobs: async () => void (await runJobs(ports)),
    close,
  }
}
