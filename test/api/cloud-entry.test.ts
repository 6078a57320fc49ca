/**
 * The `api` cloud function's entry (createApiMain), run on the local SQLite ports with a fake
 * getWXContext: identity comes only from WeChat's context, never from what the caller sends, and
 * the demo actions of the local runtime do not exist in the cloud.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createLocalPorts } from '../../cloud/src/adapters/local'
import { createApiMain } from '../../cloud/src/entries/api'
import { createCronMain } from '../../cloud/src/entries/cron'
import type { ApiResult } from '../../cloud/src/errors'
import type { Ports } from '../../cloud/src/ports/ports'
import { seedDemo } from '../../cloud/src/demo'

const NOW = Date.UTC(2026, 10, 26, 2, 0, 0)
const COMMITTEE = 'demo-linzhiqiang' // committee member of v-xinshan in the demo seed
const CHINESE = /[\u4e00-\u9fff]/

let dataDir: string
let ports: ReturnType<typeof createLocalPorts>
let internalErrors: unknown[]

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-cloud-entry-'))
  ports = createLocalPorts({ dataDir, clock: { now: () => NOW } })
  await seedDemo(ports.store, NOW)
})
afterAll(() => {
  ports.store.close()
  fs.rmSync(dataDir, { recursive: true, force: true })
})
beforeEach(() => {
  internalErrors = []
})

/** The cloud function as WeChat would run it, with `openid` as what getWXContext reports. */
function cloudMain(openid: string | undefined, p: Ports | (() => Ports) = ports) {
  return createApiMain({
    getWXContext: () => (openid === undefined ? {} : { OPENID: openid, APPID: 'wx-test' }),
    ports: p,
    onInternalError: (_action, e) => internalErrors.push(e),
  })
}

