/**
 * `npm run bench -- --only=statements`: the SQLite statements behind each write the servers section loads, counted
 * and timed in this process through the router (no HTTP), 50 calls at a time as the load generator sends them. A
 * statement costs a few µs at the least here, so their number per call is what the write goals turn on; counts do
 * not move with the machine's load, the µs do.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type Database from 'better-sqlite3'
import { startLocalServer } from '../../cloud/server/server'
import { benchTopic } from './bench-ballots'
import { benchVoter, CHANGERS } from './bench-load'

export interface StatementFigures {
  action: string
  /** wall time per call, µs */
  wallUs: number
  statementsPerCall: number
  /** time inside SQLite per call, µs */
  sqlUs: number
  /** the costliest statements: per call, µs per call, the SQL (shortened) */
  top: Array<{ perCall: number; us: number; sql: string }>
}

type Call = (i: number) => Promise<{ ok: boolean; error?: unknown }>

/** Wraps run/get/all of every statement of the connection to count and time them by SQL text. */
export function countStatements(db: Database.Database): { take(): Map<string, { n: number; ns: bigint }> } {
  let stats = new Map<string, { n: number; ns: bigint }>()
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...a: unknown[]) => unknown>
  for (const method of ['run', 'get', 'all']) {
    const original = proto[method]
    proto[method] = function (this: Database.Statement, ...args: unknown[]) {
      const t0 = process.hrtime.bigint()
      try {
        return original.apply(this, args)
      } finally {
        const key = this.source.replace(/\s+/g, ' ')
        const s = stats.get(key) ?? { n: 0, ns: 0n }
        s.n++
        s.ns += process.hrtime.bigint() - t0
        stats.set(key, s)
      }
    }
  }
  return {
    take() {
      const taken = stats
      stats = new Map()
      return taken
    },
  }
}

export async function statementsPerAction(calls = 3000, voters = 6000): Promise<StatementFigures[]> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-statements-'))
  const server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, seed: true, quiet: true })
  try {
    const topicId = await benchTopic(server, voters)
    const counter = countStatements(server.ports.store.db)
    const cast = (openid: string, choice: string) => server.router('ballots.cast', { villageId: 'v-xinshan', topicId, choices: [choice] }, { openid })
    const actions: Array<[string, Call]> = [
      ['join.request', (i) => server.router('join.request', { villageId: 'v-xinshan', name: '测试村民', doorplate: `压测巷${i}号`, relation: '户主' }, { openid: `bench-statements-${i}` })],
      ['account.me', () => server.router('account.me', {}, { openid: 'demo-linzhiqiang' })],
      ['ballots.cast (first ballot)', (i) => cast(benchVoter(i), 'yes')],
      ['ballots.cast (changed vote)', (i) => cast(benchVoter(i % CHANGERS), i % 2 ? 'no' : 'yes')],
    ]
    const figures: StatementFigures[] = []
    for (const [action, call] of actions) {
      counter.take()
      const t0 = process.hrtime.bigint()
      for (let at = 0; at < calls; at += 50) {
        const answers = await Promise.all(Array.from({ length: Math.min(50, calls - at) }, (_, j) => call(at + j)))
        const refused = answers.find((a) => !a.ok)
        if (refused) throw new Error(`${action}: ${JSON.stringify(refused.error)}`)
      }
      const wallUs = Number(process.hrtime.bigint() - t0) / 1e3 / calls
      const stats = [...counter.take().entries()].sort((a, b) => Number(b[1].ns - a[1].ns))
      figures.push({
        action,
        wallUs,
        statementsPerCall: stats.reduce((n, [, s]) => n + s.n, 0) / calls,
        sqlUs: stats.reduce((n, [, s]) => n + Number(s.ns), 0) / 1e3 / calls,
        top: stats.slice(0, 6).map(([sql, s]) => ({ perCall: s.n / calls, us: Number(s.ns) / 1e3 / calls, sql: sql.length > 90 ? `${sql.slice(0, 90)}…` : sql })),
      })
    }
    return figures
  } finally {
    await server.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
