/**
 * 志愿服务's documents as stored: the village's volunteer organisations (with their organisers), the
 * activities they or the committee post, and each person's sign-up to an activity, which carries the
 * check-in and, once the organiser confirms attendance, the hours. Instants are epoch ms; hours are
 * stored in minutes (whole numbers add up exactly).
 */

/** A volunteer organisation of the village, e.g. 新山村志愿服务队: its organisers may post and confirm its activities. */
export interface VolunteerOrg {
  _id: string
  villageId: string
  name: string
  /** person ids (members of the village) */
  organisers: string[]
  createdAt: number
}

/**
 * One activity. `signedUp` counts the sign-ups holding a place (signedUp or checkedIn) and `waitlist` the
 * sign-ups in line: a place is taken by a conditional increment (signedUp < capacity) and a place in line by
 * an append, so capacity stays exact without a transaction on the hot document (seats.ts).
 */
export interface VolunteerActivity {
  /** short: the QR code's scene is `a=<id>` (at most 32 characters) */
  _id: string
  villageId: string
  /** null: posted by the committee */
  orgId: string | null
  /** the organisation's name, or the committee's (村委会/居委会) */
  orgName: string
  title: string
  place: string
  startsAt: number
  endsAt: number
  capacity: number
  /** 需自带: gloves, a hat… */
  bring: string
  description: string
  signedUp: number
  /** sign-up ids, first in line first */
  waitlist: string[]
  /** 已取消: hidden from sign-up, kept on the record */
  cancelled: boolean
  /** the organiser confirmed attendance: the hours are recorded */
  confirmedAt: number | null
  confirmedByName: string | null
  /** the confirmed hours still being written to the sign-ups and counters by the job, a batch at a time (hours.ts); absent once done */
  hoursJob?: HoursJob | null
  createdBy: string
  createdByName: string
  createdAt: number
  updatedAt: number
}

/** What the organiser confirmed, as the job writes it: the minutes of each adjusted attendee (0: marked absent; the others the full length). */
export interface HoursJob {
  minutes: Record<string, number>
  startedAt: number
  /** batches written so far: a run that read a batch against another count finds it written by another run */
  batches: number
  /** the activity is counted in its month's activities (with its first attendee) */
  counted: boolean
}

/**
 * holding: the moments of its own claim (seats.ts), never shown; signedUp -> checkedIn (on the spot) ->
 * attended (confirmed, with hours) | absent (confirmed without); signedUp -> absent; waitlisted -> signedUp
 * (a place freed); signedUp | waitlisted -> cancelled (before the start).
 */
export type SignupStatus = 'holding' | 'signedUp' | 'waitlisted' | 'checkedIn' | 'attended' | 'absent' | 'cancelled'
export const SIGNUP_STATUS_LABELS: Record<SignupStatus, string> = {
  holding: '处理中',
  signedUp: '已报名',
  waitlisted: '候补中',
  checkedIn: '已签到',
  attended: '已确认',
  absent: '未参加',
  cancelled: '已取消',
}
/** the statuses that hold a place of the activity */
export const HOLDS_PLACE: readonly SignupStatus[] = ['signedUp', 'checkedIn']

export interface VolunteerSignup {
  /** `${activityId}~${personId}`: one per person and activity (signing up again reuses it) */
  _id: string
  villageId: string
  activityId: string
  /** copied from the activity: a person's list and the village's months without reading every activity */
  title: string
  startsAt: number
  endsAt: number
  personId: string
  name: string
  status: SignupStatus
  /** the claim that wrote it (seats.ts): the compensating undo removes only its own */
  claim: string
  createdAt: number
  updatedAt: number
  checkedInAt: number | null
  /** recorded when the organiser confirms: the activity's duration, or as adjusted */
  minutes: number | null
}

/** 即将开始, 进行中, 待确认 (over, attendance not confirmed), 已确认, 已取消 */
export type ActivityPhase = 'upcoming' | 'underway' | 'ended' | 'confirmed' | 'cancelled'
export const ACTIVITY_PHASE_LABELS: Record<ActivityPhase, string> = {
  upcoming: '报名中',
  underway: '进行中',
  ended: '待确认时长',
  confirmed: '已确认时长',
  cancelled: '已取消',
}

/** 2.5小时 */
export const hoursText = (minutes: number): string => `${Math.round((minutes / 60) * 10) / 10}小时`

/** a month's confirmed hours of the village (hours.ts keeps it): `${villageId}:${YYYY-MM}` */
export interface VolunteerMonth {
  _id: string
  villageId: string
  month: string
  minutes: number
  /** those who served in it, each once */
  volunteers: number
  activities: number
}

/** a volunteer's confirmed hours in the village (hours.ts keeps it; removed with the person): `${villageId}:${personId}` */
export interface VolunteerHours {
  _id: string
  villageId: string
  personId: string
  name: string
  minutes: number
  activities: number
  /** the months served (YYYY-MM): counts them once in a month's volunteers */
  months: string[]
}

declare module '../../ports/store' {
  interface Collections {
    volunteerOrgs: VolunteerOrg
    volunteerActivities: VolunteerActivity
    volunteerSignups: VolunteerSignup
    volunteerMonths: VolunteerMonth
    volunteerHours: VolunteerHours
  }
}
