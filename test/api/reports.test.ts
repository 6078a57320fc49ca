/**
 * 随手拍 over the seeded demo (T0 = Thursday 2026-11-26 10:00 in Beijing; cloud/src/features/reports/seed.ts): a report
 * routed by its point or the reporter's household, every refusal writing nothing, anonymity to everyone but the
 * grid's workers, the committee and the town, the closed loop end to end, 同问, nearby, transfer, the queue, settings.
 */
import type { ReportView } from '../../cloud/src/contract'
import { pageUrl } from '../../src/routes'
import { apiPerTest, expectRefused, toldOf } from './harness'
import { addFixtures, OPENID } from './samples'
import { eraseConfirmed } from '../../cloud/src/features/account/erase'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'

const X = 'v-xinshan'
const G1 = `${X}:g1`
const G2 = `${X}:g2`
const G3 = `${X}:g3`
const HOUR = 3_600_000
const P = {
  liguilan: 'demo-liguilan', // resident, household in 第一网格
  chenjianguo: 'demo-chenjianguo', // resident, household in 第二网格
  wulihua: 'demo-wulihua',
  huang: 'demo-huangweiming', // grid worker of 第一、二网格
  committee: 'demo-linzhiqiang',
  town: 'demo-caiguohua', // 联安镇
  staff: 'demo-zhangxiuying',
  sunli: 'demo-sunli', // 乌坎村
  grid1: OPENID.gridWorker, // fixture: 第一网格 only
  grid3: OPENID.gridWorkerOtherGrid, // fixture: 第三网格 only
} as const
const PHOTO = (name: string) => `local://villages/${X}/photos/20261126/${name}.jpg`
/** 东一巷口 (第一网格) */
const EAST_LANE = { lng: 115.3312, lat: 22.9305 }

const api = apiPerTest()
const now = () => api.ports.clock.now()

beforeEach(async () => {
  await addFixtures(api)
})

const rubbish = (over: Record<string, unknown> = {}) => ({
  villageId: X,
  category: '环境卫生',
  text: '东一巷口有人倾倒建筑垃圾，堆了半条路。',
  photos: [PHOTO('rubbish')],
  place: { address: '新山村东一巷口', point: EAST_LANE },
  anonymous: false,
  ...over,
})
const file = (openid: string = P.liguilan, over: Record<string, unknown> = {}) => api.as(openid).call('reports.create', rubbish(over) as never)
const outbox = async (title: string) => (await toldOf(api, { title })).map((n) => ({ to: n.to, page: n.page, body: n.body }))
/** whom the job has told (it delivers what the actions left to it, the audiences read then): the people of the notifications so titled */
const deliveredTo = async (title: string) => {
  await deliverDueNotices(api.ports, now())
  return (await api.ports.store.find('notifications', { villageId: X, title }, { limit: 100 })).map((n) => n.personId).sort()
}
const auditOf = async (reportId: string) => (await api.ports.store.find('auditLog', { targetId: reportId }, { sort: [['seq', 'asc']], limit: 100 })).map((e) => [e.action, e.actorName])

