/** Issue 15 point 3: 首页's 待办 — per role, everything waiting, with counts, each with its page; never stale. */
import type { TodoItem } from '../../cloud/src/contract'
import { pageUrl } from '../../src/routes'
import { apiPerTest } from './harness'
import { shanghaiDay } from '../../cloud/src/common/time'
import { P, X, openTopic } from './deliberation-fixture'

const api = apiPerTest()

const todo = async (openid: string, villageId = X) => (await api.as(openid).call('account.todo', { villageId })).items
const byKey = (items: TodoItem[]) => Object.fromEntries(items.map((i) => [i.key, i]))

test('a resident: the votes they have not cast, the rules to agree to, their bookings, reports and letters', async () => {
  const chen = byKey(await todo(P.chenjianguo))
  expect(Object.keys(chen)).toEqual(['votes', 'rules', 'bookings', 'reports', 'letters'])
  expect(chen.rules).toMatchObject({ group: 'mine', label: '村规民约待阅读承诺', count: 1, page: pageUrl('rules.read') })
  expect(chen.bookings).toMatchObject({ count: 1, note: '今天1个', page: pageUrl('booking.mine') })
  expect(chen.votes.count).toBe(2)
  expect(chen.votes.page).toBe(pageUrl('topics'))

  // agreeing and voting take them off
  await api.as(P.chenjianguo).call('rules.agree', { villageId: X, versionId: `${X}:v1` })
  const open = await api.as(P.chenjianguo).call('topics.list', { villageId: X, status: 'open' })
  const personTopic = open.find((t) => t.mode === 'person' && !t.voted)!
  await api.as(P.chenjianguo).call('ballots.cast', { villageId: X, topicId: personTopic.id, choices: ['yes'] })
  const after = byKey(await todo(P.chenjianguo))
  expect(after.rules).toBeUndefined()
  // one left: its own page, its deadline
  expect(after.votes).toMatchObject({ count: 1, page: expect.stringContaining('/features/deliberation/pages/topic/index?topicId=') as string })
  expect(after.votes.note).toMatch(/截止/)
})

test('a household topic waits for its 户代表 only: the spouse is not asked to do what she cannot', async () => {
  const t = await openTopic(api, { mode: 'household' })
  const of = async (openid: string) => (await todo(openid)).find((i) => i.key === 'votes' && i.page.includes(encodeURIComponent(t)))
  const waiting = async (openid: string) => (await todo(openid)).find((i) => i.key === 'votes')?.count ?? 0
  const before = await waiting(P.resident)
  expect(await waiting(P.liguilan)).toBe(1) // the demo's open 按人 topic, not this one
  await api.as(P.resident).call('ballots.cast', { villageId: X, topicId: t, choices: ['yes'] })
  expect(await waiting(P.resident)).toBe(before - 1)
  expect(await of(P.liguilan)).toBeUndefined()
})

test('the committee: every queue with its count, even an empty one; an approved request leaves its queue at once', async () => {
  const items = await todo(P.committee)
  const c = byKey(items.filter((i) => i.group === 'committee'))
  expect(Object.keys(c)).toEqual(['joinRequests', 'decisions', 'proposals', 'notAgreed', 'reports', 'letters', 'appeals', 'bookingsToday'])
  expect(c.joinRequests).toMatchObject({ label: '入村申请待审核', count: 1, page: pageUrl('account.requests') })
  expect(c.decisions).toMatchObject({ label: '议题待公布决议', count: 1, note: '「修缮祠堂前广场」已截止', page: pageUrl('deliberation.manage', { topicId: `${X}:t3` }) })
  expect(c.notAgreed).toMatchObject({ label: '未承诺村规民约的户', count: 2, page: pageUrl('rules.followUp') })
  expect(c.proposals.count).toBe(1)

  await api.as(P.committee).call('join.decide', { villageId: X, requestId: `${X}:p_liuxiaodong`, decision: 'approve' })
  expect(byKey(await todo(P.committee)).joinRequests.count).toBe(0)
  await api.as(P.committee).call('topics.decide', { villageId: X, topicId: `${X}:t3`, decision: '按方案修缮，年底前完工。' })
  expect(byKey(await todo(P.committee)).decisions).toMatchObject({ count: 0, note: null, page: pageUrl('topics') })

  // a resident asking to be forgotten: shown to their village's committee only, and only while one waits
  expect(c.deletions).toBeUndefined()
  await api.as(P.wulihua).call('account.requestDeletion', { reason: '不再使用' })
  expect(byKey(await todo(P.committee)).deletions).toMatchObject({ label: '注销个人信息申请', count: 1, page: pageUrl('account.deletions') })
  expect(byKey(await todo('demo-yangjinhe', 'v-wukan')).deletions).toBeUndefined()
})

