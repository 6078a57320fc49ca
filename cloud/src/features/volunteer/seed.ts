/**
 * Demo volunteering in 新山村, relative to now: 新山村志愿服务队 (陈小红 organises it) and activities in every
 * state — a clean-up open for sign-up (林水生 signed up), a visit to elders full with 郑志远 waiting, an
 * anti-drowning talk under way (李桂兰 signed up, 陈建国 checked in), a 垃圾分类 patrol over and awaiting
 * the organiser's confirmation, and two confirmed in earlier months with hours (the ranking's data); 乌坎村 has a clean-up of its own.
 * Counts on each activity match its sign-ups. Called after the people are seeded.
 */
import { rebuildVolunteerHours } from './hours'
import type { Store } from '../../ports/store'
import type { SignupStatus, VolunteerActivity, VolunteerOrg, VolunteerSignup } from './documents'
import { signupIdOf } from './seats'

const X = 'v-xinshan'
const HOUR = 3_600_000
const DAY = 24 * HOUR
const ORG = 'vo-xinshan-team'
const NAMES: Record<string, string> = {
  linshuisheng: '林水生',
  liguilan: '李桂兰',
  chenjianguo: '陈建国',
  chenxiaohong: '陈小红',
  huangdeming: '黄德明',
  wulihua: '吴丽华',
  zhengzhiyuan: '郑志远',
}

type Seat = [key: string, status: SignupStatus, minutes?: number]
interface ActivitySeed {
  id: string
  title: string
  place: string
  /** from now */
  start: number
  /** the hour (Beijing) it starts on that day, as activities are posted: an edit keeps it within the day; without, `start` from now to the hour (one under way now) */
  hour?: number
  hours: number
  capacity: number
  bring: string
  description: string
  committee?: boolean
  confirmed?: boolean
  seats: Seat[]
  waitlist?: string[]
}

/** starts are from now, rounded down to the hour as activities are posted */
const ACTIVITIES: ActivitySeed[] = [
  {
    id: 'va-xs-clean',
    title: '村道清洁日',
    place: '新山村村委会门口集合',
    start: 2 * DAY,
    hour: 8,
    hours: 3,
    capacity: 20,
    bring: '手套、草帽、饮用水',
    description: '清理东一巷至新村路的村道两侧垃圾和杂草，工具由村委会提供。',
    seats: [['linshuisheng', 'signedUp']],
  },
  {
    id: 'va-xs-elders',
    title: '探访独居长者',
    place: '新山村党群服务中心',
    start: 3 * DAY,
    hour: 15,
    hours: 2,
    capacity: 3,
    bring: '无',
    description: '两人一组上门探访独居长者，帮忙打扫、陪聊，登记需要的帮助。',
    seats: [
      ['huangdeming', 'signedUp'],
      ['wulihua', 'signedUp'],
      ['chenxiaohong', 'signedUp'],
    ],
    waitlist: ['zhengzhiyuan'],
  },
  {
    id: 'va-xs-water',
    title: '防溺水安全宣传',
    place: '新山村水塘边',
    start: -HOUR,
    hours: 3,
    capacity: 10,
    bring: '志愿者马甲',
    description: '在水塘和河边向孩子和家长宣传防溺水知识，发放宣传单。',
    committee: true,
    seats: [
      ['liguilan', 'signedUp'],
      ['chenjianguo', 'checkedIn'],
    ],
  },
  {
    id: 'va-xs-sort',
    title: '垃圾分类督导',
    place: '新山村各垃圾收集点',
    start: -DAY,
    hour: 9,
    hours: 2,
    capacity: 6,
    bring: '志愿者马甲',
    description: '早上在各收集点指导村民分类投放。',
    seats: [
      ['linshuisheng', 'checkedIn'],
      ['wulihua', 'checkedIn'],
      ['huangdeming', 'signedUp'],
    ],
  },
  {
    id: 'va-xs-beach',
    title: '海滩净滩行动',
    place: '新山村海滩',
    start: -14 * DAY,
    hour: 8,
    hours: 3,
    capacity: 15,
    bring: '手套、垃圾袋',
    description: '清理海滩上的塑料垃圾和渔网。',
    confirmed: true,
    seats: [
      ['linshuisheng', 'attended', 180],
      ['chenjianguo', 'attended', 180],
      ['wulihua', 'attended', 120],
      ['huangdeming', 'absent'],
    ],
  },
  {
    id: 'va-xs-home',
    title: '敬老院义务理发',
    place: '联安镇敬老院',
    start: -40 * DAY,
    hour: 8,
    hours: 4,
    capacity: 5,
    bring: '理发工具（会理发的）',
    description: '为敬老院老人理发、剪指甲。',
    committee: true,
    confirmed: true,
    seats: [
      ['linshuisheng', 'attended', 240],
      ['wulihua', 'attended', 240],
      ['chenxiaohong', 'attended', 240],
    ],
  },
]

