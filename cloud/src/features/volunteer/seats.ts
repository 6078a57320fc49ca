/**
 * Places, exactly, without a transaction on the hot document (the technique of booking/seats.ts, smaller).
 * Taking a place is one conditional increment of the activity (`signedUp < capacity`) and joining the line
 * one append to its `waitlist`: single-document atomic writes that CloudBase applies one after another, where
 * a hundred transactions on one activity would fail each other at once. Before either, the sign-up is written
 * as `holding` (the claim of this person on this activity: its id is unique); after, it becomes signedUp or
 * waitlisted, and a claim that found no place and wanted no line is undone (its sign-up removed or restored).
 * Cancelling, and the promotion it allows, is one transaction over the activity and a few sign-ups by id.
 */
import { pageUrl } from '../../../../src/routes'
import { ApiError } from '../../errors'
import { DuplicateIdError, StoreBusyError, type TxStore } from '../../ports/store'
import { newId } from '../../common/ids'
import { shortTime } from '../../common/time'
import { notify, type NoticeContext } from '../account/notices'
import type { SignupStatus, VolunteerActivity, VolunteerSignup } from './documents'

export const signupIdOf = (activityId: string, personId: string): string => `${activityId}~${personId}`

/** the statuses of a sign-up that still counts (or is being written) */
const ACTIVE: readonly SignupStatus[] = ['signedUp', 'checkedIn', 'waitlisted', 'holding']

const duplicate = (s: VolunteerSignup) => new ApiError('DUPLICATE', s.status === 'waitlisted' ? '您已在候补名单中' : '您已报名该活动')

/** what a claim or a release wrote: the sign-up and the activity as they are after it (for the answer, without reading them again) */
export interface PlaceOutcome {
  signup: VolunteerSignup
  activity: VolunteerActivity
}

/** Signs the person up (or, waitlist, into the line when full). Refuses a second sign-up (DUPLICATE) and a full activity (FULL). */
export async function claimPlace(ctx: NoticeContext, activity: VolunteerActivity, person: { personId: string; name: string }, waitlist: boolean): Promise<PlaceOutcome> {
  const { store } = ctx.ports
  const now = ctx.now
  const id = signupIdOf(activity._id, person.personId)
  const claim = newId('vc', now)
  const signup: VolunteerSignup = {
    _id: id,
    villageId: activity.villageId,
    activityId: activity._id,
    title: activity.title,
    startsAt: activity.startsAt,
    endsAt: activity.endsAt,
    personId: person.personId,
    name: person.name,
    status: 'holding',
    claim,
    createdAt: now,
    updatedAt: now,
    checkedInAt: null,
    minutes: null,
  }
  const { _id: _omit, ...fields } = signup
  // this person's claim on this activity: a new sign-up, or a cancelled one started over
  const prev = await store.get('volunteerSignups', id)
  if (prev && ACTIVE.includes(prev.status)) throw duplicate(prev)
  if (prev) {
    if (!(await store.update('volunteerSignups', { _id: id, status: prev.status, updatedAt: prev.updatedAt }, { set: fields }))) throw duplicate((await store.get('volunteerSignups', id)) ?? prev)
  } else {
    try {
      await store.insert('volunteerSignups', signup)
    } catch (e) {
      if (e instanceof DuplicateIdError) throw duplicate((await store.get('volunteerSignups', id))!)
      throw e
    }
  }
  const mine = { _id: id, claim, status: 'holding' }
  let current = activity
  // a place: the increment applies only while one is free (and the capacity is the one read)
  for (let tries = 0; current.signedUp < current.capacity && tries < 50; tries++) {
    if (await store.update('volunteerActivities', { _id: activity._id, capacity: current.capacity, signedUp: { $lt: current.capacity } }, { inc: { signedUp: 1 } })) {
      await store.update('volunteerSignups', mine, { set: { status: 'signedUp' } })
      return { signup: { ...signup, status: 'signedUp' }, activity: { ...current, signedUp: current.signedUp + 1 } }
    }
    current = (await store.get('volunteerActivities', activity._id))!
  }
  if (!waitlist) {
    // the compensating undo: the old sign-up as it was, or none
    if (prev) {
      const { _id: _prevId, ...old } = prev
      await store.update('volunteerSignups', mine, { set: old })
    } else await store.remove('volunteerSignups', mine)
    throw new ApiError('FULL', current.waitlist.length ? `名额已满，可加入候补（前面还有${current.waitlist.length}人）` : '名额已满，可加入候补')
  }
  await store.update('volunteerActivities', { _id: activity._id }, { push: { waitlist: id } })
  await store.update('volunteerSignups', mine, { set: { status: 'waitlisted' } })
  // a place freed while this one was joining the line goes to the line now
  const after = (await store.get('volunteerActivities', activity._id))!
  if (after.signedUp < after.capacity) {
    await promoteQuietly(ctx, activity._id)
    return { signup: (await store.get('volunteerSignups', id))!, activity: (await store.get('volunteerActivities', activity._id))! }
  }
  return { signup: { ...signup, status: 'waitlisted' }, activity: after }
}

