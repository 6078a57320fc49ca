/**
 * The authorization matrix (cloud/src/matrix.ts, one part per feature in features/<name>/matrix.ts) walked against
 * the runtime: every action × every persona, with a valid input for that action, on the router over the seeded
 * demo. Allowed cells succeed or fail for a business reason only; denied cells get FORBIDDEN / NOT_MEMBER /
 * NOT_SIGNED_IN and leave every collection as it was. Then the cross-village id swaps: 新山村's committee passing
 * 乌坎村's object ids with 新山村's villageId is refused and writes nothing.
 */
import type { ActionName, ApiErrorBody } from '../../cloud/src/contract'
import { FEATURES } from '../../cloud/src/features'
import { PERSONA_KEYS, type Persona, type Row } from '../../cloud/src/matrix'
import { accountMatrix } from '../../cloud/src/features/account/matrix'
import { rulesMatrix } from '../../cloud/src/features/rules/matrix'
import { deliberationMatrix } from '../../cloud/src/features/deliberation/matrix'
import { auditMatrix } from '../../cloud/src/features/audit/matrix'
import { boardsMatrix } from '../../cloud/src/features/boards/matrix'
import { bookingMatrix } from '../../cloud/src/features/booking/matrix'
import { reportsMatrix } from '../../cloud/src/features/reports/matrix'
import { affairsMatrix } from '../../cloud/src/features/affairs/matrix'
import { volunteerMatrix } from '../../cloud/src/features/volunteer/matrix'
import { mailboxMatrix } from '../../cloud/src/features/mailbox/matrix'
import { devMatrix } from '../../cloud/src/features/dev/matrix'
import { workspaceMatrix } from '../../cloud/src/features/workspace/matrix'
import { householdId } from '../../cloud/src/features/account/policy'
import { API_STORE, makeApi } from './harness'
import { addFixtures, OPENID, SAMPLES, sampleFor, W, X, type Api } from './samples'

/** each feature's matrix by the feature's name (a new feature adds its matrix.ts and one line here) */
const MATRICES: Record<string, Readonly<Record<string, Row>>> = {
  account: accountMatrix,
  rules: rulesMatrix,
  deliberation: deliberationMatrix,
  audit: auditMatrix,
  boards: boardsMatrix,
  booking: bookingMatrix,
  reports: reportsMatrix,
  affairs: affairsMatrix,
  volunteer: volunteerMatrix,
  mailbox: mailboxMatrix,
  workspace: workspaceMatrix,
  dev: devMatrix,
}

const DENIALS = new Set(['FORBIDDEN', 'NOT_MEMBER', 'NOT_SIGNED_IN'])
const ACTIONS = FEATURES.flatMap((f) => Object.keys(f.actions).map((action) => ({ feature: f.name, action: action as ActionName })))

test('every action has a row in its feature’s matrix and a sample input here', () => {
  const missing: string[] = []
  for (const { feature, action } of ACTIONS) {
    if (!MATRICES[feature]) missing.push(`feature ${feature} has no matrix: add cloud/src/features/${feature}/matrix.ts and list it in MATRICES in test/api/authorization-matrix.test.ts`)
    else if (!MATRICES[feature][action]) missing.push(`action ${action} has no row: add '${action}' to cloud/src/features/${feature}/matrix.ts`)
    if (!(action in SAMPLES)) missing.push(`action ${action} has no sample input: add '${action}' to SAMPLES in test/api/samples.ts`)
  }
  for (const [feature, rows] of Object.entries(MATRICES)) {
    for (const action of Object.keys(rows)) if (!ACTIONS.some((a) => a.action === action)) missing.push(`cloud/src/features/${feature}/matrix.ts has a row for ${action}, which no feature defines`)
  }
  expect(missing).toEqual([])
})

/** what the walk saw, for the summary */
const walked = { cells: 0, allowed: 0, denied: 0, swaps: 0 }

