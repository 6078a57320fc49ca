/**
 * 红黑榜 and 善行义举榜 through the router over the seeded demo: who reads and who acts, masking, the refusals of the
 * issue's "Bad input" (nothing stored), the whole black-entry flow with the time-driven job, red entries and the
 * ranking, nominations and the 道德评议会, the 四会, settings, villages apart.
 */
import sharp from 'sharp'
import { runJobs } from '../../cloud/src/jobs'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { householdId } from '../../cloud/src/features/account/policy'
import { photoPath } from '../../cloud/src/common/photos'
import { REFUSED_IMAGE_COLOUR } from '../../cloud/src/adapters/local'
import { apiPerTest, expectRefused } from './harness'
import { eraseConfirmed } from '../../cloud/src/features/account/erase'

const X = 'v-xinshan'
const W = 'v-wukan'
const DAY = 24 * 3600 * 1000
const P = {
  committee: 'demo-linzhiqiang',
  lin: 'demo-linshuisheng', // 户代表 of 东一巷12号, on the 道德评议会
  liguilan: 'demo-liguilan', // same household, not on any 会
  chen: 'demo-chenjianguo', // 户代表 of 西二巷20号: b8 is in its notice period
  huang: 'demo-huangdeming', // named on b6 (published, masked to others)
  zheng: 'demo-zhengzhiyuan', // appealed b9
  staff: 'demo-zhangxiuying',
  sunli: 'demo-sunli', // 乌坎村
  wukanCommittee: 'demo-yangjinhe',
}
const LINS_HOUSE = householdId(X, '新山村东一巷12号')
const e = (n: number) => `${X}:b${n}`

const api = apiPerTest()

const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)

const black = (over: Record<string, unknown> = {}) => ({
  villageId: X,
  board: 'black' as const,
  place: '东一巷12号门前',
  responsible: { kind: 'household' as const, householdId: LINS_HOUSE },
  what: '门前堆放杂物占用巷道',
  clauseId: 'xs06',
  ...over,
})

async function photo(colour: { r: number; g: number; b: number }) {
  const bytes = await sharp({ create: { width: 64, height: 48, channels: 3, background: colour } }).jpeg().toBuffer()
  return (await api.ports.files.put(photoPath(X, api.ports.clock.now(), 'jpg'), bytes, 'image/jpeg')).fileId
}

const titles = async (openid: string) => (await api.as(openid).call('notifications.list', {})).map((n) => n.title)

