/**
 * 村务公开 over the seeded demo (T0 = Thursday 2026-11-26 10:00 in Beijing; cloud/src/features/affairs/seed.ts): the
 * notices' order, states and unread marks, opening one counting its reader once, the committee publishing (told to
 * the residents in the same transaction, audited), correcting and taking one down, every refusal writing nothing;
 * the 小微权力清单 with its 办事指南 and 无证明 items, edited by the committee only.
 */
import type { InputOf } from '../../cloud/src/contract'
import { pageUrl } from '../../src/routes'
import { documentPath } from '../../cloud/src/common/documents'
import { photoPath } from '../../cloud/src/common/photos'
import { tinyPdf } from '../../cloud/src/common/pdf'
import { DEMO_PDF_NAME } from '../../cloud/src/features/affairs/seed'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import { apiPerTest, expectRefused, T0 } from './harness'

const X = 'v-xinshan'
const H = 'v-henan'
const P = {
  linshuisheng: 'demo-linshuisheng', // has read n-water, n-medical, n-finance
  liguilan: 'demo-liguilan',
  committee: 'demo-linzhiqiang',
  staff: 'demo-zhangxiuying',
  sunli: 'demo-sunli', // 乌坎村
  henanCommittee: 'demo-zhoumin',
} as const
const DAY = 24 * 3600 * 1000

const api = apiPerTest()

const publish = (over: Record<string, unknown> = {}) => ({
  villageId: X,
  noticeId: null,
  category: 'village',
  title: '新村路路灯维修通知',
  text: '本周五晚上新村路路灯维修，请村民夜间出行注意安全。',
  photos: [],
  from: '2026-11-26',
  until: '2026-12-10',
  ...over,
}) as InputOf<'affairs.publishNotice'>

