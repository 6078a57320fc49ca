/**
 * Workspaces through the router over the seeded demo: 黄伟明's grids (who has not agreed or voted, household by
 * household, as the rules and the ballots say), 走访记录 (recorded in his grids only, dated at most a week back,
 * checked, rate-limited), 蔡国华's town read from counts that agree with each feature's own figures, and 张秀英's day.
 */
import { apiPerTest, expectRefused } from './harness'
import { householdId } from '../../cloud/src/features/account/policy'
import { erasePerson } from '../../cloud/src/features/account/erase'
import type { GridHousehold } from '../../cloud/src/contract'

const X = 'v-xinshan'
const W = 'v-wukan'
const P = { grid: 'demo-huangweiming', committee: 'demo-linzhiqiang', staff: 'demo-zhangxiuying', town: 'demo-caiguohua', chen: 'demo-chenjianguo', linjun: 'demo-linjun', hezhi: 'demo-hezhi', liguilan: 'demo-liguilan' }
const LIN = householdId(X, '新山村东一巷12号')
const CHEN = householdId(X, '新山村西二巷20号')
/** 黄德明's, in 第三网格: not 黄伟明's */
const HUANG = householdId(X, '新山村新村路6号')

const api = apiPerTest()
const refused = (openid: string, action: string, input: unknown, code: string, message: string | RegExp) => expectRefused(api, openid, action, input, code, message)
const today = () => new Date(api.ports.clock.now() + 8 * 3_600_000).toISOString().slice(0, 10)
const daysAgo = (n: number) => new Date(api.ports.clock.now() + 8 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10)
/** one household of 黄伟明's grids, as the list shows it */
const household = async (id: string): Promise<GridHousehold> => (await api.as(P.grid).call('workspace.households', { villageId: X, householdId: id })).households[0]
const page = (gridId: string, after?: string) => api.as(P.grid).call('workspace.households', { villageId: X, gridId, after })
const grid = () => api.as(P.grid).call('workspace.grid', { villageId: X })
const visit = (over: Record<string, unknown> = {}) => ({ villageId: X, householdId: LIN, date: today(), note: '入户了解鱼塘承包方案的意见，已提醒户代表按时投票。', photos: [], ...over })

describe('网格员工作', () => {
  test('my grids only, each household with who has not agreed to the current rules and who has not voted', async () => {
    const ws = await grid()
    expect(ws.grids.map((g) => g.name)).toEqual(['第一网格（村东）', '第二网格（村西）'])
    const listed = (await Promise.all(ws.grids.map((g) => page(g.id)))).flatMap((p) => p.households)
    expect(listed.map((h) => h.id)).not.toContain(HUANG)
    expect(listed.length).toBe(ws.grids.reduce((n, g) => n + g.households, 0))
    expect(ws.rulesVersion).toBe(1)
    expect((await household(CHEN)).notAgreed).toEqual(['陈建国', '陈小红'])
    expect(await household(LIN)).toMatchObject({ headName: '林水生', residents: 3, notAgreed: ['林俊'] })
    expect(listed.find((h) => h.id === LIN)).toEqual(await household(LIN))
    // by household the 户代表 is named; by person each resident still to vote
    const fish = ws.openTopics.find((t) => t.mode === 'household')!
    expect((await household(LIN)).notVoted.find((t) => t.topicId === fish.id)!.names).toEqual(['林水生'])
    // another grid's households are not mine, by grid or by household
    await refused(P.grid, 'workspace.households', { villageId: X, gridId: `${X}:g3` }, 'FORBIDDEN', '只能查看和记录您负责网格的住户')
    await refused(P.grid, 'workspace.households', { villageId: X, householdId: HUANG }, 'FORBIDDEN', '只能查看和记录您负责网格的住户')
  })

  test('a grid’s households come a page at a time by 门牌号, each page after the last one’s end, none twice', async () => {
    const g1 = `${X}:g1`
    const template = await api.ports.store.get('households', LIN)
    const added = Array.from({ length: 30 }, (_, i) => ({ ...template!, _id: `${X}:新山村东三巷${String(i + 1).padStart(2, '0')}号`, doorplate: `新山村东三巷${i + 1}号`, headName: `住户${i + 1}`, repPersonId: null, lastVisit: null }))
    await api.ports.store.insertMany('households', added)
    const total = (await grid()).grids.find((g) => g.id === g1)!.households
    const seen: string[] = []
    let after: string | undefined
    for (let n = 0; n < 5; n++) {
      const p = await page(g1, after)
      expect(p.households.length).toBeLessThanOrEqual(20)
      seen.push(...p.households.map((h) => h.id))
      if (!p.next) break
      after = p.next
    }
    expect(seen).toHaveLength(total)
    expect(new Set(seen).size).toBe(total)
    expect([...seen].sort()).toEqual(seen)
    expect(seen).toEqual(expect.arrayContaining(added.map((h) => h._id)))
  })

  test('agreeing and voting take a household off the lists at once', async () => {
    const versionId = (await api.as(P.chen).call('rules.current', { villageId: X })).version!.id
    await api.as(P.chen).call('rules.agree', { villageId: X, versionId })
    const fish = (await grid()).openTopics.find((t) => t.mode === 'household')!
    const before = await household(CHEN)
    expect(before.notVoted.map((t) => t.topicId)).toContain(fish.id)
    const topic = await api.as(P.chen).call('topics.get', { villageId: X, topicId: fish.id })
    await api.as(P.chen).call('ballots.cast', { villageId: X, topicId: fish.id, choices: [topic.topic.options[0].id] })
    const after = await household(CHEN)
    expect(after.notAgreed).toEqual(['陈小红'])
    expect(after.notVoted.map((t) => t.topicId)).not.toContain(fish.id)
    expect((await grid()).openTopics.find((t) => t.id === fish.id)!.participants).toBe(fish.participants + 1)
  })

  test('the grids’ open and overdue reports are the queue’s', async () => {
    const ws = await grid()
    const queue = await api.as(P.grid).call('reports.queue', { villageId: X, filter: 'open' })
    for (const g of ws.grids) {
      const mine = queue.filter((r) => r.gridId === g.id)
      expect(g.reports).toEqual({ open: mine.length, overdue: mine.filter((r) => r.due?.overdue).length })
    }
    expect(ws.grids[0].reports.open).toBeGreaterThan(0)
  })
})

