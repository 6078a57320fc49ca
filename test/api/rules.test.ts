import type { RuleAgreement, RuleVersionDetail } from '../../cloud/src/contract'
import { ID, apiPerTest, csvExport, membershipDoc } from './harness'
import { FOLLOW_UP_PAGE } from '../../cloud/src/features/rules/follow-up'
import { rebuildResidentCounts } from '../../cloud/src/features/account/residents'

const api = apiPerTest()

const X = 'v-xinshan'
const W = 'v-wukan'
const P = {
  chenjianguo: 'demo-chenjianguo',
  linjun: 'demo-linjun',
  sunli: 'demo-sunli',
  hallStaff: 'demo-zhangxiuying',
  townOfficer: 'demo-caiguohua',
} as const
// T0 is 2026-11-26 10:00 in Shanghai
const FUTURE = '2026-12-01'
const ADOPTION = { meeting: '村民代表会议' as const, date: '2026-11-20', totalEligible: 45, attendance: 40, votesFor: 38, votesAgainst: 1, abstain: 1 }

/** a draft's chapters as the client sends them back */
const editable = (d: Pick<RuleVersionDetail, 'chapters'>) => d.chapters.map((c) => ({ title: c.title, clauses: c.clauses.map((k) => ({ id: k.id, text: k.text })) }))
const village = async () => (await api.ports.store.get('villages', X))!
const audits = async (action: string) => (await api.ports.store.find('auditLog', { villageId: X })).filter((a) => a.action === action)

/** committee of 新山村: v2 from v1 with clause xs14 (彩礼) reworded, ready to publish */
async function draftV2(newText = '彩礼不超过3万元，不借婚姻索取财物，提倡零彩礼。') {
  const c = api.as(ID.committee)
  const start = await c.call('rules.startDraft', { villageId: X })
  const chapters = editable(start).map((ch) => ({ ...ch, clauses: ch.clauses.map((k) => (k.id === 'xs14' ? { ...k, text: newText } : k)) }))
  return c.call('rules.saveDraft', { villageId: X, versionId: start.id, chapters, effectiveDate: FUTURE, adoption: ADOPTION })
}

describe('reading the rules', () => {
  test('a resident reads the current version, numbered, with the village’s progress and the party members’ commitments', async () => {
    const cur = await api.as(ID.resident).call('rules.current', { villageId: X })
    expect(cur.word).toBe('村规民约')
    expect(cur.version).toMatchObject({ id: `${X}:v1`, number: 1, title: '新山村村规民约', status: 'published', current: true, effectiveDate: '2024-03-01', clauseCount: 24 })
    expect(cur.version!.adoption).toMatchObject({ meeting: '村民代表会议', attendance: 41, totalEligible: 45 })
    expect(cur.version!.chapters.map((c) => c.title)).toEqual(['总则', '环境卫生', '红色资源保护', '移风易俗', '平安建设', '邻里和睦与纠纷调解'])
    expect(cur.version!.chapters[5].clauses.at(-1)).toMatchObject({ no: 24, label: '第二十四条' })
    expect(cur.mine).toMatchObject({ personId: 'p_linshuisheng', number: 1, householdId: `${X}:新山村东一巷12号`, gridId: `${X}:g1`, partyCommitment: false })
    expect(cur.diffSinceMine).toBeNull()
    expect(cur.progress).toMatchObject({ persons: { agreed: 7, total: 11, percent: 64 }, households: { agreed: 6, total: 8, percent: 75 }, summary: '本村已有 6 户 (75%) 承诺' })
    expect(cur.partyCommitments.map((p) => p.name)).toEqual(['林志强', '郑志远'])
    expect(cur.can).toEqual({ agree: false, partyCommit: true, manage: false })

    const chen = await api.as(P.chenjianguo).call('rules.current', { villageId: X })
    expect(chen.mine).toBeNull()
    expect(chen.can).toEqual({ agree: true, partyCommit: false, manage: false })
  })

  test('首页 asks those who have not agreed to the current version, and nobody who is not a resident', async () => {
    expect(await api.as(P.chenjianguo).call('rules.status', { villageId: X })).toEqual({
      word: '村规民约',
      currentVersion: 1,
      currentVersionId: `${X}:v1`,
      title: '新山村村规民约',
      myVersion: null,
      needsAgreement: true,
    })
    expect(await api.as(ID.resident).call('rules.status', { villageId: X })).toMatchObject({ myVersion: 1, needsAgreement: false })
    expect(await api.as(P.hallStaff).call('rules.status', { villageId: X })).toMatchObject({ currentVersion: 1, needsAgreement: false })
    // 林俊 in 河南社区, where it is a 居民公约
    expect(await api.as(P.linjun).call('rules.status', { villageId: 'v-henan' })).toMatchObject({ word: '居民公约', title: '河南社区居民公约', needsAgreement: true })
    expect(await api.as(P.linjun).fail('rules.status', { villageId: W })).toMatchObject({ code: 'NOT_MEMBER' })
  })

  test('all published versions stay readable, newest first; only the committee sees the draft', async () => {
    const committee = await api.as(ID.wukanCommittee).call('rules.versions', { villageId: W })
    expect(committee.map((v) => [v.number, v.status, v.current])).toEqual([
      [2, 'draft', false],
      [1, 'published', true],
    ])
    expect(committee[1]).toMatchObject({ agreements: 2, adoption: { meeting: '村民会议', attendance: 1124 }, clauseCount: 12 })
    const resident = await api.as(P.sunli).call('rules.versions', { villageId: W })
    expect(resident.map((v) => v.number)).toEqual([1])

    const draft = await api.as(ID.wukanCommittee).call('rules.version', { villageId: W, versionId: `${W}:v2` })
    expect(draft.status).toBe('draft')
    expect(draft.problems).toEqual([])
    expect(draft.changes).toMatchObject({ from: 1, to: 2, removed: [], unchanged: 11 })
    expect(draft.changes!.added.map((k) => k.id)).toEqual(['wk13'])
    expect(draft.changes!.changed).toEqual([expect.objectContaining({ id: 'wk03', oldText: '遵守休渔期规定，休渔期内不出海捕捞。', newText: expect.stringContaining('5月1日') })])
  })
})