describe('reports.create', () => {
  test('routed by its point, due by its category, its grid’s workers told in the same write; the reporter’s id never returned', async () => {
    const r = await file()
    expect(r).toMatchObject({ status: 'reported', gridId: G1, gridName: '第一网格（村东）', level: 'grid', mine: true, reporterName: '李桂兰', metoo: 0 })
    expect(r.acceptDueAt).toBe(now() + 24 * HOUR)
    expect(r.due).toEqual({ kind: 'accept', at: now() + 24 * HOUR, overdue: false })
    expect(r.history).toEqual([expect.objectContaining({ action: 'report', byName: '李桂兰', role: '村民', photos: [PHOTO('rubbish')] })])
    expect(JSON.stringify(r)).not.toContain('p_liguilan')
    const told = await outbox('新的随手拍')
    expect(told).toEqual([{ to: expect.arrayContaining(['p_huangweiming', 'p_matrix_grid1']) as string[], page: pageUrl('reports.detail', { villageId: X, reportId: r.id }), body: expect.stringContaining('新山村东一巷口') as string }])
    expect(told[0].to).toHaveLength(2)
    // residents' own action: no audit entry
    expect(await auditOf(r.id)).toEqual([])
  })

  test('without a point: the reporter’s household’s grid; a grid without workers tells the committee', async () => {
    const r = await file(P.chenjianguo, { place: { address: '新山村西二巷20号门口', point: null } })
    expect(r.gridId).toBe(G2)
    // 第三网格 has no grid worker in the demo (the fixture aside): remove it, and the committee is told
    await api.ports.store.remove('memberships', { _id: `${X}:p_matrix_grid3` })
    const g3 = await file(P.liguilan, { place: { address: '新村路', point: { lng: 115.3293, lat: 22.9266 } } })
    expect(g3.gridId).toBe(G3)
    // (written at the same moment: a notice to one person and an event are told apart, not ordered)
    const told = (await outbox('新的随手拍')).map((n) => n.to)
    expect(told).toHaveLength(2)
    expect(told).toEqual(expect.arrayContaining([['p_huangweiming'], 'committee']))
  })

  test('bad input is refused with the field named, and nothing is stored', async () => {
    const refused = async (over: Record<string, unknown>, code: string, message: string, field?: string) => {
      const err = await expectRefused(api, P.liguilan, 'reports.create', rubbish(over), code, message)
      if (field) expect(err.fields?.[field]).toBeTruthy()
    }
    await refused({ place: { address: '汕尾市区', point: { lng: 115.37, lat: 22.78 } } }, 'BAD_INPUT', '该地点不在本村范围内', 'place')
    await refused({ category: '' }, 'BAD_INPUT', '请选择问题类别', 'category')
    await refused({ category: '养殖污染' }, 'BAD_INPUT', '请从列表中选择问题类别', 'category')
    await refused({ text: '   ' }, 'BAD_INPUT', '问题描述', 'text')
    await refused({ photos: Array.from({ length: 10 }, (_, i) => PHOTO(`p${i}`)) }, 'BAD_INPUT', '最多9张照片', 'photos')
    await refused({ photos: ['local://villages/v-wukan/photos/20261126/x.jpg'] }, 'BAD_INPUT', '照片无效', 'photos')
    await refused({ photos: ['https://example.com/x.png'] }, 'BAD_INPUT', '照片无效', 'photos')
    await refused({ place: { address: '东一巷', point: { lng: 2.35, lat: 48.85 } } }, 'BAD_INPUT', '位置无效')
    await refused({ text: '巷口有人聚众赌博，吵得很。' }, 'CONTENT_REJECTED', '内容不合规', 'text')
    // staff who do not live in the village file nothing; another village's residents are not members
    await expectRefused(api, P.staff, 'reports.create', rubbish(), 'FORBIDDEN', '')
    await expectRefused(api, P.sunli, 'reports.create', rubbish(), 'NOT_MEMBER', '')
  })
})