describe('走访记录', () => {
  test('a visit is recorded in my grid: first of my visits, the household’s last visit, its history', async () => {
    const v = await api.as(P.grid).call('workspace.recordVisit', visit())
    expect(v).toMatchObject({ doorplate: '新山村东一巷12号', gridName: '第一网格（村东）', date: today(), visitorName: '黄伟明', mine: true })
    const ws = await grid()
    expect(ws.visits[0].id).toBe(v.id)
    expect((await household(LIN)).lastVisit).toEqual({ date: today(), visitorName: '黄伟明' })
    const history = await api.as(P.grid).call('workspace.visits', { villageId: X, householdId: LIN })
    expect(history.map((x) => x.id)).toEqual([v.id, `${X}:visit-lin`])
    // one written up later for an earlier day leaves the last visit as it is
    await api.as(P.grid).call('workspace.recordVisit', visit({ date: daysAgo(2) }))
    expect((await household(LIN)).lastVisit).toEqual({ date: today(), visitorName: '黄伟明' })
  })

  test('refusals write nothing: another grid, the future, over a week back, a bad note, another village’s photo, not a grid worker', async () => {
    await refused(P.grid, 'workspace.recordVisit', visit({ householdId: HUANG }), 'FORBIDDEN', '只能查看和记录您负责网格的住户')
    await refused(P.grid, 'workspace.recordVisit', visit({ householdId: `${X}:新山村北街99号` }), 'NOT_FOUND', '找不到该住户')
    await refused(P.grid, 'workspace.recordVisit', visit({ date: daysAgo(-1) }), 'BAD_INPUT', '走访日期不能晚于今天')
    await refused(P.grid, 'workspace.recordVisit', visit({ date: daysAgo(8) }), 'BAD_INPUT', '只能记录7天内的走访')
    await refused(P.grid, 'workspace.recordVisit', visit({ note: '好' }), 'BAD_INPUT', '走访情况至少4个字')
    await refused(P.grid, 'workspace.recordVisit', visit({ note: '住户反映巷口有人聚众赌博，吵得很。' }), 'CONTENT_REJECTED', '内容不合规')
    await refused(P.grid, 'workspace.recordVisit', visit({ photos: [`local://villages/${W}/photos/20261126/a.jpg`] }), 'BAD_INPUT', '照片无效')
    await refused(P.committee, 'workspace.recordVisit', visit(), 'FORBIDDEN', '')
    await refused(P.grid, 'workspace.visits', { villageId: X, householdId: HUANG }, 'FORBIDDEN', '只能查看和记录您负责网格的住户')
    // 乌坎村's grid worker is no member of 新山村
    await refused(P.hezhi, 'workspace.recordVisit', visit(), 'NOT_MEMBER', '')
  })

  test('a week back is allowed; a grid worker of another village sees none of 新山村’s visits', async () => {
    const v = await api.as(P.grid).call('workspace.recordVisit', visit({ date: daysAgo(7) }))
    expect(v.date).toBe(daysAgo(7))
    expect(await api.as(P.hezhi).call('workspace.visits', { villageId: W })).toEqual([])
  })

  test('my data lists my visits; deleting me keeps them for the grid under 已注销用户', async () => {
    const section = (await api.as(P.grid).call('account.myData', { section: 'visits' })).section!
    expect(section.items.map((i) => i.title)).toContain('走访新山村东一巷30号')
    await erasePerson(api.ports.store, 'p_huangweiming', [X])
    const kept = await api.ports.store.find('visits', { villageId: X })
    expect(kept.length).toBe(4)
    expect(kept.every((v) => v.visitorId === '' && v.visitorName === '已注销用户')).toBe(true)
    // the households' last visits too
    const visited = await api.ports.store.find('households', { 'lastVisit.visitorName': '已注销用户' })
    expect(visited.map((h) => h.doorplate).sort()).toEqual(['新山村东一巷12号', '新山村东一巷30号', '新山村西二巷20号'])
    expect(await api.ports.store.count('households', { 'lastVisit.visitorId': 'p_huangweiming' })).toBe(0)
  })
})