describe('who may see a draft', () => {
  test('a resident of 乌坎村 cannot see its draft, nor can 新山村’s committee', async () => {
    expect(await api.as(P.sunli).fail('rules.version', { villageId: W, versionId: `${W}:v2` })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(ID.committee).fail('rules.version', { villageId: W, versionId: `${W}:v2` })).toMatchObject({ code: 'NOT_MEMBER' })
    expect(await api.as(ID.committee).fail('rules.version', { villageId: X, versionId: `${W}:v2` })).toMatchObject({ code: 'NOT_FOUND' })
    // the published version is anyone's in the village
    expect((await api.as(P.sunli).call('rules.version', { villageId: W, versionId: `${W}:v1` })).number).toBe(1)
  })

  test('新山村’s draft: not for 乌坎村’s committee or resident, not for a 新山村 resident, not to be agreed to', async () => {
    const draft = await draftV2()
    expect(draft.id).toBe(`${X}:v2`)
    for (const [who, villageId, code] of [
      [ID.wukanCommittee, X, 'NOT_MEMBER'],
      [ID.wukanCommittee, W, 'NOT_FOUND'],
      [P.sunli, W, 'NOT_FOUND'],
      [ID.resident, X, 'NOT_FOUND'],
      [ID.gridWorker, X, 'NOT_FOUND'],
    ] as const) {
      expect(await api.as(who).fail('rules.version', { villageId, versionId: draft.id })).toMatchObject({ code })
    }
    expect((await api.as(ID.resident).call('rules.versions', { villageId: X })).map((v) => v.status)).toEqual(['published'])
    const before = api.snapshot()
    expect(await api.as(ID.resident).fail('rules.agree', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'NOT_FOUND' })
    expect(api.snapshot()).toEqual(before)
    expect((await api.as(ID.committee2).call('rules.version', { villageId: X, versionId: draft.id })).status).toBe('draft')
  })
})

