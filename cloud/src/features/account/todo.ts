/**
 * 首页's 待办: everything waiting for the caller in the village, per role, each with its count and
 * its page. It reads the other features' collections by name (as privacy.ts does: a feature imports
 * only account, so account may not import them) and counts rather than loads wherever it can.
 */
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { getMany, totalsBy } from '../../common/load'
import type { Collections, Filter } from '../../ports/store'
import { residentTotalsByGrid, sumTotals } from './residents'
import { shanghaiDay, shortTime } from '../../common/time'
import { isCommittee } from './policy'
import { peopleWord } from './documents'
import { getVillage } from './common'
import type { Village } from './documents'
import { rulesWord } from '../../contract/tables'
import type { TodoItem, todoActions } from './todo-contract'
import { pageUrl, type PageKey } from '../../../../src/routes'
import { hallDay, OPEN_REPORTS, townAlerts, townVillages, WAITING_LETTERS } from './figures'
import { findFirstDecision, waitingOf, type FirstDecision } from './waiting'

/** more open topics than this at once does not happen in a village; the count stays right below it */
const OPEN_TOPICS = 100

type Item = Omit<TodoItem, 'page'> & { page: string | PageKey }
const item = (i: Item): TodoItem => ({ ...i, page: i.page.startsWith('/') ? i.page : pageUrl(i.page as PageKey) })

type LiveTopic = Collections['topics']

/**
 * The village's open topics, those closing first — and for the committee, after them, the closed ones waiting for
 * their decision, the first closed first: one find for the votes and the decisions (open before closed: 'open' sorts
 * after 'closed').
 */
function liveTopics(ctx: MemberContext, villageId: string, committee: boolean): Promise<LiveTopic[]> {
  return ctx.ports.store.find('topics', { villageId, status: committee ? { $in: ['open', 'closed'] } : 'open' }, { sort: [['status', 'desc'], ['closesAt', 'asc'], ['_id', 'asc']], limit: OPEN_TOPICS })
}

/** Open topics the caller (or, on a household topic, the household they represent) may still vote on. */
async function votesWaiting(ctx: MemberContext, topics: Promise<LiveTopic[]>): Promise<Item | null> {
  const { store } = ctx.ports
  const m = ctx.membership
  const mayVote = (await topics).filter(
    (t) => t.status === 'open' && t.opensAt <= ctx.now && ctx.now < t.closesAt && (t.publishedAt === null || m.joinedAt <= t.publishedAt),
  )
  // the household is read only when a topic is voted by household
  const household = m.householdId && mayVote.some((t) => t.mode === 'household') ? await store.get('households', m.householdId) : null
  const rep = household?.repPersonId === m.personId
  const open = mayVote.filter((t) => t.mode === 'person' || rep)
  // my ballots on all of them in one query, not one read per open topic
  const voted = new Set((await getMany(store, 'ballots', open.map((t) => `${t._id}:${t.mode === 'person' ? m.personId : m.householdId}`))).map((b) => b.topicId))
  const waiting = open.filter((t) => !voted.has(t._id))
  if (!waiting.length) return null
  const first = waiting[0]
  return {
    key: 'votes',
    group: 'mine',
    label: '待投票的议题',
    count: waiting.length,
    note: `「${first.title}」${shortTime(first.closesAt)}截止${first.mode === 'household' ? '（按户表决，您是户代表）' : ''}`,
    page: waiting.length === 1 ? pageUrl('deliberation.topic', { topicId: first._id }) : 'topics',
  }
}

/**
 * The counts a committee member's 待办 shares with their own (mine and the village's reports, letters and bookings):
 * one Store.totals of each collection gives both, so the committee pays nothing more for them than a resident does.
 * For anyone else (`ofVillage` false) only the caller's own are read.
 */
interface Shared {
  mine: { bookings: number; bookingsToday: number; reports: number; toConfirm: number; letters: number }
  village: { reports: number; letters: number; bookingsToday: number }
}

/** a resident's report still being handled or waiting for them to confirm it done */
const MINE_OPEN = [...OPEN_REPORTS, 'resolved']

