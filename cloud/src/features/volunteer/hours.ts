/**
 * 志愿时长's counters: each month's confirmed hours of the village (minutes, volunteers, activities) and each
 * volunteer's (minutes, activities, the months served), kept in the transaction that confirms an activity's hours —
 * the only writer of `attended` — so the village's totals and ranking read a month's or a volunteer's document, never
 * the sign-ups. `rebuildVolunteerHours` counts them from the sign-ups (the seed, and once a data folder from before).
 *
 * The confirmation itself only records what the organiser decided (hoursJob on the activity, audited): the job writes
 * it to the sign-ups, the counters and the volunteers' notices HOURS_BATCH sign-ups at a time, each batch one
 * transaction on the activity, so that an activity of any size confirms in a bounded number of calls, a run cut
 * anywhere goes on from the last batch written, and two runs at once write each batch once.
 */
import type { Ports } from '../../ports/ports'
import type { Store, TxStore } from '../../ports/store'
import { findAll } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import { INSERT_MANY } from '../../ports/store'
import { pageUrl } from '../../../../src/routes'
import { deliverNotices, notify, type NoticeContext } from '../account/notices'
import { hoursText, type HoursJob, type SignupStatus, type VolunteerActivity, type VolunteerHours, type VolunteerMonth, type VolunteerSignup } from './documents'
import { durationMinutes } from './policy'

export const monthOf = (startsAt: number) => shanghaiDay(startsAt).slice(0, 7)
const monthId = (villageId: string, month: string) => `${villageId}:${month}`
const hoursId = (villageId: string, personId: string) => `${villageId}:${personId}`

/** one attendee's confirmed minutes (a deleted person's, personId '', count in the month, never in the ranking) */
export interface Served {
  personId: string
  name: string
  minutes: number
}

/** counts a batch of an activity's confirmed hours, inside its transaction; `activity`: the activity counts in the month's with it */
async function countHours(tx: TxStore, villageId: string, month: string, served: Served[], activity: boolean): Promise<void> {
  if (!served.length) return
  // a volunteer counts in a month's volunteers at their first activity of it
  let newcomers = 0
  for (const s of served.filter((x) => x.personId)) {
    const id = hoursId(villageId, s.personId)
    const doc = await tx.get('volunteerHours', id)
    const fresh = !doc?.months.includes(month)
    if (fresh) newcomers++
    if (!doc) await tx.insert('volunteerHours', { _id: id, villageId, personId: s.personId, name: s.name, minutes: s.minutes, activities: 1, months: [month] })
    else await tx.update('volunteerHours', id, { set: { name: s.name }, inc: { minutes: s.minutes, activities: 1 }, ...(fresh ? { push: { months: month } } : {}) })
  }
  const minutes = served.reduce((sum, s) => sum + s.minutes, 0)
  const id = monthId(villageId, month)
  const activities = activity ? 1 : 0
  if (await tx.get('volunteerMonths', id)) await tx.update('volunteerMonths', id, { inc: { minutes, volunteers: newcomers, activities } })
  else await tx.insert('volunteerMonths', { _id: id, villageId, month, minutes, volunteers: newcomers, activities })
}

/** sign-ups one transaction of the job writes (each: its status, the volunteer's counter read and written, a notice) */
export const HOURS_BATCH = 25
/** batches one run of the job writes, over all activities */
export const HOURS_STEPS_PER_RUN = 20

/** What the confirmation makes of a sign-up still signed up or checked in (the job writes it; a read shows it meanwhile). */
export function confirmedOutcome(a: Pick<VolunteerActivity, 'startsAt' | 'endsAt'>, job: Pick<HoursJob, 'minutes'>, s: Pick<VolunteerSignup, 'status' | 'personId'>): { status: SignupStatus; minutes: number | null } {
  const minutes = s.status === 'checkedIn' ? (job.minutes[s.personId] ?? durationMinutes(a)) : 0
  return minutes > 0 ? { status: 'attended', minutes } : { status: 'absent', minutes: null }
}

/** A sign-up as it reads once its activity's confirmation is written (the same sign-up when there is none to write). */
export function asConfirmed(a: VolunteerActivity, s: VolunteerSignup): VolunteerSignup {
  return a.hoursJob && (s.status === 'signedUp' || s.status === 'checkedIn') ? { ...s, ...confirmedOutcome(a, a.hoursJob, s) } : s
}

/**
 * One batch of an activity's confirmation: the next sign-ups still to write (they leave the query once written), in
 * one transaction with the activity's batch count; the activity after it (hoursJob gone after the last batch), or null
 * when another run wrote that batch first.
 */