describe('roles', () => {
  test('a resident or grid worker cannot draft, publish, discard or export', async () => {
    const draft = await draftV2()
    const before = api.snapshot()
    for (const who of [ID.resident, ID.gridWorker, P.townOfficer]) {
      const as = api.as(who)
      expect(await as.fail('rules.startDraft', { villageId: X })).toMatchObject({ code: 'FORBIDDEN' })
      expect(await as.fail('rules.saveDraft', { villageId: X, chapters: [], effectiveDate: FUTURE })).toMatchObject({ code: 'FORBIDDEN' })
      expect(await as.fail('rules.publish', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'FORBIDDEN' })
      expect(await as.fail('rules.discardDraft', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'FORBIDDEN' })
      expect(await as.fail('rules.exportCsv', { villageId: X, kind: 'agreements' })).toMatchObject({ code: 'FORBIDDEN' })
    }
    expect(await api.as(ID.wukanCommittee).fail('rules.publish', { villageId: W, versionId: draft.id })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(ID.wukanCommittee).fail('rules.publish', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'NOT_MEMBER' })
    expect(api.snapshot()).toEqual(before)
  })

  test('only residents agree; only party members make the public commitment', async () => {
    const v1 = `${X}:v1`
    const before = api.snapshot()
    expect(await api.as(P.hallStaff).fail('rules.agree', { villageId: X, versionId: v1 })).toMatchObject({ code: 'FORBIDDEN' })
    // 蔡国华 is a party member but not a villager of 新山村
    expect(await api.as(P.townOfficer).fail('rules.partyCommit', { villageId: X, versionId: v1 })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(P.chenjianguo).fail('rules.partyCommit', { villageId: X, versionId: v1 })).toMatchObject({ code: 'FORBIDDEN', message: '党员才能亮身份承诺' })
    expect(api.snapshot()).toEqual(before)

    const committed = await api.as(ID.resident).call('rules.partyCommit', { villageId: X, versionId: v1 })
    expect(committed).toMatchObject({ _id: `${v1}:p_linshuisheng`, partyCommitment: true, partyCommitmentAt: expect.any(Number) })
    const cur = await api.as(P.chenjianguo).call('rules.current', { villageId: X })
    expect(cur.partyCommitments.map((p) => p.name)).toEqual(['林志强', '郑志远', '林水生'])
    expect(await api.ports.store.count('ruleAgreements', { versionId: v1 })).toBe(7)
  })
})

describe('agreeing', () => {
  test('agreeing twice changes nothing and returns the same record', async () => {
    const v1 = `${X}:v1`
    const first = await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: v1 })
    expect(first).toMatchObject({ _id: `${v1}:p_chenjianguo`, name: '陈建国', number: 1, householdId: `${X}:新山村西二巷20号`, gridId: `${X}:g2`, partyCommitment: false })
    api.advance(3600_000)
    const before = api.snapshot()
    const again = await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: v1 })
    expect(again).toEqual(first)
    expect(api.snapshot()).toEqual(before)
    expect(await api.ports.store.count('ruleAgreements', { personId: 'p_chenjianguo' })).toBe(1)
    expect((await api.as(P.chenjianguo).call('rules.status', { villageId: X })).needsAgreement).toBe(false)
  })

  test('ten taps at once make one agreement, counted once', async () => {
    const progress = async () => (await api.as(ID.committee).call('rules.current', { villageId: X })).progress!
    const before = await progress()
    const results = await Promise.all(Array.from({ length: 10 }, () => api.router('rules.agree', { villageId: X, versionId: `${X}:v1` }, { openid: P.chenjianguo })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => (r.ok ? (r.data as RuleAgreement).at : 0))).size).toBe(1)
    expect(await api.ports.store.count('ruleAgreements', { personId: 'p_chenjianguo' })).toBe(1)
    // one person more, and his household (none of it had agreed)
    expect(await progress()).toMatchObject({ persons: { agreed: before.persons.agreed + 1 }, households: { agreed: before.households.agreed + 1 } })
  })

  test('an agreement its membership does not say (rulesAgreed behind) is found at its insert: the same record, nothing counted again', async () => {
    const v1 = `${X}:v1`
    const first = await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: v1 })
    await api.ports.store.update('memberships', { _id: `${X}:p_chenjianguo` }, { set: { rulesAgreed: 0 } })
    const before = api.snapshot()
    expect(await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: v1 })).toEqual(first)
    expect(api.snapshot()).toEqual(before)
  })

  test('agreeing to a version that is no longer current is refused, naming the current one', async () => {
    const draft = await draftV2()
    await api.as(ID.committee).call('rules.publish', { villageId: X, versionId: draft.id })
    const before = api.snapshot()
    const err = await api.as(P.chenjianguo).fail('rules.agree', { villageId: X, versionId: `${X}:v1` })
    expect(err).toMatchObject({ code: 'CONFLICT', message: '该版本已不是现行版本，请阅读并承诺遵守现行的第2版', fields: { currentVersion: '2', currentVersionId: `${X}:v2` } })
    expect(await api.as(ID.resident).fail('rules.partyCommit', { villageId: X, versionId: `${X}:v1` })).toMatchObject({ code: 'CONFLICT' })
    expect(await api.as(P.chenjianguo).fail('rules.agree', { villageId: X, versionId: `${X}:v9` })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(P.chenjianguo).fail('rules.agree', { villageId: X, versionId: `${W}:v1` })).toMatchObject({ code: 'NOT_FOUND' })
    expect(api.snapshot()).toEqual(before)
  })
})

