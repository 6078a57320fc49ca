/**
 * A village's figures as those who serve it see them — the town officer's (every village of the town at once) and
 * the hall staff's (their hall's day) — computed once here for both the workspaces and 首页's 待办. They read the
 * other features' collections by name (as todo.ts and privacy.ts do: account imports no feature). Counts only:
 * every figure is a count (Store.totals grouped by village, or the open topics), never a walk through a village's
 * collections, and one call counts it for every village of the town at once.
 */
import type { Store } from '../../ports/store'
import { quorumNeeded } from '../../common/quorum'
import { percent, shanghaiDayPlus } from '../../common/time'
import { totalsBy } from '../../common/load'
import type { Village, VillageKind } from './documents'

/** An open topic as a workspace shows it: turnout against the quorum. */
export interface WorkspaceTopic {
  id: string
  title: string
  mode: 'person' | 'household'
  closesAt: number
  participants: number
  eligible: number
  quorumNeeded: number
}

export interface TownVillage {
  villageId: string
  name: string
  kind: VillageKind
  /** agreement to the current rules: residents registered at a household, and those who agreed */
  rules: { number: number; agreed: number; residents: number; percent: number } | null
  topics: WorkspaceTopic[]
  /** today at the village's halls: seats booked (checked in and no-shows included), checked in, no-shows */
  bookings: { booked: number; checkedIn: number; noShow: number }
  reports: { open: number; overdue: number }
  letters: { waiting: number; overdue: number }
}

/** a hall's day in counts */
export interface HallDay {
  hallId: string
  hallName: string
  date: string
  /** today's bookings by state */
  booked: number
  checkedIn: number
  noShow: number
  waitlisted: number
  /** seats booked at the hall's canteen tomorrow: the kitchen's count to prepare */
  canteenTomorrow: number
}

const SEATED = ['booked', 'checkedIn', 'noShow']
/** a report still to be handled */
export const OPEN_REPORTS = ['reported', 'accepted', 'inProgress']

/**
 * Open reports' figures for Store.totals (filter by OPEN_REPORTS): all of them, and those past the time they were due
 * to be accepted or resolved (the reports feature's own rule, read here from its fields).
 */
export const reportFigures = (now: number) => ({
  open: {},
  lateToAccept: { where: { status: 'reported', acceptDueAt: { $lt: now } } },
  lateToResolve: { where: { status: { $in: ['accepted', 'inProgress'] }, resolveDueAt: { $lt: now } } },
})
export const overdueOf = (r: { lateToAccept: number; lateToResolve: number }) => r.lateToAccept + r.lateToResolve
/** a letter the committee still owes a reply */
export const WAITING_LETTERS = ['received', 'accepted']

/** the open topics a town's workspace and 待办 show at most, those closing first (one find of CloudBase's page) */
export const TOWN_OPEN_TOPICS = 100

/** What needs the town's attention in a village: open topics' turnout, overdue reports and letters (首页's 待办 needs only these). */
export interface VillageAlerts {
  topics: WorkspaceTopic[]
  reportsOpen: number
  reportsOverdue: number
  lettersWaiting: number
  lettersOverdue: number
}

const inVillages = (villages: ReadonlyArray<Pick<Village, '_id'>>) => ({ villageId: { $in: villages.map((v) => v._id) } })

/** The open topics of these villages with their turnout, by village: one find, and one count of their ballots grouped by topic. */
export async function openTopicsOf(store: Store, villages: ReadonlyArray<Pick<Village, '_id'>>, limit = TOWN_OPEN_TOPICS): Promise<Map<string, WorkspaceTopic[]>> {
  const open = await store.find('topics', { ...inVillages(villages), status: 'open' }, { sort: [['closesAt', 'asc']], limit })
  const ballots = open.length ? await totalsBy(store, 'ballots', { topicId: { $in: open.map((t) => t._id) } }, 'topicId', { n: {} }) : () => ({ n: 0 })
  const out = new Map<string, WorkspaceTopic[]>(villages.map((v) => [v._id, []]))
  for (const t of open) {
    out.get(t.villageId)?.push({ id: t._id, title: t.title, mode: t.mode, closesAt: t.closesAt, participants: ballots(t._id).n, eligible: t.eligibleCount, quorumNeeded: quorumNeeded(t.mode, t.eligibleCount) })
  }
  return out
}

