import { ID, apiPerTest, killedAfter, makeApi } from './harness'
import { noticeNewJoinRequests } from '../../cloud/src/features/account/jobs'
import { villageFigures } from '../../cloud/src/features/account/residents'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { registerApproved } from '../../cloud/src/features/account/admissions'

const api = apiPerTest()

const joinInput = { villageId: 'v-xinshan', name: '王芳', doorplate: '新山村东一巷40号', relation: '户主' as const }

describe('joining a village', () => {
  test('a newcomer asks, the committee approves, the newcomer becomes a resident and household representative', async () => {
    const newcomer = api.as(ID.newcomer)
    expect((await newcomer.call('account.me', {})).memberships).toHaveLength(0)

    const req = await newcomer.call('join.request', { ...joinInput, via: 'scan' })
    expect(req).toMatchObject({ status: 'pending', via: 'scan', villageId: 'v-xinshan' })
    // the committee is told by the job (its next run: a minute here, five in the cloud), of every new request at once
    expect(api.ports.notifier.sent).toEqual([])
    await noticeNewJoinRequests(api.ports, api.ports.clock.now())

    const committee = api.as(ID.committee)
    const queue = await committee.call('join.queue', { villageId: 'v-xinshan' })
    expect(queue.map((r) => r.name)).toEqual(['刘晓东', '王芳'])
    expect(queue.find((r) => r.name === '刘晓东')!.householdMatch).toContain('林水生')

    const decided = await committee.call('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'approve' })
    expect(decided.status).toBe('approved')
    expect(decided.decisions).toEqual([expect.objectContaining({ status: 'approved', byName: '林志强' })])

    // a resident at once; the job makes her household, of which she is the 户主, with her its 户代表
    expect((await newcomer.call('account.me', {})).memberships).toEqual([expect.objectContaining({ villageId: 'v-xinshan', roles: ['resident'], relation: '户主' })])
    expect(await api.ports.store.get('households', 'v-xinshan:新山村东一巷40号')).toBeNull()
    expect(await registerApproved(api.ports, api.ports.clock.now())).toBe(1)
    const me = await newcomer.call('account.me', {})
    expect(me.memberships).toHaveLength(1)
    expect(me.memberships[0]).toMatchObject({ villageId: 'v-xinshan', roles: ['resident', 'householdRep'], relation: '户主' })
    expect(me.memberships[0].village).toMatchObject({ name: '新山村', place: '汕尾市 · 海丰县 · 联安镇' })
    // the stored membership carries its village's fixed facts (a step needing its words, town or a grid's name reads no village or grid)
    expect((await api.ports.store.get('memberships', me.memberships[0]._id))!.village).toEqual({
      name: '新山村',
      kind: 'village',
      townId: expect.any(String),
      grids: [
        { _id: 'v-xinshan:g1', name: '第一网格（村东）' },
        { _id: 'v-xinshan:g2', name: '第二网格（村西）' },
        { _id: 'v-xinshan:g3', name: '第三网格（新村）' },
      ],
    })
    expect(me.requests[0].status).toBe('approved')
    expect(me.unread).toBe(1)

    const household = await api.ports.store.get('households', me.memberships[0].householdId!)
    expect(household).toMatchObject({ villageId: 'v-xinshan', doorplate: '新山村东一巷40号', repPersonId: me.person!._id })
    const audit = await api.ports.store.find('auditLog', { villageId: 'v-xinshan' })
    expect(audit).toEqual([expect.objectContaining({ action: 'join.approve', actorName: '林志强', target: '王芳（新山村东一巷40号）' })])
    // the committee was told of the new request; the newcomer sees the outcome at once (unread above), pushed by the job
    expect(api.ports.notifier.sent.map((n) => n.title)).toEqual(['新的入村申请', '新的入村申请'])
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(api.ports.notifier.sent.map((n) => n.title)).toEqual(['新的入村申请', '新的入村申请', '入村申请已通过'])
  })

  test('joining an existing household as a family member does not make a second representative', async () => {
    const pending = await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan' })
    await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: pending[0]._id, decision: 'approve' })
    await registerApproved(api.ports, api.ports.clock.now())
    const m = await api.ports.store.get('memberships', 'v-xinshan:p_liuxiaodong')
    expect(m).toMatchObject({ roles: ['resident'], householdId: 'v-xinshan:新山村东一巷12号' })
    expect((await api.ports.store.get('households', 'v-xinshan:新山村东一巷12号'))!.repPersonId).toBe('p_linshuisheng')
  })

  test('a rejection needs a reason; the person sees it and may ask again, keeping the history', async () => {
    const req = await api.as(ID.newcomer).call('join.request', joinInput)
    const committee = api.as(ID.committee)
    const before = api.snapshot()
    const err = await committee.fail('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'reject' })
    expect(err).toMatchObject({ code: 'BAD_INPUT', message: '驳回时请写明理由', fields: { reason: '驳回时请写明理由' } })
    expect(api.snapshot()).toEqual(before)

    await committee.call('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'reject', reason: '门牌号有误，请核对' })
    const me = await api.as(ID.newcomer).call('account.me', {})
    expect(me.memberships).toHaveLength(0)
    expect(me.requests[0]).toMatchObject({ status: 'rejected', decisions: [expect.objectContaining({ reason: '门牌号有误，请核对' })] })

    api.advance(60_000)
    const again = await api.as(ID.newcomer).call('join.request', { ...joinInput, doorplate: '新山村东一巷41号' })
    expect(again).toMatchObject({ status: 'pending', doorplate: '新山村东一巷41号', decisions: [expect.objectContaining({ status: 'rejected' })] })
    const approved = await committee.call('join.decide', { villageId: 'v-xinshan', requestId: again._id, decision: 'approve' })
    expect(approved.decisions.map((d) => d.status)).toEqual(['rejected', 'approved'])
  })

  test('asking twice while pending, or when already a member, is refused and changes nothing', async () => {
    await api.as(ID.newcomer).call('join.request', joinInput)
    const before = api.snapshot()
    expect(await api.as(ID.newcomer).fail('join.request', joinInput)).toMatchObject({ code: 'DUPLICATE', message: expect.stringContaining('审核中') })
    expect(await api.as(ID.resident).fail('join.request', { ...joinInput, name: '林水生' })).toMatchObject({ code: 'DUPLICATE', message: '您已是新山村的成员' })
    expect(api.snapshot()).toEqual(before)
  })

  test('a request that fails the content check is refused before anything is stored', async () => {
    const before = api.snapshot()
    expect(await api.as(ID.newcomer).fail('join.request', { ...joinInput, doorplate: '六合彩大楼1号' })).toMatchObject({ code: 'CONTENT_REJECTED' })
    expect(api.snapshot()).toEqual(before)
  })

  test('deciding twice is a conflict', async () => {
    const [req] = await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan' })
    await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'approve' })
    expect(await api.as(ID.committee2).fail('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'reject', reason: '重复' })).toMatchObject({
      code: 'CONFLICT',
    })
  })

  test('the job tells the committee of a burst of requests in one notice and one push each, once however often it runs', async () => {
    const { ports } = api
    const ask = (k: number) => (api.advance(1000), api.as(`burst-${k}`).call('join.request', { villageId: 'v-xinshan', name: `新人${k}`, doorplate: `新山村西二巷${k}号`, relation: '户主' }))
    const [first, withdrawn] = [await ask(1), await ask(2)]
    await ask(3)
    // decided before the run: not news any more
    await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: withdrawn._id, decision: 'reject', reason: '重复申请' })
    await ask(4)
    // a run cut off after writing its notice, before clearing the marks (the store dies at its first update): run again
    await expect(noticeNewJoinRequests(killedAfter(api, 0, ['update']), ports.clock.now())).rejects.toThrow('killed')
    expect(await noticeNewJoinRequests(ports, ports.clock.now())).toBe(3)
    expect(await noticeNewJoinRequests(ports, ports.clock.now())).toBe(0)
    const told = (await api.as(ID.committee).call('notifications.list', {})).filter((n) => n.title === '新的入村申请')
    expect(told.map((n) => n.body)).toEqual(['新人1（新山村西二巷1号）、新人3（新山村西二巷3号）等3人申请加入新山村'])
    expect(ports.notifier.sent.filter((n) => n.title === '新的入村申请').map((n) => n.personId).sort()).toEqual(['p_chenmeiling', 'p_linzhiqiang'])
    expect((await ports.store.get('joinRequests', first._id))?.noticeDue).toBeUndefined()
    // 待办 counted each at once, without the job
    expect((await api.as(ID.committee).call('account.todo', { villageId: 'v-xinshan' })).items.find((i) => i.key === 'joinRequests')?.count).toBe(4)
  })

  test('a QR scene finds its village; a bad one gets a clear error', async () => {
    expect(await api.as(ID.newcomer).call('village.byScene', { scene: 'v=xinshan' })).toMatchObject({ id: 'v-xinshan', name: '新山村' })
    expect(await api.as(ID.newcomer).fail('village.byScene', { scene: 'v=nowhere' })).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('二维码') })
  })
})