describe('drafts', () => {
  test('starting a draft copies the current version with the same clause ids; starting again opens the same draft', async () => {
    const c = api.as(ID.committee)
    const d = await c.call('rules.startDraft', { villageId: X })
    expect(d).toMatchObject({ id: `${X}:v2`, number: 2, status: 'draft', basedOn: 1, title: '新山村村规民约', effectiveDate: null, clauseCount: 24, current: false })
    const v1 = await c.call('rules.version', { villageId: X, versionId: `${X}:v1` })
    expect(d.chapters.flatMap((ch) => ch.clauses.map((k) => [k.id, k.text]))).toEqual(v1.chapters.flatMap((ch) => ch.clauses.map((k) => [k.id, k.text])))
    expect(d.changes).toMatchObject({ added: [], removed: [], changed: [], unchanged: 24 })
    expect(d.problems!.map((p) => p.field)).toEqual(expect.arrayContaining(['effectiveDate', 'adoption.meeting', 'adoption.date']))
    const again = await api.as(ID.committee2).call('rules.startDraft', { villageId: X })
    expect(again.id).toBe(d.id)
    expect(await api.ports.store.count('ruleVersions', { villageId: X, status: 'draft' })).toBe(1)
    expect(await audits('rules.draft')).toEqual([expect.objectContaining({ actorName: '林志强', target: '新山村村规民约第2版（草稿）' })])
  })

  test('a draft is saved as it is, new clauses get ids, and it can be discarded', async () => {
    const c = api.as(ID.committee)
    const d = await c.call('rules.saveDraft', {
      villageId: X,
      title: '新山村村规民约（修订稿）',
      chapters: [{ title: '总则', clauses: [{ id: 'xs01', text: '总则第一条' }, { text: '' }] }],
    })
    expect(d).toMatchObject({ id: `${X}:v2`, title: '新山村村规民约（修订稿）', effectiveDate: null, basedOn: null })
    const newId = d.chapters[0].clauses[1].id
    expect(newId).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(newId).not.toBe('xs01')
    expect(d.problems!.map((p) => p.message)).toContain('第二条（第一章）内容为空，请填写或删去')
    // saving again keeps the id the client sends back
    const saved = await c.call('rules.saveDraft', { villageId: X, versionId: d.id, chapters: [{ title: '总则', clauses: [{ id: 'xs01', text: '总则第一条' }, { id: newId, text: '补上的一条' }] }] })
    expect(saved.chapters[0].clauses[1]).toMatchObject({ id: newId, text: '补上的一条' })
    expect(saved.title).toBe('新山村村规民约（修订稿）')

    expect(await c.call('rules.discardDraft', { villageId: X, versionId: d.id })).toEqual({ removed: 1 })
    expect(await api.ports.store.get('ruleVersions', d.id)).toBeNull()
    expect(await c.fail('rules.saveDraft', { villageId: X, versionId: d.id, chapters: [] })).toMatchObject({ code: 'NOT_FOUND' })
    expect((await audits('rules.discardDraft')).length).toBe(1)
  })

  test('malformed drafts are refused field by field and nothing is written', async () => {
    const c = api.as(ID.committee)
    const before = api.snapshot()
    const long = await c.fail('rules.saveDraft', { villageId: X, chapters: [{ title: '总则', clauses: [{ text: '长'.repeat(301) }] }] })
    expect(long).toMatchObject({ code: 'BAD_INPUT', fields: { 'chapters.0.clauses.0.text': '每条不超过300个字' } })
    const dup = await c.fail('rules.saveDraft', { villageId: X, chapters: [{ title: '总则', clauses: [{ id: 'a', text: '一' }, { id: 'a', text: '二' }] }] })
    expect(dup).toMatchObject({ code: 'BAD_INPUT', message: '条款编号重复' })
    const date = await c.fail('rules.saveDraft', { villageId: X, chapters: [], effectiveDate: '2026/12/01' })
    expect(date.fields).toEqual({ effectiveDate: '施行日期应为有效日期，格式如 2025-03-01' })
    expect((await c.fail('rules.saveDraft', { villageId: X, chapters: [], effectiveDate: '2026-02-30' })).code).toBe('BAD_INPUT')
    const votes = await c.fail('rules.saveDraft', { villageId: X, chapters: [], adoption: { ...ADOPTION, votesFor: -1, attendance: '40' } })
    expect(votes.fields).toEqual({ 'adoption.votesFor': '赞成票不能为负数', 'adoption.attendance': '到会人数请填数字' })
    expect(await c.fail('rules.saveDraft', { villageId: X, chapters: [], adoption: { ...ADOPTION, meeting: '党员大会' } })).toMatchObject({ fields: { 'adoption.meeting': '请选择表决方式' } })
    expect(api.snapshot()).toEqual(before)
  })

  test('publishing an incomplete draft is refused with a clear message and nothing is written', async () => {
    const c = api.as(ID.committee)
    const start = await c.call('rules.startDraft', { villageId: X })
    const chapters = editable(start)
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ chapters: [] }, 'chapters', '还没有任何条款，请至少写一条再发布'],
      [{ chapters: [...chapters.slice(0, 5), { title: '邻里和睦与纠纷调解', clauses: [...chapters[5].clauses, { text: '' }] }] }, 'chapters.5.clauses.4.text', '第二十五条（第六章）内容为空，请填写或删去'],
      [{ effectiveDate: '2026-11-25' }, 'effectiveDate', '施行日期（2026-11-25）已经过去，不能早于今天（2026-11-26）'],
      [{ effectiveDate: null }, 'effectiveDate', '请填写施行日期'],
      [{ adoption: { ...ADOPTION, votesFor: 39, votesAgainst: 1, abstain: 1 } }, 'adoption.votesFor', '赞成、反对、弃权票合计（41）不能多于到会人数（40）'],
      [{ adoption: { ...ADOPTION, attendance: 46 } }, 'adoption.attendance', '到会人数（46）不能多于应到人数（45）'],
      [{ adoption: { ...ADOPTION, totalEligible: null } }, 'adoption.totalEligible', '请填写应到人数'],
      [{ adoption: {} }, 'adoption.meeting', '请选择表决方式（村民会议或村民代表会议）'],
    ]
    for (const [change, field, message] of cases) {
      await c.call('rules.saveDraft', { villageId: X, versionId: start.id, chapters, effectiveDate: FUTURE, adoption: ADOPTION, ...change })
      const before = api.snapshot()
      const err = await c.fail('rules.publish', { villageId: X, versionId: start.id })
      expect(err).toMatchObject({ code: 'BAD_INPUT', message })
      expect(err.fields![field]).toBe(message)
      expect(api.snapshot()).toEqual(before)
    }
    expect((await village()).currentRulesVersion).toBe(1)
    expect(await audits('rules.publish')).toEqual([])
  })
})

