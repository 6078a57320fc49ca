/**
 * 志愿服务's actions: the activities and one activity (for residents and, with the roster, organisers),
 * sign-up and cancel (the place taken in seats.ts), check-in on the spot, posting and editing, the
 * organiser's confirmation of attendance (the hours recorded, audited), my hours and the village's totals.
 */
import { ApiError, problemsError } from '../../errors'
import type { Handlers, MemberContext } from '../../handler'
import { ACCESS } from '../../handler'
import { audit } from '../../common/audit'
import { checkText } from '../../common/content'
import { getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { qrDataUrl } from '../../common/qr'
import { pageUrl } from '../../../../src/routes'
import { shortTime } from '../../common/time'
import { wordsOf } from '../account/common'
import type { ActivityCard, ActivityDetail, RosterRow, volunteerActions } from './contract'
import { hoursText, type HoursJob, type VolunteerActivity, type VolunteerOrg, type VolunteerSignup } from './documents'
import { activityIdOfScene, checkInWhy, durationMinutes, EXTRA_MINUTES, maxMinutesOf, organises, phaseOf, sceneOf, signUpWhy } from './policy'
import { claimPlace, promoteInTx, releasePlace, signupIdOf } from './seats'
import { asConfirmed } from './hours'

const MANY = 500
/** the page an activity's poster opens (wxacode.getUnlimited takes it without the leading '/') */
export const ACTIVITY_PAGE = pageUrl('volunteer.activity').slice(1)

const activityOf = (ctx: MemberContext, activityId: string) => getInVillage(ctx.ports.store, 'volunteerActivities', activityId, ctx.membership.villageId, '找不到该活动')
const orgOf = async (ctx: MemberContext, a: Pick<VolunteerActivity, 'orgId'>): Promise<VolunteerOrg | null> => (a.orgId ? ctx.ports.store.get('volunteerOrgs', a.orgId) : null)

const tooFew = (signedUp: number) => new ApiError('CONFLICT', `已有${signedUp}人报名，招募人数不能少于${signedUp}`, { capacity: `已有${signedUp}人报名，不能少于${signedUp}人` })

// the village is read only to say who may (村委会/居委会)
async function assertOrganiser(ctx: MemberContext, org: VolunteerOrg | null): Promise<void> {
  if (!organises(ctx.membership, org)) throw new ApiError('FORBIDDEN', `只有${(await wordsOf(ctx, ctx.membership.villageId)).committee}和该活动的组织者可以操作`)
}

/** thrown inside volunteer.confirm's transaction for a caller who does not organise the activity */
const NOT_ORGANISER = new Error('not an organiser')

const positionOf = (a: VolunteerActivity, s: VolunteerSignup): number | null => (s.status === 'waitlisted' ? a.waitlist.indexOf(s._id) + 1 || null : null)

function card(a: VolunteerActivity, mine: VolunteerSignup | null, now: number): ActivityCard {
  return {
    id: a._id,
    title: a.title,
    place: a.place,
    orgName: a.orgName,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    capacity: a.capacity,
    signedUp: a.signedUp,
    waitlist: a.waitlist.length,
    phase: phaseOf(a, now),
    myStatus: mine && mine.status !== 'cancelled' && mine.status !== 'holding' ? mine.status : null,
  }
}

const rosterOf = (signups: VolunteerSignup[]) => [...signups].sort((x, y) => x.createdAt - y.createdAt || (x._id < y._id ? -1 : 1))

/** The activity as the caller sees it (re-read, so an action returns what it wrote). */
async function detail(ctx: MemberContext, activityId: string): Promise<ActivityDetail> {
  const a = await activityOf(ctx, activityId)
  return detailAfter(ctx, a, await ctx.ports.store.get('volunteerSignups', signupIdOf(a._id, ctx.membership.personId)))
}

/** The activity as the caller sees it, given it and their sign-up (as an action wrote them): the committee organises every activity, so its organisation is read for someone else only, and the roster for an organiser. */
async function detailAfter(ctx: MemberContext, a: VolunteerActivity, own: VolunteerSignup | null): Promise<ActivityDetail> {
  const org = ctx.membership.roles.includes('committee') ? null : await orgOf(ctx, a)
  const manage = organises(ctx.membership, org)
  const all = manage ? await ctx.ports.store.find('volunteerSignups', { activityId: a._id }, { sort: [['createdAt', 'asc']], limit: MANY }) : null
  return detailOf(ctx, a, manage, own, all)
}

/**
 * The activity as the caller sees it from what was read or written: whether they organise it, their own sign-up and,
 * for an organiser, every sign-up in the order they came (a confirmation still being written reads as it will be).
 */
function detailOf(ctx: MemberContext, a: VolunteerActivity, manage: boolean, own: VolunteerSignup | null, all: VolunteerSignup[] | null): ActivityDetail {
  const shown = own && asConfirmed(a, own)
  const mine = shown && shown.status !== 'cancelled' && shown.status !== 'holding' ? shown : null
  const resident = ctx.membership.roles.includes('resident')
  const signUpClosed = signUpWhy(a, ctx.now)
  const checkInClosed = checkInWhy(a, ctx.now)
  const phase = phaseOf(a, ctx.now)
  let roster: RosterRow[] | null = null
  if (manage && all) {
    roster = all
      .map((s) => asConfirmed(a, s))
      .filter((s) => s.status !== 'cancelled' && s.status !== 'holding')
      .map((s) => ({ personId: s.personId, name: s.name, status: s.status, position: positionOf(a, s), checkedInAt: s.checkedInAt, minutes: s.minutes }))
      .sort((x, y) => (x.position ?? 0) - (y.position ?? 0))
  }
  return {
    ...card(a, mine, ctx.now),
    orgId: a.orgId,
    bring: a.bring,
    description: a.description,
    createdByName: a.createdByName,
    confirmedAt: a.confirmedAt,
    confirmedByName: a.confirmedByName,
    durationMinutes: durationMinutes(a),
    maxMinutes: maxMinutesOf(a),
    mine: mine && { status: mine.status, position: positionOf(a, mine), checkedInAt: mine.checkedInAt, minutes: mine.minutes },
    can: {
      signUp: resident && !mine && signUpClosed === null,
      signUpWhy: signUpClosed,
      cancel: Boolean(mine && (mine.status === 'signedUp' || mine.status === 'waitlisted') && phase === 'upcoming'),
      checkIn: Boolean(mine && mine.status === 'signedUp' && checkInClosed === null),
      checkInWhy: mine?.status === 'signedUp' ? checkInClosed : null,
      manage: manage && phase !== 'cancelled',
      confirm: manage && phase === 'ended',
    },
    roster,
  }
}

export const volunteerHandlers: Handlers<typeof volunteerActions> = {
  'volunteer.byScene': {
    access: ACCESS.anyone,
    async handle({ scene }, ctx) {
      const activityId = activityIdOfScene(scene)
      const a = activityId ? await ctx.ports.store.get('volunteerActivities', activityId) : null
      if (!a) throw new ApiError('NOT_FOUND', '二维码无效：找不到该活动')
      return { villageId: a.villageId, activityId: a._id, title: a.title }
    },
  },

  'volunteer.activities': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const [activities, mine, orgs] = await Promise.all([
        store.find('volunteerActivities', { villageId }, { sort: [['startsAt', 'desc']], limit: 200 }),
        store.find('volunteerSignups', { villageId, personId: ctx.membership.personId }, { limit: MANY }),
        store.find('volunteerOrgs', { villageId }, { limit: 50 }),
      ])
      const mineOf = new Map(mine.map((s) => [s.activityId, s]))
      const cards = activities.filter((a) => !a.cancelled).map((a) => card(a, mineOf.get(a._id) ?? null, ctx.now))
      // the committee posts under the village's word for it (村委会/居委会)
      const committee = ctx.membership.roles.includes('committee') ? (await wordsOf(ctx, villageId)).committee : null
      return {
        // soonest first; the past newest first
        upcoming: cards.filter((c) => c.endsAt > ctx.now).reverse(),
        past: cards.filter((c) => c.endsAt <= ctx.now),
        canPostFor: [...(committee ? [{ orgId: null, name: committee }] : []), ...orgs.filter((o) => organises(ctx.membership, o)).map((o) => ({ orgId: o._id, name: o.name }))],
      }
    },
  },

  'volunteer.activity': {
    access: ACCESS.member,
    handle: ({ activityId }, ctx) => detail(ctx, activityId),
  },

  'volunteer.signUp': {
    access: ACCESS.resident,
    async handle({ activityId, waitlist }, ctx) {
      const a = await activityOf(ctx, activityId)
      const closed = signUpWhy(a, ctx.now)
      if (closed) throw new ApiError('CLOSED', closed)
      const { signup, activity } = await claimPlace(ctx, a, { personId: ctx.membership.personId, name: ctx.membership.name }, waitlist)
      return detailAfter(ctx, activity, signup)
    },
  },

  'volunteer.cancel': {
    access: ACCESS.resident,
    async handle({ activityId }, ctx) {
      const { signup, activity } = await releasePlace(ctx, ctx.membership.villageId, activityId, ctx.membership.personId, (s, a) => {
        if (s.status !== 'signedUp' && s.status !== 'waitlisted') throw new ApiError(s.status === 'checkedIn' ? 'CLOSED' : 'NOT_FOUND', s.status === 'checkedIn' ? '已签到，不能取消' : '您没有报名该活动')
        if (ctx.now >= a.startsAt) throw new ApiError('CLOSED', '活动已开始，不能取消报名')
      })
      return detailAfter(ctx, activity, signup)
    },
  },

  'volunteer.checkIn': {
    access: ACCESS.resident,
    async handle({ activityId }, ctx) {
      const a = await activityOf(ctx, activityId)
      const id = signupIdOf(activityId, ctx.membership.personId)
      const s = await ctx.ports.store.get('volunteerSignups', id)
      if (s?.status === 'checkedIn' || s?.status === 'attended') throw new ApiError('DUPLICATE', `您已于${shortTime(s.checkedInAt ?? s.updatedAt)}签到`)
      if (s?.status === 'waitlisted') throw new ApiError('FORBIDDEN', '您还在候补名单中，未获得名额，不能签到')
      if (s?.status !== 'signedUp') throw new ApiError('NOT_FOUND', '您没有报名该活动，请先报名')
      const closed = checkInWhy(a, ctx.now)
      if (closed) throw new ApiError('CLOSED', closed)
      // conditional: of two scans at once, one checks in
      if (!(await ctx.ports.store.update('volunteerSignups', { _id: id, status: 'signedUp' }, { set: { status: 'checkedIn', checkedInAt: ctx.now, updatedAt: ctx.now } }))) {
        throw new ApiError('DUPLICATE', '您已签到')
      }
      return detail(ctx, activityId)
    },
  },

  'volunteer.mine': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const all = await ctx.ports.store.find('volunteerSignups', { villageId, personId: ctx.membership.personId }, { sort: [['startsAt', 'desc']], limit: MANY })
      const shown = all.filter((s) => s.status !== 'cancelled' && s.status !== 'holding')
      return {
        totalMinutes: shown.reduce((sum, s) => sum + (s.status === 'attended' ? (s.minutes ?? 0) : 0), 0),
        activities: shown.map((s) => ({ activityId: s.activityId, title: s.title, startsAt: s.startsAt, endsAt: s.endsAt, status: s.status, minutes: s.status === 'attended' ? s.minutes : null })),
      }
    },
  },

  'volunteer.totals': {
    access: ACCESS.member,
    async handle({ villageId, top }, ctx) {
      // only confirmed hours count: the counters are kept by the organiser's confirmation (hours.ts)
      const { store } = ctx.ports
      const [months, ranking] = await Promise.all([
        store.find('volunteerMonths', { villageId }, { sort: [['month', 'desc']], limit: 1000 }),
        store.find('volunteerHours', { villageId, minutes: { $gt: 0 } }, { sort: [['minutes', 'desc'], ['activities', 'desc']], limit: top }),
      ])
      return {
        months: months.map(({ month, minutes, volunteers, activities }) => ({ month, minutes, volunteers, activities })),
        totalMinutes: months.reduce((sum, m) => sum + m.minutes, 0),
        ranking: ranking.map(({ personId, name, minutes, activities }) => ({ personId, name, minutes, activities })),
        canNominate: ctx.membership.roles.includes('committee'),
      }
    },
  },

  'volunteer.save': {
    access: ACCESS.member,
    async handle(input, ctx) {
      const { store } = ctx.ports
      const { villageId } = input
      const org = input.orgId ? await getInVillage(store, 'volunteerOrgs', input.orgId, villageId, '找不到该志愿组织') : null
      await assertOrganiser(ctx, org)
      const before = input.activityId ? await activityOf(ctx, input.activityId) : null
      if (before) {
        await assertOrganiser(ctx, await orgOf(ctx, before))
        if (phaseOf(before, ctx.now) !== 'upcoming') throw new ApiError('CLOSED', '活动已开始或已结束，不能修改')
        if (input.capacity < before.signedUp) throw tooFew(before.signedUp)
      }
      // a new time, too: an edit cannot move an activity into the past
      if (input.startsAt <= ctx.now) throw new ApiError('BAD_INPUT', '开始时间应晚于现在', { startsAt: '开始时间应晚于现在' })
      await checkText(ctx, { title: input.title, place: input.place, bring: input.bring, description: input.description })
      const fields = {
        orgId: org?._id ?? null,
        orgName: org?.name ?? (await wordsOf(ctx, villageId)).committee,
        title: input.title,
        place: input.place,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        capacity: input.capacity,
        bring: input.bring,
        description: input.description,
        updatedAt: ctx.now,
      }
      if (!before) {
        const id = newId('va', ctx.now)
        await store.insert('volunteerActivities', {
          _id: id,
          villageId,
          ...fields,
          signedUp: 0,
          waitlist: [],
          cancelled: false,
          confirmedAt: null,
          confirmedByName: null,
          createdBy: ctx.membership.personId,
          createdByName: ctx.membership.name,
          createdAt: ctx.now,
        })
        return detail(ctx, id)
      }
      // an edit: one transaction with the sign-ups (their copies of the title and time), and more places go to the line.
      // The sign-ups are found before it: a transaction reads by id only (CloudBase), and SQLite's would wait on the query
      const copies = before.title !== input.title || before.startsAt !== input.startsAt || before.endsAt !== input.endsAt
      const signups = copies ? await store.find('volunteerSignups', { activityId: before._id }, { limit: MANY }) : []
      await store.transaction(async (tx) => {
        const a = (await tx.get('volunteerActivities', before._id))!
        if (input.capacity < a.signedUp) throw tooFew(a.signedUp)
        await tx.update('volunteerActivities', a._id, { set: fields })
        const ids = [...a.waitlist]
        for (const s of signups) await tx.update('volunteerSignups', s._id, { set: { title: input.title, startsAt: input.startsAt, endsAt: input.endsAt } })
        await promoteInTx(ctx, tx, { ...a, ...fields, waitlist: ids }, a)
      })
      return detail(ctx, before._id)
    },
  },

  'volunteer.poster': {
    access: ACCESS.member,
    async handle({ activityId }, ctx) {
      const a = await activityOf(ctx, activityId)
      await assertOrganiser(ctx, await orgOf(ctx, a))
      if (a.cancelled) throw new ApiError('CLOSED', '该活动已取消')
      const village = await ctx.ports.store.get('villages', a.villageId)
      const scene = sceneOf(a._id)
      return { activity: card(a, null, ctx.now), villageName: village?.name ?? '', scene, page: ACTIVITY_PAGE, image: await qrDataUrl(ctx.ports.qrCodes, scene, ACTIVITY_PAGE) }
    },
  },

  'volunteer.confirm': {
    access: ACCESS.member,
    async handle({ activityId, adjust, absent }, ctx) {
      const { store } = ctx.ports
      // the sign-ups first (a transaction reads by id only): checked against the activity as the transaction reads it,
      // and the roster of the answer. The transaction records the decision, audited; the job writes the hours (hours.ts)
      const all = rosterOf(await store.find('volunteerSignups', { activityId }, { limit: MANY }))
      const checkedIn = new Map(all.filter((s) => s.status === 'checkedIn').map((s) => [s.personId, s]))
      const a = await store.transaction(async (tx) => {
        const a = await tx.get('volunteerActivities', activityId)
        if (!a || a.villageId !== ctx.membership.villageId) throw new ApiError('NOT_FOUND', '找不到该活动')
        // the committee organises every activity: its organisation is read only for someone else
        const org = a.orgId && !ctx.membership.roles.includes('committee') ? await tx.get('volunteerOrgs', a.orgId) : null
        // refused after it: the refusal names the village's committee, read outside (SQLite's transaction would wait on it)
        if (!organises(ctx.membership, org)) throw NOT_ORGANISER
        // conditional on its state as read: two organisers confirming at once record the hours once
        const phase = phaseOf(a, ctx.now)
        if (phase === 'confirmed') throw new ApiError('DUPLICATE', '该活动的时长已经确认过了')
        if (phase !== 'ended') throw new ApiError('CLOSED', phase === 'cancelled' ? '该活动已取消' : '活动结束后才能确认时长')
        const stray = [...adjust.map((x) => x.personId), ...absent].find((p) => !checkedIn.has(p))
        if (stray) throw new ApiError('BAD_INPUT', '只能调整已签到的志愿者的时长')
        const full = durationMinutes(a)
        const max = maxMinutesOf(a)
        const problems = adjust.flatMap((x, i) => {
          const who = checkedIn.get(x.personId)!.name
          if (absent.includes(x.personId)) return [{ field: `adjust.${i}.hours`, message: `${who}已标为未参加，不能同时记录时长` }]
          return x.hours * 60 > max ? [{ field: `adjust.${i}.hours`, message: `${who}的时长不能超过${hoursText(max)}（活动${hoursText(full)}，最多多记${hoursText(EXTRA_MINUTES)}）` }] : []
        })
        if (problems.length) throw problemsError(problems)
        const adjusted = new Map<string, number>([...adjust.map((x): [string, number] => [x.personId, Math.round(x.hours * 60)]), ...absent.map((p): [string, number] => [p, 0])])
        const hoursJob: HoursJob = { minutes: Object.fromEntries(adjusted), startedAt: ctx.now, batches: 0, counted: false }
        const set = { confirmedAt: ctx.now, confirmedByName: ctx.membership.name, updatedAt: ctx.now, hoursJob }
        await tx.update('volunteerActivities', activityId, { set })
        const served = [...checkedIn.keys()].filter((p) => adjusted.get(p) !== 0).length
        const changes = [...adjusted.entries()].map(([p, m]) => `${checkedIn.get(p)!.name}${m ? hoursText(m) : '未参加'}`)
        await audit(ctx, 'volunteer.confirm', { type: 'volunteerActivity', id: activityId, label: a.title }, `${served}人参加，每人${hoursText(full)}${changes.length ? `；调整：${changes.join('、')}` : ''}`, tx)
        return { ...a, ...set }
      }).catch(async (e: unknown) => {
        if (e === NOT_ORGANISER) await assertOrganiser(ctx, null)
        throw e
      })
      // the answer from what was read and written (the organiser's, as asserted): the roster as the job will write it
      const own = all.find((s) => s.personId === ctx.membership.personId) ?? null
      return detailOf(ctx, a, true, own, all)
    },
  },
}