describe('roles and villages', () => {
  test('a resident cannot see or decide the queue', async () => {
    expect(await api.as(ID.resident).fail('join.queue', { villageId: 'v-xinshan' })).toMatchObject({ code: 'FORBIDDEN', message: '无权限' })
    expect(
      await api.as(ID.resident).fail('join.decide', { villageId: 'v-xinshan', requestId: 'v-xinshan:p_liuxiaodong', decision: 'approve' }),
    ).toMatchObject({ code: 'FORBIDDEN' })
  })

  test("乌坎村's committee has no power in 新山村, even naming its own village", async () => {
    const wukan = api.as(ID.wukanCommittee)
    expect(await wukan.fail('join.queue', { villageId: 'v-xinshan' })).toMatchObject({ code: 'NOT_MEMBER' })
    const before = api.snapshot()
    expect(await wukan.fail('join.decide', { villageId: 'v-wukan', requestId: 'v-xinshan:p_liuxiaodong', decision: 'approve' })).toMatchObject({
      code: 'NOT_FOUND',
    })
    expect(api.snapshot()).toEqual(before)
  })

  test('the overview shows pending requests to the committee only', async () => {
    expect((await api.as(ID.committee).call('village.overview', { villageId: 'v-xinshan' })).pendingRequests).toBe(1)
    const resident = await api.as(ID.resident).call('village.overview', { villageId: 'v-xinshan' })
    expect(resident.pendingRequests).toBeNull()
    expect(resident.counts).toMatchObject({ grids: 3, households: 8 })
  })

  test('本村概况 is a counter kept with every membership begun or ended, equal to a recount; a village without one is counted', async () => {
    const X = 'v-xinshan'
    const { store } = api.ports
    const shown = async () => (await api.as(ID.committee).call('village.overview', { villageId: X })).counts
    const recount = async () => ({
      members: await store.count('memberships', { villageId: X }),
      households: await store.count('households', { villageId: X }),
      grids: await store.count('grids', { villageId: X }),
      partyMembers: await store.count('memberships', { villageId: X, partyMember: true }),
    })
    const first = await shown()
    expect(first).toEqual(await recount())
    expect(await villageFigures(store, X)).toMatchObject({ members: first.members })
    // a newcomer at a new doorplate: one member and one household more
    const req = await api.as(ID.newcomer).call('join.request', joinInput)
    await api.as(ID.committee).call('join.decide', { villageId: X, requestId: req._id, decision: 'approve' })
    // counted when the job writes her onto the register (her household with her)
    expect(await shown()).toEqual(first)
    await registerApproved(api.ports, api.ports.clock.now())
    expect(await shown()).toEqual({ ...first, members: first.members + 1, households: first.households + 1 })
    // a party member leaves: the household stays on the register
    await api.as(ID.committee).call('register.endMembership', { villageId: X, personId: 'p_linshuisheng', why: '迁出', reason: '全家迁往深圳，户口已迁出' })
    expect(await shown()).toEqual({ ...first, households: first.households + 1, partyMembers: first.partyMembers - 1 })
    expect(await shown()).toEqual(await recount())
    // a folder from before the counters held them: counted on read, the same figures
    await store.update('residentCounts', { villageId: X }, { set: { members: undefined } })
    expect(await villageFigures(store, X)).toBeNull()
    expect(await shown()).toEqual(await recount())
  })

  test('unread notices are counted up to 100: a committee member away for weeks costs account.me what 100 do', async () => {
    const me = api.as(ID.committee)
    const personId = (await me.call('account.me', {})).person!._id
    const before = (await me.call('account.me', {})).unread
    expect(before).toBeLessThan(100)
    const many = Array.from({ length: 250 }, (_, i) => ({ _id: `n-many-${i}`, villageId: 'v-xinshan', personId, title: '新的入村申请', body: `第${i + 1}条`, page: null, read: false, createdAt: i }))
    api.seedDocuments('notifications', many)
    expect((await me.call('account.me', {})).unread).toBe(100)
    expect(await api.ports.store.count('notifications', { personId, read: false })).toBe(250 + before)
  })

  test('a person may belong to two villages', async () => {
    const me = await api.as('demo-linjun').call('account.me', {})
    expect(me.memberships.map((m) => m.village.name).sort()).toEqual(['新山村', '河南社区'].sort())
  })

  test("首页 opens with one call: account.me and the figures of the village the app last acted in, while I belong to it", async () => {
    const linjun = api.as('demo-linjun')
    const me = await linjun.call('account.me', {})
    const [first, second] = me.memberships.map((m) => m.villageId)
    const figures = async (villageId: string) => (await linjun.call('village.overview', { villageId })).counts
    // the village asked for
    expect(await linjun.call('home.open', { villageId: second })).toEqual({ me, villageId: second, counts: await figures(second) })
    // none, or one I do not (or no longer) belong to: my first, as the app then picks
    for (const villageId of [undefined, 'v-wukan']) {
      expect(await linjun.call('home.open', { villageId })).toEqual({ me, villageId: first, counts: await figures(first) })
    }
    // before joining anywhere: who I am, no figures
    const newcomer = await api.as(ID.pendingPerson).call('home.open', { villageId: 'v-xinshan' })
    expect(newcomer).toEqual({ me: await api.as(ID.pendingPerson).call('account.me', {}), villageId: null, counts: null })
    expect(newcomer.me.requests.map((r) => r.status)).toEqual(['pending'])
  })
})

