import { runJobs } from '../../cloud/src/jobs'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { pageUrl } from '../../src/routes'
import { apiPerTest, csvExport } from './harness'
import { audits, DAY, HOUR, HOUSEHOLDS, notices, openTopic, P, pid, RESIDENTS, tellRemindersNow, topicInput, W, X, writeRolls, type TopicInput } from './deliberation-fixture'

const api = apiPerTest()

const committee = () => api.as(P.committee)
const detail = (openid: string, topicId: string) => api.as(openid).call('topics.get', { villageId: X, topicId })
const stored = async (topicId: string) => (await api.ports.store.get('topics', topicId))!

describe('the life of a topic: draft -> open -> closed -> decided -> done', () => {
  test('each step in order, audited; every step out of order is refused with a reason', async () => {
    const c = committee()
    const now = api.ports.clock.now()
    const draft = await c.call('topics.save', topicInput(api, { closesAt: now + DAY }))
    const id = draft.topic._id
    expect(draft.topic).toMatchObject({ status: 'draft', eligibleCount: 0, options: [{ id: 'yes' }, { id: 'no' }, { id: 'abstain', abstain: true }], maxChoices: 1 })
    expect(draft.problems).toEqual([])
    // residents do not see a draft
    expect(await api.as(P.resident).fail('topics.get', { villageId: X, topicId: id })).toMatchObject({ code: 'NOT_FOUND' })
    expect((await api.as(P.resident).call('topics.list', { villageId: X })).map((s) => s.id)).not.toContain(id)
    // nothing but publishing (or discarding) a draft
    expect(await c.fail('topics.decide', { villageId: X, topicId: id, decision: '同意种树' })).toMatchObject({ code: 'CONFLICT', message: '议题还没有发布，不能公布决议' })
    expect(await c.fail('topics.addUpdate', { villageId: X, topicId: id, text: '已经开工' })).toMatchObject({ code: 'CONFLICT' })

    const opened = await c.call('topics.publish', { villageId: X, topicId: id })
    expect(opened.topic).toMatchObject({ status: 'open', eligibleCount: RESIDENTS, publishedAt: now })
    await writeRolls(api)
    expect(await c.fail('topics.publish', { villageId: X, topicId: id })).toMatchObject({ code: 'CONFLICT', message: '议题已经发布过了' })
    expect(await c.fail('topics.save', { ...topicInput(api), topicId: id })).toMatchObject({ code: 'CONFLICT', message: '议题已经发布，不能再修改' })
    expect(await c.fail('topics.discard', { villageId: X, topicId: id })).toMatchObject({ code: 'CONFLICT', message: '已发布的议题不能删除' })
    expect(await c.fail('topics.decide', { villageId: X, topicId: id, decision: '同意种树' })).toMatchObject({ code: 'CONFLICT', message: '投票还没有截止，不能公布决议' })
    expect(await c.fail('topics.addUpdate', { villageId: X, topicId: id, text: '已经开工' })).toMatchObject({ code: 'CONFLICT', message: '投票还没有截止，不能添加实施进展' })

    for (const who of [P.committee, P.committee2, P.resident, P.liguilan, P.linjun, P.wulihua]) await api.as(who).call('ballots.cast', { villageId: X, topicId: id, choices: ['yes'] })
    api.advance(DAY)
    expect(await runJobs(api.ports)).toMatchObject({ topicsClosed: 1 })
    const closed = await stored(id)
    expect(closed).toMatchObject({ status: 'closed', closedAt: now + DAY })
    expect(await c.fail('topics.addUpdate', { villageId: X, topicId: id, text: '已经开工' })).toMatchObject({ code: 'CONFLICT', message: '决议还没有公布，不能添加实施进展' })

    const decided = await c.call('topics.decide', { villageId: X, topicId: id, decision: '表决通过，今冬在村道两侧种植绿化树。' })
    expect(decided.topic).toMatchObject({ status: 'decided', decision: { text: '表决通过，今冬在村道两侧种植绿化树。', byName: '林志强' } })
    expect(decided.result).toMatchObject({ valid: true, carried: ['yes'] })
    expect(await c.fail('topics.decide', { villageId: X, topicId: id, decision: '再来一次决议' })).toMatchObject({ code: 'CONFLICT', message: '决议已经公布过了' })

    await c.call('topics.addUpdate', { villageId: X, topicId: id, text: '树苗已采购到位', photos: ['local://villages/v-xinshan/photos/20261126/trees.jpg'] })
    const done = await c.call('topics.addUpdate', { villageId: X, topicId: id, text: '种植完成，本事项办结', done: true })
    expect(done.topic.status).toBe('done')
    expect(done.topic.updates.map((u) => [u.text, u.done, u.byName])).toEqual([
      ['树苗已采购到位', false, '林志强'],
      ['种植完成，本事项办结', true, '林志强'],
    ])
    expect(done.photoUrls).toEqual({ 'local://villages/v-xinshan/photos/20261126/trees.jpg': '/files/villages/v-xinshan/photos/20261126/trees.jpg' })
    expect(await c.fail('topics.addUpdate', { villageId: X, topicId: id, text: '又补种了几棵' })).toMatchObject({ code: 'CONFLICT', message: '议题已经办结，不能再添加进展' })

    // every committee step is in the audit log
    for (const action of ['topics.draft', 'topics.publish', 'topics.decide', 'topics.update', 'topics.done']) {
      expect((await audits(api, action)).map((a) => [a.actorName, a.target])).toEqual([['林志强', '村道两侧种植绿化树']])
    }
    expect((await audits(api, 'topics.publish'))[0].reason).toContain('选民名册以发布时的登记为准（约11人）')
    // the roll's job, once it has written it, says how many it holds
    expect((await audits(api, 'topics.roll'))[0]).toMatchObject({ actorName: '系统', reason: '选民名册已固定：可投票11人，分1段' })
  })

  test('publishing checks the options and the window, and writes nothing when it refuses', async () => {
    const c = committee()
    const now = api.ports.clock.now()
    const cases: Array<[TopicInput, string]> = [
      [{ kind: 'choice', options: ['只有一个'] }, 'options'],
      [{ kind: 'choice', options: ['甲', '乙', '甲'] }, 'options'],
      [{ kind: 'choice', options: ['甲', '乙'], maxChoices: 3 }, 'maxChoices'],
      [{ opensAt: now + DAY, closesAt: now + HOUR }, 'closesAt'],
      [{ opensAt: now - 3 * DAY, closesAt: now - DAY }, 'closesAt'],
    ]
    for (const [over, field] of cases) {
      const d = await c.call('topics.save', topicInput(api, over))
      expect(d.problems!.map((p) => p.field)).toEqual([field])
      const before = api.snapshot()
      const err = await c.fail('topics.publish', { villageId: X, topicId: d.topic._id })
      expect(err.code).toBe('BAD_INPUT')
      expect(Object.keys(err.fields ?? {})).toEqual([field])
      expect(api.snapshot()).toEqual(before)
    }
  })

  test('household mode fixes the number of households with a representative at publish', async () => {
    const t = await openTopic(api, { mode: 'household' })
    expect((await stored(t)).eligibleCount).toBe(HOUSEHOLDS)
    // a household that gets a representative later does not change the fixed count
    await api.ports.store.update('households', { _id: `${X}:新山村东一巷12号` }, { set: { repPersonId: pid(P.liguilan) } })
    expect((await detail(P.committee, t)).turnout.eligible).toBe(HOUSEHOLDS)
  })

  test('only the committee writes topics; a draft can be discarded', async () => {
    expect(await api.as(P.resident).fail('topics.save', topicInput(api))).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(P.wukanCommittee).fail('topics.save', topicInput(api))).toMatchObject({ code: 'NOT_MEMBER' })
    const d = await committee().call('topics.save', topicInput(api))
    expect(await api.as(P.wukanCommittee).fail('topics.publish', { villageId: W, topicId: d.topic._id })).toMatchObject({ code: 'NOT_FOUND' })
    const saved = await committee().call('topics.save', { ...topicInput(api, { title: '改过的标题' }), topicId: d.topic._id })
    expect(saved.topic).toMatchObject({ _id: d.topic._id, title: '改过的标题' })
    expect(await committee().call('topics.discard', { villageId: X, topicId: d.topic._id })).toEqual({ removed: 1 })
    expect(await api.ports.store.get('topics', d.topic._id)).toBeNull()
    expect(await audits(api, 'topics.discard')).toHaveLength(1)
  })

  test('committee text passes the content check too', async () => {
    const before = api.snapshot()
    expect(await committee().fail('topics.save', topicInput(api, { background: '村里有人组织赌博' }))).toMatchObject({ code: 'CONTENT_REJECTED' })
    expect(api.snapshot()).toEqual(before)
  })
})

