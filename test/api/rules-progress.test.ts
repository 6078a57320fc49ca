/**
 * Issue 16: the rules' progress is kept as counters (account/residents.ts) by every write that moves it — agreements,
 * joins approved, memberships ended or erased, households moved to another grid, a new version — and after any mix of
 * them equals a recount of the residents, households and agreements; the rebuild makes them from scratch, idempotently.
 */
import { householdCounts, rebuildResidentCounts, residentTotalsByGrid } from '../../cloud/src/features/account/residents'
import { rulesProgress } from '../../cloud/src/features/rules/policy'
import { findAll } from '../../cloud/src/common/load'
import { ID, apiPerTest } from './harness'
import { eraseConfirmed } from '../../cloud/src/features/account/erase'
import { registerApproved } from '../../cloud/src/features/account/admissions'

const api = apiPerTest()
const X = 'v-xinshan'
const committee = () => api.as(ID.committee)

/** what the counters say, and what a recount of the village's documents says, per grid and per household */
async function keptAndRecount() {
  const { store } = api.ports
  const village = (await store.get('villages', X))!
  const current = village.currentRulesVersion ?? 0
  const [members, households, agreements] = await Promise.all([
    findAll(store, 'memberships', { villageId: X }),
    findAll(store, 'households', { villageId: X }),
    findAll(store, 'ruleAgreements', { versionId: `${X}:v${current}` }),
  ])
  const agreed = new Set(agreements.map((a) => a.personId))
  const residents = members.filter((m) => m.roles.includes('resident'))
  const gridOf = new Map(households.map((h) => [h._id, h.gridId]))
  const zero = () => ({ residents: 0, households: 0, agreedPersons: 0, agreedHouseholds: 0, registered: 0, unrepresented: 0 })
  const byGrid: Record<string, ReturnType<typeof zero>> = {}
  const perHousehold: Record<string, { residents: number; agreed: number; listed: boolean }> = {}
  for (const h of households) perHousehold[h._id] = { residents: 0, agreed: 0, listed: false }
  for (const m of residents) {
    const g = String(gridOf.get(m.householdId ?? '') ?? null)
    byGrid[g] ??= zero()
    byGrid[g].residents++
    if (agreed.has(m.personId)) byGrid[g].agreedPersons++
    const h = perHousehold[m.householdId ?? '']
    if (!h) continue
    h.residents++
    if (agreed.has(m.personId)) h.agreed++
  }
  for (const h of households) {
    const c = perHousehold[h._id]
    c.listed = c.residents > c.agreed
    const g = String(h.gridId)
    // the register's figures: every household on it, and those without a 户代表
    byGrid[g] ??= zero()
    byGrid[g].registered++
    if (!h.repPersonId) byGrid[g].unrepresented++
    if (!c.residents) continue
    byGrid[g].households++
    if (c.agreed) byGrid[g].agreedHouseholds++
  }
  const keptGrids = Object.fromEntries([...(await residentTotalsByGrid(store, X, current))].filter(([, t]) => t.residents > 0 || t.registered > 0).map(([g, t]) => [String(g), t]))
  const keptHouseholds = Object.fromEntries(
    households.map((h) => {
      const c = householdCounts(h, current)
      return [h._id, { ...c, listed: c.residents > 0 && h.rulesDone !== current }]
    }),
  )
  const page = await committee().call('register.households', { villageId: X })
  return {
    kept: { grids: keptGrids, households: keptHouseholds, register: { total: page.total, noRep: page.noRep } },
    recount: { grids: byGrid, households: perHousehold, register: { total: households.length, noRep: households.filter((h) => !h.repPersonId).length } },
    progress: rulesProgress(members, agreed, current, village.kind),
  }
}

async function expectExact() {
  const { kept, recount, progress } = await keptAndRecount()
  expect(kept).toEqual(recount)
  expect((await committee().call('rules.current', { villageId: X })).progress).toEqual(progress)
}

