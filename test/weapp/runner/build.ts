/**
 * One fresh `taro build --type weapp` per jest run, shared by every weapp test file: the first file
 * to ask builds (under a lock), the others wait for its stamp. The stamp is keyed by the jest run
 * (the jest process's pid and start time), so a new run always builds fresh and a stale dist/weapp
 * can never make the suite pass.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildWeappIfNeeded, type BuildResult } from '../../../scripts/lib/weapp-ci'

export const ROOT = path.resolve(__dirname, '..', '..', '..')
export const DIST = path.join(ROOT, 'dist', 'weapp')

/** the jest process: a worker's parent, or this process when run in band */
function jestRunId(): string {
  const pid = typeof process.send === 'function' ? process.ppid : process.pid
  let start = '0'
  try {
    // field 22 of /proc/<pid>/stat: the process's start time, so a reused pid is a different run
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    start = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '0'
  } catch {
    start = String(Math.floor(Date.now() / 3_600_000))
  }
  return `${pid}-${start}`
}

export type SharedBuild = (BuildResult & { ok: true }) | { ok: false; error: string }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export async function freshWeappBuild(): Promise<SharedBuild> {
  const dir = path.join(os.tmpdir(), 'vh-weapp-build')
  fs.mkdirSync(dir, { recursive: true })
  const id = jestRunId()
  const stamp = path.join(dir, `${id}.json`)
  const lock = path.join(dir, `${id}.lock`)
  const deadline = Date.now() + 10 * 60_000
  for (;;) {
    if (fs.existsSync(stamp)) {
      // built: true means built fresh in this jest run, by whichever file asked first
      return JSON.parse(fs.readFileSync(stamp, 'utf8')) as SharedBuild
    }
    try {
      fs.mkdirSync(lock)
    } catch {
      if (Date.now() > deadline) return { ok: false, error: 'timed out waiting for the weapp build of this jest run' }
      await sleep(250)
      continue
    }
    let result: SharedBuild
    try {
      result = { ok: true, ...buildWeappIfNeeded({ force: true }) }
    } catch (e) {
      result = { ok: false, error: e instanceof Error ? e.message : String(e) }
    }
    fs.writeFileSync(stamp, JSON.stringify(result))
    fs.rmSync(lock, { recursive: true, force: true })
    return result
  }
}
