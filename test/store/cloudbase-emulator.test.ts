/**
 * The Store conformance suite on CloudBaseStore -> the real wx-server-sdk -> the local CloudBase
 * emulator (test/cloudbase-emulator). What runs here is the adapter the cloud function ships.
 */
import { CloudBaseStore } from '../../cloud/src/adapters/cloudbase'
import { CloudBaseEmulator, wxCloudFor } from '../cloudbase-emulator/emulator'
import { CONFORMANCE_COLLECTIONS, describeStoreConformance } from './conformance'

let emulator: CloudBaseEmulator
beforeAll(async () => {
  emulator = await new CloudBaseEmulator().start()
})
afterAll(() => emulator.stop())

let n = 0
describeStoreConformance(
  'CloudBaseStore on the CloudBase emulator (wx-server-sdk over HTTP)',
  async () => {
    const db = wxCloudFor(emulator.url).database({ throwOnNotFound: false })
    // a prefix per test: each test starts with no collections, as on a fresh environment
    const store = new CloudBaseStore(db, { prefix: `t${++n}_`, collections: CONFORMANCE_COLLECTIONS })
    return { store, cleanup: async () => undefined }
  },
  { timeout: 60_000 },
)

describe('CloudBase behaviour the adapter must absorb (emulator)', () => {
  test('20 concurrent read-then-write transactions on one document all apply: conflicts fail at once on CloudBase and are retried', async () => {
    const db = wxCloudFor(emulator.url).database({ throwOnNotFound: false })
    const store = new CloudBaseStore(db, { prefix: 'race_', collections: ['counters'] })
    await store.insert('counters', { _id: 'c', n: 0 } as { _id: string })
    const before = emulator.requests['database.abortTransaction'] ?? 0
    await Promise.all(
      Array.from({ length: 20 }, () =>
        store.transaction(async (tx) => {
          const c = await tx.get<{ _id: string; n: number }>('counters', 'c')
          await tx.update('counters', 'c', { set: { n: c!.n + 1 } })
        }),
      ),
    )
    expect((await store.get<{ _id: string; n: number }>('counters', 'c'))!.n).toBe(20)
    // the race really happened: some attempts were conflicts that rolled back
    expect((emulator.requests['database.abortTransaction'] ?? 0) - before).toBeGreaterThan(0)
  }, 60_000)

  test('find pages by a cursor: a document inserted ahead of the pages already read shifts nothing (no duplicate, no miss)', async () => {
    const db = wxCloudFor(emulator.url).database({ throwOnNotFound: false })
    const store = new CloudBaseStore(db, { prefix: 'cursor_', collections: ['ledger'] })
    const docs = Array.from({ length: 250 }, (_, i) => ({ _id: `d${String(i).padStart(3, '0')}`, day: Math.floor(i / 10), v: 'x' }))
    for (let k = 0; k < docs.length; k += 25) await Promise.all(docs.slice(k, k + 25).map((d) => store.insert('ledger', d)))
    // while the second page is being read, another writer adds a document that sorts first
    // (paging by skip would then read the last document of page 2 again on page 3)
    let pages = 0
    let writer: Promise<void> | null = null
    emulator.onRequest = (action, params) => {
      if (action !== 'database.getDocument' || !String(params.collectionName).startsWith('cursor_')) return
      if (++pages === 2) writer = store.insert('ledger', { _id: 'late', day: 999, v: 'x' } as { _id: string })
    }
    try {
      const got = await store.find<{ _id: string; day: number }>('ledger', { v: 'x' }, { sort: [['day', 'desc']] })
      await writer
      const ids = got.map((d) => d._id)
      expect(pages).toBeGreaterThanOrEqual(3)
      expect(new Set(ids).size).toBe(ids.length)
      expect(ids.filter((id) => id !== 'late').sort()).toEqual(docs.map((d) => d._id))
      // the order is the sort key, then _id
      const expected = [...got].sort((a, b) => b.day - a.day || (a._id < b._id ? -1 : 1))
      expect(ids).toEqual(expected.map((d) => d._id))
    } finally {
      emulator.onRequest = null
    }
  }, 60_000)

  test('the first write to a collection inside a transaction works on a fresh environment (created outside, run again)', async () => {
    const db = wxCloudFor(emulator.url).database({ throwOnNotFound: false })
    const store = new CloudBaseStore(db, { prefix: 'fresh_' })
    await store.transaction(async (tx) => tx.insert('brandNew', { _id: 'a', v: 1 } as { _id: string }))
    expect(await store.get('brandNew', 'a')).toEqual({ _id: 'a', v: 1 })
  })

  test('an error other than a missing collection or document surfaces instead of reading as nothing', async () => {
    const emu2 = await new CloudBaseEmulator().start()
    await emu2.stop() // a closed port: a network error
    const dead = new CloudBaseStore(wxCloudFor(emu2.url).database({ throwOnNotFound: false }), { prefix: 'x_' })
    await expect(dead.find('items', {})).rejects.toBeDefined()
    await expect(dead.get('items', 'a')).rejects.toBeDefined()
  })
})