describe('reading the boards', () => {
  test('the black board masks private names for everyone but the committee and the named household, unless a reason is recorded', async () => {
    const asResident = await api.as(P.liguilan).call('boards.list', { villageId: X, board: 'black' })
    const b6 = asResident.entries.find((x) => x.id === e(6))!
    expect(b6).toMatchObject({ masked: true, responsible: { name: '黄**', doorplate: '新山村新村路6号' }, clause: { clauseId: 'xs08', label: '第八条' } })
    // neither in its notice period, nor appealed, nor withdrawn entries are on the public board
    expect(asResident.entries.map((x) => x.id).sort()).toEqual([e(14), e(6)].sort())
    // nor does anyone but the committee and the named household see the appeal or its reply
    expect(asResident.entries.find((x) => x.id === e(14))!.appeal).toBeNull()
    expect(asResident.months[0] >= asResident.months[1]).toBe(true)
    expect(asResident.months).toHaveLength(2)

    const lastMonth = await api.as(P.liguilan).call('boards.list', { villageId: X, board: 'black', month: asResident.months[1] })
    expect(lastMonth.entries.map((x) => [x.responsible.name, x.masked, x.nameShownReason])).toEqual([['吴丽华', false, '经劝导三次仍未改正，经村民代表会议决定实名公示']])

    const asCommittee = await api.as(P.committee).call('boards.entry', { villageId: X, entryId: e(6) })
    expect(asCommittee).toMatchObject({ masked: false, responsible: { name: '黄德明' } })
    const asNamed = await api.as(P.huang).call('boards.entry', { villageId: X, entryId: e(6) })
    expect(asNamed).toMatchObject({ masked: false, mine: true, responsible: { name: '黄德明' } })
    // staff read the boards, masked like any reader
    const asStaff = await api.as(P.staff).call('boards.entry', { villageId: X, entryId: e(6) })
    expect(asStaff.responsible.name).toBe('黄**')
    // red and good boards praise by name
    const red = await api.as(P.staff).call('boards.list', { villageId: X, board: 'red' })
    expect(red.entries.map((x) => x.responsible.name)).toEqual(expect.arrayContaining(['黄伟明', '林水生']))
    expect(red.entries.every((x) => !x.masked)).toBe(true)
  })

  test('an entry not yet public reads as missing to others; the named household sees its notice with the deadline', async () => {
    await refused(P.liguilan, 'boards.entry', { villageId: X, entryId: e(8) }, 'NOT_FOUND', '找不到该榜单条目')
    const mine = await api.as(P.chen).call('boards.mine', { villageId: X })
    const b8 = mine.entries.find((x) => x.id === e(8))!
    expect(b8).toMatchObject({ status: 'notice', masked: false, responsible: { name: '陈建国' }, can: { appeal: true, appealWhy: null } })
    expect(b8.noticeUntil).toBeGreaterThan(api.ports.clock.now())
    // an appellant sees the committee's reply on an appeal it rejected
    const lin = await api.as(P.committee).call('boards.mine', { villageId: X })
    expect(lin.entries.find((x) => x.id === e(14))!.appeal).toMatchObject({ decision: 'rejected', reply: expect.stringContaining('申诉不予支持') })
  })

  test('the ranking adds the red points of each road section; villages are apart', async () => {
    expect(await api.as(P.liguilan).call('boards.ranking', { villageId: X })).toEqual([
      { section: '东一巷', points: 15, entries: 2 },
      { section: '西二巷', points: 12, entries: 2 },
      { section: '新村路', points: 6, entries: 1 },
    ])
    expect(await api.as(P.sunli).call('boards.ranking', { villageId: W })).toEqual([{ section: '港口路', points: 10, entries: 1 }])
    expect((await api.as(P.sunli).fail('boards.list', { villageId: X, board: 'red' })).code).toBe('NOT_MEMBER')
    // 乌坎村's committee naming a 新山村 entry under 乌坎村 finds nothing
    await refused(P.wukanCommittee, 'boards.entry', { villageId: W, entryId: e(1) }, 'NOT_FOUND', '找不到该榜单条目')
    await refused(P.wukanCommittee, 'boards.withdraw', { villageId: W, entryId: e(1), reason: '误录' }, 'NOT_FOUND', '找不到该榜单条目')
  })
})