/** Every village's alerts at once: four calls whatever the number of villages (the topics, their ballots, reports, letters). */
export async function townAlerts(store: Store, villages: ReadonlyArray<Pick<Village, '_id'>>, now: number): Promise<(villageId: string) => VillageAlerts> {
  if (!villages.length) return () => ({ topics: [], reportsOpen: 0, reportsOverdue: 0, lettersWaiting: 0, lettersOverdue: 0 })
  const [topics, reports, letters] = await Promise.all([
    openTopicsOf(store, villages),
    totalsBy(store, 'reports', { ...inVillages(villages), status: { $in: OPEN_REPORTS } }, 'villageId', reportFigures(now)),
    totalsBy(store, 'letters', { ...inVillages(villages), status: { $in: WAITING_LETTERS } }, 'villageId', { waiting: {}, overdue: { where: { dueAt: { $lt: now } } } }),
  ])
  return (villageId) => {
    const r = reports(villageId)
    const l = letters(villageId)
    return { topics: topics.get(villageId) ?? [], reportsOpen: r.open, reportsOverdue: overdueOf(r), lettersWaiting: l.waiting, lettersOverdue: l.overdue }
  }
}

/**
 * Agreement to each village's current rules from the residents' counters (residents.ts): every village's counters
 * summed in one call, by village and the version their agreed part counts (another version's reads as 0).
 */
async function townRules(store: Store, villages: readonly Village[]): Promise<(v: Village) => TownVillage['rules']> {
  const groups = await store.totals('residentCounts', inVillages(villages), ['villageId', 'rulesVersion'], { residents: { sum: 'residents' }, agreed: { sum: 'agreedPersons' } })
  return (v) => {
    const current = v.currentRulesVersion
    if (!current) return null
    const mine = groups.filter((g) => g.key[0] === v._id)
    const all = mine.reduce((n, g) => n + g.totals.residents, 0)
    const agreed = mine.filter((g) => g.key[1] === current).reduce((n, g) => n + g.totals.agreed, 0)
    return { number: current, agreed: Math.min(agreed, all), residents: all, percent: percent(agreed, all) }
  }
}

/** The villages of a town, in one order. */
export const townVillages = (store: Store, townId: string) => store.find('villages', { townId }, { sort: [['_id', 'asc']] })

/**
 * Every village of the officer's town: rules agreed, open topics' turnout, today's bookings, open and overdue reports
 * and letters — each figure counted for all the villages in one call, so the town costs the same with 3 villages or 30.
 */
export async function townFigures(store: Store, townId: string, today: string, now: number): Promise<TownVillage[]> {
  const villages = await townVillages(store, townId)
  if (!villages.length) return []
  const [rules, alerts, bookings] = await Promise.all([
    townRules(store, villages),
    townAlerts(store, villages, now),
    totalsBy(store, 'bookings', { ...inVillages(villages), date: today, status: { $in: SEATED } }, 'villageId', { booked: {}, checkedIn: { where: { status: 'checkedIn' } }, noShow: { where: { status: 'noShow' } } }),
  ])
  return villages.map((v) => {
    const a = alerts(v._id)
    return {
      villageId: v._id,
      name: v.name,
      kind: v.kind,
      rules: rules(v),
      topics: a.topics,
      bookings: bookings(v._id),
      reports: { open: a.reportsOpen, overdue: a.reportsOverdue },
      letters: { waiting: a.lettersWaiting, overdue: a.lettersOverdue },
    }
  })
}

/** The hall's day: today's bookings by state, and tomorrow's canteen seats. */
export async function hallDay(store: Store, hall: { _id: string; villageId: string; name: string }, today: string, now: number): Promise<HallDay> {
  // by the village first: the bookings' and services' indexes begin with it
  const at = { villageId: hall.villageId, hallId: hall._id }
  const count = (status: string) => store.count('bookings', { ...at, date: today, status })
  const tomorrow = shanghaiDayPlus(now, 1)
  const canteenTomorrow = async () => {
    const canteens = await store.find('bookingServices', { ...at, kind: 'canteen' }, { limit: 100 })
    return canteens.length ? store.count('bookings', { ...at, serviceId: { $in: canteens.map((s) => s._id) }, date: tomorrow, status: 'booked' }) : 0
  }
  const [booked, checkedIn, noShow, waitlisted, canteen] = await Promise.all([count('booked'), count('checkedIn'), count('noShow'), count('waitlisted'), canteenTomorrow()])
  return { hallId: hall._id, hallName: hall.name, date: today, booked, checkedIn, noShow, waitlisted, canteenTomorrow: canteen }
}
