/**
 * The authorization matrix (cloud/src/matrix.ts, one part per feature in features/<name>/matrix.ts) walked against
 * the runtime: every action × every persona, with a valid input for that action, on the router over the seeded
 * demo. Allowed cells succeed or fail for a business reason only; denied cells get FORBIDDEN / NOT_MEMBER /
 * NOT_SIGNED_IN and leave every collection as it was. Then the cross-village id swaps: 新山村's committee passing
 * 乌坎村's object ids with 新山村's villageId is refused and writes nothing.
 */
import type { ActionName, ApiErrorBody, InputOf } from '../../cloud/src/contract'
import { FEATURES } from '../../cloud/src/features'
import { PERSONA_KEYS, type Persona, type Row } from '../../cloud/src/matrix'
import { accountMatrix } from '../../cloud/src/features/account/matrix'
import { rulesMatrix } from '../../cloud/src/features/rules/matrix'
import { deliberationMatrix } from '../../cloud/src/features/deliberation/matrix'
import { auditMatrix } from '../../cloud/src/features/audit/matrix'
import { devMatrix } from '../../cloud/src/features/dev/matrix'
import { householdId, personKeyOf } from '../../cloud/src/features/account/policy'
import type { Membership } from '../../cloud/src/features/account/documents'
import { API_STORE, makeApi, T0 } from './harness'

type Api = Awaited<ReturnType<typeof makeApi>>

/** each feature's matrix by the feature's name (a new feature adds its matrix.ts and one line here) */
const MATRICES: Record<string, Readonly<Record<string, Row>>> = {
  account: accountMatrix,
  rules: rulesMatrix,
  deliberation: deliberationMatrix,
  audit: auditMatrix,
  dev: devMatrix,
}

const X = 'v-xinshan'
const W = 'v-wukan'
const DAY = 24 * 3600 * 1000
const DENIALS = new Set(['FORBIDDEN', 'NOT_MEMBER', 'NOT_SIGNED_IN'])

/** who each persona is (cloud/src/matrix.ts describes them); fixture ones are added by addFixtures */
const OPENID: Record<Persona, string> = {
  anonymous: 'matrix-anonymous',
  applicant: 'demo-liuxiaodong',
  resident: 'demo-liguilan',
  householdRep: 'demo-chenjianguo',
  partyMember: 'demo-linshuisheng',
  committee: 'demo-linzhiqiang',
  gridWorker: 'matrix-grid1',
  gridWorkerOtherGrid: 'matrix-grid3',
  hallStaff: 'demo-zhangxiuying',
  townOfficer: 'demo-caiguohua',
  townOfficerOtherTown: 'matrix-town-donghai',
  otherVillage: 'demo-sunli',
}

/** the people the demo has no one for: grid workers who are only that, an officer of another town */
async function addFixtures(api: Api): Promise<void> {
  const { store } = api.ports
  const fixtures: Array<{ key: string; name: string; villageId: string; roles: Membership['roles']; gridIds?: string[]; townId?: string }> = [
    { key: 'grid1', name: '郑网格', villageId: X, roles: ['gridWorker'], gridIds: [`${X}:g1`] },
    { key: 'grid3', name: '吴网格', villageId: X, roles: ['gridWorker'], gridIds: [`${X}:g3`] },
    { key: 'town-donghai', name: '许镇干', villageId: W, roles: ['townOfficer'], townId: 't-donghai' },
  ]
  for (const f of fixtures) {
    const personId = `p_matrix_${f.key.replace('-', '_')}`
    const openid = `matrix-${f.key}`
    await store.insert('persons', { _id: personId, openid, name: f.name, createdAt: T0 - 100 * DAY })
    await store.insert('personKeys', { _id: personKeyOf(openid), personId })
    await store.insert('memberships', {
      _id: `${f.villageId}:${personId}`,
      villageId: f.villageId,
      personId,
      name: f.name,
      householdId: null,
      relation: null,
      roles: f.roles,
      partyMember: false,
      gridIds: f.gridIds ?? [],
      hallId: null,
      townId: f.townId ?? null,
      joinedAt: T0 - 100 * DAY,
    })
  }
}

type Sample<A extends ActionName> = InputOf<A> | ((p: Persona) => InputOf<A>)
const ROAD = `${X}:t1` // open, person mode, live
const SQUARE = `${X}:t3` // closed, awaiting its decision
const LIGHTS = `${X}:t4` // decided
const DRAFT = `${X}:t6`
const LINS_HOUSE = householdId(X, '新山村东一巷12号')

