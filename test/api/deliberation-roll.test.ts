/**
 * The voter roll (选民名册): fixed when a topic opens, and the one list that ballots, turnout,
 * per-grid figures, reminders, the meeting list and the CSV all use.
 */
import { apiPerTest, csvExport, membershipDoc } from './harness'
import { HOUR, openTopic, P, pid, RESIDENTS, topicInput, writeRolls, X } from './deliberation-fixture'
import { registerApproved } from '../../cloud/src/features/account/admissions'

const api = apiPerTest()

/** 王芳 asks to join 新山村 as the head of a new household, the committee approves her, and the job makes her household */
async function newcomerJoins(): Promise<string> {
  const req = await api.as(P.newcomer).call('join.request', { villageId: X, name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' })
  await api.as(P.committee).call('join.decide', { villageId: X, requestId: req._id, decision: 'approve' })
  await registerApproved(api.ports, api.ports.clock.now())
  return pid(P.newcomer)
}

async function refusedCleanly(call: () => Promise<{ code: string; message: string }>, message: RegExp) {
  const before = api.snapshot()
  const err = await call()
  expect(err.code).toBe('FORBIDDEN')
  expect(err.message).toMatch(message)
  expect(api.snapshot()).toEqual(before)
}

test('someone who joins after the topic opened is refused online, by proxy and at the meeting, and counts nowhere', async () => {
  const topicId = await openTopic(api)
  api.advance(HOUR)
  const newcomer = await newcomerJoins()
  const late = /本议题开始后加入，本次不能投票/

  await refusedCleanly(() => api.as(P.newcomer).fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] }), late)
  await refusedCleanly(() => api.as(P.newcomer).fail('proxies.grant', { villageId: X, topicId, proxyPersonId: pid(P.committee) }), late)
  await refusedCleanly(() => api.as(P.committee).fail('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: newcomer, choices: ['yes'] }), late)

  const detail = await api.as(P.resident).call('topics.get', { villageId: X, topicId })
  expect(detail.turnout.eligible).toBe(RESIDENTS)
  const { voters } = await api.as(P.committee).call('ballots.voters', { villageId: X, topicId })
  expect(voters.map((v) => v.personId)).not.toContain(newcomer)

  // a topic opened after she joined has her on its roll
  const next = await openTopic(api, { title: '村口增设垃圾分类投放点' })
  expect(await api.as(P.newcomer).call('ballots.cast', { villageId: X, topicId: next, choices: ['yes'] })).toMatchObject({ personId: newcomer })
})

test('every view counts the same roll: the topic, the meeting list, per grid, the reminders and the CSV', async () => {
  const topicId = await openTopic(api)
  await newcomerJoins() // the register grows after the opening; the roll does not
  const c = api.as(P.committee)
  const detail = await c.call('topics.get', { villageId: X, topicId })
  const { voters } = await c.call('ballots.voters', { villageId: X, topicId })
  const grids = await c.call('topics.turnoutByGrid', { villageId: X, topicId })
  const csv = await csvExport(c, 'topics.exportCsv', { villageId: X, topicId, kind: 'turnout' })
  const reminded = await c.call('topics.remind', { villageId: X, topicId })
  expect(detail.turnout.eligible).toBe(RESIDENTS)
  expect(voters).toHaveLength(RESIDENTS)
  expect(grids.reduce((n, g) => n + g.eligible, 0)).toBe(RESIDENTS)
  expect(csv.rows).toBe(RESIDENTS)
  expect(reminded.reminded).toBe(RESIDENTS)
})

test('the roll is stored in small chunks, and one voter is found by reading one', async () => {
  const topicId = await openTopic(api)
  const t = (await api.ports.store.get('topics', topicId))!
  expect(t.rollChunks).toBe(1)
  const chunks = await api.ports.store.find('topicRolls', { topicId })
  expect(chunks.flatMap((c) => c.entries).map((e) => e.name).sort()).toEqual(
    (await api.as(P.committee).call('ballots.voters', { villageId: X, topicId })).voters.map((v) => v.name).sort(),
  )
})

test('the meeting list comes 50 at a time in the roll’s order: the pages hold every voter once, with their ballot; the figures are the counters; a search finds a name or a doorplate', async () => {
  const { store } = api.ports
  // 240 more residents: a roll of three chunks
  for (let i = 0; i < 240; i++) await store.insert('memberships', membershipDoc(X, `p_many${i}`, `村民${i}`, { householdId: null }))
  const topicId = await openTopic(api)
  expect((await store.get('topics', topicId))!.rollChunks).toBe(3)
  await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
  const c = api.as(P.committee)
  await c.call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: 'p_many7', choices: ['no'] })

  const seen: string[] = []
  let after: string | null = null
  let pages = 0
  do {
    const before = api.dbCalls()
    const page: Awaited<ReturnType<typeof c.call<'ballots.voters'>>> = await c.call('ballots.voters', { villageId: X, topicId, after })
    expect(api.dbCalls() - before).toBeLessThanOrEqual(8)
    expect(page.voters.length).toBeLessThanOrEqual(50)
    expect(page.counts).toEqual({ eligible: RESIDENTS + 240, voted: 2, meeting: 1 })
    seen.push(...page.voters.map((v) => v.personId))
    for (const v of page.voters) expect(v.voted).toBe(v.personId === pid(P.resident) || v.personId === 'p_many7')
    expect(page.voters.find((v) => v.personId === 'p_many7')?.source ?? 'meeting').toBe('meeting')
    after = page.next
    pages++
  } while (after)
  expect(pages).toBeGreaterThanOrEqual(6)
  expect(new Set(seen).size).toBe(seen.length)
  expect(seen.sort()).toEqual((await store.find('topicRolls', { topicId })).flatMap((r) => r.entries.map((e) => e.personId)).sort())

  const byName = await c.call('ballots.voters', { villageId: X, topicId, q: '村民7' })
  expect(byName).toMatchObject({ next: null, voters: [{ personId: 'p_many7', name: '村民7', voted: true, source: 'meeting' }] })
  const byDoorplate = await c.call('ballots.voters', { villageId: X, topicId, q: '新山村东一巷12号' })
  expect(byDoorplate.voters.map((v) => v.name).sort()).toEqual(['林俊', '林水生', '李桂兰'].sort())
  expect((await c.call('ballots.voters', { villageId: X, topicId, q: '没有这个人' })).voters).toEqual([])
})