describe('bad input: a clear error, nothing stored', () => {
  test('missing place or reason, photos that are not the village’s or not acceptable', async () => {
    const noPlace = await refused(P.committee, 'boards.create', { ...black(), place: undefined }, 'BAD_INPUT', '请填写地点')
    expect(noPlace.fields).toMatchObject({ place: '请填写地点' })
    await refused(P.committee, 'boards.create', black({ place: '   ' }), 'BAD_INPUT', '请填写地点')
    await refused(P.committee, 'boards.create', black({ what: '' }), 'BAD_INPUT', '请填写事由')
    await refused(P.committee, 'boards.create', black({ photos: ['https://example.com/a.jpg'] }), 'BAD_INPUT', '照片无效')
    await refused(P.committee, 'boards.create', black({ photos: [`local://villages/${W}/photos/20261126/a.jpg`] }), 'BAD_INPUT', '照片无效')
    const bad = await photo(REFUSED_IMAGE_COLOUR)
    const err = await refused(P.committee, 'boards.create', black({ photos: [bad] }), 'CONTENT_REJECTED', '图片不合规')
    expect(err.fields).toMatchObject({ photos: expect.stringContaining('第1张图片不合规') })
    await refused(P.committee, 'boards.create', black({ clauseId: 'nope' }), 'BAD_INPUT', '找不到该条款')
    await refused(P.committee, 'boards.create', black({ points: 5 }), 'BAD_INPUT', '只有红榜可以记积分或奖励')
    await refused(P.committee, 'boards.create', black({ what: '在巷口聚众赌博' }), 'CONTENT_REJECTED', /赌博/)
    await refused(P.liguilan, 'boards.create', black(), 'FORBIDDEN', '无权限')
  })

  test('an appeal by someone not named, or after the notice period', async () => {
    const input = { villageId: X, entryId: e(8), text: '垃圾当天已经清理干净，请核实' }
    await refused(P.liguilan, 'boards.appeal', input, 'FORBIDDEN', '只有被公示的住户可以申诉')
    await refused(P.lin, 'boards.appeal', input, 'FORBIDDEN', '只有被公示的住户可以申诉')
    await refused(P.huang, 'boards.appeal', { ...input, entryId: e(6) }, 'CONFLICT', '公示期已过，不能再申诉')
    await refused(P.chen, 'boards.appeal', { ...input, text: '' }, 'BAD_INPUT', '请填写申诉理由')
    await refused(P.chen, 'boards.appeal', { ...input, text: '不对' }, 'BAD_INPUT', '申诉理由至少5个字')
    await refused(P.chen, 'boards.appeal', { ...input, photos: ['cloud://env.bucket/villages/v-wukan/photos/x.jpg'] }, 'BAD_INPUT', '照片无效')
    // the period ends (the job has not run yet): too late all the same
    api.advance(3 * DAY)
    await refused(P.chen, 'boards.appeal', input, 'CONFLICT', '公示期已过，不能再申诉')
  })
})

