/**
 * 书记信箱 through the router over the seeded demo: writing (anonymous, about something), the committee's inbox
 * (overdue first), accept → reply → rate once, consent and publishing, the days to reply, every refusal writing
 * nothing, the writer's name and id reaching only the committee and the writer, villages apart.
 */
import { apiPerTest, expectRefused } from './harness'
import { deliverDueNotices } from '../../cloud/src/features/account/notices'
import type { LetterView } from '../../cloud/src/contract'

const X = 'v-xinshan'
const W = 'v-wukan'
const DAY = 24 * 3600 * 1000
const P = {
  committee: 'demo-linzhiqiang',
  committee2: 'demo-chenmeiling',
  liguilan: 'demo-liguilan', // wrote m-allowance (replied, not rated)
  chen: 'demo-chenjianguo', // wrote m-water (received) and m-court (public with his name)
  huang: 'demo-huangdeming', // wrote m-cleaning anonymously
  wulihua: 'demo-wulihua', // m-fee, public without her name
  staff: 'demo-zhangxiuying',
  town: 'demo-caiguohua',
  grid: 'demo-huangweiming',
  sunli: 'demo-sunli', // 乌坎村
  wukanCommittee: 'demo-yangjinhe',
}
const m = (key: string, village = X) => `${village}:m-${key}`

const api = apiPerTest()
const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)
const titles = async (openid: string) => (await api.as(openid).call('notifications.list', {})).map((n) => n.title)
/** the committee's notices come with the job (an action delivers within its answer only those to named people) */
const committeeTitles = async (openid: string) => (await deliverDueNotices(api.ports, api.ports.clock.now()), titles(openid))
const letter = (over: Record<string, unknown> = {}) => ({ villageId: X, subject: '村口垃圾桶不够用', text: '村口只有两个垃圾桶，周末经常满出来，能不能再加两个？', ...over })

describe('writing a letter', () => {
  test('a resident writes to the committee: 已收到, due in the village’s days, the committee told, the link it came from kept', async () => {
    const about = { kind: 'finance', id: `${X}:line-7`, label: '2026年第三季度 · 村道保洁费' }
    const v = await api.as(P.liguilan).call('mailbox.write', letter({ to: 'secretary', about }))
    const now = api.ports.clock.now()
    expect(v).toMatchObject({ status: 'received', to: 'secretary', mine: true, writerName: '李桂兰', about, dueAt: now + 7 * DAY, overdue: false, public: false })
    expect(v.can).toEqual({ accept: false, reply: false, rate: false, consent: true, publish: false, unpublish: false })
    expect(await committeeTitles(P.committee2)).toContain('书记信箱有新来信')
    expect((await api.as(P.liguilan).call('mailbox.mine', { villageId: X })).map((l) => l.id)).toEqual([v.id, m('allowance')])
    // the committee's inbox has it, and it is no one else's to read
    expect((await api.as(P.committee).call('mailbox.inbox', { villageId: X, filter: 'waiting' })).map((l) => l.id)).toContain(v.id)
    await refused(P.chen, 'mailbox.get', { villageId: X, letterId: v.id }, 'FORBIDDEN', '只有来信人和村委会')
  })

  test('refusals write nothing: staff, bad photos, short text, unacceptable text, another village', async () => {
    await refused(P.staff, 'mailbox.write', letter(), 'FORBIDDEN', '')
    await refused(P.liguilan, 'mailbox.write', letter({ photos: [`local://villages/${W}/photos/20261126/a.jpg`] }), 'BAD_INPUT', '照片无效')
    await refused(P.liguilan, 'mailbox.write', letter({ text: '太少' }), 'BAD_INPUT', '内容至少5个字')
    await refused(P.liguilan, 'mailbox.write', letter({ text: '巷口有人聚众赌博，吵得很，请村里管一管。' }), 'CONTENT_REJECTED', '内容不合规')
    await refused(P.sunli, 'mailbox.write', letter(), 'NOT_MEMBER', '')
  })

  test('days to reply: the committee sets them, new letters are due by them, letters already written keep their date', async () => {
    const before = (await api.ports.store.get('letters', m('water')))!.dueAt
    expect(await api.as(P.committee).call('mailbox.setSettings', { villageId: X, replyDays: 3 })).toMatchObject({ replyDays: 3, updatedByName: '林志强' })
    expect((await api.as(P.liguilan).call('mailbox.settings', { villageId: X })).replyDays).toBe(3)
    const v = await api.as(P.liguilan).call('mailbox.write', letter())
    expect(v.dueAt).toBe(api.ports.clock.now() + 3 * DAY)
    expect((await api.ports.store.get('letters', m('water')))!.dueAt).toBe(before)
    await refused(P.committee, 'mailbox.setSettings', { villageId: X, replyDays: 0 }, 'BAD_INPUT', '回复期限至少1天')
    await refused(P.liguilan, 'mailbox.setSettings', { villageId: X, replyDays: 5 }, 'FORBIDDEN', '')
    const audit = await api.ports.store.find('auditLog', { action: 'mailbox.setSettings' }, { limit: 5 })
    expect(audit.map((e) => e.reason)).toEqual(['3天'])
  })
})