describe('anonymity', () => {
  test('an anonymous reporter’s name reaches only themselves, the grid’s workers, the committee and the town; their id no one', async () => {
    const filed = await file(P.liguilan, { anonymous: true })
    const seen = async (openid: string) => {
      const v = await api.as(openid).call('reports.get', { villageId: X, reportId: filed.id })
      expect(JSON.stringify(v)).not.toContain('p_liguilan')
      return v
    }
    for (const openid of [P.chenjianguo, P.wulihua, P.grid3, P.staff]) {
      const v = await seen(openid)
      expect(v.reporterName).toBeNull()
      expect(v.history[0]).toMatchObject({ byName: '匿名村民', by: '' })
      expect(JSON.stringify(v)).not.toContain('李桂兰')
    }
    for (const openid of [P.liguilan, P.huang, P.grid1, P.committee, P.town]) {
      const v = await seen(openid)
      expect(v.reporterName).toBe('李桂兰')
      expect(v.history[0].byName).toBe('李桂兰')
    }
    // the notice to the grid and every list stay nameless
    expect(JSON.stringify(await outbox('新的随手拍'))).not.toContain('李桂兰')
    for (const list of [await api.as(P.chenjianguo).call('reports.nearby', { villageId: X, category: '环境卫生', point: EAST_LANE }), await api.as(P.huang).call('reports.queue', { villageId: X, filter: 'open' })]) {
      expect(list.some((s) => s.id === filed.id)).toBe(true)
      expect(JSON.stringify(list)).not.toMatch(/李桂兰|p_liguilan/)
    }
    // a handler's steps carry their own name; the reporter's later word stays anonymous
    await api.as(P.huang).call('reports.accept', { villageId: X, reportId: filed.id, expectedDate: '2026-11-27', note: null })
    await api.as(P.huang).call('reports.resolve', { villageId: X, reportId: filed.id, note: '已清运', photos: [PHOTO('done')] })
    await api.as(P.liguilan).call('reports.reopen', { villageId: X, reportId: filed.id, reason: '还有一半没清走' })
    const other = await seen(P.chenjianguo)
    expect(other.history.map((e) => e.byName)).toEqual(['匿名村民', '黄伟明', '黄伟明', '匿名村民'])
  })

  test('the seeded anonymous report in 第二网格 is nameless to 第一网格’s worker', async () => {
    const v = await api.as(P.grid1).call('reports.get', { villageId: X, reportId: `${X}:r-noise` })
    expect(v).toMatchObject({ anonymous: true, reporterName: null })
    expect((await api.as(P.huang).call('reports.get', { villageId: X, reportId: `${X}:r-noise` })).reporterName).toBe('陈小红')
  })
})