describe('the black entry: notice, appeal, decision, the job', () => {
  test('posted, the household appeals, the committee upholds it: the entry never reaches the public board', async () => {
    const created = await api.as(P.committee).call('boards.create', black())
    expect(created).toMatchObject({ status: 'notice', clause: { label: '第六条' }, noticeUntil: api.ports.clock.now() + 3 * DAY })
    // every member of the household is told (by the job: a notice to several), with the deadline and how to appeal
    await deliverDueNotices(api.ports, api.ports.clock.now())
    const notice = (await api.as(P.liguilan).call('notifications.list', {})).find((n) => n.title === '黑榜公示前告知')!
    expect(notice.body).toMatch(/前.*申诉/)
    expect(notice.page).toContain(encodeURIComponent(created.id))
    expect(await titles(P.lin)).toContain('黑榜公示前告知')
    expect(await titles(P.chen)).not.toContain('黑榜公示前告知')

    const appealed = await api.as(P.liguilan).call('boards.appeal', { villageId: X, entryId: created.id, text: '杂物是施工队临时放的，今天已清走' })
    expect(appealed).toMatchObject({ status: 'appealed', appeal: { byName: '李桂兰', decision: null }, can: { appeal: false, appealWhy: '已经提交申诉，请等待村委会答复' } })
    // the committee is told by the job (its 待办 counts the appeal at once)
    expect(await titles(P.committee)).not.toContain('收到黑榜申诉')
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await titles(P.committee)).toContain('收到黑榜申诉')
    await refused(P.lin, 'boards.appeal', { villageId: X, entryId: created.id, text: '再申诉一次试试' }, 'CONFLICT', '已经提交申诉')

    // the notice period passes while the appeal waits: the job leaves it to the committee
    api.advance(4 * DAY)
    await runJobs(api.ports)
    expect(await api.as(P.committee).call('boards.entry', { villageId: X, entryId: created.id })).toMatchObject({ status: 'appealed' })

    const decided = await api.as(P.committee).call('boards.decideAppeal', { villageId: X, entryId: created.id, decision: 'uphold', councilOpinion: '经道德评议会核实属实', reply: '情况属实，撤销该条目' })
    expect(decided).toMatchObject({ status: 'withdrawn', appeal: { decision: 'upheld', councilOpinion: '经道德评议会核实属实', reply: '情况属实，撤销该条目' } })
    expect(await titles(P.liguilan)).toContain('申诉已获支持')
    await refused(P.committee, 'boards.decideAppeal', { villageId: X, entryId: created.id, decision: 'reject', councilOpinion: '再议一次', reply: '再议一次' }, 'CONFLICT', '申诉已处理')

    api.advance(100 * DAY)
    await runJobs(api.ports)
    const board = await api.as(P.chen).call('boards.list', { villageId: X, board: 'black', month: created.period })
    expect(board.entries.map((x) => x.id)).not.toContain(created.id)
    await refused(P.chen, 'boards.entry', { villageId: X, entryId: created.id }, 'NOT_FOUND', '找不到该榜单条目')

    const log = await api.as(P.committee).call('audit.list', { villageId: X, targetType: 'boardEntry', targetId: created.id })
    expect(log.entries.map((x) => x.action).reverse()).toEqual(['boards.create', 'boards.upholdAppeal'])
    expect(log.entries[0].reason).toContain('经道德评议会核实属实')
  })

  test('no appeal: the job publishes it once however often it runs, then expires it off the board (kept in history)', async () => {
    const created = await api.as(P.committee).call('boards.create', black())
    api.advance(3 * DAY)
    const runs = await Promise.all([runJobs(api.ports), runJobs(api.ports), runJobs(api.ports)])
    // the demo's b8 (陈建国's), b16 (林水生's) and 乌坎村's b2 end their notice too
    expect(runs.reduce((n, r) => n + r.boardsPublished, 0)).toBe(4)
    expect((await runJobs(api.ports)).boardsPublished).toBe(0)
    const board = await api.as(P.chen).call('boards.list', { villageId: X, board: 'black', month: created.period })
    expect(board.entries.find((x) => x.id === created.id)).toMatchObject({ status: 'published', masked: true, responsible: { name: '林**' } })
    expect(await titles(P.lin)).toContain('黑榜条目已公示')
    const log = await api.as(P.committee).call('audit.list', { villageId: X, targetType: 'boardEntry', targetId: created.id })
    expect(log.entries[0]).toMatchObject({ action: 'boards.publish', actorName: '系统', reason: '告知期满，无申诉，公示' })
    expect((await api.as(P.committee).call('audit.verify', { villageId: X })).ok).toBe(true)

    api.advance(90 * DAY)
    expect((await runJobs(api.ports)).boardsExpired).toBeGreaterThanOrEqual(1)
    expect((await runJobs(api.ports)).boardsExpired).toBe(0)
    const later = await api.as(P.chen).call('boards.list', { villageId: X, board: 'black', month: created.period })
    expect(later.entries.map((x) => x.id)).not.toContain(created.id)
    expect(await api.as(P.chen).call('boards.entry', { villageId: X, entryId: created.id })).toMatchObject({ status: 'expired' })
    const manage = await api.as(P.committee).call('boards.manage', { villageId: X, status: 'expired' })
    expect(manage.entries.map((x) => x.id)).toContain(created.id)
  })

  test('a rejected appeal publishes the entry with the reply shown to the appellant', async () => {
    const r = await api.as(P.committee).call('boards.decideAppeal', { villageId: X, entryId: e(9), decision: 'reject', councilOpinion: '现场核实排水管接自其家', reply: '经现场核实，排水管接自您家，请整改' })
    expect(r).toMatchObject({ status: 'published', publishedAt: api.ports.clock.now() })
    const mine = await api.as(P.zheng).call('boards.mine', { villageId: X })
    expect(mine.entries.find((x) => x.id === e(9))!.appeal).toMatchObject({ decision: 'rejected', reply: '经现场核实，排水管接自您家，请整改' })
    expect(await titles(P.zheng)).toContain('申诉未获支持')
    const board = await api.as(P.liguilan).call('boards.list', { villageId: X, board: 'black' })
    expect(board.entries.find((x) => x.id === e(9))).toMatchObject({ responsible: { name: '郑**' }, appeal: null })
  })

  test('the committee withdraws with a reason; the village’s notice days apply to new entries', async () => {
    const w = await api.as(P.committee).call('boards.withdraw', { villageId: X, entryId: e(6), reason: '已整改到位' })
    expect(w).toMatchObject({ status: 'withdrawn', withdrawn: { reason: '已整改到位', byName: '林志强' } })
    await refused(P.committee, 'boards.withdraw', { villageId: X, entryId: e(6), reason: '再撤一次' }, 'CONFLICT', '已撤销')
    expect(await titles(P.huang)).toContain('黑榜条目已撤销')

    await refused(P.committee, 'boards.setSettings', { villageId: X, noticeDays: 0, expiryDays: 90 }, 'BAD_INPUT', '告知期至少1天')
    expect(await api.as(P.committee).call('boards.setSettings', { villageId: X, noticeDays: 5, expiryDays: 30 })).toMatchObject({ noticeDays: 5, expiryDays: 30, updatedByName: '林志强' })
    const created = await api.as(P.committee).call('boards.create', black())
    expect(created.noticeUntil).toBe(api.ports.clock.now() + 5 * DAY)
    // a draft goes out when issued
    const draft = await api.as(P.committee).call('boards.create', black({ draft: true }))
    expect(draft.status).toBe('draft')
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await titles(P.liguilan)).toEqual(['黑榜公示前告知'])
    expect(await api.as(P.committee).call('boards.issue', { villageId: X, entryId: draft.id })).toMatchObject({ status: 'notice' })
    await deliverDueNotices(api.ports, api.ports.clock.now())
    expect(await titles(P.liguilan)).toEqual(['黑榜公示前告知', '黑榜公示前告知'])
  })
})