describe("photos: only the village's own uploads", () => {
  const own = (name: string) => `local://villages/${X}/photos/20261126/${name}.jpg`
  const refused = [
    `local://villages/${W}/photos/20261126/a.jpg`, // another village's photo
    'local://uploads/a.jpg', // not a photo upload
    `local://villages/${X}/photos/../../${W}/photos/a.jpg`, // climbing out of the folder
    `local://villages/${X}/a.jpg`,
    'https://example.com/a.jpg',
    `cloud://env-1.bucket/villages/${W}/photos/20261126/a.jpg`,
    `cloud://env-1.bucket/other/villages/${X}/photos/a.jpg`,
  ]

  test("a topic's background photos and an update's photos get URLs; a fileId from elsewhere is refused and nothing is written", async () => {
    const c = committee()
    const draft = await c.call('topics.save', topicInput(api, { photos: [own('a'), own('b')] }))
    expect(draft.topic.photos).toEqual([own('a'), own('b')])
    expect(draft.photoUrls).toEqual({ [own('a')]: `/files/villages/${X}/photos/20261126/a.jpg`, [own('b')]: `/files/villages/${X}/photos/20261126/b.jpg` })
    // a CloudBase fileID in the village's folder is accepted too
    const cloudId = `cloud://env-1a2b.7065-env-1a2b-1300000000/villages/${X}/photos/20261126/c.jpg`
    expect((await c.call('topics.save', { ...topicInput(api, { photos: [cloudId] }), topicId: draft.topic._id })).topic.photos).toEqual([cloudId])

    const before = api.snapshot()
    for (const bad of refused) {
      expect(await c.fail('topics.save', topicInput(api, { photos: [own('a'), bad] }))).toMatchObject({ code: 'BAD_INPUT', message: '照片无效', fields: { photos: '照片无效' } })
      expect(await c.fail('topics.addUpdate', { villageId: X, topicId: draft.topic._id, text: '已经开工了', photos: [bad] })).toMatchObject({ code: 'BAD_INPUT', message: '照片无效' })
    }
    expect(api.snapshot()).toEqual(before)
  })

  test('update photos are resolved alongside the background photos', async () => {
    const c = committee()
    const id = await openTopic(api, { photos: [own('bg')] })
    for (const who of [P.committee, P.committee2, P.resident, P.liguilan, P.linjun, P.wulihua]) await api.as(who).call('ballots.cast', { villageId: X, topicId: id, choices: ['yes'] })
    api.advance(3 * DAY)
    await c.call('topics.decide', { villageId: X, topicId: id, decision: '同意种树' })
    const d = await c.call('topics.addUpdate', { villageId: X, topicId: id, text: '树苗已经种下', photos: [own('u1')] })
    expect(d.topic.updates[0].photos).toEqual([own('u1')])
    expect(Object.keys((await detail(P.resident, id)).photoUrls).sort()).toEqual([own('bg'), own('u1')].sort())
  })
})