function expectCleanError(r: ApiResult<unknown>, code: string | string[]) {
  expect(r.ok).toBe(false)
  if (r.ok) return
  expect(Array.isArray(code) ? code : [code]).toContain(r.error.code)
  expect(r.error.message).toMatch(CHINESE)
  const text = JSON.stringify(r)
  expect(text).not.toMatch(/\bat [^\s]+ \(|\n\s+at /)
  expect(text).not.toContain('Error:')
  expect(text).not.toContain('stack')
  expect(text).not.toContain('.ts')
}

describe('identity comes only from getWXContext', () => {
  test('control: the committee member, as WeChat reports them, gets the join queue', async () => {
    const r = await cloudMain(COMMITTEE)({ action: 'join.queue', input: { villageId: 'v-xinshan' } })
    expect(r.ok).toBe(true)
    expect(Array.isArray(r.ok && r.data)).toBe(true)
  })

  test("a stranger who puts the committee member's openid in the event is still the stranger", async () => {
    const spoofed = {
      action: 'join.queue',
      input: { villageId: 'v-xinshan', openid: COMMITTEE, OPENID: COMMITTEE },
      openid: COMMITTEE,
      OPENID: COMMITTEE,
      identity: { openid: COMMITTEE },
      userInfo: { openId: COMMITTEE, appId: 'wx-test' },
      tcbContext: { OPENID: COMMITTEE },
    }
    const r = await cloudMain('stranger')(spoofed)
    expectCleanError(r, ['NOT_SIGNED_IN', 'NOT_MEMBER'])

    const me = await cloudMain('stranger')({ ...spoofed, action: 'account.me', input: { openid: COMMITTEE } })
    expect(me).toEqual({ ok: true, data: { person: null, memberships: [], requests: [], unread: 0 } })
  })

  test('without an OPENID the caller is not signed in, whatever the event says', async () => {
    for (const openid of [undefined, '']) {
      const r = await cloudMain(openid)({ action: 'join.queue', input: { villageId: 'v-xinshan' }, openid: COMMITTEE, userInfo: { openId: COMMITTEE } })
      expectCleanError(r, 'NOT_SIGNED_IN')
      expect(r.ok || r.error.message).toBe('请先登录')
    }
    const me = await cloudMain(undefined)({ action: 'account.me', input: {}, OPENID: COMMITTEE })
    expectCleanError(me, 'NOT_SIGNED_IN')
  })
})

describe('the cloud router has no demo actions', () => {
  test('dev.identities is UNKNOWN_ACTION, even for a signed-in caller', async () => {
    for (const openid of [COMMITTEE, 'stranger', undefined]) {
      const r = await cloudMain(openid)({ action: 'dev.identities', input: {} })
      expectCleanError(r, 'UNKNOWN_ACTION')
      expect(r.ok || r.error.message).toBe('不支持的操作')
    }
  })
})

describe('bad calls get typed errors with Chinese messages and no stack trace', () => {
  test('unknown actions, including inherited property names', async () => {
    const main = cloudMain(COMMITTEE)
    for (const action of ['nope.nothing', 'toString', '__proto__', 'constructor', '']) {
      expectCleanError(await main({ action, input: {} }), 'UNKNOWN_ACTION')
    }
  })

  test('malformed events: no event, not an object, an action that is not a string', async () => {
    const main = cloudMain(COMMITTEE)
    for (const event of [undefined, null, 'join.queue', 42, [], { input: {} }, { action: 7 }, { action: ['join.queue'] }, { action: { toString: () => 'join.queue' } }]) {
      expectCleanError(await main(event), 'UNKNOWN_ACTION')
    }
  })

  test('malformed input: BAD_INPUT with the field and a Chinese reason, nothing written', async () => {
    const main = cloudMain('newcomer-openid')
    const before = await ports.store.count('joinRequests')
    const r = await main({ action: 'join.request', input: { villageId: 'v-xinshan', name: '张', doorplate: '', relation: '外星人' } })
    expectCleanError(r, 'BAD_INPUT')
    if (!r.ok) {
      expect(Object.keys(r.error.fields ?? {})).toEqual(expect.arrayContaining(['name', 'doorplate', 'relation']))
      for (const reason of Object.values(r.error.fields ?? {})) expect(reason).toMatch(CHINESE)
    }
    for (const input of [null, 'v-xinshan', 5, [], { villageId: 12 }, { villageId: '' }, { villageId: 'x'.repeat(500) }, { villageId: 'v-xinshan', status: 'weird' }]) {
      expectCleanError(await cloudMain(COMMITTEE)({ action: 'join.queue', input }), 'BAD_INPUT')
    }
    expect(await ports.store.count('joinRequests')).toBe(before)
  })

  test('an unexpected failure is INTERNAL for the caller and logged on the server', async () => {
    const broken: Ports = {
      ...ports,
      store: {
        ...ports.store,
        find: async () => {
          throw new TypeError('Cannot read properties of undefined (reading "x")')
        },
        get: async () => {
          throw new TypeError('boom')
        },
      } as unknown as Ports['store'],
    }
    const r = await cloudMain(COMMITTEE, broken)({ action: 'account.me', input: {} })
    expectCleanError(r, 'INTERNAL')
    expect(r.ok || r.error.message).toBe('系统繁忙，请稍后再试')
    expect(internalErrors).toHaveLength(1)

    const contextFails = createApiMain({
      getWXContext: () => {
        throw new Error('WX_CONTEXT_KEYS broken')
      },
      ports,
      onInternalError: (_a, e) => internalErrors.push(e),
    })
    expectCleanError(await contextFails({ action: 'account.me', input: {} }), 'INTERNAL')
    expect(internalErrors).toHaveLength(2)
  })
})

test('ports are made once per instance, on the first call', async () => {
  let made = 0
  const main = cloudMain(COMMITTEE, () => {
    made++
    return ports
  })
  expect(made).toBe(0)
  await main({ action: 'account.me', input: {} })
  await main({ action: 'join.queue', input: { villageId: 'v-xinshan' } })
  await main({ action: 'nope', input: {} })
  expect(made).toBe(1)
})

test('the cron entry runs the jobs and reports counts', async () => {
  const logs: unknown[] = []
  const cron = createCronMain({ ports: () => ports, log: (_m, d) => logs.push(d) })
  const result = await cron({ Type: 'Timer', TriggerName: 'tick' })
  expect(typeof result).toBe('object')
  for (const v of Object.values(result)) expect(typeof v).toBe('number')
  expect(logs).toHaveLength(1)
})