test('a red entry is published at once, shows on this month’s board and counts in the ranking', async () => {
  api.advance(3600 * 1000)
  const red = await api.as(P.committee).call('boards.create', {
    villageId: X,
    board: 'red',
    place: '东一巷祠堂前',
    responsible: { kind: 'section', section: '东一巷', personId: 'p_huangweiming' },
    what: '祠堂前空地清扫干净，摆放整齐',
    clauseId: 'xs06',
    points: 10,
    reward: '积分+10',
  })
  expect(red).toMatchObject({ status: 'published', section: '东一巷', responsible: { name: '黄伟明', section: '东一巷' }, reward: '积分+10' })
  const board = await api.as(P.staff).call('boards.list', { villageId: X, board: 'red' })
  expect(board.month).toBe(red.period)
  expect(board.entries[0].id).toBe(red.id)
  expect((await api.as(P.liguilan).call('boards.ranking', { villageId: X }))[0]).toEqual({ section: '东一巷', points: 25, entries: 3 })
  const log = await api.as(P.committee).call('audit.list', { villageId: X, targetType: 'boardEntry', targetId: red.id })
  expect(log.entries.map((x) => x.action).reverse()).toEqual(['boards.create', 'boards.publish'])
})

test('nominations: a resident nominates, the 道德评议会 reviews with reasons, an accepted one is on the good-deeds board', async () => {
  const n = await api.as(P.chen).call('boards.nominate', { villageId: X, nomineeName: '黄德明', nomineePersonId: 'p_huangdeming', deed: '下塘救起落水的邻居小孩，并送医检查' })
  expect(n).toMatchObject({ status: 'pending', nomineeName: '黄德明', place: '新山村新村路6号', mine: true })
  // the 道德评议会 is told by the job (a notice to several)
  await deliverDueNotices(api.ports, api.ports.clock.now())
  expect(await titles(P.lin)).toContain('新的善行义举推荐')
  await refused(P.chen, 'boards.nominate', { villageId: X, nomineeName: '陈建国', nomineePersonId: 'p_chenjianguo', deed: '自己推荐自己试试看可以吗' }, 'BAD_INPUT', '不能推荐自己')
  await refused(P.staff, 'boards.nominate', { villageId: X, nomineeName: '黄德明', deed: '下塘救起落水的邻居小孩' }, 'FORBIDDEN', '无权限')

  // not on the 道德评议会: refused
  await refused(P.liguilan, 'boards.nominations', { villageId: X }, 'FORBIDDEN', '只有道德评议会成员或村委会可以评议推荐')
  await refused(P.liguilan, 'boards.reviewNomination', { villageId: X, nominationId: n._id, decision: 'accept', reason: '事迹属实' }, 'FORBIDDEN', '只有道德评议会成员')
  const pending = await api.as(P.lin).call('boards.nominations', { villageId: X, status: 'pending' })
  expect(pending.map((x) => x._id)).toContain(n._id)

  const accepted = await api.as(P.lin).call('boards.reviewNomination', { villageId: X, nominationId: n._id, decision: 'accept', reason: '事迹属实，邻里称道' })
  expect(accepted).toMatchObject({ status: 'accepted', review: { reason: '事迹属实，邻里称道', byName: '林水生' } })
  const good = await api.as(P.liguilan).call('boards.list', { villageId: X, board: 'good' })
  expect(good.entries.find((x) => x.id === accepted.entryId)).toMatchObject({ what: '下塘救起落水的邻居小孩，并送医检查', responsible: { name: '黄德明' } })
  expect(await titles(P.chen)).toContain('推荐已入榜')
  // one audit entry records the review and the publication: the entry published is the nomination's
  const log = await api.as(P.committee).call('audit.list', { villageId: X, targetType: 'nomination', targetId: n._id })
  expect(log.entries.map((x) => [x.action, x.actorName, x.target, x.reason])).toEqual([['nominations.accept', '林水生', '善行义举推荐：黄德明', '事迹属实，邻里称道']])
  expect(await api.ports.store.get('boardEntries', accepted.entryId!)).toMatchObject({ nominationId: n._id, status: 'published' })
  await refused(P.committee, 'boards.reviewNomination', { villageId: X, nominationId: n._id, decision: 'decline', reason: '再议' }, 'CONFLICT', '该推荐已经入榜')
  const mine = await api.as(P.chen).call('boards.mine', { villageId: X })
  expect(mine.nominations.find((x) => x._id === n._id)).toMatchObject({ status: 'accepted' })
})