async function sharedCounts(ctx: MemberContext, villageId: string, ofVillage: boolean): Promise<Shared> {
  const { store } = ctx.ports
  const me = ctx.person._id
  const today = shanghaiDay(ctx.now)
  // the caller's own are a few; the village's are its waiting work (open reports, letters waiting, bookings from today: all bounded by use, not by history)
  const mineOnly = (filter: Filter) => (ofVillage ? {} : filter)
  const [reports, letters, bookings] = await Promise.all([
    store.totals('reports', { villageId, ...mineOnly({ reporterId: me }), status: { $in: MINE_OPEN } }, ['status'], { all: {}, mine: { where: { reporterId: me } } }),
    totalsBy(store, 'letters', { villageId, ...mineOnly({ writerId: me }), status: { $in: WAITING_LETTERS } }, 'villageId', { all: {}, mine: { where: { writerId: me } } }),
    totalsBy(store, 'bookings', { villageId, ...mineOnly({ personId: me }), status: { $in: ['booked', 'waitlisted', 'checkedIn'] }, date: { $gte: today } }, 'villageId', {
      mine: { where: { personId: me, status: { $in: ['booked', 'waitlisted'] } } },
      mineToday: { where: { personId: me, status: { $in: ['booked', 'waitlisted'] }, date: today } },
      // the committee's 今天的预约: seats booked for today, checked in or not yet
      villageToday: { where: { status: { $in: ['booked', 'checkedIn'] }, date: today } },
    }),
  ])
  const ofStatus = (status: string) => reports.find((g) => g.key[0] === status)?.totals
  const mineReports = reports.reduce((n, g) => n + g.totals.mine, 0)
  const toConfirm = ofStatus('resolved')?.mine ?? 0
  const b = bookings(villageId)
  const l = letters(villageId)
  return {
    mine: { bookings: b.mine, bookingsToday: b.mineToday, reports: mineReports - toConfirm, toConfirm, letters: l.mine },
    village: { reports: ofStatus('reported')?.all ?? 0, letters: l.all, bookingsToday: b.villageToday },
  }
}

/** whether the caller agreed to the current rules version: on their membership, or read for a membership from before it */
async function agreedTo(ctx: MemberContext, villageId: string, current: number): Promise<boolean> {
  if (!current) return false
  const kept = ctx.membership.rulesAgreed
  if (kept !== undefined) return kept === current
  return !!(await ctx.ports.store.get('ruleAgreements', `${villageId}:v${current}:${ctx.person._id}`))
}

async function residentItems(ctx: MemberContext, village: Village, shared: Promise<Shared>, topics: Promise<LiveTopic[]>): Promise<Item[]> {
  const current = village.currentRulesVersion ?? 0
  const [votes, agreed, mine] = await Promise.all([
    votesWaiting(ctx, topics),
    agreedTo(ctx, village._id, current),
    shared.then((s) => s.mine),
  ])
  const rules = rulesWord(village.kind)
  const { bookings, bookingsToday, toConfirm, reports, letters } = mine
  const items: Array<Item | null> = [
    votes,
    current && !agreed ? { key: 'rules', group: 'mine', label: `${rules}待阅读承诺`, count: 1, note: `第${current}版`, page: 'rules.read' } : null,
    bookings ? { key: 'bookings', group: 'mine', label: '我的预约', count: bookings, note: bookingsToday ? `今天${bookingsToday}个` : null, page: 'booking.mine' } : null,
    toConfirm ? { key: 'reportsToConfirm', group: 'mine', label: '随手拍待我确认办结', count: toConfirm, note: null, page: 'reports.mine' } : null,
    reports ? { key: 'reports', group: 'mine', label: '我的随手拍处理中', count: reports, note: null, page: 'reports.mine' } : null,
    letters ? { key: 'letters', group: 'mine', label: '我的来信待回复', count: letters, note: null, page: 'mailbox.mine' } : null,
  ]
  return items.filter((i): i is Item => i !== null)
}