test('in a community the letter is written to the 居委会, which answers as such (林俊 rents in 河南社区)', async () => {
  const H = 'v-henan'
  const written = await api.as('demo-linjun').call('mailbox.write', letter({ villageId: H, to: 'committee', photos: [], anonymous: false, consent: false, publicName: false, about: null }))
  const accepted = await api.as('demo-zhoumin').call('mailbox.accept', { villageId: H, letterId: written.id, note: null })
  expect(accepted.history.map((e) => [e.role, e.note])).toEqual([
    ['来信人', '写给居委会'],
    ['居委会', null],
  ])
  await refused('demo-linjun', 'mailbox.rate', { villageId: H, letterId: written.id, rating: 5, note: null }, 'CONFLICT', '居委会回复后才能评价')
})

describe('the committee answers', () => {
  test('inbox: waiting letters, the overdue first, then by due date; replied ones apart', async () => {
    const waiting = await api.as(P.committee).call('mailbox.inbox', { villageId: X, filter: 'waiting' })
    expect(waiting.map((l) => l.id)).toEqual([m('drain'), m('lamp'), m('cleaning'), m('water')])
    expect(waiting[0]).toMatchObject({ overdue: true, escalatedAt: expect.any(Number) as number })
    expect((await api.as(P.committee).call('mailbox.inbox', { villageId: X, filter: 'overdue' })).map((l) => l.id)).toEqual([m('drain')])
    expect((await api.as(P.committee).call('mailbox.inbox', { villageId: X, filter: 'replied' })).every((l) => l.status === 'replied')).toBe(true)
    await refused(P.grid, 'mailbox.inbox', { villageId: X, filter: 'waiting' }, 'FORBIDDEN', '')
  })

  test('accept, reply, rate once: each told, each in the history and the audit log, the states refuse steps out of turn', async () => {
    const id = m('water')
    const accepted = await api.as(P.committee).call('mailbox.accept', { villageId: X, letterId: id, note: '已联系供水公司' })
    expect(accepted.status).toBe('accepted')
    expect(await titles(P.chen)).toContain('您的来信已受理')
    await refused(P.committee, 'mailbox.accept', { villageId: X, letterId: id, note: null }, 'CONFLICT', '该来信已受理，不能再受理')
    await refused(P.chen, 'mailbox.rate', { villageId: X, letterId: id, rating: 5, note: null }, 'CONFLICT', '回复后才能评价')
    await refused(P.chen, 'mailbox.accept', { villageId: X, letterId: id, note: null }, 'FORBIDDEN', '')
    const replied = await api.as(P.committee2).call('mailbox.reply', { villageId: X, letterId: id, text: '供水公司本周更换东一巷加压泵，周五前恢复正常。', photos: [] })
    expect(replied).toMatchObject({ status: 'replied', reply: { text: expect.stringContaining('加压泵') as string, byName: '陈美玲' } })
    expect(await titles(P.chen)).toContain('您的来信已回复')
    await refused(P.committee, 'mailbox.reply', { villageId: X, letterId: id, text: '再回复一次试试看。', photos: [] }, 'CONFLICT', '该来信已回复，不能再回复')
    // only its writer rates it, once
    await refused(P.committee, 'mailbox.rate', { villageId: X, letterId: id, rating: 5, note: null }, 'FORBIDDEN', '只有来信人可以评价回复')
    await refused(P.chen, 'mailbox.rate', { villageId: X, letterId: id, rating: 6, note: null }, 'BAD_INPUT', '评分为1到5星')
    const rated = await api.as(P.chen).call('mailbox.rate', { villageId: X, letterId: id, rating: 4, note: '很及时' })
    expect(rated).toMatchObject({ rating: 4, ratingNote: '很及时', can: { rate: false } })
    expect(await committeeTitles(P.committee)).toContain('来信人已评价回复')
    await refused(P.chen, 'mailbox.rate', { villageId: X, letterId: id, rating: 1, note: null }, 'DUPLICATE', '您已评价过该回复')
    expect(rated.history.map((e) => [e.action, e.role])).toEqual([
      ['write', '来信人'],
      ['accept', '村委会'],
      ['reply', '村委会'],
      ['rate', '来信人'],
    ])
    const audit = await api.ports.store.find('auditLog', { targetId: id }, { limit: 10 })
    expect(audit.map((e) => [e.action, e.actorName])).toEqual([
      ['mailbox.accept', '林志强'],
      ['mailbox.reply', '陈美玲'],
    ])
    expect((await api.as(P.committee).call('audit.verify', { villageId: X })).ok).toBe(true)
  })

  test('a reply needs the village’s own photos and acceptable text', async () => {
    const input = { villageId: X, letterId: m('lamp'), text: '已联系供电所，本周内更换路灯。', photos: [`local://villages/${W}/photos/20261126/x.jpg`] }
    await refused(P.committee, 'mailbox.reply', input, 'BAD_INPUT', '照片无效')
    await refused(P.committee, 'mailbox.reply', { ...input, photos: [], text: '有人在路灯下聚众赌博。' }, 'CONTENT_REJECTED', '内容不合规')
  })
})

