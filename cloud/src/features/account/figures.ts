/**
 * A village's figures as those who serve it see them — the town officer's (every village of the town at once) and
 * the hall staff's (their hall's day) — computed once here for both the workspaces and 首页's 待办. They read the
 * other features' collections by name (as todo.ts and privacy.ts do: account imports no feature). Counts only:
 * every figure is a `count` (or the few open topics), never a walk through a village's collections, so that a town
 * of many villages opens in a handful of small queries per village.
 */
import type { Store } from '../../ports/store'
import { quorumNeeded } from '../../common/quorum'
import { percent, shanghaiDayPlus } from '../../common/time'
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
const OPEN_REPORTS = ['reported', 'accepted', 'inProgress']
const WAITING_LETTERS = ['received', 'accepted']

async function rulesOf(store: Store, v: Village): Promise<TownVillage['rules']> {
  const current = v.currentRulesVersion
  if (!current) return null
  const [version] = await store.find('ruleVersions', { villageId: v._id, number: current, status: 'published' }, { limit: 1 })
  if (!version) return null
  // residents are the members registered at a household (staff and officers have none)
  const [agreed, residents] = await Promise.all([store.count('ruleAgreements', { villageId: v._id, versionId: version._id }), store.count('memberships', { villageId: v._id, householdId: { $ne: null } })])
  return { number: current, agreed: Math.min(agreed, residents), residents, percent: percent(agreed, residents) }
}

/** What needs the town's attention in a village: open topics' turnout, overdue reports and letters (首页's 待办 needs only these). */
export interface VillageAlerts {
  topics: WorkspaceTopic[]
  reportsOverdue: number
  lettersOverdue: number
}

export async function villageAlerts(store: Store, villageId: string, now: number): Promise<VillageAlerts> {
  const [open, lateToAccept, lateToResolve, lettersOverdue] = await Promise.all([
    store.find('topics', { villageId, status: 'open' }, { sort: [['closesAt', 'asc']], limit: 50 }),
    store.count('reports', { villageId, status: 'reported', acceptDueAt: { $lt: now } }),
    store.count('reports', { villageId, status: { $in: ['accepted', 'inProgress'] }, resolveDueAt: { $lt: now } }),
    store.count('letters', { villageId, status: { $in: WAITING_LETTERS }, dueAt: { $lt: now } }),
  ])
  const topics = await Promise.all(
    open.map(async (t) => ({ id: t._id, title: t.title, mode: t.mode, closesAt: t.closesAt, participants: await store.count('ballots', { topicId: t._id }), eligible: t.eligibleCount, quorumNeeded: quorumNeeded(t.mode, t.eligibleCount) })),
  )
  return { topics, reportsOverdue: lateToAccept + lateToResolve, lettersOverdue }
}

/** One village of the town today: rules agreed, open topics' turnout, today's bookings, open and overdue reports and letters. */
export async function villageFigures(store: Store, v: Village, today: string, now: number): Promise<TownVillage> {
  const villageId = v._id
  const [rules, alerts, booked, checkedIn, noShow, reportsOpen, waiting] = await Promise.all([
    rulesOf(store, v),
    villageAlerts(store, villageId, now),
    store.count('bookings', { villageId, date: today, status: { $in: SEATED } }),
    store.count('bookings', { villageId, date: today, status: 'checkedIn' }),
    store.count('bookings', { villageId, date: today, status: 'noShow' }),
    store.count('reports', { villageId, status: { $in: OPEN_REPORTS } }),
    store.count('letters', { villageId, status: { $in: WAITING_LETTERS } }),
  ])
  return {
    villageId,
    name: v.name,
    kind: v.kind,
    rules,
    topics: alerts.topics,
    bookings: { booked, checkedIn, noShow },
    reports: { open: reportsOpen, overdue: alerts.reportsOverdue },
    letters: { waiting, overdue: alerts.lettersOverdue },
  }
}

/** The villages of a town, in one order. */
export const townVillages = (store: Store, townId: string) => store.find('villages', { townId }, { sort: [['_id', 'asc']] })

/** Every village of the officer's town, in one order. */
export async function townFigures(store: Store, townId: string, today: string, now: number): Promise<TownVillage[]> {
  return Promise.all((await townVillages(store, townId)).map((v) => villageFigures(store, v, today, now)))
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