/** Households with residents none of whom has agreed to the current version, from the progress counters (as the rules' follow-up counts them). */
async function householdsNotAgreed(ctx: MemberContext, villageId: string, current: number): Promise<number> {
  if (!current) return 0
  const t = sumTotals((await residentTotalsByGrid(ctx.ports.store, villageId, current)).values())
  return Math.max(0, t.households - t.agreedHouseholds)
}

/**
 * The first topic waiting for its decision: the counter names it; when it does not (its topic was decided, or a
 * village without the counter), the first closed one after the open ones in the shared page, or read apart when
 * the page is full of open ones.
 */
async function firstToDecide(ctx: MemberContext, villageId: string, topics: LiveTopic[], known: FirstDecision | null): Promise<{ id: string; title: string } | null> {
  if (known) return { id: known.topicId, title: known.title }
  const inPage = topics.find((t) => t.status === 'closed')
  if (inPage) return { id: inPage._id, title: inPage.title }
  if (topics.length < OPEN_TOPICS) return null
  const first = await findFirstDecision(ctx.ports.store, villageId)
  return first && { id: first.topicId, title: first.title }
}

async function committeeItems(ctx: MemberContext, village: Village, shared: Promise<Shared>, topics: Promise<LiveTopic[]>): Promise<Item[]> {
  const villageId = village._id
  const [waiting, live, notAgreed, { reports, letters, bookingsToday }] = await Promise.all([
    // join requests, decisions, proposals, appeals and deletions: one counter document (waiting.ts)
    waitingOf(ctx.ports.store, villageId),
    topics,
    householdsNotAgreed(ctx, villageId, village.currentRulesVersion ?? 0),
    shared.then((s) => s.village),
  ])
  const { joinRequests: requests, decisions: toDecide, proposals, appeals, deletions } = waiting
  const first = toDecide ? await firstToDecide(ctx, villageId, live, waiting.firstDecision) : null
  const group = 'committee' as const
  const items: Item[] = [
    { key: 'joinRequests', group, label: '入村申请待审核', count: requests, note: null, page: 'account.requests' },
    {
      key: 'decisions',
      group,
      label: '议题待公布决议',
      count: toDecide,
      note: first ? `「${first.title}」已截止` : null,
      page: toDecide === 1 && first ? pageUrl('deliberation.manage', { topicId: first.id }) : 'topics',
    },
    { key: 'proposals', group, label: `${peopleWord(village.kind)}提议待安排表决`, count: proposals, note: null, page: 'deliberation.proposals' },
    { key: 'notAgreed', group, label: `未承诺${rulesWord(village.kind)}的户`, count: notAgreed, note: null, page: 'rules.followUp' },
    { key: 'reports', group, label: '随手拍待受理', count: reports, note: null, page: 'reports.queue' },
    { key: 'letters', group, label: '书记信箱待回复', count: letters, note: null, page: 'mailbox.inbox' },
    { key: 'appeals', group, label: '红黑榜申诉待处理', count: appeals, note: null, page: 'boards.manage' },
    { key: 'bookingsToday', group, label: '今天的预约', count: bookingsToday, note: null, page: 'services' },
  ]
  // rare: shown only when there is one
  if (deletions) items.push({ key: 'deletions', group, label: '注销个人信息申请', count: deletions, note: null, page: 'account.deletions' })
  return items
}

/** a grid worker who is not on the committee: the reports of their grids waiting to be accepted */
async function gridItems(ctx: MemberContext, villageId: string): Promise<Item[]> {
  const gridIds = ctx.membership.gridIds
  if (!gridIds.length) return []
  const count = await ctx.ports.store.count('reports', { villageId, gridId: { $in: gridIds }, status: 'reported' })
  return [{ key: 'gridReports', group: 'grid', label: '本网格随手拍待受理', count, note: null, page: 'reports.queue' }]
}