describe('notices', () => {
  test('residents see current ones first, newest first, then expired; unread marked; one not yet begun only for the committee', async () => {
    const mine = await api.as(P.linshuisheng).call('affairs.notices', { villageId: X })
    expect(mine.notices.map((n) => [n.title, n.state, n.read])).toEqual([
      ['12月主题党日活动安排', 'current', false],
      ['关于12月自来水管网改造停水的通知', 'current', true],
      ['2027年度城乡居民医保开始缴费', 'current', true],
      ['2026年第三季度村级财务公开', 'current', true],
      ['台风“山神”防御提示', 'expired', true],
    ])
    expect(mine).toMatchObject({ unread: 1, canPublish: false })
    const hers = await api.as(P.liguilan).call('affairs.notices', { villageId: X })
    expect(hers.unread).toBe(3)
    const committee = await api.as(P.committee).call('affairs.notices', { villageId: X })
    expect(committee.canPublish).toBe(true)
    expect(committee.notices.find((n) => n.state === 'upcoming')?.title).toBe('冬季流感疫苗免费接种')
    expect((await api.as(P.committee).call('affairs.notices', { villageId: X, category: 'finance' })).notices.map((n) => n.title)).toEqual(['2026年第三季度村级财务公开'])
  })

  test('the list comes a page at a time in its order, every notice once; the unread figure counts the newest 100 current ones', async () => {
    const water = (await api.ports.store.get('notices', `${X}:n-water`))!
    // current (some without an end day, several on one day), upcoming and expired, interleaved by id
    const many = Array.from({ length: 200 }, (_, i) => {
      const kind = i % 5 === 4 ? 'upcoming' : i % 5 === 3 ? 'expired' : 'current'
      const day = `2026-${kind === 'upcoming' ? '12' : kind === 'expired' ? '09' : '11'}-${String(1 + (i % 7)).padStart(2, '0')}`
      return { ...water, _id: `${X}:n-many-${String(i).padStart(3, '0')}`, title: `公告${i}`, from: day, until: kind === 'expired' ? '2026-10-01' : i % 2 ? null : '2026-12-31' }
    })
    api.seedDocuments('notices', many)
    const walk = async (key: string) => {
      const seen: Array<{ id: string; state: string; from: string }> = []
      let after: string | null = null
      let first: { unread: number | null } | null = null
      for (let page = 0; page < 50; page++) {
        const got: Awaited<ReturnType<typeof list>> = await list(key, after)
        first ??= got
        expect(got.notices.length).toBeLessThanOrEqual(20)
        if (page > 0) expect(got.unread).toBeNull()
        seen.push(...got.notices.map((n) => ({ id: n.id, state: n.state, from: n.from })))
        after = got.next
        if (!after) break
      }
      return { seen, unread: first!.unread }
    }
    const list = (key: string, after: string | null) => api.as(key).call('affairs.notices', { villageId: X, after })
    const rank = { current: 0, upcoming: 1, expired: 2 } as const
    const inOrder = (seen: Array<{ id: string; state: string; from: string }>) =>
      [...seen].sort((a, b) => rank[a.state as keyof typeof rank] - rank[b.state as keyof typeof rank] || b.from.localeCompare(a.from) || b.id.localeCompare(a.id))

    const resident = await walk(P.liguilan)
    const all = await api.ports.store.find('notices', { villageId: X }, { limit: 1000 })
    const visible = all.filter((n) => n.from <= '2026-11-26')
    expect(resident.seen.map((n) => n.id)).toEqual(inOrder(resident.seen).map((n) => n.id))
    expect(new Set(resident.seen.map((n) => n.id)).size).toBe(resident.seen.length)
    expect(resident.seen.map((n) => n.id).sort()).toEqual(visible.map((n) => n._id).sort())
    // 120 current of the 200 and the demo's 4 (the newest, one of them read): the figure looks at the newest 100
    expect(resident.seen.filter((n) => n.state === 'current')).toHaveLength(124)
    expect(resident.unread).toBe(99)

    const committee = await walk(P.committee)
    expect(committee.seen.map((n) => n.id)).toEqual(inOrder(committee.seen).map((n) => n.id))
    expect(committee.seen.map((n) => n.id).sort()).toEqual(all.map((n) => n._id).sort())
    expect(committee.seen.filter((n) => n.state === 'upcoming')).toHaveLength(41)

    // a malformed cursor reads from the start
    expect((await list(P.liguilan, 'nonsense')).notices[0].id).toBe(resident.seen[0].id)
  })

  test('opening a notice marks it read for the caller and counts them once', async () => {
    const id = `${X}:n-party`
    const first = await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: id })
    expect(first).toMatchObject({ read: true, reads: 1, canEdit: false, residents: null })
    expect((await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: id })).reads).toBe(1)
    await Promise.all([api.as(P.linshuisheng).call('affairs.notice', { villageId: X, noticeId: id }), api.as(P.linshuisheng).call('affairs.notice', { villageId: X, noticeId: id })])
    const seen = await api.as(P.committee).call('affairs.notice', { villageId: X, noticeId: id })
    expect(seen.reads).toBe(3)
    expect(seen.residents).toBeGreaterThan(5)
    expect((await api.as(P.liguilan).call('affairs.notices', { villageId: X })).unread).toBe(2)
  })

  test('a notice not yet begun, or of another village, reads as missing', async () => {
    await expectRefused(api, P.liguilan, 'affairs.notice', { villageId: X, noticeId: `${X}:n-flu` }, 'NOT_FOUND', '找不到该公告')
    await expectRefused(api, P.liguilan, 'affairs.notice', { villageId: X, noticeId: `${H}:n-parking` }, 'NOT_FOUND', '找不到该公告')
    await expectRefused(api, P.sunli, 'affairs.notices', { villageId: X }, 'NOT_MEMBER', '')
  })

  test('the committee publishes: stored, audited, and every resident but the author told in one event', async () => {
    const n = await api.as(P.committee).call('affairs.publishNotice', publish())
    expect(n).toMatchObject({ state: 'current', reads: 0, read: false, createdByName: '林志强' })
    const events = await api.ports.store.find('noticeOutbox', { title: '村务公告' }, { limit: 10 })
    expect(events).toHaveLength(1)
    // to the residents as they are at delivery, but the author: left to the job, which reads the members a page at a time
    expect(events[0]).toMatchObject({ to: 'residents', except: 'p_linzhiqiang', status: 'pending' })
    expect(await api.ports.store.count('notifications', { title: '村务公告' })).toBe(0)
    await deliverDueNotices(api.ports, T0)
    expect((await api.ports.store.get('noticeOutbox', events[0]._id))?.status).toBe('done')
    const to = (await api.ports.store.find('notifications', { title: '村务公告' }, { limit: 100 })).map((x) => x.personId)
    expect(to).toEqual(expect.arrayContaining(['p_liguilan', 'p_linshuisheng']))
    expect(to).not.toContain('p_linzhiqiang')
    expect(to).not.toContain('p_zhangxiuying') // hall staff are no residents
    expect(events[0].body).toBe('新村路路灯维修通知')
    expect(events[0].page).toBe(pageUrl('affairs.notice', { villageId: X, noticeId: n.id }))
    const log = await api.ports.store.find('auditLog', { villageId: X, targetId: n.id }, { limit: 10 })
    expect(log.map((e) => e.action)).toEqual(['affairs.publishNotice'])
    const list = await api.as(P.liguilan).call('affairs.notices', { villageId: X })
    expect(list.notices[0]).toMatchObject({ title: '新村路路灯维修通知', read: false })
    expect(list.unread).toBe(4)
  })

  test('one published ahead says from when; a correction keeps the readers and is audited; taking it down removes the marks', async () => {
    const ahead = await api.as(P.committee).call('affairs.publishNotice', publish({ from: '2026-12-01' }))
    expect(ahead.state).toBe('upcoming')
    expect((await api.ports.store.find('noticeOutbox', { title: '村务公告' }, { limit: 10 }))[0].body).toBe('新村路路灯维修通知（2026-12-01起公示）')
    const id = `${X}:n-water`
    const fixed = await api.as(P.committee).call('affairs.publishNotice', publish({ noticeId: id, title: '关于12月停水的更正通知', from: '2026-11-24' }))
    expect(fixed).toMatchObject({ id, reads: 2, title: '关于12月停水的更正通知' })
    expect(await api.ports.store.find('noticeOutbox', { title: '村务公告' }, { limit: 10 })).toHaveLength(1) // a correction is not told again
    await api.as(P.committee).call('affairs.removeNotice', { villageId: X, noticeId: id, reason: '停水改期，另行通知' })
    expect(await api.ports.store.get('notices', id)).toBeNull()
    expect(await api.ports.store.find('noticeReads', { noticeId: id }, { limit: 10 })).toEqual([])
    const log = await api.ports.store.find('auditLog', { villageId: X, targetId: id }, { limit: 10 })
    expect(log.map((e) => [e.action, e.reason])).toEqual([
      ['affairs.editNotice', null],
      ['affairs.removeNotice', '停水改期，另行通知'],
    ])
  })

  test('refusals write nothing: residents and staff, bad periods, photos of another village, content, another village’s notice', async () => {
    await expectRefused(api, P.liguilan, 'affairs.publishNotice', publish(), 'FORBIDDEN', '')
    await expectRefused(api, P.staff, 'affairs.publishNotice', publish(), 'FORBIDDEN', '')
    await expectRefused(api, P.liguilan, 'affairs.removeNotice', { villageId: X, noticeId: `${X}:n-water`, reason: '不想看' }, 'FORBIDDEN', '')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ from: '2026-12-10', until: '2026-12-01' }), 'BAD_INPUT', '公示截止日期不能早于开始日期')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ from: '2026-11-01', until: '2026-11-20' }), 'BAD_INPUT', '公示截止日期已过')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ category: 'sports' }), 'BAD_INPUT', '请选择公告类别')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ title: '' }), 'BAD_INPUT', '请填写标题')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ photos: [`local://villages/v-wukan/photos/20261126/a.jpg`] }), 'BAD_INPUT', '')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ text: '晚上祠堂门口有人聚众赌博。' }), 'CONTENT_REJECTED', '内容不合规')
    await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ noticeId: `${H}:n-parking` }), 'NOT_FOUND', '找不到该公告')
    await expectRefused(api, P.committee, 'affairs.removeNotice', { villageId: X, noticeId: `${H}:n-parking`, reason: '重复发布' }, 'NOT_FOUND', '找不到该公告')
  })

  test('an expired notice stays readable, marked so, and the period moves with the clock', async () => {
    const water = `${X}:n-water`
    expect((await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: water })).state).toBe('current')
    api.advance(10 * DAY)
    expect((await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: water })).state).toBe('expired')
    const list = await api.as(P.liguilan).call('affairs.notices', { villageId: X })
    expect(list.notices.find((n) => n.title === '冬季流感疫苗免费接种')?.state).toBe('current')
  })
})

