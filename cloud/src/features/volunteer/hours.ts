/**
 * 志愿时长's counters: each month's confirmed hours of the village (minutes, volunteers, activities) and each
 * volunteer's (minutes, activities, the months served), kept in the transaction that confirms an activity's hours —
 * the only writer of `attended` — so the village's totals and ranking read a month's or a volunteer's document, never
 * the sign-ups. `rebuildVolunteerHours` counts them from the sign-ups (the seed, and once a data folder from before).
 */
import type { Store, TxStore } from '../../ports/store'
import { findAll } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import { INSERT_MANY } from '../../ports/store'
import type { VolunteerHours, VolunteerMonth } from './documents'

export const monthOf = (startsAt: number) => shanghaiDay(startsAt).slice(0, 7)
const monthId = (villageId: string, month: string) => `${villageId}:${month}`
const hoursId = (villageId: string, personId: string) => `${villageId}:${personId}`

/** one attendee's confirmed minutes (a deleted person's, personId '', count in the month, never in the ranking) */
export interface Served {
  personId: string
  name: string
  minutes: number
}

/** counts an activity's confirmed hours, inside the confirming transaction */
export async function countHours(tx: TxStore, villageId: string, month: string, served: Served[]): Promise<void> {
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
  if (await tx.get('volunteerMonths', id)) await tx.update('volunteerMonths', id, { inc: { minutes, volunteers: newcomers, activities: 1 } })
  else await tx.insert('volunteerMonths', { _id: id, villageId, month, minutes, volunteers: newcomers, activities: 1 })
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