describe('the closed loop', () => {
  test('reported → 同问 → accepted → in progress → resolved → reopened → resolved → confirmed: each step told, audited, in the history', async () => {
    const r = await file()
    const metoo = await api.as(P.chenjianguo).call('reports.metoo', { villageId: X, reportId: r.id })
    expect(metoo).toMatchObject({ metoo: 1, metooByMe: true, can: expect.objectContaining({ metoo: false }) as object })
    expect(metoo.history[1]).toMatchObject({ action: 'metoo', by: '', byName: '村民', note: '同问（共1人）' })
    expect((await api.as(P.chenjianguo).call('reports.mine', { villageId: X })).metoo.map((s) => s.id)).toContain(r.id)

    const asWorker = await api.as(P.huang).call('reports.get', { villageId: X, reportId: r.id })
    expect(asWorker.can).toMatchObject({ accept: true, reject: true, transfer: true, start: false, resolve: false, confirm: false })
    const accepted = await api.as(P.huang).call('reports.accept', { villageId: X, reportId: r.id, expectedDate: '2026-11-27', note: '明天上午清运' })
    // the end of 27 November in Beijing (sooner than 环境卫生's 3 days)
    expect(accepted).toMatchObject({ status: 'accepted', resolveDueAt: Date.UTC(2026, 10, 27, 15, 59, 59, 999), due: { kind: 'resolve', overdue: false } })
    expect(accepted.history[2]).toMatchObject({ action: 'accept', byName: '黄伟明', role: '网格员', note: '预计2026-11-27前办结。明天上午清运' })
    await api.as(P.huang).call('reports.start', { villageId: X, reportId: r.id, note: null })
    const resolved = await api.as(P.huang).call('reports.resolve', { villageId: X, reportId: r.id, note: '已清运干净', photos: [PHOTO('after')] })
    expect(resolved).toMatchObject({ status: 'resolved', resultPhotos: [PHOTO('after')], autoConfirmAt: now() + 7 * 24 * HOUR, due: null })
    expect(resolved.can).toMatchObject({ confirm: false, reopen: false, resolve: false })
    const mine = await api.as(P.liguilan).call('reports.get', { villageId: X, reportId: r.id })
    expect(mine.can).toMatchObject({ confirm: true, reopen: true, accept: false })

    api.advance(HOUR)
    const reopened = await api.as(P.liguilan).call('reports.reopen', { villageId: X, reportId: r.id, reason: '路边还有一堆没清' })
    expect(reopened).toMatchObject({ status: 'inProgress', reopened: 1, autoConfirmAt: null, resolveDueAt: now() + 3 * 24 * HOUR })
    await api.as(P.huang).call('reports.resolve', { villageId: X, reportId: r.id, note: '剩下的也清走了', photos: [PHOTO('after2')] })
    const confirmed = await api.as(P.liguilan).call('reports.confirm', { villageId: X, reportId: r.id, rating: 4, note: '处理及时' })
    expect(confirmed).toMatchObject({ status: 'confirmed', rating: 4, ratingNote: '处理及时', can: expect.objectContaining({ confirm: false, reopen: false }) as object })
    expect(confirmed.history.map((e) => e.action)).toEqual(['report', 'metoo', 'accept', 'start', 'resolve', 'reopen', 'resolve', 'confirm'])

    // the reporter was told of every step; the 同问 neighbour of both resolutions (by the job, which reads the marks);
    // the grid of the reopening and the rating
    const toReporter = (await toldOf(api, { villageId: X })).filter((n) => Array.isArray(n.to) && n.to.includes('p_liguilan')).map((n) => n.title)
    expect(toReporter).toEqual(['您的随手拍已受理', '您的随手拍正在处理', '您的随手拍已办结', '您的随手拍已办结'])
    expect(await deliveredTo('您同问的问题已办结')).toEqual(['p_chenjianguo', 'p_chenjianguo'])
    expect((await outbox('随手拍未解决，请重新处理')).map((n) => n.to)).toEqual([expect.arrayContaining(['p_huangweiming'])])
    expect((await outbox('随手拍已确认办结'))[0].body).toContain('评分4星')
    // every handler's step is in the village's audit log; the reporter's own are not
    expect(await auditOf(r.id)).toEqual([
      ['reports.accept', '黄伟明'],
      ['reports.start', '黄伟明'],
      ['reports.resolve', '黄伟明'],
      ['reports.resolve', '黄伟明'],
    ])
    expect((await api.as(P.committee).call('audit.verify', { villageId: X })).ok).toBe(true)
  })

  test('reject with a reason: closed, the reporter told why', async () => {
    const r = await file()
    const rejected = await api.as(P.committee).call('reports.reject', { villageId: X, reportId: r.id, reason: '该处为私人宅基地，请业主自行清理' })
    expect(rejected).toMatchObject({ status: 'rejected', due: null })
    expect(rejected.history[1]).toMatchObject({ action: 'reject', byName: '林志强', role: '村委会', note: '该处为私人宅基地，请业主自行清理' })
    expect((await outbox('您的随手拍不予受理'))[0]).toMatchObject({ to: ['p_liguilan'], body: expect.stringContaining('私人宅基地') as string })
    expect(await auditOf(r.id)).toEqual([['reports.reject', '林志强']])
  })
})

