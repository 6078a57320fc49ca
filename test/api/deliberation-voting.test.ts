import { apiPerTest, csvExport, membershipDoc } from './harness'
import { audits, DAY, HOUR, HOUSEHOLDS, notices, openTopic, P, pid, RESIDENTS, W, X } from './deliberation-fixture'

const api = apiPerTest()

const cast = (openid: string, topicId: string, choices: string[], onBehalfOf?: string) => api.as(openid).call('ballots.cast', { villageId: X, topicId, choices, onBehalfOf })
const castFails = (openid: string, topicId: string, choices: string[], extra: Record<string, unknown> = {}) =>
  api.as(openid).fail('ballots.cast', { villageId: X, topicId, choices, ...extra })
const detail = (openid: string, topicId: string, villageId = X) => api.as(openid).call('topics.get', { villageId, topicId })
const ballotsOf = (topicId: string) => api.ports.store.find('ballots', { topicId })

/** a refused call changes nothing at all */
async function refusedCleanly(call: () => Promise<{ code: string; message: string }>, code: string, message?: string | RegExp) {
  const before = api.snapshot()
  const err = await call()
  expect(err.code).toBe(code)
  if (message) expect(err.message).toMatch(message)
  expect(api.snapshot()).toEqual(before)
}

describe('who may vote, and when', () => {
  test('a resident votes; the turnout and the live tally show it', async () => {
    const t = await openTopic(api)
    const b = await cast(P.resident, t, ['yes'])
    expect(b).toMatchObject({ _id: `${t}:${pid(P.resident)}`, voterKey: pid(P.resident), personId: pid(P.resident), source: 'online', castBy: pid(P.resident), changes: 0, gridId: `${X}:g1` })
    const d = await detail(P.committee, t)
    expect(d.turnout).toEqual({ participants: 1, online: 1, proxy: 0, inPerson: 0, eligible: RESIDENTS, quorumNeeded: 6, quorumMet: false, percent: 9 })
    expect(d.tally!.map((o) => [o.optionId, o.votes])).toEqual([
      ['yes', 1],
      ['no', 0],
      ['abstain', 0],
    ])
    expect(d.result).toBeNull()
    const mine = await detail(P.resident, t)
    expect(mine.me).toMatchObject({ canVote: true, reason: null, ballot: { choices: ['yes'] } })
  })

  test('before it opens: 未开始; after the close: 已截止, even before the job has run', async () => {
    const now = api.ports.clock.now()
    const later = await openTopic(api, { opensAt: now + DAY, closesAt: now + 3 * DAY })
    await refusedCleanly(() => castFails(P.resident, later, ['yes']), 'CONFLICT', /未开始/)
    expect((await detail(P.resident, later)).me).toMatchObject({ canVote: false, reason: expect.stringContaining('未开始') })

    const t = await openTopic(api, { closesAt: now + HOUR })
    api.advance(HOUR)
    const err = await castFails(P.resident, t, ['yes'])
    expect(err).toMatchObject({ code: 'CLOSED', message: '投票已截止' })
    expect(await ballotsOf(t)).toEqual([])
    // the read closed it (once), so the status is what it is
    expect((await api.ports.store.get('topics', t))!.status).toBe('closed')
    await refusedCleanly(() => castFails(P.resident, t, ['no']), 'CLOSED', '投票已截止')
  })

  test('a person who is not a member, a stranger, and a resident of another village are refused', async () => {
    const t = await openTopic(api)
    await refusedCleanly(() => castFails(P.newcomer, t, ['yes']), 'NOT_MEMBER')
    await refusedCleanly(() => castFails('someone-new', t, ['yes']), 'NOT_SIGNED_IN')
    // 孙丽 of 乌坎村: not a member of 新山村; and 新山村's topic is not found in 乌坎村
    await refusedCleanly(() => castFails(P.sunli, t, ['yes']), 'NOT_MEMBER')
    await refusedCleanly(() => api.as(P.sunli).fail('ballots.cast', { villageId: W, topicId: t, choices: ['yes'] }), 'NOT_FOUND')
    // a member of 新山村 who is not a resident (hall staff)
    await refusedCleanly(() => castFails(P.hallStaff, t, ['yes']), 'FORBIDDEN', /服务人员，不参与表决/)
    expect(await ballotsOf(t)).toEqual([])
  })

  test('invalid choices: an unknown option, too many, 弃权 with another; nothing is written', async () => {
    const t = await openTopic(api)
    await refusedCleanly(() => castFails(P.resident, t, ['maybe']), 'BAD_INPUT', /没有这个选项/)
    await refusedCleanly(() => castFails(P.resident, t, ['yes', 'no']), 'BAD_INPUT', '只能选一项')
    await refusedCleanly(() => castFails(P.resident, t, ['yes', 'abstain']), 'BAD_INPUT', '弃权不能与其他选项同时选择')
    await refusedCleanly(() => castFails(P.resident, t, []), 'BAD_INPUT')

    const c = await openTopic(api, { kind: 'choice', options: ['东头', '西头', '中间'], maxChoices: 2 })
    await refusedCleanly(() => castFails(P.resident, c, ['o1', 'o2', 'o3']), 'BAD_INPUT', '最多选2项')
    await refusedCleanly(() => castFails(P.resident, c, ['yes']), 'BAD_INPUT')
    expect(await cast(P.resident, c, ['o1', 'o3'])).toMatchObject({ choices: ['o1', 'o3'] })
  })

  test('a draft cannot be voted on, and residents cannot even see it', async () => {
    const d = await api.as(P.committee).call('topics.save', {
      villageId: X,
      title: '草稿里的议题',
      question: '是否同意草稿里的事项？',
      kind: 'yesno',
      mode: 'person',
      results: 'live',
      opensAt: api.ports.clock.now(),
      closesAt: api.ports.clock.now() + DAY,
    })
    await refusedCleanly(() => castFails(P.resident, d.topic._id, ['yes']), 'NOT_FOUND')
    await refusedCleanly(() => castFails(P.committee, d.topic._id, ['yes']), 'CONFLICT', /尚未发布/)
  })
})

