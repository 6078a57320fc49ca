/**
 * The town officer's and the hall staff's workspaces: counts only. Every figure is a `count` (or the few open
 * topics), never a walk through a village's collections, so that a town of many villages opens in a handful of
 * small queries per village.
 */
import { ApiError } from '../../errors'
import type { Access, Handlers } from '../../handler'
import type { Store } from '../../ports/store'
import { quorumNeeded } from '../../common/quorum'
import { percent, shanghaiDay } from '../../common/time'
import type { Village } from '../account/documents'
import type { TownVillage, workspaceActions } from './contract'

const TOWN_ACCESS: Access = { kind: 'member', roles: ['townOfficer'] }
const HALL_ACCESS: Access = { kind: 'member', roles: ['hallStaff'] }
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

async function villageFigures(store: Store, v: Village, today: string, now: number): Promise<TownVillage> {
  const villageId = v._id
  const [rules, open, booked, checkedIn, noShow, reportsOpen, lateToAccept, lateToResolve, waiting, lettersOverdue] = await Promise.all([
    rulesOf(store, v),
    store.find('topics', { villageId, status: 'open' }, { sort: [['closesAt', 'asc']], limit: 50 }),
    store.count('bookings', { villageId, date: today, status: { $in: SEATED } }),
    store.count('bookings', { villageId, date: today, status: 'checkedIn' }),
    store.count('bookings', { villageId, date: today, status: 'noShow' }),
    store.count('reports', { villageId, status: { $in: OPEN_REPORTS } }),
    store.count('reports', { villageId, status: 'reported', acceptDueAt: { $lt: now } }),
    store.count('reports', { villageId, status: { $in: ['accepted', 'inProgress'] }, resolveDueAt: { $lt: now } }),
    store.count('letters', { villageId, status: { $in: WAITING_LETTERS } }),
    store.count('letters', { villageId, status: { $in: WAITING_LETTERS }, dueAt: { $lt: now } }),
  ])
  const topics = await Promise.all(
    open.map(async (t) => ({ id: t._id, title: t.title, mode: t.mode, closesAt: t.closesAt, participants: await store.count('ballots', { topicId: t._id }), eligible: t.eligibleCount, quorumNeeded: quorumNeeded(t.mode, t.eligibleCount) })),
  )
  return {
    villageId,
    name: v.name,
    kind: v.kind,
    rules,
    topics,
    bookings: { booked, checkedIn, noShow },
    reports: { open: reportsOpen, overdue: lateToAccept + lateToResolve },
    letters: { waiting, overdue: lettersOverdue },
  }
}

export const figureHandlers: Handlers<Pick<typeof workspaceActions, 'workspace.town' | 'workspace.hall'>> = {
  'workspace.town': {
    access: TOWN_ACCESS,
    async handle(_input, ctx) {
      const townId = ctx.membership.townId
      if (!townId) throw new ApiError('FORBIDDEN', '您的账号没有登记所属镇街，请联系镇街管理员')
      const { store } = ctx.ports
      const [town, villages] = await Promise.all([store.get('regions', townId), store.find('villages', { townId }, { sort: [['_id', 'asc']] })])
      const today = shanghaiDay(ctx.now)
      return { townName: town?.name ?? '', date: today, villages: await Promise.all(villages.map((v) => villageFigures(store, v, today, ctx.now))) }
    },
  },

  'workspace.hall': {
    access: HALL_ACCESS,
    async handle({ villageId }, ctx) {
      const hallId = ctx.membership.hallId
      const { store } = ctx.ports
      const hall = hallId ? await store.get('halls', hallId) : null
      if (!hall || hall.villageId !== villageId) throw new ApiError('FORBIDDEN', '您的账号没有登记所在的服务中心，请联系村（居）委会')
      const date = shanghaiDay(ctx.now)
      const count = (status: string) => store.count('bookings', { hallId: hall._id, date, status })
      const [booked, checkedIn, noShow, waitlisted] = await Promise.all([count('booked'), count('checkedIn'), count('noShow'), count('waitlisted')])
      return { hallId: hall._id, hallName: hall.name, date, booked, checkedIn, noShow, waitlisted }
    },
  },
}