test('the 四会: the committee appoints and removes members, audited; a member of the 道德评议会 reviews', async () => {
  expect((await api.as(P.staff).call('councils.list', { villageId: X })).map((c) => [c.label, c.members.length])).toEqual([
    ['村民议事会', 2],
    ['道德评议会', 2],
    ['禁毒禁赌会', 1],
    ['红白理事会', 2],
  ])
  await refused(P.chen, 'boards.nominations', { villageId: X }, 'FORBIDDEN', '道德评议会')
  const after = await api.as(P.committee).call('councils.appoint', { villageId: X, council: 'moral', personId: 'p_chenjianguo' })
  expect(after.find((c) => c.council === 'moral')!.members.map((m) => m.name)).toContain('陈建国')
  expect(await api.as(P.chen).call('councils.list', { villageId: X, personId: 'p_chenjianguo' })).toEqual([
    expect.objectContaining({ label: '村民议事会' }),
    expect.objectContaining({ label: '道德评议会' }),
  ])
  expect((await api.as(P.chen).call('boards.nominations', { villageId: X })).length).toBe(3)
  // the membership lists the seats with them (the reviewer is checked on it)
  const councilsOfChen = async () => (await api.ports.store.get('memberships', `${X}:p_chenjianguo`))!.councils
  expect(await councilsOfChen()).toEqual(['villagers', 'moral'])
  await refused(P.committee, 'councils.appoint', { villageId: X, council: 'moral', personId: 'p_chenjianguo' }, 'CONFLICT', '陈建国已经是道德评议会成员')
  await refused(P.committee, 'councils.appoint', { villageId: X, council: 'moral', personId: 'p_sunli' }, 'NOT_FOUND', '找不到该村民')
  await refused(P.lin, 'councils.appoint', { villageId: X, council: 'moral', personId: 'p_liguilan' }, 'FORBIDDEN', '无权限')
  await api.as(P.committee).call('councils.remove', { villageId: X, council: 'moral', personId: 'p_chenjianguo', reason: '外出务工' })
  await refused(P.chen, 'boards.nominations', { villageId: X }, 'FORBIDDEN', '道德评议会')
  expect(await councilsOfChen()).toEqual(['villagers'])
  const log = await api.as(P.committee).call('audit.list', { villageId: X, targetType: 'council' })
  expect(log.entries.map((x) => [x.action, x.target, x.reason])).toEqual([
    ['councils.remove', '道德评议会：陈建国', '外出务工'],
    ['councils.appoint', '道德评议会：陈建国', null],
  ])
  // a membership without the list (from before it, or made since) has its seat read
  await api.ports.store.update('memberships', { _id: `${X}:p_chenjianguo` }, { set: { councils: undefined } })
  await api.as(P.committee).call('councils.appoint', { villageId: X, council: 'moral', personId: 'p_chenjianguo' })
  expect(await councilsOfChen()).toBeUndefined()
  expect((await api.as(P.chen).call('boards.nominations', { villageId: X })).length).toBe(3)
  await api.as(P.committee).call('councils.remove', { villageId: X, council: 'moral', personId: 'p_chenjianguo', reason: '外出务工' })
  await refused(P.chen, 'boards.nominations', { villageId: X }, 'FORBIDDEN', '道德评议会')
})