describe('handling refusals write nothing', () => {
  test('who may not, and why', async () => {
    const r = await file()
    const accept = { villageId: X, reportId: r.id, expectedDate: '2026-11-28', note: null }
    await expectRefused(api, P.chenjianguo, 'reports.accept', accept, 'FORBIDDEN', '只有本网格的网格员、村委会或镇街干部可以处理')
    await expectRefused(api, P.grid3, 'reports.accept', accept, 'FORBIDDEN', '该问题不在您负责的网格')
    await expectRefused(api, P.grid3, 'reports.reject', { villageId: X, reportId: r.id, reason: '不归我管' }, 'FORBIDDEN', '该问题不在您负责的网格')
    await expectRefused(api, P.staff, 'reports.accept', accept, 'FORBIDDEN', '只有本网格的网格员、村委会或镇街干部可以处理')
    await expectRefused(api, P.sunli, 'reports.accept', accept, 'NOT_MEMBER', '')
    // only the reporter confirms or reopens
    await api.as(P.huang).call('reports.accept', accept)
    await api.as(P.huang).call('reports.resolve', { villageId: X, reportId: r.id, note: '已清运', photos: [PHOTO('a')] })
    await expectRefused(api, P.huang, 'reports.confirm', { villageId: X, reportId: r.id, rating: 5, note: null }, 'FORBIDDEN', '只有上报人可以确认办结')
    await expectRefused(api, P.chenjianguo, 'reports.reopen', { villageId: X, reportId: r.id, reason: '没修好' }, 'FORBIDDEN', '只有上报人可以重新提出')
    // another village's report reads as missing
    await expectRefused(api, P.committee, 'reports.get', { villageId: X, reportId: 'v-wukan:r-harbour' }, 'NOT_FOUND', '找不到该问题')
  })

  test('wrong states and bad input', async () => {
    const r = await file()
    const id = { villageId: X, reportId: r.id }
    await expectRefused(api, P.huang, 'reports.start', { ...id, note: null }, 'CONFLICT', '请先受理该问题')
    await expectRefused(api, P.liguilan, 'reports.confirm', { ...id, rating: 5, note: null }, 'CONFLICT', '还没有办结')
    await expectRefused(api, P.huang, 'reports.accept', { ...id, expectedDate: '2026-11-25', note: null }, 'BAD_INPUT', '预计办结日期不能早于今天')
    await expectRefused(api, P.huang, 'reports.accept', { ...id, expectedDate: '2026/11/28', note: null }, 'BAD_INPUT', '日期格式')
    await api.as(P.huang).call('reports.accept', { ...id, expectedDate: '2026-11-28', note: null })
    await expectRefused(api, P.huang, 'reports.accept', { ...id, expectedDate: '2026-11-28', note: null }, 'CONFLICT', '该问题已受理，不能再受理')
    await expectRefused(api, P.huang, 'reports.resolve', { ...id, note: '已处理', photos: [] }, 'BAD_INPUT', '请上传办结后的照片')
    await expectRefused(api, P.huang, 'reports.resolve', { ...id, note: '已处理', photos: ['local://villages/v-wukan/photos/20261126/x.jpg'] }, 'BAD_INPUT', '照片无效')
    await expectRefused(api, P.liguilan, 'reports.confirm', { ...id, rating: 6, note: null }, 'BAD_INPUT', '评分为1到5星')
    await expectRefused(api, P.huang, 'reports.transfer', { ...id, to: { kind: 'grid', gridId: G1 }, reason: '转一下' }, 'BAD_INPUT', '该问题已在这个网格')
    await expectRefused(api, P.huang, 'reports.transfer', { ...id, to: { kind: 'grid', gridId: 'v-wukan:g1' }, reason: '转一下' }, 'NOT_FOUND', '找不到该网格')
    await expectRefused(api, P.committee, 'reports.reject', { villageId: X, reportId: `${X}:r-bridge`, reason: '重复上报' }, 'CONFLICT', '该问题已确认，不能再作不予受理')
  })

  test('two workers accepting at once: one succeeds, the other is told it changed', async () => {
    const r = await file()
    const input = { villageId: X, reportId: r.id, expectedDate: '2026-11-28', note: null }
    const results = await Promise.all([api.router('reports.accept', input, { openid: P.huang }), api.router('reports.accept', input, { openid: P.committee })])
    expect(results.filter((x) => x.ok)).toHaveLength(1)
    expect(results.filter((x) => !x.ok).map((x) => (x.ok ? null : x.error.code))).toEqual(['CONFLICT'])
    const stored = (await api.ports.store.get('reports', r.id))!
    expect(stored.history.filter((e) => e.action === 'accept')).toHaveLength(1)
    expect(await auditOf(r.id)).toHaveLength(1)
  })
})