/** the job's step that writes approved members onto the register (their household, the counters) */
const admitApproved = () => registerApproved(api.ports, api.ports.clock.now())
/** approved: a member at once, on the register and its counters when the job has run (`registered` false: not yet) */
async function join(openid: string, name: string, doorplate: string, relation: '户主' | '子女', registered = true) {
  const req = await api.as(openid).call('join.request', { villageId: X, name, doorplate, relation })
  await committee().call('join.decide', { villageId: X, requestId: req._id, decision: 'approve' })
  if (registered) expect(await admitApproved()).toBe(1)
}
const end = (personId: string) => committee().call('register.endMembership', { villageId: X, personId, why: '迁出', reason: '已迁往外地' })
const agree = (openid: string, version = 1) => api.as(openid).call('rules.agree', { villageId: X, versionId: `${X}:v${version}` })

test('after agreements, joins, departures, a household moved, a new version, erasures and 户代表 changes, the counters and the register’s figures equal a recount', async () => {
  const { store } = api.ports
  // the seed counted its own residents: nothing to rebuild
  expect(await rebuildResidentCounts(store, X)).toBe(0)
  await expectExact()

  // the first and the second agreer of a household
  await agree('demo-chenjianguo')
  await agree('demo-chenxiaohong')
  await expectExact()
  // a newcomer's household (new), who agrees; then someone joins a household where someone agreed
  await join(ID.newcomer, '王芳', '新山村东一巷40号', '户主')
  await expectExact()
  await agree(ID.newcomer)
  // 刘晓东's request of the demo: to join 林水生's household, who agreed
  await committee().call('join.decide', { villageId: X, requestId: `${X}:p_liuxiaodong`, decision: 'approve' })
  await admitApproved()
  await expectExact()
  // the household moves to another grid with its counts
  await committee().call('register.moveHousehold', { villageId: X, householdId: `${X}:新山村东一巷40号`, gridId: `${X}:g3` })
  await expectExact()
  // an agreer leaves a household where another agreed; the last agreer of a household leaves; a household's only resident leaves
  await end('p_chenjianguo')
  await end('p_chenxiaohong')
  await end('p_huangdeming')
  await expectExact()
  expect((await committee().call('rules.current', { villageId: X })).progress).toMatchObject({ persons: { agreed: 8, total: 10 }, households: { agreed: 7, total: 7 } })

  // a new version: nobody has agreed to it yet, whatever the counters held for the old one
  const start = await committee().call('rules.startDraft', { villageId: X })
  const chapters = start.chapters.map((c) => ({ title: c.title, clauses: c.clauses.map((k) => ({ id: k.id, text: k.id === 'xs14' ? '彩礼不超过3万元。' : k.text })) }))
  await committee().call('rules.saveDraft', {
    villageId: X,
    versionId: start.id,
    chapters,
    effectiveDate: '2026-12-01',
    adoption: { meeting: '村民代表会议', date: '2026-11-20', totalEligible: 45, attendance: 40, votesFor: 38, votesAgainst: 1, abstain: 1 },
  })
  await committee().call('rules.publish', { villageId: X, versionId: start.id })
  await expectExact()
  expect((await committee().call('rules.current', { villageId: X })).progress).toMatchObject({ versionNumber: 2, persons: { agreed: 0, total: 10 } })
  await agree(ID.resident, 2)
  await agree('demo-linjun', 2)
  await agree(ID.newcomer, 2)
  // someone who agreed to 第1版 only leaves; one who agreed to 第2版 leaves and comes back: their agreement counts again
  await end('p_wulihua')
  await end('p_linjun')
  await expectExact()
  await join('demo-linjun', '林俊', '新山村东一巷12号', '子女')
  await expectExact()
  expect((await committee().call('rules.current', { villageId: X })).progress).toMatchObject({ persons: { agreed: 3, total: 9 }, households: { agreed: 2, total: 6 } })

  // an erased person stops counting
  await api.as('demo-liuxiaodong').call('account.requestDeletion', { reason: '不再使用' })
  await committee().call('account.confirmDeletion', { villageId: X, personId: 'p_liuxiaodong', reason: '已电话核实本人' })
  // the job erases it, a bounded step at a time
  while (await eraseConfirmed(api.ports, api.ports.clock.now()));
  await expectExact()
  // and an erased 户代表 leaves their household without one
  const wangfang = (await store.find('persons', { openid: ID.newcomer }))[0]._id
  expect((await store.get('households', `${X}:新山村东一巷40号`))!.repPersonId).toBe(wangfang)
  await api.as(ID.newcomer).call('account.requestDeletion', { reason: '不再使用' })
  await committee().call('account.confirmDeletion', { villageId: X, personId: wangfang, reason: '已电话核实本人' })
  // the job erases it, a bounded step at a time
  while (await eraseConfirmed(api.ports, api.ports.clock.now()));
  expect((await store.get('households', `${X}:新山村东一巷40号`))!.repPersonId).toBeNull()
  await expectExact()
  // a 户代表 leaves a household of others, who then get one
  await end('p_linshuisheng')
  await expectExact()
  await committee().call('register.setRep', { villageId: X, householdId: `${X}:新山村东一巷12号`, personId: 'p_liguilan' })
  await expectExact()

  // the rebuild from scratch gives the same counts, and a second one has nothing to write
  await store.remove('residentCounts', { villageId: X })
  expect(await rebuildResidentCounts(store, X)).toBeGreaterThan(0)
  await expectExact()
  expect(await rebuildResidentCounts(store, X)).toBe(0)
})

