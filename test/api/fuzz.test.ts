/**
 * Fuzzing every action of every feature (FEATURES) with fast-check, starting from each action's valid input
 * (test/api/samples.ts) and breaking one thing at a time: a value of the wrong type, a field removed, an extra
 * field (`__proto__`, `constructor`, `$where`…), huge strings, invisible and control characters, lone surrogates,
 * emoji, NaN, ±Infinity, huge and negative numbers, ids of another village's objects; or a payload that is not an
 * object at all. The router must answer a typed error (never INTERNAL), never throw, and a refused call must leave
 * every collection as it was. Then raw HTTP against the local server: malformed JSON, bad escapes, wrong methods.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import type { ActionName } from '../../cloud/src/contract'
import { FEATURES } from '../../cloud/src/features'
import { MAX_BATCH, startLocalServer } from '../../cloud/server/server'
import { API_STORE, makeApi } from './harness'
import { addFixtures, OPENID, sampleFor, W, type Api } from './samples'

/** per action: ~65 actions × 100 cases take about 35 s on SQLite; the emulator (about 10× slower a call) runs fewer */
const RUNS = API_STORE === 'sqlite' ? 100 : 30

const ACTIONS = FEATURES.flatMap((f) => Object.keys(f.actions) as ActionName[])

/** ids of 乌坎村's objects, to hand to 新山村's actions */
const OTHER_IDS = [W, `${W}:t1`, `${W}:v1`, `${W}:v2`, `${W}:g1`, `${W}:hall`, 'p_sunli', 'p_yangjinhe', `${W}:p_sunli`]
const HUGE = 'x'.repeat(100_000)

/** the values nobody should have to think of */
const nasty = fc.constantFrom<unknown>(
  null,
  undefined,
  true,
  0,
  -0,
  -1,
  1.5,
  NaN,
  Infinity,
  -Infinity,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  -(2 ** 53),
  2 ** 31,
  '',
  ' ',
  '\u200b\u200b\u200b\u200b',
  '\u202e反转标题文字',
  '\ud800',
  '孤\udfff立',
  '\u0000\u0007\u001b[31m红',
  'a\u0000b\u0000c\u0000d',
  '\ufeff\ufeff',
  '😀'.repeat(60),
  '👨‍👩‍👧‍👦👨‍👩‍👧‍👦',
  HUGE,
  '中'.repeat(5000),
  '<script>alert(1)</script>',
  "'; DROP TABLE topics; --",
  '__proto__',
  'constructor',
  [],
  {},
  [[]],
  [null],
  [HUGE],
  { $gt: '' },
  { $ne: null },
  ...OTHER_IDS,
)

const weird: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: nasty, weight: 6 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 2 },
  { arbitrary: fc.oneof(fc.integer(), fc.double()), weight: 1 },
  { arbitrary: fc.anything({ maxDepth: 2, withNullPrototype: true, withObjectString: true }), weight: 1 },
)

type Path = Array<string | number>
/** every place in a value where something can be replaced or removed */
function pathsOf(v: unknown, at: Path = []): Path[] {
  if (Array.isArray(v)) return [at, ...v.flatMap((x, i) => pathsOf(x, [...at, i]))]
  if (v && typeof v === 'object') return [at, ...Object.entries(v).flatMap(([k, x]) => pathsOf(x, [...at, k]))]
  return [at]
}
function setAt(v: unknown, at: Path, value: unknown, remove = false): unknown {
  if (!at.length) return value
  const [head, ...rest] = at
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>
  if (remove && !rest.length) {
    if (Array.isArray(copy)) copy.splice(head as number, 1)
    else delete copy[head]
  } else copy[head] = setAt(copy[head], rest, value, remove)
  return copy
}
/** an own property, even `__proto__` (as JSON.parse makes it), never a change of prototype */
function withOwn(v: unknown, key: string, value: unknown): unknown {
  const base = v && typeof v === 'object' && !Array.isArray(v) ? v : {}
  const out = JSON.parse(JSON.stringify(base)) as Record<string, unknown>
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true })
  return out
}

/** a broken variant of the action's valid input */
function inputs(action: ActionName): fc.Arbitrary<unknown> {
  const valid = sampleFor(action, 'committee') ?? {}
  const paths = pathsOf(valid).filter((p) => p.length > 0)
  const variants: Array<fc.WeightedArbitrary<unknown>> = [
    { arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '$where', '_id', 'openid', 'extra'), weird).map(([k, v]) => withOwn(valid, k, v)), weight: 2 },
    { arbitrary: weird, weight: 1 },
  ]
  if (paths.length) {
    variants.push({ arbitrary: fc.tuple(fc.constantFrom(...paths), weird).map(([p, v]) => setAt(valid, p, v)), weight: 8 })
    variants.push({ arbitrary: fc.constantFrom(...paths).map((p) => setAt(valid, p, undefined, true)), weight: 2 })
  }
  return fc.oneof(...variants)
}