describe('transfer', () => {
  test('to another grid: its workers take over on a new clock; to the town: only the town and the committee', async () => {
    const r = await file()
    api.advance(2 * HOUR)
    const moved = await api.as(P.committee).call('reports.transfer', { villageId: X, reportId: r.id, to: { kind: 'grid', gridId: G3 }, reason: '该路段属于新村' })
    expect(moved).toMatchObject({ status: 'reported', gridId: G3, level: 'grid', acceptDueAt: now() + 24 * HOUR })
    // its new grid's workers, as the job finds them
    expect(await deliveredTo('转办来的随手拍')).toEqual(['p_matrix_grid3'])
    expect((await outbox('您的随手拍已转办'))[0].body).toContain('第三网格（新村）')
    await expectRefused(api, P.grid1, 'reports.accept', { villageId: X, reportId: r.id, expectedDate: '2026-11-28', note: null }, 'FORBIDDEN', '该问题不在您负责的网格')

    const up = await api.as(P.grid3).call('reports.transfer', { villageId: X, reportId: r.id, to: { kind: 'town' }, reason: '需要镇环卫站派车' })
    expect(up).toMatchObject({ status: 'reported', level: 'town', gridId: G3 })
    expect(up.history.at(-1)).toMatchObject({ action: 'transfer', byName: '吴网格', role: '网格员', note: '转办至镇街：需要镇环卫站派车' })
    expect(await deliveredTo('转办镇街的随手拍')).toEqual(['p_caiguohua'])
    await expectRefused(api, P.grid3, 'reports.accept', { villageId: X, reportId: r.id, expectedDate: '2026-11-28', note: null }, 'FORBIDDEN', '该问题已转办镇街，由镇街干部处理')
    await expectRefused(api, P.grid3, 'reports.transfer', { villageId: X, reportId: r.id, to: { kind: 'town' }, reason: '再转一次' }, 'FORBIDDEN', '该问题已转办镇街')
    const accepted = await api.as(P.town).call('reports.accept', { villageId: X, reportId: r.id, expectedDate: '2026-11-28', note: null })
    expect(accepted.history.at(-1)).toMatchObject({ byName: '蔡国华', role: '镇街干部' })
    expect(await auditOf(r.id)).toEqual([
      ['reports.transfer', '林志强'],
      ['reports.transfer', '吴网格'],
      ['reports.accept', '蔡国华'],
    ])
  })

  test('by a membership from before it carried the village’s grids: the grid is read, named and refused the same', async () => {
    const r = await file()
    const mine = (await api.ports.store.get('memberships', `${X}:p_linzhiqiang`))!
    await api.ports.store.update('memberships', { _id: mine._id }, { set: { village: { ...mine.village!, grids: undefined } } })
    await expectRefused(api, P.committee, 'reports.transfer', { villageId: X, reportId: r.id, to: { kind: 'grid', gridId: 'v-wukan:g1' }, reason: '转一下' }, 'NOT_FOUND', '找不到该网格')
    const moved = await api.as(P.committee).call('reports.transfer', { villageId: X, reportId: r.id, to: { kind: 'grid', gridId: G2 }, reason: '该路段属于村西' })
    expect(moved.history.at(-1)).toMatchObject({ action: 'transfer', note: '转办至第二网格（村西）：该路段属于村西' })
  })
})

describe('同问 and nearby', () => {
  test('同问: once, not one’s own, only while open', async () => {
    const lamp = { villageId: X, reportId: `${X}:r-lamp` }
    await expectRefused(api, P.wulihua, 'reports.metoo', lamp, 'FORBIDDEN', '这是您自己上报的问题')
    const v = await api.as(P.liguilan).call('reports.metoo', lamp)
    expect(v.metoo).toBe(1)
    await expectRefused(api, P.liguilan, 'reports.metoo', lamp, 'DUPLICATE', '已同问')
    await expectRefused(api, P.liguilan, 'reports.metoo', { villageId: X, reportId: `${X}:r-bridge` }, 'CONFLICT', '该问题已确认，不能再同问')
    await expectRefused(api, P.staff, 'reports.metoo', lamp, 'FORBIDDEN', '')
    // at once from one person: one mark, the count moved once
    const twice = await Promise.all([api.router('reports.metoo', lamp, { openid: P.chenjianguo }), api.router('reports.metoo', lamp, { openid: P.chenjianguo })])
    expect(twice.filter((x) => x.ok)).toHaveLength(1)
    expect((await api.ports.store.get('reports', lamp.reportId))!.metoo).toBe(2)
    expect(await api.ports.store.count('reportMeToos', { reportId: lamp.reportId })).toBe(2)
  })

  test('nearby: open reports of the category within 300 m, nearest first, not one’s own; without a point, the caller’s grid', async () => {
    const near = await api.as(P.liguilan).call('reports.nearby', { villageId: X, category: '道路设施', point: { lng: 115.3318, lat: 22.9306 } })
    // 路灯 (东一巷中段, ~30 m) before 井盖 (东一巷口, ~60 m); 西河堤小桥 is ~500 m away and confirmed anyway
    expect(near.map((s) => s.id)).toEqual([`${X}:r-lamp`, `${X}:r-manhole`])
    expect(near[0].distance).toBeLessThan(near[1].distance!)
    expect(near[1].distance).toBeLessThanOrEqual(300)
    // 吴丽华 does not see her own
    expect((await api.as(P.wulihua).call('reports.nearby', { villageId: X, category: '道路设施', point: { lng: 115.3318, lat: 22.9306 } })).map((s) => s.id)).toEqual([`${X}:r-manhole`])
    // far from everything
    expect(await api.as(P.liguilan).call('reports.nearby', { villageId: X, category: '道路设施', point: { lng: 115.3265, lat: 22.9255 } })).toEqual([])
    // no point: 李桂兰's household is in 第一网格; 陈建国's in 第二网格 (where 道路设施 has nothing open)
    expect((await api.as(P.liguilan).call('reports.nearby', { villageId: X, category: '道路设施', point: null })).map((s) => s.id).sort()).toEqual([`${X}:r-lamp`, `${X}:r-manhole`].sort())
    expect(await api.as(P.chenjianguo).call('reports.nearby', { villageId: X, category: '道路设施', point: null })).toEqual([])
  })
})

