/** 志愿服务's rules without a store: an activity's phase, the sign-up and check-in windows, who organises, the QR scene, hours. */
import { hoursText, type VolunteerActivity } from '../../cloud/src/features/volunteer/documents'
import { activityIdOfScene, checkInWhy, durationMinutes, organises, phaseOf, sceneOf, signUpWhy } from '../../cloud/src/features/volunteer/policy'

const MIN = 60_000
/** Thursday 26 November 2026, 10:00 in Beijing */
const T0 = Date.UTC(2026, 10, 26, 2, 0, 0)

const activity = (over: Partial<VolunteerActivity> = {}): VolunteerActivity => ({
  _id: 'va-1',
  villageId: 'v-xinshan',
  orgId: null,
  orgName: '村委会',
  title: '村道清洁日',
  place: '村委会门口',
  startsAt: T0 + 60 * MIN,
  endsAt: T0 + 150 * MIN,
  capacity: 10,
  bring: '',
  description: '',
  signedUp: 0,
  waitlist: [],
  cancelled: false,
  confirmedAt: null,
  confirmedByName: null,
  createdBy: 'p_linzhiqiang',
  createdByName: '林志强',
  createdAt: T0 - 86_400_000,
  updatedAt: T0 - 86_400_000,
  ...over,
})

test('phase: upcoming until the start, under way until the end, then awaiting confirmation; cancelled and confirmed win', () => {
  const a = activity()
  expect(phaseOf(a, a.startsAt - 1)).toBe('upcoming')
  expect(phaseOf(a, a.startsAt)).toBe('underway')
  expect(phaseOf(a, a.endsAt - 1)).toBe('underway')
  expect(phaseOf(a, a.endsAt)).toBe('ended')
  expect(phaseOf({ ...a, confirmedAt: a.endsAt + 1 }, a.endsAt + 2)).toBe('confirmed')
  expect(phaseOf({ ...a, cancelled: true }, T0)).toBe('cancelled')
})

test('sign-up closes at the start; check-in opens 30 minutes before it and closes at the end', () => {
  const a = activity()
  expect(signUpWhy(a, a.startsAt - 1)).toBeNull()
  expect(signUpWhy(a, a.startsAt)).toBe('活动已开始，报名已截止')
  expect(signUpWhy({ ...a, cancelled: true }, T0)).toBe('该活动已取消')
  expect(checkInWhy(a, a.startsAt - 30 * MIN - 1)).toBe('活动开始前30分钟才能签到')
  expect(checkInWhy(a, a.startsAt - 30 * MIN)).toBeNull()
  expect(checkInWhy(a, a.endsAt - 1)).toBeNull()
  expect(checkInWhy(a, a.endsAt)).toBe('活动已结束，不能再签到')
})

test('the committee organises every activity; an organisation’s organisers only theirs', () => {
  const org = { organisers: ['p_chenxiaohong'] }
  expect(organises({ roles: ['resident', 'committee'], personId: 'p_linzhiqiang' }, null)).toBe(true)
  expect(organises({ roles: ['resident'], personId: 'p_chenxiaohong' }, org)).toBe(true)
  expect(organises({ roles: ['resident'], personId: 'p_chenxiaohong' }, null)).toBe(false)
  expect(organises({ roles: ['resident'], personId: 'p_linshuisheng' }, org)).toBe(false)
})

test('the QR scene names the activity and nothing else; hours read in halves', () => {
  expect(activityIdOfScene(sceneOf('va-mi3k2x-ab12'))).toBe('va-mi3k2x-ab12')
  expect(activityIdOfScene('h=v-xinshan:hall')).toBeNull()
  expect(activityIdOfScene('a=')).toBeNull()
  expect(durationMinutes(activity())).toBe(90)
  expect(hoursText(90)).toBe('1.5小时')
  expect(hoursText(120)).toBe('2小时')
})