describe('publishing', () => {
  test('publishing makes the version current in the same step, is audited, and twice is a conflict', async () => {
    const draft = await draftV2()
    expect(draft.problems).toEqual([])
    api.advance(60_000)
    const published = await api.as(ID.committee2).call('rules.publish', { villageId: X, versionId: draft.id })
    expect(published).toMatchObject({ status: 'published', current: true, publishedByName: '陈美玲', publishedAt: api.ports.clock.now(), problems: null })
    expect((await village()).currentRulesVersion).toBe(2)
    expect(await audits('rules.publish')).toEqual([
      expect.objectContaining({
        actorName: '陈美玲',
        target: '新山村村规民约第2版',
        reason: '2026-11-20村民代表会议表决通过（到会40人，赞成38、反对1、弃权1），2026-12-01起施行',
      }),
    ])
    const before = api.snapshot()
    expect(await api.as(ID.committee).fail('rules.publish', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'CONFLICT', message: '第2版已经发布过了' })
    expect(await api.as(ID.committee).fail('rules.saveDraft', { villageId: X, versionId: draft.id, chapters: [] })).toMatchObject({ code: 'CONFLICT' })
    expect(await api.as(ID.committee).fail('rules.discardDraft', { villageId: X, versionId: draft.id })).toMatchObject({ code: 'CONFLICT' })
    expect(api.snapshot()).toEqual(before)
    // the next draft is 第3版
    expect((await api.as(ID.committee).call('rules.startDraft', { villageId: X })).number).toBe(3)
  })

  test('two committee members publishing at once: one publish', async () => {
    const draft = await draftV2()
    const results = await Promise.all([ID.committee, ID.committee2, ID.committee].map((openid) => api.router('rules.publish', { villageId: X, versionId: draft.id }, { openid })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok && r.error.code === 'CONFLICT')).toHaveLength(2)
    expect((await audits('rules.publish')).length).toBe(1)
    expect((await api.ports.store.get('ruleVersions', draft.id))!.status).toBe('published')
  })
})