test('a committee member’s own reports, letters and bookings and the village’s: each figure counted apart, one more of his own in both', async () => {
  const { store } = api.ports
  const today = shanghaiDay(api.ports.clock.now())
  const split = (items: TodoItem[]) => ({ mine: byKey(items.filter((i) => i.group === 'mine')), village: byKey(items.filter((i) => i.group === 'committee')) })
  const waiting = async () => ({
    reports: await store.count('reports', { villageId: X, status: 'reported' }),
    letters: await store.count('letters', { villageId: X, status: { $in: ['received', 'accepted'] } }),
    bookingsToday: await store.count('bookings', { villageId: X, date: today, status: { $in: ['booked', 'checkedIn'] } }),
  })
  const before = split(await todo(P.committee))
  const counted = await waiting()
  expect({ reports: before.village.reports.count, letters: before.village.letters.count, bookingsToday: before.village.bookingsToday.count }).toEqual(counted)
  // others' are among them: the village's are not his
  expect(counted.reports).toBeGreaterThan(before.mine.reports?.count ?? 0)
  expect(counted.bookingsToday).toBeGreaterThan(0)

  await api.as(P.committee).call('reports.create', { villageId: X, category: '环境卫生', text: '东一巷口垃圾桶旁堆了很多装修垃圾。', photos: [], place: { address: '新山村东一巷口', point: { lng: 115.3312, lat: 22.9305 } }, anonymous: false })
  await api.as(P.committee).call('mailbox.write', { villageId: X, to: 'committee', subject: '村口垃圾桶不够用', text: '村口只有两个垃圾桶，周末经常满出来，能不能再加两个？', photos: [], anonymous: false, consent: true, publicName: false, about: null })
  await api.as(P.committee).call('booking.book', { villageId: X, slotId: `${X}:hall:publicService@2026-11-27@09:00` })
  const after = split(await todo(P.committee))
  const mineOf = (g: typeof before) => [g.mine.reports?.count ?? 0, g.mine.letters?.count ?? 0, g.mine.bookings?.count ?? 0]
  expect(mineOf(after)).toEqual(mineOf(before).map((n) => n + 1))
  // a booking for tomorrow is not today's
  expect(after.mine.bookings.note).toBe(before.mine.bookings?.note ?? null)
  expect([after.village.reports.count, after.village.letters.count, after.village.bookingsToday.count]).toEqual([counted.reports + 1, counted.letters + 1, counted.bookingsToday])
})

test('a grid worker: their grids’ reports to accept; staff and town officers have no resident’s list', async () => {
  const grid = byKey(await todo(P.gridWorker))
  expect(grid.gridReports).toMatchObject({ group: 'grid', label: '本网格随手拍待受理', page: pageUrl('reports.queue') })
  expect(grid.gridReports.count).toBeGreaterThan(0)
  expect(grid.joinRequests).toBeUndefined()
  // hall staff and town officers have their own groups (below), never a resident's
  for (const who of [P.hallStaff, 'demo-caiguohua']) expect((await todo(who)).filter((i) => ['mine', 'committee', 'grid'].includes(i.group))).toEqual([])
  // another village's list is not theirs to read
  expect(await api.as(P.sunli).fail('account.todo', { villageId: X })).toMatchObject({ code: 'NOT_MEMBER' })
})

test('张秀英 at the hall: today’s bookings to check in and the waitlist, tomorrow’s canteen count — the figures of her day', async () => {
  const hallId = `${X}:hall`
  const items = await todo(P.hallStaff)
  expect(items.every((i) => i.group === 'hall')).toBe(true)
  const h = byKey(items)
  expect(Object.keys(h)).toEqual(['hallCheckIn', 'hallWaitlist', 'canteenTomorrow'])
  const day = await api.as(P.hallStaff).call('workspace.hall', { villageId: X })
  expect(h.hallCheckIn).toMatchObject({ label: '今天待签到的预约', count: day.booked, page: pageUrl('booking.day', { villageId: X, hallId }) })
  expect(h.hallWaitlist).toMatchObject({ label: '今天候补的预约', count: day.waitlisted, page: pageUrl('booking.day', { villageId: X, hallId }) })
  // the kitchen's count is the headcount page's own figure for tomorrow
  const headcount = await api.as(P.hallStaff).call('booking.headcount', { villageId: X, hallId, days: 2 })
  expect(h.canteenTomorrow).toMatchObject({ label: '明天长者饭堂备餐', count: headcount.days[1].total, page: pageUrl('booking.headcount', { villageId: X, hallId }) })
  expect(h.canteenTomorrow.count).toBeGreaterThan(0)

  // a seat booked at the desk for tomorrow's lunch is one more to cook for
  await api.as(P.hallStaff).call('booking.staffBook', { villageId: X, slotId: `${hallId}:canteen@${headcount.days[1].date}@11:30`, name: '王大爷' })
  expect(byKey(await todo(P.hallStaff)).canteenTomorrow.count).toBe(h.canteenTomorrow.count + 1)
})

test('蔡国华 of 联安镇: the town’s overdue reports and letters, and its open topics short of the quorum, by village', async () => {
  const items = await todo('demo-caiguohua')
  expect(items.every((i) => i.group === 'town')).toBe(true)
  const t = byKey(items)
  expect(Object.keys(t)).toEqual(['townReports', 'townLetters', 'townQuorum'])
  const page = pageUrl('workspace.town', { villageId: X })
  const town = await api.as('demo-caiguohua').call('workspace.town', { villageId: X })
  const sum = (f: (v: (typeof town.villages)[number]) => number) => town.villages.reduce((n, v) => n + f(v), 0)
  expect(t.townReports).toMatchObject({ label: '逾期未办的随手拍', count: sum((v) => v.reports.overdue), page })
  expect(t.townReports.count).toBeGreaterThan(0)
  expect(t.townReports.note).toMatch(/^新山村\d+件/)
  expect(t.townLetters).toMatchObject({ label: '逾期未回复的来信', count: sum((v) => v.letters.overdue), page })
  const short = sum((v) => v.topics.filter((x) => x.participants < x.quorumNeeded).length)
  expect(t.townQuorum).toMatchObject({ label: '参与人数还不够的议题', count: short, page })
  // an open topic with nobody voting yet is short of it
  await openTopic(api)
  expect(byKey(await todo('demo-caiguohua')).townQuorum.count).toBe(short + 1)
  // from 东尾村 too: the same town
  expect((await todo('demo-caiguohua', 'v-dongwei')).map((i) => i.count)).toEqual(items.map((i) => i.count).map((n, i) => (i === 2 ? n + 1 : n)))
})