describe('the time-driven job closes topics at their deadline', () => {
  test('once, however often and however concurrently it runs; the committee hears the result once', async () => {
    const now = api.ports.clock.now()
    const a = await openTopic(api, { closesAt: now + HOUR })
    const b = await openTopic(api, { closesAt: now + 2 * HOUR, title: '村口设置宣传栏' })
    expect(await runJobs(api.ports)).toMatchObject({ topicsClosed: 0 })
    api.advance(HOUR)
    const runs = await Promise.all([runJobs(api.ports), runJobs(api.ports), runJobs(api.ports)])
    expect(runs.reduce((n, r) => n + r.topicsClosed, 0)).toBe(1)
    expect((await stored(a)).status).toBe('closed')
    expect((await stored(b)).status).toBe('open')
    expect(await runJobs(api.ports)).toMatchObject({ topicsClosed: 0 })
    const told = await notices(api, P.committee, '表决结果已出')
    expect(told).toHaveLength(1)
    expect(told[0].body).toContain('村道两侧种植绿化树')
    expect(told[0].body).toContain('未达法定人数')
    expect(told[0].page).toBe(pageUrl('deliberation.manage', { topicId: a }))
    expect(await notices(api, P.resident, '表决结果已出')).toHaveLength(0)

    // a read after the deadline closes it too, and leaves its notices (to the committee and every resident) to the
    // job's next run, which has nothing else left to do for it
    api.advance(HOUR)
    expect((await detail(P.resident, b)).topic.status).toBe('closed')
    expect(await notices(api, P.committee, '表决结果已出')).toHaveLength(1)
    expect(await runJobs(api.ports)).toMatchObject({ topicsClosed: 0 })
    expect(await notices(api, P.committee, '表决结果已出')).toHaveLength(2)
  })

  test('the seeded open topics close when their time comes', async () => {
    api.advance(7 * DAY)
    expect(await runJobs(api.ports)).toMatchObject({ topicsClosed: 3 })
    const list = await api.as(P.resident).call('topics.list', { villageId: X })
    expect(list.filter((s) => s.status === 'open')).toEqual([])
    const pond = list.find((s) => s.id === 'v-xinshan:t2')!
    expect(pond.result).toMatchObject({ valid: false, verdict: '未达法定人数' })
  })
})