describe('the queue', () => {
  const ids = (list: Array<{ id: string }>) => list.map((s) => s.id.replace(`${X}:r-`, ''))

  test('a grid worker sees their grids; the committee all; the town its reports and the overdue; most overdue first', async () => {
    const mine = await api.as(P.huang).call('reports.queue', { villageId: X, filter: 'open' })
    // 电线杆 is overdue (past 4 hours): first; then the newest
    expect(ids(mine)).toEqual(['pole', 'noise', 'lamp', 'manhole', 'wall', 'ditch'])
    expect(ids(await api.as(P.grid3).call('reports.queue', { villageId: X, filter: 'open' }))).toEqual(['rubbish1', 'rubbish2', 'rubbish3'])
    const all = await api.as(P.committee).call('reports.queue', { villageId: X, filter: 'open' })
    expect(ids(all)).toEqual(['rubbish1', 'rubbish2', 'pole', 'noise', 'dike', 'lamp', 'rubbish3', 'manhole', 'wall', 'ditch'])
    expect(ids(await api.as(P.town).call('reports.queue', { villageId: X, filter: 'open' }))).toEqual(['rubbish1', 'rubbish2', 'pole', 'dike'])
    expect(ids(await api.as(P.town).call('reports.queue', { villageId: X, filter: 'town' }))).toEqual(['dike'])
    expect(ids(await api.as(P.committee).call('reports.queue', { villageId: X, filter: 'overdue' }))).toEqual(['rubbish1', 'rubbish2', 'pole'])
    expect(ids(await api.as(P.committee).call('reports.queue', { villageId: X, filter: 'closed' }))).toEqual(['drain', 'fence', 'bridge'])
    await expectRefused(api, P.liguilan, 'reports.queue', { villageId: X, filter: 'open' }, 'FORBIDDEN', '只有网格员、村委会和镇街干部有处理队列')
  })
})

