/**
 * For scripts/bench.ts: the capacity case timed — N residents at once at one slot of `seats` seats,
 * through the router, on the SQLite store and on CloudBaseStore → wx-server-sdk → the CloudBase emulator.
 * Returns how long the burst took and what each attempt got.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createLocalPorts } from '../../cloud/src/adapters/local'
import { CloudBaseStore } from '../../cloud/src/adapters/cloudbase'
import { COLLECTIONS } from '../../cloud/src/features'
import { createRouter } from '../../cloud/src/router'
import { seedDemo } from '../../cloud/src/demo'
import { personKeyOf } from '../../cloud/src/features/account/policy'
import type { Ports } from '../../cloud/src/ports/ports'
import { CloudBaseEmulator, wxCloudFor } from '../../test/cloudbase-emulator/emulator'
import { membershipDoc } from '../../test/api/harness'

const X = 'v-xinshan'
const HALL = `${X}:hall`
const SERVICE = `${HALL}:bench`

export interface BurstResult {
  ms: number
  /** booked / waitlisted / an error code, and how many got it */
  outcomes: Record<string, number>
  /** the slot's count after the burst */
  booked: number
}

export async function bookingBurst(store: 'sqlite' | 'cloudbase', people: number, seats: number): Promise<BurstResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-booking-'))
  const now = Date.UTC(2026, 10, 26, 0, 0) // a Thursday, 08:00 in Beijing
  const local = createLocalPorts({ dataDir, clock: { now: () => now } })
  const emulator = store === 'cloudbase' ? await new CloudBaseEmulator().start() : null
  try {
    const cloudStore = emulator ? new CloudBaseStore(wxCloudFor(emulator.url).database({ throwOnNotFound: false }), { collections: COLLECTIONS }) : null
    await cloudStore?.ensureCollections()
    const ports: Ports = cloudStore ? { ...local, store: cloudStore } : local
    await seedDemo(ports.store, now)
    await ports.store.insert('bookingServices', {
      _id: SERVICE,
      villageId: X,
      hallId: HALL,
      kind: 'volunteer',
      name: '义剪',
      description: '',
      rules: [{ weekdays: [1, 2, 3, 4, 5, 6, 7], start: '11:30', end: '12:30', stepMinutes: null, capacity: seats, label: null }],
      exceptions: [],
      windowDays: 7,
      cutoffMinutes: 60,
      eligibility: { minAge: null, householdIds: [], note: null },
      perPersonLimit: 5,
      priceNote: null,
      active: true,
      updatedAt: now,
      updatedByName: 'bench',
    })
    for (let i = 0; i < people; i++) {
      const personId = `p_bench_${i}`
      await ports.store.insert('persons', { _id: personId, openid: `bench-${i}`, name: `村民${i}`, createdAt: now })
      await ports.store.insert('personKeys', { _id: personKeyOf(`bench-${i}`), personId })
      await ports.store.insert('memberships', membershipDoc(X, personId, `村民${i}`, { joinedAt: now }))
    }
    const router = createRouter(ports, {})
    const slotId = `${SERVICE}@2026-11-27@11:30`
    const t0 = performance.now()
    const results = await Promise.all(Array.from({ length: people }, (_, i) => router('booking.book', { villageId: X, slotId, waitlist: i % 2 === 1 }, { openid: `bench-${i}` })))
    const ms = performance.now() - t0
    const outcomes: Record<string, number> = {}
    for (const r of results) {
      const k = r.ok ? (r.data as { status: string }).status : r.error.code
      outcomes[k] = (outcomes[k] ?? 0) + 1
    }
    return { ms, outcomes, booked: (await ports.store.get('slots', slotId))!.booked }
  } finally {
    local.store.close()
    await emulator?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}