test('a person’s deletion reaches the boards: 我的个人信息 lists them; after deletion the entries stay for the record without the name', async () => {
  const XIAOHONG = 'demo-chenxiaohong' // named on the good-deeds board (b12) and the nominator of n3
  await api.as(P.committee).call('councils.appoint', { villageId: X, council: 'villagers', personId: 'p_chenxiaohong' })
  const boards = (await api.as(XIAOHONG).call('account.myData', { section: 'boards' })).section!
  expect(boards.items.map((i) => i.title)).toEqual(expect.arrayContaining(['善行义举榜：新山村西二巷20号', '我推荐郑志远', '新山村村民议事会成员']))

  api.advance(60 * DAY) // every demo topic has closed: nothing blocks the deletion
  await runJobs(api.ports)
  await api.as(XIAOHONG).call('account.requestDeletion', { reason: '不再使用' })
  await api.as('demo-chenmeiling').call('account.confirmDeletion', { villageId: X, personId: 'p_chenxiaohong', reason: '已电话核实本人' })
  // the job erases it, a bounded step at a time
  while (await eraseConfirmed(api.ports, api.ports.clock.now()));
  const b12 = await api.as(P.liguilan).call('boards.entry', { villageId: X, entryId: e(12) })
  expect(b12.responsible).toMatchObject({ name: '已注销用户', personId: '' })
  const left: string[] = []
  for (const c of ['boardEntries', 'nominations', 'councilMembers'] as const) if (JSON.stringify(await api.ports.store.find(c, {}, { limit: 10_000 })).includes('陈小红')) left.push(c)
  expect(left).toEqual([])
})