describe('the router', () => {
  test('unknown action, malformed input and no identity get typed Chinese errors and write nothing', async () => {
    const before = api.snapshot()
    expect(await api.as(ID.committee).fail('topics.delete', {})).toEqual({ code: 'UNKNOWN_ACTION', message: '不支持的操作' })
    expect(await api.as(ID.committee).fail('__proto__', {})).toMatchObject({ code: 'UNKNOWN_ACTION' })
    const bad = await api.as(ID.newcomer).fail('join.request', { villageId: 'v-xinshan', name: 'A', relation: '邻居' })
    expect(bad.code).toBe('BAD_INPUT')
    expect(bad.fields).toMatchObject({ name: expect.stringMatching(/姓名/), doorplate: expect.any(String), relation: '请选择与户主的关系' })
    expect(await api.as(ID.newcomer).fail('join.request', 'not an object')).toMatchObject({ code: 'BAD_INPUT' })
    expect(await api.as(null).fail('account.me', {})).toMatchObject({ code: 'NOT_SIGNED_IN', message: '请先登录' })
    expect(api.snapshot()).toEqual(before)
  })

  test('the demo identities exist only in the local runtime', async () => {
    expect(await api.as(ID.newcomer).fail('dev.identities', {})).toMatchObject({ code: 'UNKNOWN_ACTION' })
    const local = await makeApi({ localOnly: true })
    try {
      const ids = await local.as('anyone').call('dev.identities', {})
      expect(ids.length).toBeGreaterThan(15)
      expect(ids.find((p) => p.name === '蔡国华')!.roles).toEqual(['townOfficer'])
    } finally {
      local.close()
    }
  })

  test('an unexpected failure is INTERNAL with no stack trace', async () => {
    jest.spyOn(api.ports.store, 'find').mockRejectedValueOnce(new Error('disk on fire'))
    const err = await api.as(ID.committee).fail('geo.tree', {})
    expect(err).toEqual({ code: 'INTERNAL', message: '系统繁忙，请稍后再试' })
    expect(JSON.stringify(err)).not.toMatch(/disk on fire|at .*\.ts/)
    expect(api.internalErrors).toHaveLength(1)
    api.internalErrors.length = 0 // expected here; every other test must see none
  })
})