describe('PDF attachments', () => {
  const PDF = tinyPdf('停电通知', ['12月5日 8:00—17:00 新村路停电'])
  /** what WeChat's cloud.uploadFile would have put in the village's documents folder (no upload route on the way) */
  const stored = async (bytes: Buffer, path = documentPath(X, api.ports.clock.now())) => (await api.ports.files.put(path, bytes, 'application/pdf')).fileId

  test('a notice keeps its PDF with the size storage measured (not the one sent); readers get a URL that names it', async () => {
    const fileId = await stored(PDF)
    const n = await api.as(P.committee).call('affairs.publishNotice', publish({ attachments: [{ fileId, name: '停电范围图.pdf', size: 1 }] }))
    expect(n.attachments).toEqual([{ fileId, name: '停电范围图.pdf', size: PDF.length, url: expect.stringContaining(`?name=${encodeURIComponent('停电范围图.pdf')}`) }])
    const read = await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: n.id })
    expect(read.attachments.map((a) => [a.name, a.size])).toEqual([['停电范围图.pdf', PDF.length]])
    // a correction renames it without another look at storage, and can drop it
    const renamed = await api.as(P.committee).call('affairs.publishNotice', publish({ noticeId: n.id, attachments: [{ fileId, name: '停电范围.pdf' }] }))
    expect(renamed.attachments.map((a) => [a.name, a.size])).toEqual([['停电范围.pdf', PDF.length]])
    expect((await api.as(P.committee).call('affairs.publishNotice', publish({ noticeId: n.id, attachments: [] }))).attachments).toEqual([])
  })

  test('the seeded finance notice carries the quarter as a real PDF', async () => {
    const n = await api.as(P.liguilan).call('affairs.notice', { villageId: X, noticeId: `${X}:n-finance` })
    expect(n.attachments).toEqual([expect.objectContaining({ name: DEMO_PDF_NAME })])
    const found = await api.ports.files.inspect(n.attachments[0].fileId)
    expect(found?.head.toString('latin1', 0, 5)).toBe('%PDF-')
    expect(found?.size).toBe(n.attachments[0].size)
  })

  test('refusals write nothing: a renamed PNG, an EXE called .pdf, over 10 MB, missing, another village’s, a photo, twice, a bad name', async () => {
    const png = await stored(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'))
    const exe = await stored(Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(200)]))
    const big = await stored(Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]))
    const ok = await stored(PDF)
    const other = await stored(PDF, documentPath(H, api.ports.clock.now()))
    const photo = (await api.ports.files.put(photoPath(X, api.ports.clock.now(), 'pdf'), PDF, 'application/pdf')).fileId
    const cases: Array<[unknown, string]> = [
      [[{ fileId: png, name: '通知.pdf' }], '附件「通知.pdf」不是 PDF 文件'],
      [[{ fileId: exe, name: '补贴名单.pdf' }], '附件「补贴名单.pdf」不是 PDF 文件'],
      [[{ fileId: big, name: '大文件.pdf' }], '附件「大文件.pdf」超过10MB'],
      [[{ fileId: documentPath(X, api.ports.clock.now()).replace(/^/, 'local://'), name: '没传上.pdf' }], '没有上传成功'],
      [[{ fileId: other, name: '别村的.pdf' }], '附件无效'],
      [[{ fileId: photo, name: '照片.pdf' }], '附件无效'],
      [[{ fileId: ok, name: 'a.pdf' }, { fileId: ok, name: 'b.pdf' }], '同一个附件添加了两次'],
      [[{ fileId: ok, name: '../../etc/passwd' }], '附件名称不能含有斜杠'],
      [Array.from({ length: 6 }, () => ({ fileId: ok, name: 'x.pdf' })), '最多5个附件'],
    ]
    for (const [attachments, message] of cases) {
      const err = await expectRefused(api, P.committee, 'affairs.publishNotice', publish({ attachments } as never), 'BAD_INPUT', message)
      expect(Object.keys(err.fields ?? {}).some((f) => f.startsWith('attachments'))).toBe(true)
    }
    // a resident cannot attach anything, since a resident cannot publish
    await expectRefused(api, P.liguilan, 'affairs.publishNotice', publish({ attachments: [{ fileId: ok, name: 'a.pdf' }] }), 'FORBIDDEN', '')
  })
})