/** whole hours, as activities are posted */
const roundHour = (ms: number) => Math.floor(ms / HOUR) * HOUR
/** `hour` o'clock in Beijing (UTC+8, no daylight saving) on the day of `ms` */
const atHour = (ms: number, hour: number) => ms - ((ms + 8 * HOUR) % DAY) + hour * HOUR

export async function seedVolunteer(store: Store, now: number): Promise<void> {
  const org: VolunteerOrg = { _id: ORG, villageId: X, name: '新山村志愿服务队', organisers: ['p_chenxiaohong'], createdAt: now - 90 * DAY }
  await store.insert('volunteerOrgs', org)
  for (const s of ACTIVITIES) {
    const startsAt = s.hour === undefined ? roundHour(now + s.start) : atHour(now + s.start, s.hour)
    const endsAt = startsAt + s.hours * HOUR
    // every sign-up that held a place (a confirmed one keeps its count: attended and absent alike)
    const held = s.seats.filter(([, status]) => status !== 'waitlisted').length
    const activity: VolunteerActivity = {
      _id: s.id,
      villageId: X,
      orgId: s.committee ? null : ORG,
      orgName: s.committee ? '村委会' : org.name,
      title: s.title,
      place: s.place,
      startsAt,
      endsAt,
      capacity: s.capacity,
      bring: s.bring,
      description: s.description,
      signedUp: held,
      waitlist: (s.waitlist ?? []).map((k) => signupIdOf(s.id, `p_${k}`)),
      cancelled: false,
      confirmedAt: s.confirmed ? endsAt + DAY : null,
      confirmedByName: s.confirmed ? (s.committee ? '林志强' : '陈小红') : null,
      createdBy: s.committee ? 'p_linzhiqiang' : 'p_chenxiaohong',
      createdByName: s.committee ? '林志强' : '陈小红',
      createdAt: startsAt - 7 * DAY,
      updatedAt: startsAt - 7 * DAY,
    }
    await store.insert('volunteerActivities', activity)
    const seats: Seat[] = [...s.seats, ...(s.waitlist ?? []).map((k): Seat => [k, 'waitlisted'])]
    for (const [i, [key, status, minutes]] of seats.entries()) {
      const signedAt = activity.createdAt + (i + 1) * HOUR
      const signup: VolunteerSignup = {
        _id: signupIdOf(s.id, `p_${key}`),
        villageId: X,
        activityId: s.id,
        title: s.title,
        startsAt,
        endsAt,
        personId: `p_${key}`,
        name: NAMES[key],
        status,
        claim: `vc-seed-${i}`,
        createdAt: signedAt,
        updatedAt: signedAt,
        checkedInAt: status === 'checkedIn' || status === 'attended' ? startsAt - 10 * 60_000 : null,
        minutes: minutes ?? null,
      }
      await store.insert('volunteerSignups', signup)
    }
  }
  // the village's 志愿时长 counters, as a confirmation would have kept them
  await rebuildVolunteerHours(store, X)
  // 乌坎村's own activity (another village's, for the cross-village checks)
  const portAt = atHour(now + 4 * DAY, 8)
  await store.insert('volunteerActivities', {
    _id: 'va-wk-port',
    villageId: 'v-wukan',
    orgId: null,
    orgName: '村委会',
    title: '港口清淤志愿劳动',
    place: '乌坎村港口',
    startsAt: portAt,
    endsAt: portAt + 3 * HOUR,
    capacity: 30,
    bring: '雨靴、手套',
    description: '清理港口淤泥和漂浮垃圾。',
    signedUp: 0,
    waitlist: [],
    cancelled: false,
    confirmedAt: null,
    confirmedByName: null,
    createdBy: 'p_yangjinhe',
    createdByName: '杨锦和',
    createdAt: now - DAY,
    updatedAt: now - DAY,
  })
}
