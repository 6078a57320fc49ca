/**
 * `npm run bench -- --only=servers --cpu-prof`: a V8 CPU profile of the local server (it runs in the bench's
 * own process) over each measured run, written to test/artifacts/bench/<kind>.cpuprofile (open it in Chrome's
 * DevTools) and summed up in the bench's log: the functions with the most self time, and the most total time
 * (a function's own and its callees', counted once per sample however deep it recurs).
 */
import fs from 'node:fs'
import { Session } from 'node:inspector'
import path from 'node:path'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  children?: number[]
}
interface Profile {
  nodes: ProfileNode[]
  samples: number[]
}

const post = <R>(session: Session, method: string, params?: object) =>
  new Promise<R>((resolve, reject) => session.post(method, params ?? {}, (e, r) => (e ? reject(e) : resolve(r as R))))

/** Starts profiling this process; the returned function stops it and gives the profile. */
export async function startProfile(): Promise<() => Promise<Profile>> {
  const session = new Session()
  session.connect()
  await post(session, 'Profiler.enable')
  await post(session, 'Profiler.setSamplingInterval', { interval: 200 })
  await post(session, 'Profiler.start')
  return async () => {
    const { profile } = await post<{ profile: Profile }>(session, 'Profiler.stop')
    session.disconnect()
    return profile
  }
}

const frameName = (n: ProfileNode) => {
  const { functionName, url, lineNumber } = n.callFrame
  const file = url ? url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/|cloud\/|scripts\/)/, '$1') : ''
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`
}

/** The top `n` functions by self and by total share of the samples, as lines of text. */
export function summarize(profile: Profile, n = 25): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id)
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  for (const id of profile.samples) {
    const leaf = byId.get(id)!
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + 1)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = frameName(byId.get(cur)!)
      if (seen.has(name)) continue
      seen.add(name)
      total.set(name, (total.get(name) ?? 0) + 1)
    }
  }
  const all = profile.samples.length || 1
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, k]) => `  ${((100 * k) / all).toFixed(1).padStart(5)}%  ${name}`)
  return [`self (of ${profile.samples.length} samples):`, ...top(self), 'total:', ...top(total)]
}

export function saveProfile(dir: string, kind: string, profile: Profile): string {
  fs.mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${kind}.cpuprofile`)
  fs.writeFileSync(file, JSON.stringify(profile))
  return file
}