export async function hoursStep(ports: Ports, a: VolunteerActivity, now: number): Promise<VolunteerActivity | null> {
  const job = a.hoursJob
  if (!job) return a
  const batch = await ports.store.find('volunteerSignups', { activityId: a._id, status: { $in: ['signedUp', 'checkedIn'] } }, { sort: [['_id', 'asc']], limit: HOURS_BATCH })
  const last = batch.length < HOURS_BATCH
  const ctx: NoticeContext & { notices: string[] } = { ports, now, notices: [] }
  const after = await ports.store.transaction(async (tx) => {
    const cur = await tx.get('volunteerActivities', a._id)
    if (!cur?.hoursJob || cur.hoursJob.batches !== job.batches) return null
    const served: Served[] = []
    for (const s of batch) {
      const { status, minutes } = confirmedOutcome(cur, job, s)
      await tx.update('volunteerSignups', s._id, { set: { status, minutes, updatedAt: now } })
      if (!minutes) continue
      served.push({ personId: s.personId, name: s.name, minutes })
      // a deleted person's sign-up (personId '') still counts in the month, and has nobody to tell
      if (s.personId) await notify(ctx, { personId: s.personId, villageId: s.villageId }, '志愿时长已记录', `「${cur.title}」的志愿时长${hoursText(minutes)}已由${cur.confirmedByName ?? ''}确认记录，感谢您的服务！`, pageUrl('volunteer.hours', { villageId: s.villageId }), tx)
    }
    await countHours(tx, cur.villageId, monthOf(cur.startsAt), served, !job.counted && served.length > 0)
    const hoursJob: HoursJob | null = last ? null : { ...job, batches: job.batches + 1, counted: job.counted || served.length > 0 }
    await tx.update('volunteerActivities', cur._id, { set: { hoursJob } })
    return { ...cur, hoursJob }
  })
  if (after) await deliverNotices(ports, now, ctx.notices)
  return after
}

/** The time-driven job's step: the confirmations still being written, oldest first, HOURS_STEPS_PER_RUN batches a run. Returns the batches written. */
export async function runHoursJobs(ports: Ports, now: number): Promise<number> {
  const pending = await ports.store.find('volunteerActivities', { 'hoursJob.startedAt': { $gt: 0 } }, { sort: [['hoursJob.startedAt', 'asc']], limit: HOURS_STEPS_PER_RUN })
  let steps = 0
  for (const a of pending) {
    let cur: VolunteerActivity | null = a
    while (cur?.hoursJob && steps < HOURS_STEPS_PER_RUN) {
      steps++
      cur = await hoursStep(ports, cur, now)
    }
    if (steps >= HOURS_STEPS_PER_RUN) break
  }
  return steps
}

/** The village's counters recounted from its attended sign-ups (a walk: the seed and a migration only). Returns how many documents it wrote. */
export async function rebuildVolunteerHours(store: Store, villageId: string): Promise<number> {
  const served = await findAll(store, 'volunteerSignups', { villageId, status: 'attended' })
  const months = new Map<string, { minutes: number; volunteers: Set<string>; activities: Set<string> }>()
  const people = new Map<string, VolunteerHours>()
  for (const s of served) {
    const month = monthOf(s.startsAt)
    const m = months.get(month) ?? { minutes: 0, volunteers: new Set(), activities: new Set() }
    m.minutes += s.minutes ?? 0
    if (s.personId) m.volunteers.add(s.personId)
    m.activities.add(s.activityId)
    months.set(month, m)
    if (!s.personId) continue
    const p = people.get(s.personId) ?? { _id: hoursId(villageId, s.personId), villageId, personId: s.personId, name: s.name, minutes: 0, activities: 0, months: [] }
    p.minutes += s.minutes ?? 0
    p.activities++
    if (!p.months.includes(month)) p.months.push(month)
    people.set(s.personId, p)
  }
  const monthDocs: VolunteerMonth[] = [...months].map(([month, m]) => ({ _id: monthId(villageId, month), villageId, month, minutes: m.minutes, volunteers: m.volunteers.size, activities: m.activities.size }))
  await store.remove('volunteerMonths', { villageId })
  await store.remove('volunteerHours', { villageId })
  for (let i = 0; i < monthDocs.length; i += INSERT_MANY) await store.insertMany('volunteerMonths', monthDocs.slice(i, i + INSERT_MANY))
  const peopleDocs = [...people.values()]
  for (let i = 0; i < peopleDocs.length; i += INSERT_MANY) await store.insertMany('volunteerHours', peopleDocs.slice(i, i + INSERT_MANY))
  return monthDocs.length + peopleDocs.length
}
