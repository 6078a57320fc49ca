/**
 * An activity's capacity is exact under concurrency: 150 residents signing up at once for 40 places give exactly
 * 40 sign-ups, the rest a clear 名额已满 or a place in line; then 20 cancellations at once promote exactly 20 of
 * the line, in order, and the count still matches the sign-ups. On SQLite and on the CloudBase emulator (where
 * the claim is a conditional increment and an append, not a transaction).
 */
import { personKeyOf } from '../../cloud/src/features/account/policy'
import type { ActivityDetail } from '../../cloud/src/contract'
import type { VolunteerSignup } from '../../cloud/src/features/volunteer/documents'
import { T0, apiPerTest, membershipDoc } from './harness'

const X = 'v-xinshan'
const PEOPLE = 150
const PLACES = 40
const LEAVING = 20

const api = apiPerTest()

async function residents(n: number): Promise<string[]> {
  const { store } = api.ports
  const openids: string[] = []
  for (let i = 0; i < n; i++) {
    const personId = `p_vol_${i}`
    await store.insert('persons', { _id: personId, openid: `vol-${i}`, name: `志愿者${i}`, createdAt: T0 })
    await store.insert('personKeys', { _id: personKeyOf(`vol-${i}`), personId })
    await store.insert('memberships', membershipDoc(X, personId, `志愿者${i}`))
    openids.push(`vol-${i}`)
  }
  return openids
}

const signupsOf = (activityId: string): Promise<VolunteerSignup[]> => api.ports.store.find('volunteerSignups', { activityId }, { sort: [['_id', 'asc']], limit: 1000 })

test(`${PEOPLE} at once for ${PLACES} places: exactly ${PLACES} signed up, the rest 名额已满 or in line; cancellations promote exactly`, async () => {
  const now = api.ports.clock.now()
  const posted = await api.as('demo-linzhiqiang').call('volunteer.save', { villageId: X, title: '大扫除', place: '村委会', startsAt: now + 86_400_000, endsAt: now + 86_400_000 + 7_200_000, capacity: PLACES })
  const openids = await residents(PEOPLE)

  // every other one asks for the line when full
  const results = await Promise.all(openids.map((openid, i) => api.router('volunteer.signUp', { villageId: X, activityId: posted.id, waitlist: i % 2 === 1 }, { openid })))
  const outcome = (r: (typeof results)[number]) => (r.ok ? (r.data as ActivityDetail).mine!.status : `${r.error.code} ${r.error.message.replace(/（.*）/, '')}`)
  const tally: Record<string, number> = {}
  for (const r of results) tally[outcome(r)] = (tally[outcome(r)] ?? 0) + 1
  expect(tally.signedUp).toBe(PLACES)
  expect(Object.keys(tally).sort()).toEqual(['FULL 名额已满，可加入候补', 'signedUp', 'waitlisted'])
  expect(tally.waitlisted + tally['FULL 名额已满，可加入候补']).toBe(PEOPLE - PLACES)
  // nobody who asked for the line was turned away, nobody who did not was put in it
  results.forEach((r, i) => expect(r.ok ? (r.data as ActivityDetail).mine!.status !== 'waitlisted' || i % 2 === 1 : i % 2 === 0).toBe(true))

  let activity = (await api.ports.store.get('volunteerActivities', posted.id))!
  let all = await signupsOf(posted.id)
  expect(activity.signedUp).toBe(PLACES)
  expect(all.filter((s) => s.status === 'signedUp')).toHaveLength(PLACES)
  // the refused left nothing behind (the compensating undo), the line is exactly the waitlisted
  expect(all).toHaveLength(PLACES + tally.waitlisted)
  expect(new Set(activity.waitlist)).toEqual(new Set(all.filter((s) => s.status === 'waitlisted').map((s) => s._id)))
  expect(activity.waitlist).toHaveLength(tally.waitlisted)

  // 20 of the signed-up cancel at once: the first 20 in line get their places, in order
  const line = [...activity.waitlist]
  const leaving = all.filter((s) => s.status === 'signedUp').slice(0, LEAVING)
  const cancels = await Promise.all(leaving.map((s) => api.router('volunteer.cancel', { villageId: X, activityId: posted.id }, { openid: `vol-${s.personId.slice('p_vol_'.length)}` })))
  expect(cancels.filter((r) => !r.ok)).toEqual([])
  activity = (await api.ports.store.get('volunteerActivities', posted.id))!
  all = await signupsOf(posted.id)
  expect(activity.signedUp).toBe(PLACES)
  expect(all.filter((s) => s.status === 'signedUp')).toHaveLength(PLACES)
  expect(activity.waitlist).toEqual(line.slice(LEAVING))
  expect(new Set(all.filter((s) => s.status === 'signedUp' && line.includes(s._id)).map((s) => s._id))).toEqual(new Set(line.slice(0, LEAVING)))
}, 240_000)