describe('one ballot per voter', () => {
  test('casting again before the close changes the same ballot; exactly one counts', async () => {
    const t = await openTopic(api)
    await cast(P.resident, t, ['yes'])
    api.advance(60_000)
    const changed = await cast(P.resident, t, ['no'])
    expect(changed).toMatchObject({ _id: `${t}:${pid(P.resident)}`, choices: ['no'], changes: 1, castAt: api.ports.clock.now() })
    expect(await ballotsOf(t)).toHaveLength(1)
    const d = await detail(P.committee, t)
    expect(d.turnout.participants).toBe(1)
    expect(d.tally!.find((o) => o.optionId === 'yes')!.votes).toBe(0)
    expect(d.tally!.find((o) => o.optionId === 'no')!.votes).toBe(1)
  })

  test('household mode: the 户代表 casts the household’s one ballot; others in the household are refused', async () => {
    const t = await openTopic(api, { mode: 'household', kind: 'choice', options: ['甲方案', '乙方案', '丙方案'] })
    expect((await detail(P.committee, t)).turnout).toMatchObject({ eligible: HOUSEHOLDS, quorumNeeded: 6 })
    await refusedCleanly(() => castFails(P.liguilan, t, ['o1']), 'FORBIDDEN', '本议题按户表决，由户代表投票')
    await refusedCleanly(() => castFails(P.linjun, t, ['o1']), 'FORBIDDEN', '本议题按户表决，由户代表投票')
    // the family is told who votes for them, and that they have not yet
    expect((await detail(P.liguilan, t)).me).toMatchObject({ canVote: false, reason: '您家还没投票（由户代表林水生投票）' })
    const b = await cast(P.resident, t, ['o2'])
    expect(b).toMatchObject({ voterKey: `${X}:新山村东一巷12号`, personId: pid(P.resident), householdId: `${X}:新山村东一巷12号` })
    await cast(P.resident, t, ['o3'])
    expect(await ballotsOf(t)).toEqual([expect.objectContaining({ choices: ['o3'], changes: 1 })])

    // the family sees that the household has voted, not how; 李桂兰 is told why she cannot vote
    const wife = await detail(P.liguilan, t)
    const day = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: 'numeric', day: 'numeric' }).format(b.castAt).replace(/\//, '月') + '日'
    expect(wife.me).toMatchObject({ canVote: false, reason: `您家的户代表林水生已于${day}投票`, ballot: null })
    const list = await api.as(P.liguilan).call('topics.list', { villageId: X, status: 'open' })
    expect(list.find((s) => s.id === t)).toMatchObject({ voted: true, turnout: { participants: 1, eligible: HOUSEHOLDS } })
  })

  test('at the meeting and on the phone under the same rule: whoever voted on one cannot be counted on the other', async () => {
    const t = await openTopic(api)
    const c = api.as(P.committee)
    // 林水生 voted on the phone: the committee cannot record him at the meeting
    await cast(P.resident, t, ['yes'])
    await refusedCleanly(
      () => c.fail('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.resident), choices: ['no'] }),
      'DUPLICATE',
      /林水生已在手机上投票.*不能再录入现场表决/,
    )
    // 陈建国 voted at the meeting: he cannot vote (or change it) on the phone
    const m = await c.call('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.chenjianguo), choices: ['no'] })
    expect(m).toMatchObject({ source: 'meeting', castBy: pid(P.committee), castByName: '林志强', personId: pid(P.chenjianguo) })
    await refusedCleanly(() => castFails(P.chenjianguo, t, ['yes']), 'DUPLICATE', /已在现场会议上投票.*不能在手机上更改/)
    expect((await detail(P.chenjianguo, t)).me).toMatchObject({ canVote: false, reason: expect.stringContaining('现场') })
    // the committee may correct what it recorded, with a reason
    expect(await c.call('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.chenjianguo), choices: ['abstain'], reason: '登记时点错了' })).toMatchObject({ choices: ['abstain'], changes: 1 })
    // a resident cannot record anything
    await refusedCleanly(() => api.as(P.wulihua).fail('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.wulihua), choices: ['yes'] }), 'FORBIDDEN')
    // someone who is not a member of the village
    await refusedCleanly(() => c.fail('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.sunli), choices: ['yes'] }), 'NOT_FOUND')

    const d = await detail(P.committee, t)
    expect(d.turnout).toMatchObject({ participants: 2, online: 1, inPerson: 1 })
    expect(await audits(api, 'ballots.recordInPerson')).toHaveLength(2)

    const { voters } = await c.call('ballots.voters', { villageId: X, topicId: t })
    expect(voters).toHaveLength(RESIDENTS)
    expect(voters.filter((v) => v.voted).map((v) => [v.name, v.source])).toEqual(
      expect.arrayContaining([
        ['林水生', 'online'],
        ['陈建国', 'meeting'],
      ]),
    )
    expect(voters.filter((v) => v.voted)).toHaveLength(2)
  })

  test('household mode at the meeting: only the representative can be recorded, once per household', async () => {
    const t = await openTopic(api, { mode: 'household' })
    const c = api.as(P.committee)
    await refusedCleanly(
      () => c.fail('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.liguilan), choices: ['yes'] }),
      'FORBIDDEN',
      '本议题按户表决，由户代表投票',
    )
    await c.call('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.resident), choices: ['yes'] })
    await refusedCleanly(() => castFails(P.resident, t, ['no']), 'DUPLICATE', /您家已在现场会议上投票/)
    const { voters } = await c.call('ballots.voters', { villageId: X, topicId: t })
    expect(voters).toHaveLength(HOUSEHOLDS)
    expect(voters.find((v) => v.personId === pid(P.resident))).toMatchObject({ doorplate: '新山村东一巷12号', voted: true, source: 'meeting' })
  })

  test('no recording after the close', async () => {
    const t = await openTopic(api, { closesAt: api.ports.clock.now() + HOUR })
    api.advance(2 * HOUR)
    const err = await api.as(P.committee).fail('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.resident), choices: ['yes'] })
    expect(err).toMatchObject({ code: 'CLOSED', message: expect.stringContaining('已截止') })
  })
})

describe('代投: a resident lets a family member or the grid worker vote for them', () => {
  test('candidates are my household and my grid’s worker; nobody else may be chosen', async () => {
    const t = await openTopic(api)
    const cands = await api.as(P.resident).call('proxies.candidates', { villageId: X, topicId: t })
    expect(cands.map((c) => [c.name, c.why])).toEqual([
      ['黄伟明', '本网格网格员（第一网格（村东））'],
      ['李桂兰', '同户家人（配偶）'],
      ['林俊', '同户家人（子女）'],
    ])
    await refusedCleanly(() => api.as(P.resident).fail('proxies.grant', { villageId: X, topicId: t, proxyPersonId: pid(P.chenjianguo) }), 'FORBIDDEN', /同户家人或本网格的网格员/)
    await refusedCleanly(() => api.as(P.resident).fail('proxies.grant', { villageId: X, topicId: t, proxyPersonId: pid(P.resident) }), 'BAD_INPUT')
  })

  test('the proxy votes for the grantor: logged, the grantor notified; the grantor can still change it, the proxy cannot undo the grantor’s own', async () => {
    const t = await openTopic(api)
    // no grant yet
    await refusedCleanly(() => castFails(P.liguilan, t, ['yes'], { onBehalfOf: pid(P.linjun) }), 'FORBIDDEN', /没有委托您/)
    const grant = await api.as(P.linjun).call('proxies.grant', { villageId: X, topicId: t, proxyPersonId: pid(P.liguilan) })
    expect(grant).toMatchObject({ _id: `${t}:${pid(P.linjun)}`, grantorName: '林俊', proxyName: '李桂兰', revoked: false, usedAt: null })
    // someone else cannot use it
    await refusedCleanly(() => castFails(P.resident, t, ['yes'], { onBehalfOf: pid(P.linjun) }), 'FORBIDDEN')

    expect((await detail(P.liguilan, t)).me.proxiesForMe).toEqual([{ grantorId: pid(P.linjun), grantorName: '林俊', voted: false }])
    const b = await cast(P.liguilan, t, ['no'], pid(P.linjun))
    expect(b).toMatchObject({ _id: `${t}:${pid(P.linjun)}`, personId: pid(P.linjun), source: 'proxy', castBy: pid(P.liguilan), castByName: '李桂兰', choices: ['no'] })
    // her own vote is a separate ballot
    await cast(P.liguilan, t, ['yes'])
    expect(await ballotsOf(t)).toHaveLength(2)
    expect((await detail(P.liguilan, t)).me.proxiesForMe).toEqual([{ grantorId: pid(P.linjun), grantorName: '林俊', voted: true }])
    expect((await api.ports.store.get('proxies', `${t}:${pid(P.linjun)}`))!.usedAt).toBe(api.ports.clock.now())

    const logged = await audits(api, 'ballots.proxy')
    expect(logged).toEqual([expect.objectContaining({ actorId: pid(P.liguilan), actorName: '李桂兰', target: expect.stringContaining('代林俊投票') })])
    const told = await notices(api, P.linjun, '已为您代投')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('李桂兰已代您')
    expect(told[0].body).toContain('反对')
    expect((await detail(P.linjun, t)).me).toMatchObject({ ballot: { source: 'proxy' }, myProxy: { proxyName: '李桂兰' } })

    // the grantor changes it himself; the proxy then cannot overwrite it
    expect(await cast(P.linjun, t, ['yes'])).toMatchObject({ source: 'online', castBy: pid(P.linjun), changes: 1 })
    await refusedCleanly(() => castFails(P.liguilan, t, ['no'], { onBehalfOf: pid(P.linjun) }), 'DUPLICATE', /林俊已经自己投过票/)

    // revoked: no more proxy votes
    expect(await api.as(P.linjun).call('proxies.revoke', { villageId: X, topicId: t })).toEqual({ revoked: 1 })
    await refusedCleanly(() => castFails(P.liguilan, t, ['no'], { onBehalfOf: pid(P.linjun) }), 'FORBIDDEN')
    expect(await api.as(P.linjun).call('proxies.revoke', { villageId: X, topicId: t })).toEqual({ revoked: 0 })
    expect((await detail(P.linjun, t)).me.myProxy).toBeNull()
  })

  test('household mode: the representative’s proxy casts the household’s ballot; a grant by a non-representative is refused', async () => {
    const t = await openTopic(api, { mode: 'household' })
    await refusedCleanly(() => api.as(P.liguilan).fail('proxies.grant', { villageId: X, topicId: t, proxyPersonId: pid(P.linjun) }), 'FORBIDDEN', '本议题按户表决，由户代表投票')
    await api.as(P.resident).call('proxies.grant', { villageId: X, topicId: t, proxyPersonId: pid(P.gridWorker) })
    const b = await cast(P.gridWorker, t, ['yes'], pid(P.resident))
    expect(b).toMatchObject({ voterKey: `${X}:新山村东一巷12号`, personId: pid(P.resident), source: 'proxy', castBy: pid(P.gridWorker) })
    // the grid worker's own household still has its own vote
    await cast(P.gridWorker, t, ['no'])
    const d = await detail(P.committee, t)
    expect(d.turnout).toMatchObject({ participants: 2, online: 2, proxy: 1, inPerson: 0 })
  })
})

describe('sealed results: no action returns counts before the close', () => {
  test('topics.get, topics.list, exports and the voter list show turnout only; counts appear once it closes', async () => {
    const now = api.ports.clock.now()
    const t = await openTopic(api, { results: 'sealed', kind: 'choice', options: ['甲方案', '乙方案', '丙方案'], maxChoices: 2, closesAt: now + DAY })
    await cast(P.resident, t, ['o1', 'o2'])
    await cast(P.wulihua, t, ['o2'])
    await cast(P.chenjianguo, t, ['o2', 'o3'])
    await api.as(P.committee).call('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.huangdeming), choices: ['o3'] })

    /** everything a client could read about the topic, as the committee and as a resident */
    const everything = async () => {
      const out: unknown[] = []
      for (const who of [P.committee, P.resident, P.liguilan]) {
        const as = api.as(who)
        out.push(await as.call('topics.get', { villageId: X, topicId: t }))
        // the other topics in the list are the seed's, some closed with their results: only this one's entry matters
        out.push((await as.call('topics.list', { villageId: X })).filter((s) => s.id === t))
        out.push((await as.call('topics.list', { villageId: X, status: 'open' })).filter((s) => s.id === t))
        out.push(await as.call('comments.list', { villageId: X, topicId: t }))
      }
      const c = api.as(P.committee)
      out.push(await c.call('ballots.voters', { villageId: X, topicId: t }))
      out.push(await c.call('topics.turnoutByGrid', { villageId: X, topicId: t }))
      out.push(await csvExport(c, 'topics.exportCsv', { villageId: X, topicId: t, kind: 'turnout' }))
      return out
    }
    const seen = await everything()
    const text = JSON.stringify(seen)
    expect(text).not.toMatch(/"votes"/)
    expect(text).not.toMatch(/"carries"/)
    expect(text).not.toMatch(/"carried"/)
    for (const label of ['甲方案', '乙方案', '丙方案']) {
      // option labels appear only in the topic document itself, never next to a number
      expect(text).not.toMatch(new RegExp(`${label}[^"]*",\\s*"votes`))
    }
    const d = seen[0] as Awaited<ReturnType<typeof detail>>
    expect(d.tally).toBeNull()
    expect(d.result).toBeNull()
    // the quorum meter is allowed: participants, not what they chose
    expect(d.turnout).toMatchObject({ participants: 4, online: 3, inPerson: 1, eligible: RESIDENTS })
    // nobody sees another's choices (the one ballot a resident sees is their own)
    const mine = (seen[4] as Awaited<ReturnType<typeof detail>>).me.ballot
    expect(mine).toMatchObject({ personId: pid(P.resident) })
    expect(text.match(/"choices"/g)).toHaveLength(1) // 林水生's own ballot, shown to him only
    expect((seen as Array<{ length?: number }>)[1].length).toBe(1)
    const refused = await api.as(P.committee).fail('topics.exportCsv', { villageId: X, topicId: t, kind: 'tally' })
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining('截止后') })

    // the moment it closes, the counts are everyone's
    api.advance(DAY)
    const after = await detail(P.liguilan, t)
    expect(after.topic.status).toBe('closed')
    expect(after.tally!.map((o) => [o.optionId, o.votes])).toEqual([
      ['o1', 1],
      ['o2', 3],
      ['o3', 2],
    ])
    expect(after.result).toMatchObject({ valid: false, verdict: '未达法定人数' })
    const csv = await api.as(P.committee).call('topics.exportCsv', { villageId: X, topicId: t, kind: 'tally' })
    expect(csv.content).toContain('乙方案,3,75,超过半数')
  })

  test('the seeded sealed household topic: counts stay on the server', async () => {
    const list = await api.as(P.resident).call('topics.list', { villageId: X })
    const pond = list.find((s) => s.title.includes('鱼塘'))!
    expect(pond.result).toBeNull()
    expect(pond.turnout).toMatchObject({ participants: 4, proxy: 1, eligible: HOUSEHOLDS })
    const d = await detail(P.resident, pond.id)
    expect(d.topic.results).toBe('sealed')
    expect(d.tally).toBeNull()
  })
})

describe('the result', () => {
  test('household mode, exactly two thirds is a quorum; in-person ballots count; the verdict is 有效 and says how many came from each', async () => {
    const now = api.ports.clock.now()
    // 9 households: one more household with a representative
    await api.ports.store.insert('households', { _id: `${X}:新山村东一巷50号`, villageId: X, gridId: `${X}:g1`, doorplate: '新山村东一巷50号', headName: '黄伟明', repPersonId: null })
    const t = await openTopic(api, { mode: 'household', closesAt: now + DAY })
    expect((await detail(P.committee, t)).turnout).toMatchObject({ eligible: HOUSEHOLDS, quorumNeeded: 6 })
    const reps = [P.committee, P.committee2, P.resident, P.chenjianguo, P.huangdeming]
    for (const r of reps) await cast(r, t, r === P.chenjianguo ? ['no'] : ['yes'])
    await api.as(P.committee).call('ballots.recordInPerson', { villageId: X, topicId: t, voterPersonId: pid(P.wulihua), choices: ['abstain'] })
    api.advance(DAY)
    const d = await detail(P.resident, t)
    expect(d.turnout).toMatchObject({ participants: 6, online: 5, inPerson: 1, eligible: 8, quorumNeeded: 6, quorumMet: true })
    expect(d.result).toEqual({ valid: true, verdict: '有效', carried: ['yes'], summary: '有效。赞成 4 票，超过参加表决 6 户的半数，通过。' })
  })

  test('person mode, exactly half is not a quorum: 未达法定人数', async () => {
    // 12 residents: one more, so that half is a whole number
    await api.ports.store.insert('memberships', membershipDoc(X, 'p_extra', '黄小明', { joinedAt: 0 }))
    const now = api.ports.clock.now()
    const t = await openTopic(api, { closesAt: now + DAY })
    const six = [P.committee, P.committee2, P.resident, P.liguilan, P.linjun, P.chenjianguo]
    for (const r of six) await cast(r, t, ['yes'])
    api.advance(DAY)
    const d = await detail(P.resident, t)
    expect(d.turnout).toMatchObject({ participants: 6, eligible: 12, quorumNeeded: 7, quorumMet: false })
    expect(d.result).toMatchObject({ valid: false, verdict: '未达法定人数', carried: [] })
    expect(d.tally!.find((o) => o.optionId === 'yes')!.carries).toBe(true)
  })
})