/** mostly 新山村's committee (who reaches the most code), sometimes a resident, a stranger or nobody */
const caller = fc.constantFrom<string | null>(OPENID.committee, OPENID.committee, OPENID.committee, OPENID.resident, OPENID.otherVillage, OPENID.hallStaff, 'fuzz-stranger', null)

describe(`fuzz every action (${RUNS} cases each)`, () => {
  let api: Api
  /** the store as it was before the last call; null when the last call may have written */
  let before: unknown = null
  const cases = { total: 0, refused: 0 }
  beforeAll(async () => {
    api = await makeApi({ localOnly: true })
    await addFixtures(api)
  })
  afterAll(() => {
    api.close()
    process.stdout.write(`fuzz on ${API_STORE}: ${cases.total} cases over ${ACTIONS.length} actions (${RUNS} per action), ${cases.refused} refused with nothing written\n`)
  })

  test.each(ACTIONS)('%s: a typed error, never INTERNAL, never a throw; a refusal writes nothing', async (action) => {
    await fc.assert(
      fc.asyncProperty(inputs(action), caller, async (input, openid) => {
        before ??= await api.snapshot()
        const r = await api.router(action, input, openid ? { openid } : null)
        cases.total++
        expect(r).toHaveProperty('ok')
        if (r.ok) {
          before = null
        } else {
          cases.refused++
          expect(r.error.code).not.toBe('INTERNAL')
          expect(typeof r.error.message).toBe('string')
          const after = await api.snapshot()
          expect(after).toEqual(before)
          before = after
        }
        // nothing reached Object.prototype through a `__proto__` key
        expect(({} as Record<string, unknown>).polluted).toBeUndefined()
        expect(Object.keys(Object.prototype)).toEqual([])
      }),
      { numRuns: RUNS },
    )
    expect(api.internalErrors).toEqual([])
    // village.poster draws a QR code on each accepted call
  }, 60_000)
})