describe('小微权力清单', () => {
  test('a village and a community each have a dozen and more items across 职责, 协助 and 禁入', async () => {
    for (const [who, villageId] of [
      [P.liguilan, X],
      [P.henanCommittee, H],
    ] as const) {
      const list = await api.as(who).call('affairs.duties', { villageId })
      expect(list.duties.length).toBeGreaterThanOrEqual(12)
      expect(Object.values(list.counts).every((c) => c >= 3)).toBe(true)
      expect(list.duties.map((d) => d.kind)).toEqual([...list.duties.map((d) => d.kind)].sort((a, b) => ['duty', 'assist', 'banned'].indexOf(a) - ['duty', 'assist', 'banned'].indexOf(b)))
      // every 办事指南 of a 无证明 item says why no certificate is needed; 禁入 items have none
      expect(list.duties.filter((d) => d.guide && !d.guide.needsCertificate).every((d) => /无需|不再|不用/.test(d.guide!.certificateNote))).toBe(true)
      expect(list.duties.filter((d) => d.kind === 'banned').every((d) => d.guide === null)).toBe(true)
    }
    expect((await api.as(P.liguilan).call('affairs.duties', { villageId: X })).canEdit).toBe(false)
  })

  test('one duty with its 办事指南; another village’s reads as missing', async () => {
    const d = await api.as(P.liguilan).call('affairs.duty', { villageId: X, dutyId: `${X}:d-duty-4` })
    expect(d).toMatchObject({ name: '低保、特困供养申请受理', guide: { needsCertificate: false, phone: '0660-6801000' } })
    expect(d.guide!.certificateNote).toContain('无需开具“家庭困难证明”')
    await expectRefused(api, P.committee, 'affairs.duty', { villageId: X, dutyId: `${H}:d-duty-3` }, 'NOT_FOUND', '找不到该事项')
  })

  test('the committee adds a duty with its 办事指南 and changes one, audited; refusals write nothing', async () => {
    const guide = { bring: ['身份证'], where: '党群服务中心', when: '工作日', phone: '0660-6801000', needsCertificate: false, certificateNote: '无需证明：凭身份证当场办理。' }
    const added = await api.as(P.committee).call('affairs.saveDuty', { villageId: X, dutyId: null, kind: 'duty', name: '村道路灯报修', basis: '村级公共设施管理制度', steps: ['报修', '派人维修'], responsible: '村委会副主任', timeLimit: '3个工作日', guide })
    expect(added).toMatchObject({ order: 11, updatedByName: '林志强', guide })
    const changed = await api.as(P.committee).call('affairs.saveDuty', { villageId: X, dutyId: added.id, kind: 'duty', name: '村道路灯报修', basis: '村级公共设施管理制度', steps: ['随手拍报修', '派人维修', '回访'], responsible: '村委会副主任', timeLimit: '2个工作日', guide })
    expect(changed).toMatchObject({ id: added.id, order: 11, timeLimit: '2个工作日' })
    const log = await api.ports.store.find('auditLog', { villageId: X, targetId: added.id }, { limit: 10 })
    expect(log.map((e) => e.action)).toEqual(['affairs.addDuty', 'affairs.editDuty'])
    const base = { villageId: X, dutyId: null, kind: 'duty', name: '村道路灯报修', basis: '村级公共设施管理制度', steps: ['报修'], responsible: '村委会', timeLimit: '3个工作日', guide: null }
    await expectRefused(api, P.liguilan, 'affairs.saveDuty', base, 'FORBIDDEN', '')
    await expectRefused(api, P.committee, 'affairs.saveDuty', { ...base, kind: 'banned', guide }, 'BAD_INPUT', '禁入事项不能有办事指南')
    await expectRefused(api, P.committee, 'affairs.saveDuty', { ...base, guide: { ...guide, certificateNote: '无' } }, 'BAD_INPUT', '请说明为什么不需要证明')
    await expectRefused(api, P.committee, 'affairs.saveDuty', { ...base, dutyId: `${H}:d-duty-3` }, 'NOT_FOUND', '找不到该事项')
  })
})