describe('public letters and consent', () => {
  test('published with consent: every member reads it, the name only when its writer chose so', async () => {
    const list = await api.as(P.staff).call('mailbox.public', { villageId: X })
    expect(list.map((l) => [l.id, l.writerName])).toEqual([
      [m('fee'), null],
      [m('court'), '陈建国'],
    ])
    const fee = list[0]
    expect(fee.reply?.text).toContain('卫生费按户收取')
    expect(fee.history.filter((e) => e.action === 'write' || e.action === 'rate').map((e) => [e.by, e.byName])).toEqual([
      ['', '来信人'],
      ['', '来信人'],
    ])
    expect(JSON.stringify(list)).not.toContain('吴丽华')
    expect(JSON.stringify(list)).not.toContain('p_wulihua')
  })

  test('no consent, no publishing; the writer consents later; withdrawing takes it down', async () => {
    const id = m('allowance')
    await refused(P.committee, 'mailbox.publish', { villageId: X, letterId: id, public: true }, 'CONFLICT', '来信人没有同意公开')
    await refused(P.committee, 'mailbox.publish', { villageId: X, letterId: m('water'), public: true }, 'CONFLICT', '回复后才能公开')
    await refused(P.committee, 'mailbox.consent', { villageId: X, letterId: id, consent: true }, 'FORBIDDEN', '只有来信人')
    await api.as(P.liguilan).call('mailbox.consent', { villageId: X, letterId: id, consent: true, publicName: false })
    const published = await api.as(P.committee).call('mailbox.publish', { villageId: X, letterId: id, public: true })
    expect(published).toMatchObject({ public: true, can: { publish: false, unpublish: true } })
    expect(await titles(P.liguilan)).toContain('您的来信已公开')
    expect((await api.as(P.chen).call('mailbox.get', { villageId: X, letterId: id })).writerName).toBeNull()
    await api.as(P.liguilan).call('mailbox.consent', { villageId: X, letterId: id, consent: false })
    expect((await api.as(P.chen).call('mailbox.public', { villageId: X })).map((l) => l.id)).not.toContain(id)
    await refused(P.chen, 'mailbox.get', { villageId: X, letterId: id }, 'FORBIDDEN', '')
  })
})

describe('anonymity and villages', () => {
  test('an anonymous writer’s name and id reach only the committee and the writer, even once public or escalated', async () => {
    const id = m('cleaning')
    const seen = (v: LetterView) => JSON.stringify(v)
    expect((await api.as(P.committee).call('mailbox.get', { villageId: X, letterId: id })).writerName).toBe('黄德明')
    const own = await api.as(P.huang).call('mailbox.get', { villageId: X, letterId: id })
    expect(own).toMatchObject({ writerName: '黄德明', mine: true, anonymous: true })
    expect(seen(own)).not.toContain('p_huangdeming')
    // the writer consents (with their name: an anonymous letter keeps it hidden all the same) and it is answered and made public
    await api.as(P.huang).call('mailbox.consent', { villageId: X, letterId: id, consent: true, publicName: true })
    await api.as(P.committee).call('mailbox.reply', { villageId: X, letterId: id, text: '今年保洁范围增加了新村路和小广场，合同已在财务公开中。', photos: [] })
    await api.as(P.committee).call('mailbox.publish', { villageId: X, letterId: id, public: true })
    for (const who of [P.chen, P.staff, P.town, P.grid]) {
      const v = await api.as(who).call('mailbox.get', { villageId: X, letterId: id })
      expect(v.writerName).toBeNull()
      expect(seen(v)).not.toMatch(/黄德明|p_huangdeming/)
      expect(JSON.stringify(await api.as(who).call('mailbox.public', { villageId: X }))).not.toMatch(/黄德明|p_huangdeming/)
    }
  })

  test('another village’s letters are not found under this one, nor read across', async () => {
    await refused(P.committee, 'mailbox.get', { villageId: X, letterId: m('harbour', W) }, 'NOT_FOUND', '找不到该来信')
    await refused(P.committee, 'mailbox.reply', { villageId: X, letterId: m('harbour', W), text: '这封信不是本村的。', photos: [] }, 'NOT_FOUND', '找不到该来信')
    await refused(P.wukanCommittee, 'mailbox.get', { villageId: W, letterId: m('water') }, 'NOT_FOUND', '找不到该来信')
    await refused(P.sunli, 'mailbox.inbox', { villageId: X, filter: 'waiting' }, 'NOT_MEMBER', '')
    expect((await api.as(P.wukanCommittee).call('mailbox.inbox', { villageId: W, filter: 'all' })).map((l) => l.id)).toEqual([m('harbour', W)])
  })
})