describe('reminders', () => {
  test('those who may vote and have not are reminded, at most once in six hours', async () => {
    const t = await openTopic(api)
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId: t, choices: ['yes'] })
    await api.as(P.wulihua).call('ballots.cast', { villageId: X, topicId: t, choices: ['no'] })
    expect(await committee().call('topics.remind', { villageId: X, topicId: t })).toEqual({ reminded: RESIDENTS - 2 })
    // the answer says how many are to be told; the job tells them, a roll chunk at a time
    expect(await notices(api, P.liguilan, '请参加投票')).toHaveLength(0)
    expect(await tellRemindersNow(api)).toBe(1)
    expect(await notices(api, P.liguilan, '请参加投票')).toHaveLength(1)
    expect(await notices(api, P.resident, '请参加投票')).toHaveLength(0)
    expect(await notices(api, P.hallStaff, '请参加投票')).toHaveLength(0)

    api.advance(5 * HOUR)
    expect(await committee().fail('topics.remind', { villageId: X, topicId: t })).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('每6小时最多提醒一次') })
    api.advance(HOUR)
    // two committee members at once: one reminder
    const both = await Promise.all([
      api.router('topics.remind', { villageId: X, topicId: t }, { openid: P.committee }),
      api.router('topics.remind', { villageId: X, topicId: t }, { openid: P.committee2 }),
    ])
    expect(both.filter((r) => r.ok)).toHaveLength(1)
    await tellRemindersNow(api)
    expect(await notices(api, P.liguilan, '请参加投票')).toHaveLength(2)
    expect(await audits(api, 'topics.remind')).toHaveLength(2)
    expect(await api.as(P.resident).fail('topics.remind', { villageId: X, topicId: t })).toMatchObject({ code: 'FORBIDDEN' })
  })

  test('household mode reminds the representatives of households that have not voted', async () => {
    const t = await openTopic(api, { mode: 'household' })
    await api.as(P.resident).call('ballots.cast', { villageId: X, topicId: t, choices: ['yes'] })
    expect(await committee().call('topics.remind', { villageId: X, topicId: t })).toEqual({ reminded: HOUSEHOLDS - 1 })
    await tellRemindersNow(api)
    expect(await notices(api, P.chenjianguo, '请参加投票')).toHaveLength(1)
    expect(await notices(api, P.chenxiaohong, '请参加投票')).toHaveLength(0)
    expect(await notices(api, P.liguilan, '请参加投票')).toHaveLength(0)
  })

  test('not after the close', async () => {
    const t = await openTopic(api, { closesAt: api.ports.clock.now() + HOUR })
    api.advance(HOUR)
    expect(await committee().fail('topics.remind', { villageId: X, topicId: t })).toMatchObject({ code: 'CLOSED' })
  })
})