describe('follow-up', () => {
  test('the committee sees who has not agreed, by grid, one grid’s households at a time; a grid worker only their grids', async () => {
    const all = await api.as(ID.committee).call('rules.followUp', { villageId: X })
    expect(all.version).toEqual({ id: `${X}:v1`, number: 1, title: '新山村村规民约' })
    expect(all.totals).toEqual({ pendingPersons: 4, pendingHouseholds: 2 })
    expect(all.grids.map((g) => [g.gridName, g.pendingPersons, g.pendingHouseholds])).toEqual([
      ['第一网格（村东）', 1, 0],
      ['第二网格（村西）', 2, 1],
      ['第三网格（新村）', 1, 1],
    ])
    const flat = (p: (typeof all)['page']) => p!.households.map((h) => `${h.doorplate}:${h.headName}:${h.pending.map((x) => x.name).join('、')}`)
    // no grid asked: the first one's page
    expect(all.page!.gridId).toBe(`${X}:g1`)
    expect(flat(all.page)).toEqual(['新山村东一巷12号:林水生:林俊'])
    expect(all.page!.households[0]).toMatchObject({ householdAgreed: true, residents: 3 })
    const g2 = await api.as(ID.committee).call('rules.followUp', { villageId: X, gridId: `${X}:g2` })
    expect(flat(g2.page)).toEqual(['新山村西二巷20号:陈建国:陈建国、陈小红'])
    expect(g2.page!.households[0].householdAgreed).toBe(false)
    expect(flat((await api.as(ID.committee).call('rules.followUp', { villageId: X, gridId: `${X}:g3` })).page)).toEqual(['新山村新村路6号:黄德明:黄德明'])

    const worker = await api.as(ID.gridWorker).call('rules.followUp', { villageId: X })
    expect(worker.grids.map((g) => g.gridId)).toEqual([`${X}:g1`, `${X}:g2`])
    expect(worker.totals).toEqual({ pendingPersons: 3, pendingHouseholds: 1 })
    expect((await api.as(ID.gridWorker).call('rules.followUp', { villageId: X, gridId: `${X}:g2` })).page!.gridId).toBe(`${X}:g2`)
    expect(await api.as(ID.gridWorker).fail('rules.followUp', { villageId: X, gridId: `${X}:g3` })).toMatchObject({ code: 'FORBIDDEN', message: '只能查看您负责的网格' })
    expect(await api.as(ID.gridWorker).fail('rules.followUp', { villageId: X, gridId: null })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(ID.committee).fail('rules.followUp', { villageId: X, gridId: `${W}:g1` })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await api.as(ID.resident).fail('rules.followUp', { villageId: X })).toMatchObject({ code: 'FORBIDDEN' })

    await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: `${X}:v1` })
    const after = await api.as(ID.gridWorker).call('rules.followUp', { villageId: X, gridId: `${X}:g2` })
    expect(after.page!.households[0]).toMatchObject({ householdAgreed: true, pending: [expect.objectContaining({ name: '陈小红' })] })
    expect(after.grids.find((g) => g.gridId === `${X}:g2`)).toMatchObject({ pendingPersons: 1, pendingHouseholds: 0 })
    // the last one of the household: it leaves the list, and the grid with it
    await api.as('demo-chenxiaohong').call('rules.agree', { villageId: X, versionId: `${X}:v1` })
    const done = await api.as(ID.gridWorker).call('rules.followUp', { villageId: X, gridId: `${X}:g2` })
    expect(done.page).toEqual({ gridId: `${X}:g2`, households: [], next: null })
    expect(done.grids.map((g) => g.gridId)).toEqual([`${X}:g1`])
  })

  test('a grid with many households to visit comes a page at a time, by doorplate, each after the last', async () => {
    const { store } = api.ports
    const n = FOLLOW_UP_PAGE * 2 + 3
    // households written directly, then counted as the server's start counts a data folder
    await store.insertMany('households', Array.from({ length: n }, (_, i) => ({ _id: `${X}:hp${i}`, villageId: X, gridId: `${X}:g3`, doorplate: `新山村新村路${100 + i}号`, headName: `村民${i}`, repPersonId: null })))
    await store.insertMany('memberships', Array.from({ length: n }, (_, i) => membershipDoc(X, `p_pg${i}`, `村民${i}`, { householdId: `${X}:hp${i}`, relation: '户主' })))
    await rebuildResidentCounts(store, X)
    const pages: string[][] = []
    let after: string | undefined
    do {
      const r = await api.as(ID.committee).call('rules.followUp', { villageId: X, gridId: `${X}:g3`, after })
      expect(r.grids.find((g) => g.gridId === `${X}:g3`)).toMatchObject({ pendingPersons: n + 1, pendingHouseholds: n + 1 })
      pages.push(r.page!.households.map((h) => h.doorplate))
      after = r.page!.next ?? undefined
    } while (after)
    expect(pages.map((p) => p.length)).toEqual([FOLLOW_UP_PAGE, FOLLOW_UP_PAGE, 4])
    const all = pages.flat()
    expect(new Set(all).size).toBe(n + 1)
    expect(all).toEqual([...all].sort())
    expect(all).toContain('新山村新村路6号')
  })

  test('CSV exports start with the BOM, have Chinese headers and the right rows, and are audited', async () => {
    const c = api.as(ID.committee)
    const f = await csvExport(c, 'rules.exportCsv', { villageId: X, kind: 'followUp' })
    expect(f.filename).toBe('新山村村规民约-未承诺名单-第1版-2026-11-26.csv')
    expect(f.content.startsWith('\uFEFF网格,门牌号,户主,姓名')).toBe(true)
    const lines = f.content.slice(1).trimEnd().split('\r\n')
    expect(lines.slice(1).map((l) => l.split(',')[3])).toEqual(['林俊', '陈建国', '陈小红', '黄德明'])
    expect(lines[1]).toBe('第一网格（村东）,新山村东一巷12号,林水生,林俊,子女,是,从未承诺,')
    expect(f.rows).toBe(4)

    const a = await csvExport(c, 'rules.exportCsv', { villageId: X, kind: 'agreements' })
    expect(a.filename).toBe('新山村村规民约-承诺记录-2026-11-26.csv')
    const rows = a.content.slice(1).trimEnd().split('\r\n')
    expect(rows[0]).toBe('版本,姓名,门牌号,网格,承诺时间,党员亮身份承诺,亮身份时间')
    expect(rows.slice(1).map((r) => r.split(',')[1]).sort()).toEqual(['吴丽华', '李桂兰', '林志强', '林水生', '郑志远', '陈美玲', '黄伟明'].sort())
    expect(rows.find((r) => r.includes('林志强'))).toMatch(/^第1版,林志强,新山村东一巷3号,第一网格（村东）,\d{4}-\d\d-\d\d \d\d:\d\d,是,\d{4}-\d\d-\d\d \d\d:\d\d$/)
    expect((await audits('rules.export')).map((e) => e.target)).toEqual([f.filename, a.filename])
  })
})