describe('raw HTTP against the local server', () => {
  let server: Awaited<ReturnType<typeof startLocalServer>>
  let dataDir: string
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'vh-fuzz-'))
    server = await startLocalServer({ port: 0, dataDir, jobIntervalMs: 0, quiet: true })
  })
  afterAll(async () => {
    await server.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const post = (action: string, body: string | Blob, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/${action}`, { method: 'POST', body, headers: { 'content-type': 'application/json', 'x-demo-openid': OPENID.committee, ...headers } })

  /** an answer of the API: never 5xx, always JSON with ok and, when refused, a typed error other than INTERNAL */
  async function expectJsonAnswer(res: Response): Promise<{ status: number; body: { ok: boolean; error?: { code: string } } }> {
    expect(res.status).toBeLessThan(500)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const body = (await res.json()) as { ok: boolean; error?: { code: string } }
    expect(typeof body.ok).toBe('boolean')
    if (!body.ok) expect(body.error?.code).not.toBe('INTERNAL')
    return { status: res.status, body }
  }

  test('malformed JSON and bad escapes in the body: 400 with a typed error', async () => {
    const malformed = [
      '{',
      '{"villageId":}',
      '{"villageId": "v-xinshan",}',
      '{"villageId": "\\x41"}',
      '{"villageId": "\\u12"}',
      '{"villageId": "\\uZZZZ"}',
      "{'villageId': 'v-xinshan'}",
      '[1,2',
      'nul',
      '{"a":1} trailing',
      'villageId=v-xinshan',
      '\ufeff{"villageId":"v-xinshan"}',
      '['.repeat(100_000),
    ]
    for (const body of malformed) {
      const { status, body: answer } = await expectJsonAnswer(await post('topics.list', body))
      expect(status).toBe(400)
      expect(answer.error?.code).toBe('BAD_INPUT')
    }
    // bytes that are not UTF-8 decode to U+FFFD: still a malformed JSON, or a string the schema judges
    await expectJsonAnswer(await post('topics.list', new Blob([new Uint8Array([0xff, 0xfe, 0x7b, 0x22, 0xc0, 0xae, 0x22, 0x7d])])))
  })

  test('well-formed JSON that is not an object, or escapes that make text nobody can see: a typed refusal', async () => {
    for (const body of ['null', '42', '"v-xinshan"', '[]', 'true', '{"villageId":"\\ud800"}', '{"villageId":"\\u0000"}', '{"__proto__":{"polluted":1},"villageId":"v-xinshan"}', '{"villageId":{"$ne":null}}']) {
      const { status, body: answer } = await expectJsonAnswer(await post('topics.list', body))
      expect(status).toBe(200)
      if (!answer.ok) expect(['BAD_INPUT', 'NOT_FOUND', 'NOT_MEMBER']).toContain(answer.error?.code)
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  test('unknown and odd action names: UNKNOWN_ACTION', async () => {
    for (const action of ['nope', '__proto__', 'constructor', 'toString', '%', '%E0%A4%A', 'topics.list%00', '..%2f..%2fetc%2fpasswd']) {
      const { body } = await expectJsonAnswer(await post(action, '{}'))
      expect(body.error?.code).toBe('UNKNOWN_ACTION')
    }
  })

  test('POST /api/batch: each call answered as its own /api/<action> would be, in order; a bad batch refused whole', async () => {
    const calls = [
      { action: 'home.open', input: { villageId: 'v-xinshan' } },
      { action: 'account.todo', input: { villageId: 'v-xinshan' } },
      { action: 'account.todo', input: { villageId: 'v-nowhere' } },
      { action: 'nope', input: {} },
      { action: 'account.me' },
    ]
    const res = await post('batch', JSON.stringify(calls))
    expect(res.status).toBe(200)
    const answers = (await res.json()) as Array<{ ok: boolean; error?: { code: string } }>
    const one = async (c: { action: string; input?: unknown }) => (await post(c.action, JSON.stringify(c.input ?? {}))).json()
    expect(answers).toEqual(await Promise.all(calls.map(one)))
    expect(answers.map((a) => a.ok)).toEqual([true, true, false, false, true])
    expect(answers.slice(2, 4).map((a) => a.error?.code)).toEqual(['NOT_MEMBER', 'UNKNOWN_ACTION'])
    // as someone else: each call judged as theirs
    const as = { 'x-demo-openid': OPENID.resident }
    const theirs = (await (await post('batch', JSON.stringify(calls), as)).json()) as typeof answers
    expect(theirs).toEqual(await Promise.all(calls.map(async (c) => (await post(c.action, JSON.stringify(c.input ?? {}), as)).json())))
    expect(theirs[0]).not.toEqual(answers[0])

    const tooMany = JSON.stringify(Array.from({ length: MAX_BATCH + 1 }, () => calls[0]))
    for (const body of ['{', '{}', 'null', '[1]', '[null]', '[{"input":{}}]', '[{"action":1}]', tooMany]) {
      const { status, body: answer } = await expectJsonAnswer(await post('batch', body))
      expect({ body, status, code: answer.error?.code }).toEqual({ body, status: 400, code: 'BAD_INPUT' })
    }
    expect((await fetch(`${server.url}/api/batch`)).status).toBe(405)
  })

  test('wrong methods: 405 with a typed error', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const { status } = await expectJsonAnswer(await fetch(`${server.url}/api/topics.list`, { method }))
      expect(status).toBe(405)
      expect((await fetch(`${server.url}/upload`, { method })).status).toBe(405)
    }
    for (const method of ['POST', 'PUT', 'DELETE']) expect((await fetch(`${server.url}/index.html`, { method })).status).toBe(405)
  })

  test('bad percent-escapes and climbing paths in GET: 4xx, never 500', async () => {
    for (const p of ['/%', '/%%', '/files/%C0%AE%C0%AE%2fx', '/files/%2e%2e/%2e%2e/etc/passwd', '/files/..%5c..%5cwindows', '/%E0%A4%A', '/files/%00', `/${'%'.repeat(2000)}`]) {
      const res = await fetch(`${server.url}${p}`)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(res.status).toBeLessThan(500)
      await res.arrayBuffer()
    }
  })

  test('any body fast-check writes: never a 5xx, always a JSON answer', async () => {
    const bodies = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.json(), fc.jsonValue().map((v) => JSON.stringify(v)))
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom('topics.list', 'comments.create', 'join.request', 'rules.saveDraft'), async (body, action) => {
        await expectJsonAnswer(await post(action, body))
      }),
      { numRuns: API_STORE === 'sqlite' ? 150 : 40 },
    )
  })
})