describe('turnout by grid and CSV', () => {
  test('per-grid turnout for the committee; the seeded closed topic exports its tally and turnout', async () => {
    const square = 'v-xinshan:t3'
    const grids = await committee().call('topics.turnoutByGrid', { villageId: X, topicId: square })
    expect(grids).toEqual([
      { gridId: `${X}:g1`, gridName: '第一网格（村东）', participants: 4, eligible: 5, percent: 80 },
      { gridId: `${X}:g2`, gridName: '第二网格（村西）', participants: 2, eligible: 4, percent: 50 },
      { gridId: `${X}:g3`, gridName: '第三网格（新村）', participants: 2, eligible: 2, percent: 100 },
    ])
    expect(await api.as(P.gridWorker).fail('topics.turnoutByGrid', { villageId: X, topicId: square })).toMatchObject({ code: 'FORBIDDEN' })

    const tally = await committee().call('topics.exportCsv', { villageId: X, topicId: square, kind: 'tally' })
    expect(tally.filename).toBe('新山村-修缮祠堂前广场-票数统计-2026-11-26.csv')
    const lines = tally.content.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines.slice(0, 4)).toEqual(['项目,票数,占参加表决的比例(%),结果', '赞成,6,75,超过半数', '反对,1,13,', '弃权,1,13,'])
    expect(lines).toContain('其中：现场表决,3,,')
    expect(lines.at(-1)).toBe('结论,,,有效。赞成 6 票，超过参加表决 8 人的半数，通过。')

    const turnout = await csvExport(committee(), 'topics.exportCsv', { villageId: X, topicId: square, kind: 'turnout' })
    expect(turnout.rows).toBe(RESIDENTS)
    expect(turnout.content).toContain('第一网格（村东）,新山村东一巷12号,李桂兰,是,现场表决,')
    expect(turnout.content).not.toMatch(/赞成|反对|弃权/)
    expect(await audits(api, 'topics.export')).toHaveLength(2)
    expect(await api.as(P.resident).fail('topics.exportCsv', { villageId: X, topicId: square, kind: 'tally' })).toMatchObject({ code: 'FORBIDDEN' })
  })
})