describe('the town and the hall', () => {
  test('蔡国华 sees every village of 联安镇, and each figure agrees with its feature’s own', async () => {
    const town = await api.as(P.town).call('workspace.town', { villageId: X })
    expect(town.townName).toBe('联安镇')
    expect(town.villages.map((v) => v.name).sort()).toEqual(['东尾村', '新山村'])
    const x = town.villages.find((v) => v.villageId === X)!
    // rules: the rules feature's own count of residents who agreed
    const progress = (await api.as(P.committee).call('rules.current', { villageId: X })).progress!
    expect(x.rules).toMatchObject({ number: 1, agreed: progress.persons.agreed, residents: progress.persons.total })
    // reports: the reports feature's town figures
    const reports = (await api.as(P.town).call('reports.town', { villageId: X })).villages.find((v) => v.villageId === X)!.figures
    expect(x.reports).toEqual({ open: reports.open, overdue: reports.overdue })
    // topics: each open topic's turnout as the topic page shows it
    for (const t of x.topics) {
      const turnout = (await api.as(P.committee).call('topics.get', { villageId: X, topicId: t.id })).turnout
      expect({ participants: t.participants, eligible: t.eligible, quorumNeeded: t.quorumNeeded }).toEqual({ participants: turnout.participants, eligible: turnout.eligible, quorumNeeded: turnout.quorumNeeded })
    }
    // letters: 林俊's 排水沟 letter is the one overdue
    expect(x.letters.overdue).toBe(1)
    // bookings: today's day list at the hall
    const day = await api.as(P.staff).call('booking.dayList', { villageId: X, hallId: `${X}:hall` })
    const rows = day.slots.flatMap((s) => s.rows)
    expect(x.bookings).toEqual({ booked: rows.filter((r) => ['booked', 'checkedIn', 'noShow'].includes(r.status)).length, checkedIn: rows.filter((r) => r.status === 'checkedIn').length, noShow: rows.filter((r) => r.status === 'noShow').length })
  })

  test('the town is read from counts: no village’s bookings, reports, letters or ballots are walked', async () => {
    const find = jest.spyOn(api.ports.store, 'find')
    await api.as(P.town).call('workspace.town', { villageId: X })
    const walked = new Set(find.mock.calls.map(([collection]) => collection))
    for (const c of ['bookings', 'reports', 'letters', 'ballots', 'ruleAgreements', 'memberships'] as const) expect(walked).not.toContain(c)
    find.mockRestore()
  })

  test('张秀英’s day: her hall’s bookings today by state, as the day list has them', async () => {
    const hall = await api.as(P.staff).call('workspace.hall', { villageId: X })
    const rows = (await api.as(P.staff).call('booking.dayList', { villageId: X, hallId: `${X}:hall` })).slots.flatMap((s) => s.rows)
    const n = (s: string) => rows.filter((r) => r.status === s).length
    expect(hall).toMatchObject({ hallName: '新山村党群服务中心', date: today(), booked: n('booked'), checkedIn: n('checkedIn'), noShow: n('noShow'), waitlisted: n('waitlisted') })
    expect(hall.booked + hall.waitlisted).toBeGreaterThan(0)
    // tomorrow's canteen: the kitchen's headcount for that day
    const headcount = await api.as(P.staff).call('booking.headcount', { villageId: X, hallId: `${X}:hall`, days: 2 })
    expect(hall.canteenTomorrow).toBe(headcount.days[1].total)
  })

  test('others are refused: residents, the committee, another town', async () => {
    await refused(P.liguilan, 'workspace.town', { villageId: X }, 'FORBIDDEN', '')
    await refused(P.committee, 'workspace.hall', { villageId: X }, 'FORBIDDEN', '')
    await refused(P.staff, 'workspace.grid', { villageId: X }, 'FORBIDDEN', '')
    await refused(P.town, 'workspace.town', { villageId: W }, 'NOT_MEMBER', '')
  })
})
