import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalPorts } from '../../cloud/src/adapters/local'
import { CloudBaseStore } from '../../cloud/src/adapters/cloudbase'
import type { Ports } from '../../cloud/src/ports/ports'
import type { CollectionName, Collections, RawStore, RawTxStore } from '../../cloud/src/ports/store'
import { COLLECTIONS } from '../../cloud/src/features'
import { CloudBaseEmulator, wxCloudFor } from '../cloudbase-emulator/emulator'
import { createRouter } from '../../cloud/src/router'
import { servesIn } from '../../cloud/src/features/account/documents'
import { seedDemo } from '../../cloud/src/demo'
import { seededVillageFacts } from '../../cloud/src/features/account/seed'
import type { CsvFile } from '../../cloud/src/common/csv'
import { isNoticeToOne } from '../../cloud/src/features/account/notices'
import type { NoticeEvent } from '../../cloud/src/features/account/documents'
import type { ActionName, ApiErrorBody, InputOf, Membership, OutputOf } from '../../cloud/src/contract'

/** the demo's openids (demo-<key>) and WeChat-shaped ones (o + 27 characters) */
const OPENID = /"demo-[a-z]+"|demo-[a-z]+[",:]|\bo[A-Za-z0-9_-]{27}\b/

export const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

/**
 * Which Store the API suites run on: SQLite (project `api`), or CloudBaseStore -> the real
 * wx-server-sdk -> the CloudBase emulator (project `api-cloudbase`, test/api/on-cloudbase.ts).
 */
export const API_STORE: 'sqlite' | 'cloudbase' = process.env.VH_API_STORE === 'cloudbase' ? 'cloudbase' : 'sqlite'

/** The router over a fresh, seeded store (a SQLite file in a temp folder, or an emulator): what the cloud function runs. */
export async function makeApi(opts: { localOnly?: boolean } = {}) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-api-'))
  let now = T0
  const local = createLocalPorts({ dataDir, clock: { now: () => now } })
  const emulator = API_STORE === 'cloudbase' ? await new CloudBaseEmulator().start() : null
  const cloudStore = emulator ? new CloudBaseStore(wxCloudFor(emulator.url).database({ throwOnNotFound: false }), { collections: COLLECTIONS }) : null
  const sqliteCalls = { n: 0 }
  const ports: Ports & { notifier: typeof local.notifier } = cloudStore ? { ...local, store: cloudStore } : { ...local, store: countingStore(local.store, sqliteCalls) }
  // as the deploy step and a fresh function's first call do: every collection exists up front
  await cloudStore?.ensureCollections()
  await seedDemo(ports.store, now, ports.files)
  const internalErrors: unknown[] = []
  const router = createRouter(ports, { localOnly: opts.localOnly, onInternalError: (_a, e) => internalErrors.push(e) })
  const as = (openid: string | null) => ({
    async call<A extends ActionName>(action: A, input: InputOf<A>): Promise<OutputOf<A>> {
      const r = await router(action, input, openid ? { openid } : null)
      if (!r.ok) throw Object.assign(new Error(`${action}: ${r.error.code} ${r.error.message}`), { body: r.error })
      // openids never leave the server: no response of any suite carries one (the local demo picker aside)
      if (action !== 'dev.identities' && OPENID.test(JSON.stringify(r.data))) throw new Error(`${action} returned an openid: ${JSON.stringify(r.data).match(OPENID)![0]}`)
      return r.data as OutputOf<A>
    },
    async fail(action: string, input: unknown): Promise<ApiErrorBody> {
      const r = await router(action, input, openid ? { openid } : null)
      if (r.ok) throw new Error(`${action} should have failed but returned ${JSON.stringify(r.data).slice(0, 200)}`)
      return r.error
    },
  })
  /** every document in every table, to prove that a refused call wrote nothing */
  const snapshot = () => {
    if (emulator) return emulator.snapshot()
    const tables = local.store.db.prepare(`SELECT name FROM sqlite_master WHERE type='table' ORDER BY name`).all() as Array<{ name: string }>
    return Object.fromEntries(tables.map((t) => [t.name, local.store.db.prepare(`SELECT _id, doc FROM "${t.name}" ORDER BY _id`).all()]))
  }
  return {
    ports,
    router,
    as,
    snapshot,
    internalErrors,
    advance: (ms: number) => (now += ms),
    emulator,
    /** database calls so far: on CloudBase every round trip to the emulator, on SQLite every call of the Store port (transaction steps included) */
    dbCalls: () => (emulator ? emulator.totalRequests() : sqliteCalls.n),
    /** Writes documents straight into the store, bypassing actions and the call count: a big village seeded in a moment. */
    seedDocuments<C extends CollectionName>(collection: C, docs: ReadonlyArray<Collections[C]>): void {
      if (emulator) return emulator.seedDocuments(collection, docs)
      local.store.ensureTable(collection)
      const insert = local.store.db.prepare(`INSERT INTO "${collection}" (_id, doc) VALUES (?, ?)`)
      local.store.db.transaction(() => docs.forEach((d) => insert.run(d._id, JSON.stringify(d))))()
    },
    close: () => {
      local.store.close()
      void emulator?.stop()
      fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export type Api = Awaited<ReturnType<typeof makeApi>>

/**
 * A fresh seeded API for each test of the file: `const api = apiPerTest()` at the top. After each test
 * it must have seen no internal error, and it is closed.
 */
export function apiPerTest(): Api {
  let current: Api | null = null
  beforeEach(async () => {
    current = await makeApi()
  })
  afterEach(() => {
    const api = current!
    current = null
    try {
      expect(api.internalErrors).toEqual([])
    } finally {
      api.close()
    }
  })
  return new Proxy({} as Api, {
    get(_target, prop) {
      if (!current) throw new Error('the API exists only inside a test')
      return Reflect.get(current, prop) as unknown
    },
  })
}

export const ID = {
  committee: 'demo-linzhiqiang',
  committee2: 'demo-chenmeiling',
  resident: 'demo-linshuisheng',
  gridWorker: 'demo-huangweiming',
  newcomer: 'demo-wangfang',
  wukanCommittee: 'demo-yangjinhe',
  pendingPerson: 'demo-liuxiaodong',
  rejectedPerson: 'demo-zhouqiang',
} as const

/** The call is refused with this code and a message containing (or matching) `message`, and no collection changed. */
export async function expectRefused(api: Api, openid: string, action: string, input: unknown, code: string, message: string | RegExp): Promise<ApiErrorBody> {
  const before = await api.snapshot()
  const err = await api.as(openid).fail(action, input)
  expect(err.code).toBe(code)
  if (typeof message === 'string') expect(err.message).toContain(message)
  else expect(err.message).toMatch(message)
  expect(await api.snapshot()).toEqual(before)
  return err
}

/** A membership as the register writes it, for fixtures: a resident with no household unless `over` says otherwise. */
export function membershipDoc(villageId: string, personId: string, name: string, over: Partial<Membership> = {}): Membership {
  return {
    _id: `${villageId}:${personId}`,
    villageId,
    personId,
    name,
    householdId: null,
    relation: null,
    roles: ['resident'],
    partyMember: false,
    gridIds: [],
    hallId: null,
    townId: null,
    joinedAt: T0,
    ...(seededVillageFacts(villageId) ? { village: seededVillageFacts(villageId) } : {}),
    ...over,
    // as the seed and the register mark one: a fixture's grid worker is found among the village's serving members
    ...(servesIn(over.roles ?? []) ? { serving: true } : {}),
  }
}

/**
 * The store with every call counted in `calls.n`: a transaction counts its begin, each step and its commit, as on
 * CloudBase. A method a test replaces (jest.spyOn) is kept as given, uncounted.
 */
function countingStore<S extends RawStore>(store: S, calls: { n: number }): S {
  const counted = <T extends object>(target: T, wrap?: (prop: string, fn: (...a: unknown[]) => unknown) => (...a: unknown[]) => unknown): T => {
    const replaced = new Map<PropertyKey, unknown>()
    return new Proxy(target, {
      set(t, prop, value) {
        if (!STORE_CALLS.has(String(prop))) return Reflect.set(t, prop, value)
        replaced.set(prop, value)
        return true
      },
      get(t, prop, receiver) {
        if (replaced.has(prop)) return replaced.get(prop)
        const value: unknown = Reflect.get(t, prop, receiver)
        if (typeof value !== 'function' || !STORE_CALLS.has(String(prop))) return value
        const fn = (value as (...a: unknown[]) => unknown).bind(t)
        return wrap ? wrap(String(prop), fn) : (...args: unknown[]) => (calls.n++, fn(...args))
      },
    })
  }
  return counted(store, (prop, fn) => {
    if (prop !== 'transaction') return (...args: unknown[]) => (calls.n++, fn(...args))
    return (work: unknown) => {
      calls.n += 2
      return fn((tx: RawTxStore) => (work as (tx: RawTxStore) => Promise<unknown>)(counted(tx)))
    }
  })
}
const STORE_CALLS = new Set(['get', 'find', 'count', 'totals', 'insert', 'insertMany', 'update', 'remove', 'transaction'])

/**
 * The API's ports with a store that dies (throws 'killed') at its (k+1)-th call of one of `ops`: a process killed
 * between two writes. By default every write and transaction counts.
 */
export function killedAfter(api: Api, k: number, ops: readonly string[] = ['insert', 'insertMany', 'update', 'remove', 'transaction']): Ports {
  let calls = 0
  const store = new Proxy(api.ports.store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function') return value
      const fn = (value as (...a: unknown[]) => unknown).bind(target)
      if (!ops.includes(String(prop))) return fn
      return (...args: unknown[]) => (++calls > k ? Promise.reject(new Error('killed')) : fn(...args))
    },
  })
  return { ...api.ports, store }
}

/**
 * Who was told what (delivered or not yet): every notice to several, the committee or the residents (its event) and
 * every notice to one person (their notification, which is its own outbox entry), oldest first.
 */
export async function toldOf(api: Pick<Api, 'ports'>, filter: { villageId?: string; title?: string }): Promise<Array<{ to: NoticeEvent['to']; title: string; body: string; page: string | null }>> {
  const { store } = api.ports
  const events = await store.find('noticeOutbox', filter, { sort: [['_id', 'asc']], limit: 1000 })
  const ones = (await store.find('notifications', filter, { sort: [['_id', 'asc']], limit: 1000 })).filter((n) => isNoticeToOne(n._id))
  const all = [...events.map((e) => ({ ...e, to: e.to })), ...ones.map((n) => ({ ...n, to: [n.personId] }))].sort((a, b) => a.createdAt - b.createdAt)
  return all.map(({ to, title, body, page }) => ({ to, title, body, page }))
}

type CsvAction = 'topics.exportCsv' | 'rules.exportCsv' | 'reports.exportCsv' | 'booking.exportCsv'
/** A CSV export asked page after page until `next` is null (cloud/src/common/csv.ts), joined as the client's card joins them. */
export async function csvExport<A extends CsvAction>(caller: Pick<ReturnType<Api['as']>, 'call'>, action: A, input: InputOf<A>): Promise<{ filename: string; content: string; rows: number; pages: number }> {
  const ask = async (after: string | null): Promise<CsvFile> => (await caller.call(action, after === null ? input : ({ ...(input as object), after } as InputOf<A>))) as CsvFile
  let page = await ask(null)
  const file = { filename: page.filename, content: page.content, rows: page.rows, pages: 1 }
  while (page.next !== null) {
    page = await ask(page.next)
    Object.assign(file, { content: file.content + page.content, rows: file.rows + page.rows, pages: file.pages + 1 })
  }
  return file
}