/** hall staff: today's bookings still to check in and the waitlist, tomorrow's canteen seats (the hall's day, as their workspace counts it) */
async function hallItems(ctx: MemberContext, villageId: string): Promise<Item[]> {
  const hallId = ctx.membership.hallId
  const hall = hallId ? await ctx.ports.store.get('halls', hallId) : null
  if (!hall || hall.villageId !== villageId) return []
  const d = await hallDay(ctx.ports.store, hall, shanghaiDay(ctx.now), ctx.now)
  const group = 'hall' as const
  const day = pageUrl('booking.day', { villageId, hallId: hall._id })
  return [
    { key: 'hallCheckIn', group, label: '今天待签到的预约', count: d.booked, note: d.checkedIn ? `已签到${d.checkedIn}人` : null, page: day },
    { key: 'hallWaitlist', group, label: '今天候补的预约', count: d.waitlisted, note: null, page: day },
    { key: 'canteenTomorrow', group, label: '明天长者饭堂备餐', count: d.canteenTomorrow, note: null, page: pageUrl('booking.headcount', { villageId, hallId: hall._id }) },
  ]
}

/** where a town's count lies: 新山村3件、东尾村1件 */
const byVillage = (parts: Array<{ name: string; n: number }>, unit: string): string | null =>
  parts.filter((p) => p.n > 0).map((p) => `${p.name}${p.n}${unit}`).join('、') || null

/** town officers: the town's overdue reports and letters, and its open topics still short of the quorum (the town workspace's figures) */
async function townItems(ctx: MemberContext, villageId: string): Promise<Item[]> {
  const townId = ctx.membership.townId
  if (!townId) return []
  // only what the 待办 shows (the workspace's other figures are not read on every 首页)
  const { store } = ctx.ports
  const villages = await townVillages(store, townId)
  const alertsOf = await townAlerts(store, villages, ctx.now)
  const alerts = villages.map((v) => alertsOf(v._id))
  const group = 'town' as const
  const page = pageUrl('workspace.town', { villageId })
  const short = villages.map((v, i) => ({ name: v.name, n: alerts[i].topics.filter((t) => t.participants < t.quorumNeeded).length }))
  const sum = (parts: Array<{ n: number }>) => parts.reduce((n, p) => n + p.n, 0)
  const reports = villages.map((v, i) => ({ name: v.name, n: alerts[i].reportsOverdue }))
  const letters = villages.map((v, i) => ({ name: v.name, n: alerts[i].lettersOverdue }))
  return [
    { key: 'townReports', group, label: '逾期未办的随手拍', count: sum(reports), note: byVillage(reports, '件'), page },
    { key: 'townLetters', group, label: '逾期未回复的来信', count: sum(letters), note: byVillage(letters, '封'), page },
    { key: 'townQuorum', group, label: '参与人数还不够的议题', count: sum(short), note: byVillage(short, '个'), page },
  ]
}

export const todoHandlers: Handlers<typeof todoActions> = {
  'account.todo': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const roles = ctx.membership.roles
      // read once for both parts: the rules' version and the village's words
      const village = roles.includes('resident') || isCommittee(ctx.membership) ? await getVillage(ctx, villageId) : null
      const committee = isCommittee(ctx.membership)
      // one count of reports, letters and bookings for both parts (the committee's own and the village's)
      const shared = village ? sharedCounts(ctx, villageId, committee) : null
      // one find of the topics for both parts: the open ones (the votes) and, for the committee, the closed ones (the decisions)
      const topics = village ? liveTopics(ctx, villageId, committee) : null
      const [mine, committeeOwn, grid, hall, town] = await Promise.all([
        village && shared && topics && roles.includes('resident') ? residentItems(ctx, village, shared, topics) : Promise.resolve([]),
        village && shared && topics && committee ? committeeItems(ctx, village, shared, topics) : Promise.resolve([]),
        roles.includes('gridWorker') && !committee ? gridItems(ctx, villageId) : Promise.resolve([]),
        roles.includes('hallStaff') ? hallItems(ctx, villageId) : Promise.resolve([]),
        roles.includes('townOfficer') ? townItems(ctx, villageId) : Promise.resolve([]),
      ])
      return { items: [...mine, ...committeeOwn, ...grid, ...hall, ...town].map(item) }
    },
  },
}
