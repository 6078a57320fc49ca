import { runJobs } from '../jobs'
import type { Ports } from '../ports/ports'

export interface CronMainDeps {
  /** the ports, or a factory called once, on the first invocation of this instance */
  ports: Ports | (() => Ports)
  log?: (msg: string, detail?: unknown) => void
}

/** The timer-triggered `cron` function: runs the idempotent jobs once and reports what each step did. */
export function createCronMain(deps: CronMainDeps): (event?: unknown, context?: unknown) => Promise<Record<string, number>> {
  let ports: Ports | null = null
  const log = deps.log ?? ((m: string, d?: unknown) => console.log(m, d ?? ''))
  return async () => {
    ports ??= typeof deps.ports === 'function' ? deps.ports() : deps.ports
    const started = Date.now()
    const result = await runJobs(ports)
    log('[cron] jobs done', { ...result, ms: Date.now() - started })
    return result
  }
}