describe('concurrency', () => {
  test('twenty committee members deciding one request at once: exactly one decision counts', async () => {
    const [req] = await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan' })
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api.router('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: i % 2 ? 'approve' : 'reject', reason: '并发测试' }, { openid: i % 3 ? ID.committee : ID.committee2 }),
      ),
    )
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error.code === 'CONFLICT')).toBe(true)
    const final = await api.ports.store.get('joinRequests', req._id)
    expect(final!.decisions).toHaveLength(1)
    expect(await api.ports.store.count('auditLog', { villageId: 'v-xinshan' })).toBe(1)
  })

  test('forty newcomers asking and being approved at the same time all become members, once each', async () => {
    const people = Array.from({ length: 40 }, (_, i) => `wx-newcomer-${i}`)
    const asked = await Promise.all(
      people.map((openid, i) => api.as(openid).call('join.request', { villageId: 'v-xinshan', name: `新人${i}号`, doorplate: `新山村南街${i % 10}号`, relation: i < 10 ? '户主' : '子女' })),
    )
    await Promise.all(asked.map((r) => api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: r._id, decision: 'approve' })))
    expect(await api.ports.store.count('memberships', { villageId: 'v-xinshan' })).toBe(13 + 40)
    // the job writes them onto the register, each once: a run cut off after fifteen of them, the next run, one with nothing left
    await expect(registerApproved(killedAfter(api, 15, ['transaction']), api.ports.clock.now())).rejects.toThrow('killed')
    expect(await registerApproved(api.ports, api.ports.clock.now())).toBe(25)
    expect(await registerApproved(api.ports, api.ports.clock.now())).toBe(0)
    // ten doorplates: ten new households, each with exactly one representative
    const households = await api.ports.store.find('households', { villageId: 'v-xinshan' })
    const fresh = households.filter((h) => h.doorplate.startsWith('新山村南街'))
    expect(fresh).toHaveLength(10)
    const reps = (await api.ports.store.find('memberships', { villageId: 'v-xinshan' })).filter((m) => m.name.startsWith('新人') && m.roles.includes('householdRep'))
    expect(reps.length).toBe(10)
    expect(new Set(reps.map((m) => m.householdId)).size).toBe(10)
    // 本村概况 counts each once
    expect(await villageFigures(api.ports.store, 'v-xinshan')).toMatchObject({ members: 13 + 40, households: households.length })
  })
})