describe('财务公开', () => {
  const CSV = '\uFEFF日期,类别,摘要,收入,支出\r\n2026-10-08,发包收入,东塘鱼塘承包费（第四季度）,84000,\r\n2026-10-20,村道维修,"新村路路灯更换，共6盏",,"3,600.50"\r\n'

  test('residents read the newest period: the lines, sums by category (largest first) and totals', async () => {
    const f = await api.as(P.liguilan).call('affairs.finance', { villageId: X })
    expect(f.canImport).toBe(false)
    expect(f.periods.map((p) => p.period)).toEqual(['2026年第三季度'])
    expect(f.current!.totals).toEqual({ income: 12_600_000, spending: 9_100_000 })
    expect(f.current!.byCategory.map((c) => c.category)).toEqual(['发包收入', '村道维修', '租金收入', '人员工资', '办公及水电', '上级补助'])
    expect(f.current!.lines).toHaveLength(10)
  })

  test('the committee imports a period (BOM, CRLF, quoted commas), audited; importing it again replaces it', async () => {
    const v = await api.as(P.committee).call('affairs.importFinance', { villageId: X, period: '2026年第四季度', csv: CSV })
    expect(v.totals).toEqual({ income: 8_400_000, spending: 360_050 })
    expect(v.lines[1]).toEqual({ date: '2026-10-20', category: '村道维修', summary: '新村路路灯更换，共6盏', income: 0, spending: 360_050 })
    const again = await api.as(P.committee).call('affairs.importFinance', { villageId: X, period: '2026年第四季度', csv: CSV.split('\r\n').slice(0, 2).join('\n') })
    expect(again.lines).toHaveLength(1)
    const f = await api.as(P.liguilan).call('affairs.finance', { villageId: X })
    expect(f.periods.map((p) => p.period)).toEqual(['2026年第四季度', '2026年第三季度'])
    expect(f.current!.lines).toHaveLength(1)
    const log = await api.ports.store.find('auditLog', { villageId: X, targetId: `${X}:2026年第四季度` }, { limit: 10 })
    expect(log.map((e) => [e.action, e.reason])).toEqual([
      ['affairs.importFinance', null],
      ['affairs.importFinance', '重新导入，替换原有2行'],
    ])
  })

  test('refusals write nothing: wrong columns and bad lines named by row and column, residents, another village', async () => {
    const input = (csv: string) => ({ villageId: X, period: '2026年第四季度', csv })
    await expectRefused(api, P.committee, 'affairs.importFinance', input('日期,类别,说明,收入,支出\n2026-10-08,发包收入,承包费,1,\n'), 'BAD_INPUT', '第1行第3列“说明”不是本表的列')
    await expectRefused(api, P.committee, 'affairs.importFinance', input('日期,类别,摘要,收入,支出\n2026-10-08,发包收入,承包费,1,\n2026-10-09,维修,修路,,十元\n'), 'BAD_INPUT', '第3行“支出”列')
    await expectRefused(api, P.committee, 'affairs.importFinance', input('日期,类别,摘要,收入,支出\n'), 'BAD_INPUT', '没有收支明细')
    await expectRefused(api, P.committee, 'affairs.importFinance', input('日期,类别,摘要,收入,支出\n2026-10-08,赌博收入,承包费,1,\n'), 'CONTENT_REJECTED', '内容不合规')
    await expectRefused(api, P.liguilan, 'affairs.importFinance', input(CSV), 'FORBIDDEN', '')
    await expectRefused(api, P.liguilan, 'affairs.finance', { villageId: X, periodId: `${H}:2026年第三季度` }, 'NOT_FOUND', '找不到该期财务公开')
  })
})