/** a valid input per action, with the demo's ids (a state an action needs comes from the demo: an open topic, a draft…) */
const SAMPLES: { [A in ActionName]?: Sample<A> } = {
  'geo.tree': {},
  'village.byScene': { scene: 'v=xinshan' },
  'account.me': {},
  'join.request': { villageId: X, name: '赵新来', doorplate: '新山村东一巷99号', relation: '户主' },
  'join.queue': { villageId: X },
  'join.decide': { villageId: X, requestId: `${X}:p_liuxiaodong`, decision: 'approve' },
  'village.overview': { villageId: X },
  'village.members': { villageId: X },
  'village.poster': { villageId: X },
  'notifications.list': {},
  'notifications.read': { ids: ['n-unknown'] },
  'register.households': { villageId: X },
  'register.setRep': { villageId: X, householdId: LINS_HOUSE, personId: 'p_liguilan' },
  'register.setHead': { villageId: X, householdId: LINS_HOUSE, personId: 'p_liguilan' },
  'register.moveHousehold': { villageId: X, householdId: LINS_HOUSE, gridId: `${X}:g2` },
  'register.endMembership': { villageId: X, personId: 'p_linjun', why: '迁出', reason: '已迁往深圳工作' },
  'account.myData': {},
  'account.requestDeletion': { reason: '不再使用' },
  'account.deletionRequests': { villageId: X },
  'account.confirmDeletion': { villageId: X, personId: 'p_wangfang', reason: '已电话核实本人' },

  'rules.status': { villageId: X },
  'rules.current': { villageId: X },
  'rules.versions': { villageId: X },
  'rules.version': { villageId: X, versionId: `${X}:v1` },
  'rules.agree': { villageId: X, versionId: `${X}:v1` },
  'rules.partyCommit': { villageId: X, versionId: `${X}:v1` },
  'rules.startDraft': { villageId: X },
  'rules.saveDraft': { villageId: X, chapters: [{ title: '总则', clauses: [{ text: '村民应当遵守国家法律法规。' }] }] },
  'rules.discardDraft': { villageId: X, versionId: `${X}:v2` },
  'rules.publish': { villageId: X, versionId: `${X}:v2` },
  'rules.followUp': { villageId: X, gridId: `${X}:g1` },
  'rules.exportCsv': { villageId: X, kind: 'followUp' },

  'topics.list': { villageId: X },
  'topics.get': { villageId: X, topicId: ROAD },
  'topics.save': {
    villageId: X,
    topicId: DRAFT,
    title: '村口停车位划线',
    question: '是否同意在村口空地划设停车位？',
    kind: 'yesno',
    mode: 'person',
    results: 'live',
    opensAt: T0 + DAY,
    closesAt: T0 + 5 * DAY,
  },
  'topics.publish': { villageId: X, topicId: DRAFT },
  'topics.discard': { villageId: X, topicId: DRAFT },
  'topics.decide': { villageId: X, topicId: SQUARE, decision: '按表决结果实施广场修缮。' },
  'topics.addUpdate': { villageId: X, topicId: LIGHTS, text: '路灯已全部安装' },
  'topics.remind': { villageId: X, topicId: ROAD },
  'topics.turnoutByGrid': { villageId: X, topicId: ROAD },
  'topics.exportCsv': { villageId: X, topicId: ROAD, kind: 'tally' },
  'topics.roll': { villageId: X, topicId: ROAD },
  'topics.amendRoll': { villageId: X, topicId: DRAFT, key: 'p_liguilan', change: 'remove', reason: '长期在外务工' },
  'topics.count': { villageId: X, topicId: SQUARE },
  'topics.receipt': { villageId: X, topicId: SQUARE, receipt: 'K7Q2-M8XP' },
  'ballots.cast': { villageId: X, topicId: ROAD, choices: ['yes'] },
  'ballots.voters': { villageId: X, topicId: ROAD },
  'ballots.recordInPerson': { villageId: X, topicId: ROAD, voterPersonId: 'p_liguilan', choices: ['yes'] },
  'ballots.object': { villageId: X, topicId: ROAD, reason: '我没有参加现场会议' },
  // a family member, or (林志强 lives alone) the worker of his grid
  'proxies.grant': (p) => ({
    villageId: X,
    topicId: ROAD,
    proxyPersonId: ({ resident: 'p_linshuisheng', householdRep: 'p_chenxiaohong', committee: 'p_huangweiming' } as Partial<Record<Persona, string>>)[p] ?? 'p_liguilan',
  }),
  'proxies.revoke': { villageId: X, topicId: ROAD },
  'proxies.candidates': { villageId: X, topicId: ROAD },
  'proposals.list': { villageId: X },
  'proposals.create': { villageId: X, title: '修缮村口凉亭', background: '凉亭年久失修，老人常在此休息，存在安全隐患。' },
  'proposals.cosign': { villageId: X, proposalId: `${X}:pr-crossing` },
  'proposals.withdraw': { villageId: X, proposalId: `${X}:pr-elderly`, reason: '已另行解决' },
  'comments.list': { villageId: X, topicId: ROAD },
  'comments.create': { villageId: X, topicId: ROAD, text: '我赞成这个方案。' },
  'comments.like': { villageId: X, commentId: 'c-road-1' },
  'comments.hide': { villageId: X, commentId: 'c-road-6', reason: '与议题无关的内容' },

  'audit.list': { villageId: X },
  'audit.actors': { villageId: X },
  'audit.verify': { villageId: X },

  'dev.identities': {},
}

const ACTIONS = FEATURES.flatMap((f) => Object.keys(f.actions).map((action) => ({ feature: f.name, action: action as ActionName })))

function sampleFor(action: ActionName, p: Persona): unknown {
  const s = SAMPLES[action] as Sample<ActionName> | undefined
  return typeof s === 'function' ? s(p) : s
}

test('every action has a row in its feature’s matrix and a sample input here', () => {
  const missing: string[] = []
  for (const { feature, action } of ACTIONS) {
    if (!MATRICES[feature]) missing.push(`feature ${feature} has no matrix: add cloud/src/features/${feature}/matrix.ts and list it in MATRICES in test/api/authorization-matrix.test.ts`)
    else if (!MATRICES[feature][action]) missing.push(`action ${action} has no row: add '${action}' to cloud/src/features/${feature}/matrix.ts`)
    if (!(action in SAMPLES)) missing.push(`action ${action} has no sample input: add '${action}' to SAMPLES in test/api/authorization-matrix.test.ts`)
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

// one seeded store per persona; on the emulator a subset of personas (each seed is a few seconds there)
const WALKED: readonly Persona[] =
  API_STORE === 'sqlite' ? PERSONA_KEYS : ['anonymous', 'applicant', 'resident', 'committee', 'gridWorkerOtherGrid', 'hallStaff', 'townOfficerOtherTown']

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