test('every refusal of bad input reads in Chinese, field by field', async () => {
  const err = await api.as(ID.newcomer).fail('join.request', { villageId: 42, name: ['x'], doorplate: 'x'.repeat(61), relation: '户主' })
  expect(err.code).toBe('BAD_INPUT')
  expect(err.fields).toEqual({ villageId: '格式不对', name: '格式不对', doorplate: '门牌号不超过60个字' })
  expect(err.message).toBe('格式不对')
  const missing = await api.as(ID.committee).fail('join.queue', {})
  expect(missing.fields).toEqual({ villageId: '此项必填' })
  for (const e of [err, missing]) expect(JSON.stringify(e)).not.toMatch(/[A-Za-z]{4,} [a-z]+/)
})

describe('ids that reveal nothing', () => {
  test('a new person gets a random id, one per openid even when the first calls race; no response carries an openid', async () => {
    const openid = 'oWx1234567890abcdefWECHAT'
    const first = await Promise.all(
      ['新山村东一巷50号', '新山村东一巷50号', '新山村东一巷50号'].map((doorplate) =>
        api.router('join.request', { villageId: 'v-xinshan', name: '赵小燕', doorplate, relation: '户主' }, { openid }),
      ),
    )
    expect(first.filter((r) => r.ok)).toHaveLength(1)
    const persons = await api.ports.store.find('persons', { openid })
    expect(persons).toHaveLength(1)
    expect(persons[0]._id).toMatch(/^p_[0-9a-z]{6}[A-Za-z0-9_-]{12}$/)
    expect(persons[0]._id).not.toContain(openid)

    const req = (await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan' })).find((r) => r.name === '赵小燕')!
    await api.as(ID.committee).call('join.decide', { villageId: 'v-xinshan', requestId: req._id, decision: 'approve' })
    const seen = [
      await api.router('account.me', {}, { openid }),
      await api.as(ID.committee).call('join.queue', { villageId: 'v-xinshan', status: 'approved' }),
      await api.as(ID.committee).call('village.members', { villageId: 'v-xinshan' }),
      await api.as(ID.committee).call('account.me', {}),
    ]
    for (const r of seen) expect(JSON.stringify(r)).not.toContain(openid)
    expect(JSON.stringify(seen[3])).not.toContain('demo-linzhiqiang')
  })
})

describe('the village register', () => {
  const X = 'v-xinshan'
  const LSS = 'p_linshuisheng'
  const HOME = `${X}:新山村东一巷12号` // 林水生 (户主, 户代表), 李桂兰, 林俊

  test('the committee names the one 户代表 and the 户主, moves a household to a grid; every change audited', async () => {
    const c = api.as(ID.committee)
    const { households, grids } = await c.call('register.households', { villageId: X })
    expect(households.find((h) => h.id === HOME)).toMatchObject({ headName: '林水生', rep: { name: '林水生' }, canVote: true })
    expect(households.find((h) => h.id === HOME)!.members.map((m) => m.name).sort()).toEqual(['李桂兰', '林俊', '林水生'].sort())

    const before = api.snapshot()
    expect(await c.fail('register.setRep', { villageId: X, householdId: HOME, personId: 'p_chenjianguo' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await api.as(ID.resident).fail('register.setRep', { villageId: X, householdId: HOME, personId: 'p_linjun' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await c.fail('register.setRep', { villageId: 'v-wukan', householdId: HOME, personId: 'p_linjun' })).toMatchObject({ code: 'NOT_MEMBER' })
    expect(api.snapshot()).toEqual(before)

    const after = await c.call('register.setRep', { villageId: X, householdId: HOME, personId: 'p_linjun' })
    expect(after.rep).toEqual({ personId: 'p_linjun', name: '林俊' })
    // exactly one representative: the role moved
    expect((await api.ports.store.get('memberships', `${X}:${LSS}`))!.roles).not.toContain('householdRep')
    expect((await api.ports.store.get('memberships', `${X}:p_linjun`))!.roles).toContain('householdRep')

    expect(await c.call('register.setHead', { villageId: X, householdId: HOME, personId: 'p_liguilan' })).toMatchObject({ headName: '李桂兰' })
    expect((await api.ports.store.get('memberships', `${X}:${LSS}`))!.relation).toBe('其他亲属')

    const other = grids.find((g) => g.id !== households.find((h) => h.id === HOME)!.gridId)!
    expect(await c.call('register.moveHousehold', { villageId: X, householdId: HOME, gridId: other.id })).toMatchObject({ gridId: other.id, gridName: other.name })
    const logged = await api.ports.store.find('auditLog', { villageId: X, targetType: 'household', targetId: HOME })
    expect(logged.map((a) => a.action).sort()).toEqual(['register.moveHousehold', 'register.setHead', 'register.setRep'])
  })

  test('ending a membership needs a reason; a leaving representative leaves the household without one until the next is named', async () => {
    const c = api.as(ID.committee)
    const before = api.snapshot()
    expect(await c.fail('register.endMembership', { villageId: X, personId: LSS, why: '迁出', reason: '' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await c.fail('register.endMembership', { villageId: X, personId: 'p_linzhiqiang', why: '迁出', reason: '测试' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(api.snapshot()).toEqual(before)

    await c.call('register.endMembership', { villageId: X, personId: LSS, why: '迁出', reason: '全家迁往深圳，户口已迁出' })
    expect(await api.ports.store.get('memberships', `${X}:${LSS}`)).toBeNull()
    const { households } = await c.call('register.households', { villageId: X })
    expect(households.find((h) => h.id === HOME)).toMatchObject({ rep: null, canVote: false })
    expect(await api.as(ID.resident).fail('rules.status', { villageId: X })).toMatchObject({ code: 'NOT_MEMBER' })
    const [logged] = await api.ports.store.find('auditLog', { villageId: X, targetType: 'membership' })
    expect(logged).toMatchObject({ action: 'register.endMembership', reason: '迁出：全家迁往深圳，户口已迁出' })
  })

  test('approving a non-head at an unknown doorplate is flagged before the committee decides', async () => {
    await api.as(ID.newcomer).call('join.request', { villageId: X, name: '王芳', doorplate: '新山村北街7号', relation: '子女' })
    const [r] = (await api.as(ID.committee).call('join.queue', { villageId: X })).filter((x) => x.name === '王芳')
    expect(r.noHeadWarning).toMatch(/没有户主和户代表/)
    expect((await api.as(ID.committee).call('join.queue', { villageId: X })).find((x) => x.name === '刘晓东')!.noHeadWarning).toBeNull()
  })
})
