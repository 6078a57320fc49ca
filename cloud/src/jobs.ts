/**
 * The time-driven work, as one idempotent job: a timer-triggered function in the cloud, an interval
 * in the local server. Its steps are the features' jobSteps; each may run any number of times, and
 * what it did once it never does again.
 */
import { FEATURES } from './features'
import type { Ports } from './ports/ports'

export async function runJobs(ports: Ports): Promise<Record<string, number>> {
  const now = ports.clock.now()
  const done: Record<string, number> = {}
  for (const f of FEATURES) for (const [name, step] of Object.entries(f.jobSteps ?? {})) done[name] = await step(ports, now)
  return done
}
