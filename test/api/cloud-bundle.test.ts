/**
 * The `api` cloud function exactly as `npm run build:cloud` ships it (dist/cloudfunctions/api/index.js,
 * unmodified), in its own Node process with the real wx-server-sdk, configured only by the
 * environment CloudBase gives a function (TCB_CONTEXT_CNFG, SCF_NAMESPACE, WX_CONTEXT_KEYS…), talking
 * to the CloudBase emulator: a read, a transactional write, and an identity smuggled into the event.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import readline from 'node:readline'
import { CloudBaseStore } from '../../cloud/src/adapters/cloudbase'
import { COLLECTIONS } from '../../cloud/src/features'
import { seedDemo } from '../../cloud/src/demo'
import { buildCloud } from '../../scripts/build-cloud'
import { CloudBaseEmulator, wxCloudFor } from '../cloudbase-emulator/emulator'

jest.setTimeout(120_000)

const ENV_ID = 'emulator-env'
let emulator: CloudBaseEmulator
let outDir: string
let fn: ChildProcessWithoutNullStreams
let lines: AsyncIterableIterator<string>
let store: CloudBaseStore

/** one invocation of the function, with `openid` as what WeChat injects for the caller */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each test reads the fields of the action it called
type Result = { ok: boolean; data?: any; error?: { code: string; message: string } }
async function invoke(openid: string | null, event: unknown): Promise<Result> {
  fn.stdin.write(JSON.stringify({ openid, event }) + '\n')
  const { value } = await lines.next()
  const out = JSON.parse(value as string) as { result?: Result; error?: string }
  if (out.error) throw new Error(out.error)
  return out.result!
}

beforeAll(async () => {
  emulator = await new CloudBaseEmulator().start()
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-bundle-'))
  const [api] = await buildCloud({ outDir, only: ['api'], quiet: true })
  // the demo village, written through the adapter the function itself uses
  store = new CloudBaseStore(wxCloudFor(emulator.url).database({ throwOnNotFound: false }), { collections: COLLECTIONS })
  await seedDemo(store, Date.now())
  fn = spawn(process.execPath, [path.join(__dirname, '../cloudbase-emulator/run-bundle.js'), api.file], {
    env: {
      PATH: process.env.PATH,
      // the function installs wx-server-sdk from its package.json; here it is the repository's copy
      NODE_PATH: path.resolve(__dirname, '../../node_modules'),
      TENCENTCLOUD_RUNENV: 'SCF',
      SCF_NAMESPACE: ENV_ID,
      TCB_ENV: ENV_ID,
      TENCENTCLOUD_REGION: 'ap-shanghai',
      TENCENTCLOUD_SECRETID: 'emulator',
      TENCENTCLOUD_SECRETKEY: 'emulator',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: emulator.url }),
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
      WX_APPID: 'wx-emulator',
    },
  })
  fn.stderr.on('data', (d) => process.stderr.write(d))
  lines = readline.createInterface({ input: fn.stdout })[Symbol.asyncIterator]()
})

afterAll(async () => {
  fn?.stdin.end()
  await new Promise((r) => (fn ? fn.on('exit', r) : r(null)))
  await emulator?.stop()
  fs.rmSync(outDir, { recursive: true, force: true })
})

test('a read: the committee member, as WeChat names them, gets their villages from the emulator', async () => {
  const before = emulator.requests['database.getDocument'] ?? 0
  const me = await invoke('demo-linzhiqiang', { action: 'account.me', input: {} })
  expect(me.ok).toBe(true)
  expect(me.data.person.name).toBe('林志强')
  expect(JSON.stringify(me.data)).toContain('新山村')
  // it really went to the emulator
  expect((emulator.requests['database.getDocument'] ?? 0) - before).toBeGreaterThan(0)
})

test('a transactional write: a resident agrees to the rules, once; a second tap changes nothing', async () => {
  const resident = 'demo-chenjianguo' // has not agreed in the demo
  const current = await invoke(resident, { action: 'rules.current', input: { villageId: 'v-xinshan' } })
  expect(current.ok).toBe(true)
  const versionId = current.data.version.id as string
  const agreementsBefore = await store.count('ruleAgreements', { versionId })
  const commitsBefore = emulator.requests['database.commitTransaction'] ?? 0

  const agreed = await invoke(resident, { action: 'rules.agree', input: { villageId: 'v-xinshan', versionId } })
  expect(agreed.ok).toBe(true)
  expect(await store.count('ruleAgreements', { versionId })).toBe(agreementsBefore + 1)
  expect((emulator.requests['database.commitTransaction'] ?? 0) - commitsBefore).toBeGreaterThan(0)

  await invoke(resident, { action: 'rules.agree', input: { villageId: 'v-xinshan', versionId } })
  expect(await store.count('ruleAgreements', { versionId })).toBe(agreementsBefore + 1)
})

test("an identity smuggled into the event is ignored: the stranger stays the stranger", async () => {
  const smuggled = { action: 'account.me', input: { openid: 'demo-linzhiqiang' }, openid: 'demo-linzhiqiang', OPENID: 'demo-linzhiqiang', userInfo: { openId: 'demo-linzhiqiang' } }
  const me = await invoke('stranger-openid', smuggled)
  expect(JSON.stringify(me)).not.toContain('林志强')
  const queue = await invoke('stranger-openid', { action: 'join.queue', input: { villageId: 'v-xinshan' }, userInfo: { openId: 'demo-linzhiqiang' } })
  expect(queue.ok).toBe(false)
  const anonymous = await invoke(null, { action: 'account.me', input: {}, openid: 'demo-linzhiqiang' })
  expect(anonymous.ok).toBe(false)
  expect(anonymous.error!.code).toBe('NOT_SIGNED_IN')
})

test('the local-only demo actions do not exist in the shipped function', async () => {
  const r = await invoke('demo-linzhiqiang', { action: 'dev.identities', input: {} })
  expect(r.ok).toBe(false)
  expect(r.error!.code).toBe('UNKNOWN_ACTION')
})