/**
 * Cancels a person's sign-up or place in line (one transaction with the activity, read in it: NOT_FOUND when it is
 * not of `villageId`); a freed place goes to the first in line.
 */
export async function releasePlace(ctx: NoticeContext, villageId: string, activityId: string, personId: string, check: (s: VolunteerSignup, a: VolunteerActivity) => void): Promise<PlaceOutcome> {
  const signupId = signupIdOf(activityId, personId)
  return ctx.ports.store.transaction(async (tx) => {
    const a = await tx.get('volunteerActivities', activityId)
    if (!a || a.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该活动')
    const s = await tx.get('volunteerSignups', signupId)
    if (!s) throw new ApiError('NOT_FOUND', '您没有报名该活动')
    check(s, a)
    await tx.update('volunteerSignups', signupId, { set: { status: 'cancelled', updatedAt: ctx.now } })
    const held = s.status === 'signedUp' || s.status === 'checkedIn'
    const after = held ? { ...a, signedUp: a.signedUp - 1 } : { ...a, waitlist: a.waitlist.filter((w) => w !== signupId) }
    return { signup: { ...s, status: 'cancelled' as const, updatedAt: ctx.now }, activity: await promoteInTx(ctx, tx, after, a) }
  })
}

/**
 * Gives free places to the line, first in line first, and writes the activity's count and line where they
 * changed from `before` (as read). Each promoted person is told.
 */
export async function promoteInTx(ctx: NoticeContext, tx: TxStore, activity: VolunteerActivity, before: VolunteerActivity): Promise<VolunteerActivity> {
  const waitlist = [...activity.waitlist]
  let signedUp = activity.signedUp
  while (waitlist.length && signedUp < activity.capacity) {
    const id = waitlist.shift()!
    const s = await tx.get('volunteerSignups', id)
    // `holding`: a place still being written (its claimer reads the outcome when it finishes)
    if (!s || (s.status !== 'waitlisted' && s.status !== 'holding')) continue
    await tx.update('volunteerSignups', id, { set: { status: 'signedUp', updatedAt: ctx.now } })
    signedUp++
    await notify(ctx, { personId: s.personId, villageId: s.villageId }, '志愿活动候补成功', `您已候补到「${activity.title}」（${shortTime(activity.startsAt)}），请按时参加；不能来请提前取消。`, pageUrl('volunteer.activity', { villageId: s.villageId, activityId: activity._id }), tx)
  }
  const changed = signedUp !== before.signedUp || waitlist.length !== before.waitlist.length || waitlist.some((w, i) => before.waitlist[i] !== w)
  // the count moves by its difference (an increment), the line is written whole
  if (changed) await tx.update('volunteerActivities', activity._id, { inc: { signedUp: signedUp - before.signedUp }, set: { waitlist } })
  return { ...activity, signedUp, waitlist }
}

/** The promotion of one activity's line after a claim joined it: a lost race is left to the next release. */
async function promoteQuietly(ctx: NoticeContext, activityId: string): Promise<void> {
  try {
    await ctx.ports.store.transaction(async (tx) => {
      const a = await tx.get('volunteerActivities', activityId)
      if (a) await promoteInTx(ctx, tx, a, a)
    })
  } catch (e) {
    if (!(e instanceof StoreBusyError)) throw e
  }
}