test('the residents who have not agreed agreeing at once (two of one household) are each counted once', async () => {
  await Promise.all(['demo-linjun', 'demo-chenjianguo', 'demo-chenxiaohong', 'demo-huangdeming'].map((openid) => agree(openid)))
  await expectExact()
  expect((await committee().call('rules.current', { villageId: X })).progress).toMatchObject({ persons: { agreed: 11, total: 11 }, households: { agreed: 8, total: 8 } })
})

test('a member approved and not yet on the register: an agreement meanwhile is counted once, with them, by the job; a departure meanwhile takes nothing back; a 户代表 named meanwhile stays the one', async () => {
  const { store } = api.ports
  // 王芳 of a new doorplate agrees before the job has run: counted by the job with her agreement, once however often it runs
  await join(ID.newcomer, '王芳', '新山村东一巷40号', '户主', false)
  const before = (await committee().call('rules.current', { villageId: X })).progress!
  await agree(ID.newcomer)
  expect((await committee().call('rules.current', { villageId: X })).progress).toEqual(before)
  // a rebuild meanwhile (the local server's start) leaves her to the job
  await rebuildResidentCounts(store, X)
  expect((await committee().call('rules.current', { villageId: X })).progress).toEqual(before)
  expect(await admitApproved()).toBe(1)
  expect(await admitApproved()).toBe(0)
  await expectExact()
  expect((await committee().call('rules.current', { villageId: X })).progress).toMatchObject({ persons: { agreed: before.persons.agreed + 1, total: before.persons.total + 1 } })
  const wangfang = (await store.find('persons', { openid: ID.newcomer }))[0]._id
  expect(await store.get('memberships', `${X}:${wangfang}`)).toMatchObject({ roles: ['resident', 'householdRep'], rulesAgreed: 1 })
  // one who leaves before the job: nothing of theirs was counted, nor is their household made
  await join('wx-soon-gone', '赵匆匆', '新山村东一巷41号', '户主', false)
  await end((await store.find('persons', { openid: 'wx-soon-gone' }))[0]._id)
  await expectExact()
  expect(await admitApproved()).toBe(0)
  expect(await store.get('households', `${X}:新山村东一巷41号`)).toBeNull()
  // a 户主 joining 王芳's household, whom the committee names its 户代表 before the job: the job names nobody else
  await join('wx-second-head', '钱二', '新山村东一巷40号', '户主', false)
  const second = (await store.find('persons', { openid: 'wx-second-head' }))[0]._id
  expect(await store.get('memberships', `${X}:${second}`)).toMatchObject({ roles: ['resident'] })
  await committee().call('register.setRep', { villageId: X, householdId: `${X}:新山村东一巷40号`, personId: second })
  expect(await admitApproved()).toBe(1)
  expect(await store.get('households', `${X}:新山村东一巷40号`)).toMatchObject({ repPersonId: second })
  expect(await store.get('memberships', `${X}:${second}`)).toMatchObject({ roles: ['resident', 'householdRep'] })
  expect(await store.get('memberships', `${X}:${wangfang}`)).toMatchObject({ roles: ['resident'] })
  await expectExact()
})