describe('村民提议: proposals become topics once enough residents co-sign', () => {
  test('the proposer is the first signer; the fifth signature accepts it (once) and tells the committee; signing twice changes nothing', async () => {
    const p = await api.as(P.resident).call('proposals.create', { villageId: X, title: '村里建一个篮球场', background: '年轻人下班后没有运动的地方，建议利用村委会旁空地建篮球场。' })
    expect(p).toMatchObject({ status: 'collecting', cosigns: 1, needed: 5, mine: true, cosignedByMe: true, proposerName: '林水生' })
    // signing your own again, or twice, is idempotent
    expect(await api.as(P.resident).call('proposals.cosign', { villageId: X, proposalId: p._id })).toMatchObject({ cosigns: 1 })
    await api.as(P.liguilan).call('proposals.cosign', { villageId: X, proposalId: p._id })
    const twice = await Promise.all([1, 2, 3].map(() => api.as(P.liguilan).call('proposals.cosign', { villageId: X, proposalId: p._id })))
    expect(twice.map((x) => x.cosigns)).toEqual([2, 2, 2])
    await api.as(P.linjun).call('proposals.cosign', { villageId: X, proposalId: p._id })
    // the fourth, fifth and sixth at once: the fifth accepts it, exactly once
    const last = await Promise.all([P.wulihua, P.zhengzhiyuan, P.chenjianguo].map((who) => api.as(who).call('proposals.cosign', { villageId: X, proposalId: p._id })))
    for (const x of last) expect(x).toMatchObject({ cosignedByMe: true, cosigns: expect.any(Number) })
    const accepted = (await api.ports.store.get('proposals', p._id))!
    expect(accepted).toMatchObject({ status: 'accepted', cosigns: 6, acceptedAt: api.ports.clock.now() })
    // the committee is told by the job, the proposer at once
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await notices(api, P.committee, '村民提议已达到联署人数')).toHaveLength(1)
    expect(await notices(api, P.committee2, '村民提议已达到联署人数')).toHaveLength(1)
    expect(await notices(api, P.resident, '您的提议已获足够联署')).toHaveLength(1)

    const list = await api.as(P.chenxiaohong).call('proposals.list', { villageId: X })
    expect(list.find((x) => x._id === p._id)).toMatchObject({ cosignedByMe: false, mine: false, status: 'accepted' })
  })

  test('the proposer withdraws a proposal with a reason before it is put to a vote; nobody else can, and a withdrawn one takes no signatures', async () => {
    await api.ports.store.update('villages', { _id: X }, { set: { proposalThreshold: 2 } })
    const p = await api.as(P.chenjianguo).call('proposals.create', { villageId: X, title: '增设路灯', background: '村西小路晚上没有路灯，老人走夜路不安全。' })
    await api.as(P.chenxiaohong).call('proposals.cosign', { villageId: X, proposalId: p._id }) // now accepted: the committee was told

    let before = api.snapshot()
    expect(await api.as(P.chenxiaohong).fail('proposals.withdraw', { villageId: X, proposalId: p._id, reason: '不想要了' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(P.chenjianguo).fail('proposals.withdraw', { villageId: X, proposalId: p._id, reason: '' })).toMatchObject({ code: 'BAD_INPUT' })
    expect(await api.as(P.sunli).fail('proposals.withdraw', { villageId: W, proposalId: p._id, reason: '镇上已经安排了' })).toMatchObject({ code: 'NOT_FOUND' })
    expect(api.snapshot()).toEqual(before)

    const withdrawn = await api.as(P.chenjianguo).call('proposals.withdraw', { villageId: X, proposalId: p._id, reason: '镇上已经安排了路灯' })
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawReason: '镇上已经安排了路灯', mine: true })
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await notices(api, P.committee, '村民提议已撤回')).toHaveLength(1)

    before = api.snapshot()
    expect(await api.as(P.chenjianguo).fail('proposals.withdraw', { villageId: X, proposalId: p._id, reason: '再撤一次' })).toMatchObject({ code: 'CONFLICT', message: '该提议已撤回' })
    expect(await api.as(P.linjun).fail('proposals.cosign', { villageId: X, proposalId: p._id })).toMatchObject({ code: 'CONFLICT' })
    expect(api.snapshot()).toEqual(before)
  })

  test('invisible text does not count: a title of zero-width spaces is refused; a bidi override is stripped before saving', async () => {
    const before = api.snapshot()
    const c = api.as(P.committee)
    expect(await c.fail('topics.save', { ...topicInput(api), title: '\u200b\u200b\u200b\u200b' })).toMatchObject({ code: 'BAD_INPUT', fields: { title: expect.any(String) } })
    expect(api.snapshot()).toEqual(before)
    const saved = await c.call('topics.save', { ...topicInput(api), title: '村道\u202e两侧\u0007种树' })
    expect(saved.topic.title).toBe('村道两侧种树')
  })

  test('times outside 2020–2100 are refused with a clear reason, and nothing is saved', async () => {
    const before = api.snapshot()
    const c = api.as(P.committee)
    expect(await c.fail('topics.save', { ...topicInput(api), opensAt: -1e15, closesAt: 8e15 })).toMatchObject({ code: 'BAD_INPUT', fields: { opensAt: '开始时间无效', closesAt: '截止时间无效' } })
    expect(api.snapshot()).toEqual(before)
  })

  test('the village sets the number; only residents propose and sign; the content check comes first', async () => {
    await api.ports.store.update('villages', { _id: X }, { set: { proposalThreshold: 2 } })
    const p = await api.as(P.chenjianguo).call('proposals.create', { villageId: X, title: '增设公交站台', background: '村口到镇上的公交没有候车亭，下雨天老人只能淋雨等车。' })
    expect(p).toMatchObject({ needed: 2, status: 'collecting' })
    expect(await api.as(P.hallStaff).fail('proposals.cosign', { villageId: X, proposalId: p._id })).toMatchObject({ code: 'FORBIDDEN' })
    expect(await api.as(P.chenxiaohong).call('proposals.cosign', { villageId: X, proposalId: p._id })).toMatchObject({ status: 'accepted', cosigns: 2 })
    expect(await api.as(P.sunli).fail('proposals.cosign', { villageId: W, proposalId: p._id })).toMatchObject({ code: 'NOT_FOUND' })

    const before = api.snapshot()
    expect(await api.as(P.resident).fail('proposals.create', { villageId: X, title: '村里开个六合彩', background: '大家一起买六合彩，中了奖修路。' })).toMatchObject({ code: 'CONTENT_REJECTED' })
    expect(await api.as(P.hallStaff).fail('proposals.create', { villageId: X, title: '服务站延长开放', background: '建议服务站周末也开放半天，方便上班的人办事。' })).toMatchObject({ code: 'FORBIDDEN' })
    expect(api.snapshot()).toEqual(before)
  })

  test('the committee schedules an accepted proposal: the topic links it, publishing marks it scheduled and tells the proposer', async () => {
    const c = committee()
    const collecting = 'v-xinshan:pr-crossing'
    const accepted = 'v-xinshan:pr-elderly'
    expect(await c.fail('topics.save', topicInput(api, { proposalId: collecting }))).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('2/5') })
    const d = await c.call('topics.save', topicInput(api, { title: '建设村老年人活动中心', background: '', proposalId: accepted }))
    expect(d.topic.proposalId).toBe(accepted)
    expect(d.topic.background).toContain('老年人活动中心') // prefilled from the proposal
    expect(d.proposal).toEqual({ id: accepted, title: '建设村老年人活动中心', proposerName: '陈建国' })
    expect((await api.ports.store.get('proposals', accepted))!).toMatchObject({ status: 'accepted', topicId: d.topic._id })
    // a second topic cannot take the same proposal
    expect(await c.fail('topics.save', topicInput(api, { proposalId: accepted }))).toMatchObject({ code: 'CONFLICT' })

    await c.call('topics.publish', { villageId: X, topicId: d.topic._id })
    expect((await api.ports.store.get('proposals', accepted))!).toMatchObject({ status: 'scheduled', topicId: d.topic._id })
    const told = await notices(api, P.chenjianguo, '您的提议已列入议事')
    expect(told).toHaveLength(1)
    expect(told[0].page).toBe(pageUrl('deliberation.topic', { topicId: d.topic._id }))
    expect(await api.as(P.resident).fail('proposals.cosign', { villageId: X, proposalId: accepted })).toMatchObject({ code: 'CONFLICT' })
  })

  test('discarding a draft frees its proposal', async () => {
    const accepted = 'v-xinshan:pr-elderly'
    const d = await committee().call('topics.save', topicInput(api, { proposalId: accepted }))
    await committee().call('topics.discard', { villageId: X, topicId: d.topic._id })
    expect((await api.ports.store.get('proposals', accepted))!).toMatchObject({ status: 'accepted', topicId: null })
  })
})
