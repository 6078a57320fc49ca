/** 志愿服务's pure rules: an activity's phase, who organises it, and when signing up, cancelling and checking in are open. */
import type { Membership } from '../account/documents'
import type { ActivityPhase, VolunteerActivity, VolunteerOrg } from './documents'

/** check-in opens this long before the start (people arrive early) and closes at the end */
export const CHECK_IN_EARLY_MS = 30 * 60_000

export function phaseOf(a: Pick<VolunteerActivity, 'cancelled' | 'confirmedAt' | 'startsAt' | 'endsAt'>, now: number): ActivityPhase {
  if (a.cancelled) return 'cancelled'
  if (a.confirmedAt !== null) return 'confirmed'
  if (now < a.startsAt) return 'upcoming'
  return now < a.endsAt ? 'underway' : 'ended'
}

/** the activity's length, in whole minutes: each attendee's hours unless the organiser adjusts them */
export const durationMinutes = (a: Pick<VolunteerActivity, 'startsAt' | 'endsAt'>): number => Math.round((a.endsAt - a.startsAt) / 60_000)

/** an attendee's hours may exceed the activity's length by this much (someone stayed to tidy up), never more */
export const EXTRA_MINUTES = 60

/** the most minutes one attendee of the activity may be recorded */
export const maxMinutesOf = (a: Pick<VolunteerActivity, 'startsAt' | 'endsAt'>): number => durationMinutes(a) + EXTRA_MINUTES

/** The committee organises every activity of the village; an organisation's organisers, their own organisation's. */
export function organises(m: Pick<Membership, 'roles' | 'personId'>, org: Pick<VolunteerOrg, 'organisers'> | null): boolean {
  return m.roles.includes('committee') || Boolean(org?.organisers.includes(m.personId))
}

/** why signing up is closed, or null */
export function signUpWhy(a: VolunteerActivity, now: number): string | null {
  const phase = phaseOf(a, now)
  if (phase === 'cancelled') return '该活动已取消'
  return phase === 'upcoming' ? null : '活动已开始，报名已截止'
}

/** why checking in is closed now, or null */
export function checkInWhy(a: VolunteerActivity, now: number): string | null {
  const phase = phaseOf(a, now)
  if (phase === 'cancelled') return '该活动已取消'
  if (phase === 'confirmed' || now >= a.endsAt) return '活动已结束，不能再签到'
  if (now < a.startsAt - CHECK_IN_EARLY_MS) return '活动开始前30分钟才能签到'
  return null
}

export const sceneOf = (activityId: string): string => `a=${activityId}`
export const activityIdOfScene = (scene: string): string | null => (/^a=[\w-]{1,30}$/.test(scene) ? scene.slice(2) : null)