function rowOf(feature: string, action: string): Row | undefined {
  return MATRICES[feature]?.[action]
}

// one seeded store per persona (about 1 s each on the emulator, so both stores walk every cell)
const WALKED: readonly Persona[] = PERSONA_KEYS

describe.each(WALKED)('as %s', (persona) => {
  let api: Api
  beforeAll(async () => {
    api = await makeApi({ localOnly: true })
    await addFixtures(api)
  })
  afterAll(() => api.close())

  test('every action: allowed cells pass the door, denied cells are refused and write nothing', async () => {
    const problems: string[] = []
    let before: unknown = null
    let calls = 0
    for (const { feature, action } of ACTIONS) {
      const cell = rowOf(feature, action)?.[persona]
      if (!cell || !(action in SAMPLES)) continue // reported by the completeness test
      before ??= await api.snapshot()
      // anonymous stays anonymous: an allowed join.request gives a caller a person record
      const openid = persona === 'anonymous' ? `${OPENID.anonymous}-${++calls}` : OPENID[persona]
      const r = await api.router(action, sampleFor(action, persona), { openid })
      walked.cells++
      const code = r.ok ? null : (r.error as ApiErrorBody).code
      if (cell === 'allow') {
        walked.allowed++
        if (code && (DENIALS.has(code) || code === 'INTERNAL')) problems.push(`${action}: allowed for ${persona} but ${code} ${(r as { error: ApiErrorBody }).error.message}`)
        // the call may have written: the next denied cell compares against a fresh snapshot
        before = null
      } else {
        walked.denied++
        if (!code || !DENIALS.has(code)) problems.push(`${action}: denied for ${persona} but ${code ?? 'it succeeded'}${r.ok ? '' : ` ${r.error.message}`}`)
        const after = await api.snapshot()
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${action}: refused for ${persona} but the store changed`)
        before = after
      }
    }
    expect(problems).toEqual([])
    expect(api.internalErrors).toEqual([])
    // every action of every feature with a snapshot after each refusal: seconds, more as features come (and on a busy machine)
  }, 60_000)
})

describe('role scope: what the door lets through is scoped too', () => {
  let api: Api
  beforeAll(async () => {
    api = await makeApi()
    await addFixtures(api)
  })
  afterAll(() => api.close())

  test('a grid worker who is not on the committee gets the members of their own grids only', async () => {
    const households = await api.ports.store.find('households', { villageId: X })
    const gridOf = new Map(households.map((h) => [h._id, h.gridId]))
    const { members: all } = await api.as(OPENID.committee).call('village.members', { villageId: X })
    const { members: g1 } = await api.as(OPENID.gridWorker).call('village.members', { villageId: X })
    const { members: g3 } = await api.as(OPENID.gridWorkerOtherGrid).call('village.members', { villageId: X })
    expect(g1.length).toBeGreaterThan(0)
    expect(g3.length).toBeGreaterThan(0)
    expect(g1.every((m) => gridOf.get(m.householdId ?? '') === `${X}:g1`)).toBe(true)
    expect(g3.every((m) => gridOf.get(m.householdId ?? '') === `${X}:g3`)).toBe(true)
    // the committee sees everyone, staff without a household included
    expect(all.length).toBeGreaterThan(g1.length + g3.length)
    expect(all.some((m) => m.roles.includes('hallStaff'))).toBe(true)
  })

  test('hall staff and town officers read a topic and are told why they take no part; a resident is not', async () => {
    for (const who of [OPENID.hallStaff, OPENID.townOfficer]) {
      const d = await api.as(who).call('topics.get', { villageId: X, topicId: `${X}:t1` })
      expect(d.can).toMatchObject({ comment: false, why: '您是本村的服务人员，不参与表决、评论和提议' })
      expect(d.me).toMatchObject({ canVote: false, reason: '您是本村的服务人员，不参与表决、评论和提议' })
    }
    const d = await api.as(OPENID.resident).call('topics.get', { villageId: X, topicId: `${X}:t1` })
    expect(d.can).toMatchObject({ comment: true, why: null })
    expect(d.me.canVote).toBe(true)
  })
})

describe('cross-village id swaps', () => {
  let api: Api
  const wukan = { comment: '', proposal: '', request: '' }
  beforeAll(async () => {
    api = await makeApi()
    // 乌坎村 objects of every kind an input can name
    const sunli = api.as('demo-sunli')
    wukan.comment = (await sunli.call('comments.create', { villageId: W, topicId: `${W}:t1`, text: '港口清淤我支持。' }))._id
    wukan.proposal = (await sunli.call('proposals.create', { villageId: W, title: '老街路灯维修', background: '老街有三盏路灯坏了很久，晚上出行不安全。' }))._id
    wukan.request = (await api.as('matrix-swap-applicant').call('join.request', { villageId: W, name: '钟一鸣', doorplate: '乌坎村老街30号', relation: '户主' }))._id
  })
  afterAll(() => api.close())

  test('新山村’s committee naming 乌坎村’s objects under 新山村 is refused, nothing written', async () => {
    const swaps: Record<string, string[]> = {
      topicId: [`${W}:t1`],
      commentId: [wukan.comment],
      proposalId: [wukan.proposal],
      requestId: [wukan.request],
      versionId: [`${W}:v1`, `${W}:v2`],
      householdId: [householdId(W, '乌坎村老街16号')],
      personId: ['p_sunli'],
      voterPersonId: ['p_sunli'],
      proxyPersonId: ['p_hezhi'],
      key: ['p_sunli'],
      gridId: [`${W}:g1`],
      // 乌坎村's red entry and its black entry in its notice period
      entryId: [`${W}:b1`, `${W}:b2`],
      // 乌坎村's open and resolved reports
      reportId: [`${W}:r-harbour`, `${W}:r-street`],
      // 河南社区's notice and duty (乌坎村 has none): another village's all the same
      noticeId: ['v-henan:n-parking'],
      dutyId: ['v-henan:d-duty-3'],
      // 乌坎村's clean-up
      activityId: ['va-wk-port'],
    }
    const problems: string[] = []
    let before = await api.snapshot()
    for (const { feature, action } of ACTIONS) {
      const row = rowOf(feature, action)
      // the first persona the row allows among the village's own people (the committee for most)
      const who = (['committee', 'householdRep', 'resident'] as const).find((p) => row?.[p] === 'allow')
      if (!who) continue
      const input = sampleFor(action, who) as Record<string, unknown> | undefined
      if (!input || input.villageId !== X) continue
      const fields = Object.keys(input).filter((k) => k in swaps)
      // each id swapped alone, then all of them at once
      const variants = fields.flatMap((k) => swaps[k].map((v) => ({ [k]: v })))
      if (fields.length > 1) variants.push(Object.fromEntries(fields.map((k) => [k, swaps[k][0]])))
      for (const v of variants) {
        const r = await api.router(action, { ...input, ...v }, { openid: OPENID[who] })
        walked.swaps++
        if (r.ok) problems.push(`${action} ${JSON.stringify(v)}: accepted`)
        else if (r.error.code === 'INTERNAL') problems.push(`${action} ${JSON.stringify(v)}: INTERNAL`)
        const after = await api.snapshot()
        if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`${action} ${JSON.stringify(v)}: refused but the store changed`)
        before = after
      }
    }
    expect(problems).toEqual([])
    expect(api.internalErrors).toEqual([])
    expect(walked.swaps).toBeGreaterThan(30)
  })
})

afterAll(() => {
  // the figure for the issue: cells walked (actions × personas on this store) and the swaps
  process.stdout.write(`authorization matrix on ${API_STORE}: ${walked.cells} cells (${walked.allowed} allowed, ${walked.denied} denied) over ${ACTIONS.length} actions × ${WALKED.length} personas; ${walked.swaps} cross-village id swaps\n`)
})