test('a draft topic has no frozen roll: the committee sees the register as it is now', async () => {
  const draft = await api.as(P.committee).call('topics.save', topicInput(api))
  await newcomerJoins()
  const { voters, counts } = await api.as(P.committee).call('ballots.voters', { villageId: X, topicId: draft.topic._id })
  expect(voters).toHaveLength(RESIDENTS + 1)
  expect(counts).toEqual({ eligible: RESIDENTS + 1, voted: 0, meeting: 0 })
  expect(await api.ports.store.count('topicRolls', { topicId: draft.topic._id })).toBe(0)
})

describe('amending the draft roll, then publishing it', () => {
  test('the committee adds and removes voters with a reason, audited; the opening freezes exactly that roll', async () => {
    const c = api.as(P.committee)
    const draft = await c.call('topics.save', topicInput(api))
    const topicId = draft.topic._id
    const roll = await c.call('topics.roll', { villageId: X, topicId })
    expect(roll).toMatchObject({ frozen: false, changes: [] })
    expect(roll.entries).toHaveLength(RESIDENTS)
    // 张秀英 works at the hall: a member, not a resident, so she is only addable
    expect(roll.addable!.map((a) => a.name)).toContain('张秀英')

    let before = api.snapshot()
    expect(await c.fail('topics.amendRoll', { villageId: X, topicId, key: pid(P.linjun), change: 'remove', reason: '' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await api.as(P.resident).fail('topics.amendRoll', { villageId: X, topicId, key: pid(P.linjun), change: 'remove', reason: '在外地读书' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await c.fail('topics.amendRoll', { villageId: X, topicId, key: 'p_nobody', change: 'add', reason: '补录' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(await c.fail('topics.amendRoll', { villageId: X, topicId, key: pid(P.resident), change: 'add', reason: '补录' })).toMatchObject({ code: 'CONFLICT' })
    expect(api.snapshot()).toEqual(before)

    await c.call('topics.amendRoll', { villageId: X, topicId, key: pid(P.linjun), change: 'remove', reason: '户口已迁出本村' })
    const { changes } = await c.call('topics.amendRoll', { villageId: X, topicId, key: pid(P.hallStaff), change: 'add', reason: '本村户籍，在服务站工作' })
    const amended = await c.call('topics.roll', { villageId: X, topicId })
    expect(amended.entries.map((e) => e.name)).toContain('张秀英')
    expect(amended.entries.map((e) => e.name)).not.toContain('林俊')
    expect(amended.addable!.map((e) => e.name)).toContain('林俊')
    expect(amended.changes).toEqual(changes)
    expect(changes.map((x) => [x.change, x.name, x.reason])).toEqual([
      ['remove', '林俊', '户口已迁出本村'],
      ['add', '张秀英', '本村户籍，在服务站工作'],
    ])
    const logged = (await api.ports.store.find('auditLog', { villageId: X, targetType: 'topic', targetId: topicId })).filter((a) => a.action === 'topics.amendRoll')
    expect(logged.map((a) => a.reason)).toEqual(expect.arrayContaining(['户口已迁出本村', '本村户籍，在服务站工作']))

    await c.call('topics.publish', { villageId: X, topicId })
    await writeRolls(api)
    expect((await c.call('topics.get', { villageId: X, topicId })).turnout.eligible).toBe(RESIDENTS)
    before = api.snapshot()
    expect(await c.fail('topics.amendRoll', { villageId: X, topicId, key: pid(P.linjun), change: 'add', reason: '又回来了' })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('选民名册已固定') })
    expect(await api.as(P.linjun).fail('ballots.cast', { villageId: X, topicId, choices: ['yes'] })).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('不在本议题的选民名册上') })
    expect(api.snapshot()).toEqual(before)
    // 张秀英 is on the roll: the meeting can record her
    expect(await c.call('ballots.recordInPerson', { villageId: X, topicId, voterPersonId: pid(P.hallStaff), choices: ['no'] })).toMatchObject({ source: 'meeting' })
  })

  test('residents see the published roll as names only; the draft roll is the committee’s', async () => {
    const draft = await api.as(P.committee).call('topics.save', topicInput(api))
    expect(await api.as(P.resident).fail('topics.roll', { villageId: X, topicId: draft.topic._id })).toMatchObject({ code: 'NOT_FOUND' })
    const topicId = await openTopic(api, { title: '修缮村文化室' })
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId, choices: ['yes'] })
    const seen = await api.as(P.liguilan).call('topics.roll', { villageId: X, topicId })
    expect(seen).toMatchObject({ frozen: true, changes: null, addable: null })
    expect(seen.entries).toHaveLength(RESIDENTS)
    expect(Object.keys(seen.entries[0]).sort()).toEqual(['doorplate', 'gridName', 'key', 'name'])
    expect(JSON.stringify(seen)).not.toMatch(/yes|赞成|choices/)
  })
})

test('a voter with nobody to delegate to is told where and how to vote without the phone; one with family is not', async () => {
  await newcomerJoins() // 王芳 lives alone at a new doorplate
  const topicId = await openTopic(api)
  const alone = await api.as(P.newcomer).call('topics.get', { villageId: X, topicId })
  expect(alone.me.canVote).toBe(true)
  expect(alone.me.help).toMatch(/没有可以委托代投的家人.*新山村党群服务中心.*现场投票.*致电村委会 0660-/)
  expect((await api.as(P.resident).call('topics.get', { villageId: X, topicId })).me.help).toBeNull()
  // alone, but in a grid that has a worker (黄伟明 holds 第一网格): the worker can vote for her, so no help text on a
  // topic whose roll (which freezes each voter's grid at the opening) has her there; the worker is whom she may ask
  const [wang] = await api.ports.store.find('memberships', { villageId: X, name: '王芳' })
  const [worker] = await api.ports.store.find('memberships', { villageId: X, name: '黄伟明' })
  await api.ports.store.update('households', { _id: wang.householdId! }, { set: { gridId: worker.gridIds[0] } })
  const later = await openTopic(api, { title: '村文化室添置图书' })
  expect((await api.as(P.newcomer).call('topics.get', { villageId: X, topicId: later })).me.help).toBeNull()
  expect(await api.as(P.newcomer).call('proxies.candidates', { villageId: X, topicId: later })).toEqual([{ personId: worker.personId, name: '黄伟明', why: expect.stringContaining('本网格网格员') }])
})
