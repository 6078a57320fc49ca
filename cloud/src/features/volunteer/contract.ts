/**
 * 志愿服务: activities posted by the committee or a volunteer organisation, sign-up with exact capacity and a
 * waitlist, check-in on the spot by the activity's QR code, attendance confirmed by the organiser (then the
 * hours are recorded), each volunteer's hours and the village's totals and ranking. Every view and input
 * (documents are in documents.ts); the client imports this file for types only.
 */
import { z } from 'zod'
import { action } from '../../contract/action'
import { id, text, villageId } from '../../contract/inputs'
import type { ActivityPhase, SignupStatus } from './documents'

// ---------------------------------------------------------------------------------------------
// views

export interface ActivityCard {
  id: string
  title: string
  place: string
  orgName: string
  startsAt: number
  endsAt: number
  capacity: number
  signedUp: number
  waitlist: number
  phase: ActivityPhase
  /** the caller's sign-up, if any (not cancelled) */
  myStatus: SignupStatus | null
}

export interface RosterRow {
  personId: string
  name: string
  status: SignupStatus
  /** waitlisted: 1 = next in line */
  position: number | null
  checkedInAt: number | null
  minutes: number | null
}

export interface ActivityDetail extends ActivityCard {
  orgId: string | null
  bring: string
  description: string
  createdByName: string
  confirmedAt: number | null
  confirmedByName: string | null
  /** the activity's length, each attendee's hours unless adjusted */
  durationMinutes: number
  /** the most one attendee may be recorded: the length and an hour more */
  maxMinutes: number
  mine: { status: SignupStatus; position: number | null; checkedInAt: number | null; minutes: number | null } | null
  can: {
    signUp: boolean
    /** why not, e.g. 活动已开始，报名已截止 */
    signUpWhy: string | null
    cancel: boolean
    checkIn: boolean
    checkInWhy: string | null
    /** organiser: edit, the roster, the QR poster */
    manage: boolean
    /** organiser, after the end, not yet confirmed */
    confirm: boolean
  }
  /** organisers only: everyone signed up, in line, checked in */
  roster: RosterRow[] | null
}

export interface ActivityList {
  upcoming: ActivityCard[]
  past: ActivityCard[]
  /** the organisations the caller may post for (the committee: null, as 村委会/居委会) */
  canPostFor: Array<{ orgId: string | null; name: string }>
}

export interface MyVolunteering {
  /** recorded (confirmed) minutes */
  totalMinutes: number
  activities: Array<{ activityId: string; title: string; startsAt: number; endsAt: number; status: SignupStatus; minutes: number | null }>
}

export interface VillageTotals {
  /** YYYY-MM, newest first, confirmed hours only */
  months: Array<{ month: string; minutes: number; volunteers: number; activities: number }>
  totalMinutes: number
  /** the top volunteers by confirmed hours */
  ranking: Array<{ personId: string; name: string; minutes: number; activities: number }>
  /** the committee may 推荐 them for the 善行义举榜 */
  canNominate: boolean
}

/** The activity's check-in poster: an A4 sheet with its code, for the organiser to print and put up on the spot. */
export interface ActivityPoster {
  activity: ActivityCard
  villageName: string
  /** a=<activity id> */
  scene: string
  /** the page the code opens */
  page: string
  /** data: URL of the code (a mini-program code in the cloud; a QR code of the h5 link locally) */
  image: string
}

// ---------------------------------------------------------------------------------------------
// inputs

const instant = (what: string) => z.number({ required_error: `请选择${what}`, invalid_type_error: `请选择${what}` }).int(`${what}无效`).min(1_500_000_000_000, `${what}无效`)

export const activityInput = z
  .object({
    villageId,
    /** omitted: a new activity */
    activityId: id.optional(),
    /** null: the committee's own */
    orgId: id.nullable().default(null),
    title: text('活动名称', 40),
    place: text('地点', 60),
    startsAt: instant('开始时间'),
    endsAt: instant('结束时间'),
    capacity: z.number({ required_error: '请填写招募人数', invalid_type_error: '招募人数应为数字' }).int('招募人数应为整数').min(1, '招募人数至少1人').max(200, '招募人数不超过200人'),
    bring: z.string().trim().max(100, '需自带物品不超过100个字').default(''),
    description: z.string().trim().max(1000, '活动介绍不超过1000个字').default(''),
  })
  .refine((v) => v.endsAt > v.startsAt, { message: '结束时间应晚于开始时间', path: ['endsAt'] })
  .refine((v) => v.endsAt - v.startsAt <= 24 * 3600_000, { message: '一次活动不超过24小时', path: ['endsAt'] })

/** the bound by the activity's length is the handler's (policy.ts maxMinutesOf) */
const hours = z.number({ required_error: '请填写时长', invalid_type_error: '时长应为数字' }).gt(0, '时长应大于0；没有参加的请标为未参加').max(24, '时长不超过24小时').multipleOf(0.5, '时长以0.5小时为单位')

export const volunteerResidentActions = {
  /** the activity a QR code's scene names (anyone: the page shows it before asking to join) */
  'volunteer.byScene': action<{ villageId: string; activityId: string; title: string }>()(z.object({ scene: z.string().trim().min(1, '二维码无效').max(32, '二维码无效') })),
  /** upcoming and past activities, and whom the caller may post for */
  'volunteer.activities': action<ActivityList>()(z.object({ villageId })),
  /** one activity: my sign-up, what I may do, and (organisers) the roster */
  'volunteer.activity': action<ActivityDetail>()(z.object({ villageId, activityId: id })),
  /** sign up; full: FULL 名额已满, unless waitlist: then a place in line */
  'volunteer.signUp': action<ActivityDetail>()(z.object({ villageId, activityId: id, waitlist: z.boolean().default(false) })),
  /** cancel my sign-up or leave the line (before the start); a freed place goes to the first in line */
  'volunteer.cancel': action<ActivityDetail>()(z.object({ villageId, activityId: id })),
  /** check in on the spot (the activity's QR code), during the activity, once */
  'volunteer.checkIn': action<ActivityDetail>()(z.object({ villageId, activityId: id })),
  /** my recorded hours and my activities */
  'volunteer.mine': action<MyVolunteering>()(z.object({ villageId })),
  /** the village's confirmed hours by month and the ranking */
  'volunteer.totals': action<VillageTotals>()(z.object({ villageId, top: z.number().int().min(1).max(50).default(10) })),
}

/** the committee, or the organisers of the activity's organisation */
export const volunteerOrganiserActions = {
  /** post or edit an activity (before it starts) */
  'volunteer.save': action<ActivityDetail>()(activityInput),
  /** the activity's check-in poster (its code opens the activity page with scene a=<id>) */
  'volunteer.poster': action<ActivityPoster>()(z.object({ villageId, activityId: id })),
  /**
   * after the end: confirm attendance; each checked-in person gets the activity's length unless adjusted (more than 0,
   * at most the length and an hour more) or marked absent (checked in, did not serve); the others are absent
   */
  'volunteer.confirm': action<ActivityDetail>()(
    z.object({
      villageId,
      activityId: id,
      adjust: z.array(z.object({ personId: id, hours })).max(200, '名单过长').default([]),
      absent: z.array(id).max(200, '名单过长').default([]),
    }),
  ),
}

export const volunteerActions = { ...volunteerResidentActions, ...volunteerOrganiserActions }
