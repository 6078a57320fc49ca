/**
 * The cloud bundles as CloudBase receives them: each function's config.json must grant the open-API
 * calls it makes (else -604101, and the content check refuses every text) and lift the 3 s timeout.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { buildCloud, CRON_TRIGGER } from '../../scripts/build-cloud'

let outDir: string
/** what the build warned of: a call Node 16 (CloudBase's default runtime) lacks is a ReferenceError there */
const warnings: string[] = []
beforeAll(async () => {
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-cloud-build-'))
  const warn = jest.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void warnings.push(args.join(' ')))
  try {
    await buildCloud({ outDir, quiet: true })
  } finally {
    warn.mockRestore()
  }
}, 120_000)
afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }))

test('no function calls what Node 16 lacks (structuredClone, findLast, toSorted, …)', () => {
  expect(warnings).toEqual([])
})

const configOf = (name: string) => JSON.parse(fs.readFileSync(path.join(outDir, name, 'config.json'), 'utf8'))

test('api config.json grants msgSecCheck, subscribeMessage.send and wxacode.getUnlimited and sets a timeout over 3 s', () => {
  const config = configOf('api')
  expect(config.permissions.openapi).toEqual(expect.arrayContaining(['security.msgSecCheck', 'subscribeMessage.send', 'wxacode.getUnlimited']))
  expect(config.timeout).toBeGreaterThan(3)
})

test('cron config.json keeps its timer trigger, may push notices, and has a timeout over 3 s', () => {
  const config = configOf('cron')
  expect(config.triggers).toEqual([CRON_TRIGGER])
  expect(config.permissions.openapi).toContain('subscribeMessage.send')
  expect(config.timeout).toBeGreaterThan(3)
})

test('the api bundle carries no local SQLite adapter', () => {
  const code = fs.readFileSync(path.join(outDir, 'api', 'index.js'), 'utf8')
  expect(code).not.toMatch(/better-sqlite3/)
})