describe('settings', () => {
  test('the form’s settings: the categories, the grids with their areas, the middle', async () => {
    const s = await api.as(P.liguilan).call('reports.settings', { villageId: X })
    // the defaults and the one 新山村 added
    expect(s.categories.map((c) => c.name)).toEqual(['环境卫生', '安全隐患', '消防', '道路设施', '矛盾纠纷', '噪音', '其他', '违章搭建'])
    expect(s.grids.map((g) => [g.name, g.area?.length])).toEqual([
      ['第一网格（村东）', 5],
      ['第二网格（村西）', 5],
      ['第三网格（新村）', 5],
    ])
    expect(s.center).toEqual({ lng: 115.33, lat: 22.9285 })
  })

  test('the committee adds a category with its deadlines (audited); reports use it at once', async () => {
    const s = await api.as(P.committee).call('reports.setSettings', { villageId: X, categories: [{ name: '环境卫生', acceptHours: 12, resolveDays: 2 }, { name: '养殖污染', acceptHours: 8, resolveDays: 5 }], autoConfirmDays: 5 })
    expect(s).toMatchObject({ autoConfirmDays: 5, categories: [{ name: '环境卫生' }, { name: '养殖污染' }] })
    const r = await file(P.liguilan, { category: '养殖污染' })
    expect(r.acceptDueAt).toBe(now() + 8 * HOUR)
    await expectRefused(api, P.liguilan, 'reports.create', rubbish({ category: '噪音' }), 'BAD_INPUT', '请从列表中选择问题类别')
    const entries = await api.ports.store.find('auditLog', { action: 'reports.setSettings' }, { limit: 10 })
    expect(entries).toEqual([expect.objectContaining({ actorName: '林志强', reason: expect.stringContaining('养殖污染（8小时受理，5天办结）') as string })])
    await expectRefused(api, P.committee, 'reports.setSettings', { villageId: X, categories: [{ name: '噪音', acceptHours: 1, resolveDays: 1 }, { name: '噪音', acceptHours: 2, resolveDays: 2 }], autoConfirmDays: 5 }, 'BAD_INPUT', '类别「噪音」重复了')
    await expectRefused(api, P.huang, 'reports.setSettings', { villageId: X, categories: [{ name: '噪音', acceptHours: 1, resolveDays: 1 }], autoConfirmDays: 5 }, 'FORBIDDEN', '')
  })
})

test('my reports: mine newest first, and those I added 同问 to', async () => {
  const mine = await api.as(P.liguilan).call('reports.mine', { villageId: X })
  expect(mine.reports.map((s) => s.id)).toEqual([`${X}:r-drain`])
  expect(mine.metoo.map((s) => s.id)).toEqual([`${X}:r-rubbish1`])
  const r: ReportView = await file()
  expect((await api.as(P.liguilan).call('reports.mine', { villageId: X })).reports.map((s) => s.id)).toEqual([r.id, `${X}:r-drain`])
})

test('个人信息: my reports and 同问 in 我的个人信息; on deletion the reports stay under 已注销用户 and the marks go', async () => {
  const linjun = 'demo-linjun'
  await api.as(linjun).call('reports.metoo', { villageId: X, reportId: `${X}:r-lamp` })
  const anon = await file(linjun, { anonymous: true })
  const section = (await api.as(linjun).call('account.myData', { section: 'reports' })).section!
  expect(section.items.map((i) => i.title).sort()).toEqual(['道路设施：新山村东一巷口', '环境卫生：新山村东一巷口', '同问：道路设施：新山村东一巷中段'].sort())
  expect(section.items.find((i) => i.lines.some((l) => l.includes('匿名上报')))).toBeTruthy()

  await api.as(linjun).call('account.requestDeletion', { reason: '不再使用' })
  await api.as(P.committee).call('account.confirmDeletion', { villageId: X, personId: 'p_linjun', reason: '已电话核实本人' })
  // the job erases it, a bounded step at a time
  while (await eraseConfirmed(api.ports, api.ports.clock.now()));
  const { store } = api.ports
  for (const id of [`${X}:r-manhole`, anon.id]) {
    const r = (await store.get('reports', id))!
    expect(r).toMatchObject({ reporterId: '', reporterName: '已注销用户' })
    expect(r.history[0]).toMatchObject({ by: '', byName: '已注销用户' })
    expect(JSON.stringify(r)).not.toMatch(/p_linjun|林俊/)
  }
  expect(await store.count('reportMeToos', { personId: 'p_linjun' })).toBe(0)
  // the count stays; the worker still handles what he reported, and nobody can confirm it for him
  expect((await store.get('reports', `${X}:r-lamp`))!.metoo).toBe(1)
  const v = await api.as(P.huang).call('reports.get', { villageId: X, reportId: `${X}:r-manhole` })
  expect(v).toMatchObject({ reporterName: '已注销用户', mine: false, can: expect.objectContaining({ start: true }) as object })
})