test('the whole round: 第2版 with one changed clause, a resident who agreed to 第1版 sees the change and agrees, the rate goes up', async () => {
  const committee = api.as(ID.committee)
  const resident = api.as(ID.resident)
  const oldText = (await resident.call('rules.current', { villageId: X })).version!.chapters[3].clauses[1]
  expect(oldText).toMatchObject({ id: 'xs14', no: 14 })

  const draft = await draftV2('反对高价彩礼，彩礼不超过3万元，提倡零彩礼，不借婚姻索取财物。')
  expect(draft.changes!.changed).toHaveLength(1)
  api.advance(3600_000)
  await committee.call('rules.publish', { villageId: X, versionId: draft.id })

  expect(await resident.call('rules.status', { villageId: X })).toMatchObject({ currentVersion: 2, myVersion: 1, needsAgreement: true })
  const cur = await resident.call('rules.current', { villageId: X })
  expect(cur.version).toMatchObject({ number: 2, current: true })
  expect(cur.mine).toBeNull()
  expect(cur.myVersion).toBe(1)
  expect(cur.diffSinceMine).toEqual({
    from: 1,
    to: 2,
    added: [],
    removed: [],
    changed: [
      {
        id: 'xs14',
        oldNo: 14,
        newNo: 14,
        oldChapter: '移风易俗',
        newChapter: '移风易俗',
        oldText: oldText.text,
        newText: '反对高价彩礼，彩礼不超过3万元，提倡零彩礼，不借婚姻索取财物。',
      },
    ],
    unchanged: 23,
  })
  const before = (await committee.call('rules.current', { villageId: X })).progress!
  expect(before).toMatchObject({ versionNumber: 2, persons: { agreed: 0, total: 11 }, households: { agreed: 0, total: 8 }, summary: '本村已有 0 户 (0%) 承诺' })

  const agreed = await resident.call('rules.agree', { villageId: X, versionId: draft.id })
  expect(agreed).toMatchObject({ number: 2, versionId: `${X}:v2` })
  // a party member's public commitment on the new version
  await resident.call('rules.partyCommit', { villageId: X, versionId: draft.id })
  // his wife agrees too: two persons, still one household
  await api.as('demo-liguilan').call('rules.agree', { villageId: X, versionId: draft.id })

  const after = await committee.call('rules.current', { villageId: X })
  expect(after.progress).toMatchObject({ persons: { agreed: 2, total: 11, percent: 18 }, households: { agreed: 1, total: 8, percent: 13 }, summary: '本村已有 1 户 (13%) 承诺' })
  expect(after.partyCommitments.map((p) => p.name)).toEqual(['林水生'])
  expect(await resident.call('rules.status', { villageId: X })).toMatchObject({ myVersion: 2, needsAgreement: false })
  expect((await resident.call('rules.current', { villageId: X })).diffSinceMine).toBeNull()
  const versions = await resident.call('rules.versions', { villageId: X })
  expect(versions.map((v) => [v.number, v.current, v.agreements])).toEqual([
    [2, true, 2],
    [1, false, 7],
  ])
  // the follow-up now lists everyone else for 第2版, with the version they last agreed to
  const follow = await committee.call('rules.followUp', { villageId: X })
  expect(follow.totals.pendingPersons).toBe(9)
  const west = await committee.call('rules.followUp', { villageId: X, gridId: `${X}:g2` })
  const chen = west.page!.households.flatMap((h) => h.pending).find((p) => p.name === '陈美玲')
  expect(chen).toMatchObject({ agreedVersion: 1 })
})

test('a party member who has not agreed yet makes the commitment and the agreement in one step', async () => {
  // 郑志远 agreed to 第1版 with a public commitment; on 第2版 he commits straight away
  const draft = await draftV2()
  await api.as(ID.committee).call('rules.publish', { villageId: X, versionId: draft.id })
  const r = await api.as('demo-zhengzhiyuan').call('rules.partyCommit', { villageId: X, versionId: draft.id })
  expect(r).toMatchObject({ _id: `${draft.id}:p_zhengzhiyuan`, number: 2, partyCommitment: true })
  const again = await api.as('demo-zhengzhiyuan').call('rules.agree', { villageId: X, versionId: draft.id })
  expect(again).toEqual(r)
})
