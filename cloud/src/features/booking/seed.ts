/**
 * Demo bookings, all relative to now. 新山村党群服务中心 offers the 长者饭堂 (lunch and dinner, for 60+ and one
 * listed household, with a closed day and a day of fewer seats ahead) and the six stations; 乌坎村 a canteen and
 * a social-work station. Bookings in every state through the documents the actions write, with slots whose
 * counts match: 李桂兰's lunches booked by her son 林俊, 林水生's own, a next lunch with 30 seats taken at the
 * desk, a full legal-adviser slot with 黄德明 waiting, a past lunch with 吴丽华's no-show (she has reached the
 * village's limit of 3), a cancelled booking, a lapsed waitlist, 陈小红's social-work appointment. Past slots are
 * written closed (the job must not count their no-shows again). Called after the people are seeded.
 */
import type { Store } from '../../ports/store'
import { shanghaiDay, shanghaiDayPlus } from '../../common/time'
import { householdId } from '../account/policy'
import type { Booking, BookingDelegate, BookingPerson, BookingService, BookingStatus, ServiceKind, Slot, SlotRule, Weekday } from './documents'
import { cutoffOf, CHECK_IN_EARLY_MS, slotsOn, windowDays } from './slots'
import type { SlotSpec } from './slots'

const X = 'v-xinshan'
const W = 'v-wukan'
const DAY = 86_400_000
const MIN = 60_000
const pid = (key: string) => `p_${key}`
const WORKDAYS: Weekday[] = [1, 2, 3, 4, 5]

const rule = (weekdays: Weekday[], start: string, end: string, capacity: number, label: string, stepMinutes: number | null = null): SlotRule => ({ weekdays, start, end, stepMinutes, capacity, label })

type ServiceSeed = Pick<BookingService, 'name' | 'description' | 'rules'> & Partial<Pick<BookingService, 'exceptions' | 'windowDays' | 'cutoffMinutes' | 'eligibility' | 'perPersonLimit' | 'priceNote'>>

function serviceOf(villageId: string, kind: ServiceKind, s: ServiceSeed, now: number): BookingService {
  const hallId = `${villageId}:hall`
  return {
    _id: `${hallId}:${kind}`,
    villageId,
    hallId,
    kind,
    exceptions: [],
    windowDays: 7,
    cutoffMinutes: 60,
    eligibility: { minAge: null, householdIds: [], note: null },
    perPersonLimit: 2,
    priceNote: '免费',
    active: true,
    updatedAt: now - 30 * DAY,
    updatedByName: '林志强',
    ...s,
  }
}

export function demoServices(now: number): BookingService[] {
  const canteen = serviceOf(
    X,
    'canteen',
    {
      name: '长者饭堂',
      description: '为本村60岁及以上长者和登记在册的困难家庭提供午餐、晚餐：两荤一素一汤，少盐少油，软烂易嚼。行动不便的长者可由家人代订、到服务中心取餐。',
      rules: [rule([1, 2, 3, 4, 5, 6], '11:30', '12:30', 80, '午餐'), rule(WORKDAYS, '17:00', '18:00', 30, '晚餐')],
      exceptions: [
        { date: shanghaiDayPlus(now, 3), closed: false, capacity: 60, reason: '部分厨师外出培训' },
        { date: shanghaiDayPlus(now, 5), closed: true, capacity: null, reason: '厨房设备检修' },
      ],
      cutoffMinutes: 150,
      eligibility: { minAge: 60, householdIds: [householdId(X, '新山村新村路6号')], note: '60岁及以上长者或登记在册的困难家庭' },
      perPersonLimit: 6,
      priceNote: '每餐12元，60岁以上补贴7元，实付5元',
    },
    now,
  )
  return [
    canteen,
    serviceOf(X, 'publicService', { name: '公共服务站', description: '社保、医保、高龄津贴、残疾人证、各类证明的咨询和代办。请带身份证和户口本原件；每段30分钟，一次办一件事。', rules: [rule(WORKDAYS, '09:00', '11:30', 2, '办事咨询', 30)] }, now),
    serviceOf(X, 'volunteer', { name: '志愿者服务站', description: '每周六上午，志愿理发师为长者和行动不便的村民免费理发；需要上门的，请在备注里说明。', rules: [rule([6], '09:00', '11:00', 10, '义剪')] }, now),
    serviceOf(X, 'womenChildren', { name: '妇女儿童服务站', description: '周三、周五下午的亲子阅读和手工课，适合3至10岁的孩子，由家长陪同；每段60分钟，每段6个家庭。', rules: [rule([3, 5], '15:00', '17:00', 6, '亲子阅读', 60)], cutoffMinutes: 120 }, now),
    serviceOf(X, 'socialWork', { name: '社工服务站', description: '驻村社工一对一面谈：家庭关系、长者照护、困难帮扶、心理疏导，谈话内容保密。', rules: [rule(WORKDAYS, '09:00', '11:00', 1, '个案咨询', 30)] }, now),
    serviceOf(
      X,
      'legal',
      { name: '一村一法律顾问', description: '郑律师每周四下午驻村，免费解答土地承包、宅基地、婚姻家庭、劳动报酬、借贷纠纷等法律问题，可帮助起草简单的法律文书。', rules: [rule([4], '14:00', '17:00', 1, '郑律师', 30)], windowDays: 14 },
      now,
    ),
    serviceOf(X, 'mediation', { name: '调解室', description: '邻里、家庭、土地边界等纠纷的调解，由村人民调解委员会主持；请双方约同一时段到场。', rules: [rule([2, 4], '09:00', '11:00', 1, '调解', 60)], cutoffMinutes: 120 }, now),
    serviceOf(
      W,
      'canteen',
      {
        name: '长者饭堂',
        description: '为本村60岁及以上长者提供午餐，港口鲜鱼，少盐少油。',
        rules: [rule([1, 2, 3, 4, 5, 6], '11:30', '12:30', 40, '午餐')],
        cutoffMinutes: 150,
        eligibility: { minAge: 60, householdIds: [], note: null },
        perPersonLimit: 6,
        priceNote: '每餐10元，60岁以上补贴5元',
      },
      now,
    ),
    serviceOf(W, 'socialWork', { name: '社工服务站', description: '驻村社工一对一面谈：长者照护、困难帮扶、渔民家庭的心理疏导，谈话内容保密。', rules: [rule([2, 4], '09:00', '11:00', 1, '个案咨询', 30)] }, now),
  ]
}

const BIRTH_YEARS: Array<[key: string, name: string, year: number]> = [
  ['linshuisheng', '林水生', 1950],
  ['liguilan', '李桂兰', 1953],
  ['huangdeming', '黄德明', 1948],
  ['wulihua', '吴丽华', 1944],
  ['chenjianguo', '陈建国', 1958],
  ['zhengzhiyuan', '郑志远', 1962],
  ['linzhiqiang', '林志强', 1972],
  ['chenmeiling', '陈美玲', 1978],
  ['huangweiming', '黄伟明', 1980],
  ['linjun', '林俊', 1985],
  ['chenxiaohong', '陈小红', 1990],
]

/** elders without a phone, booked at the desk for the next lunch */
const WALK_INS = '陈阿婆 林伯 黄阿姨 吴婆婆 郑伯 李阿公 蔡婆婆 许伯 杨阿婆 何伯 周婆婆 刘伯 孙阿姨 张阿公 王婆婆 彭伯 曾阿婆 叶伯 钟婆婆 庄伯 卓阿婆 余伯 罗婆婆 谢伯 苏阿婆 马伯 洪婆婆 方伯 邱阿婆 温伯'.split(' ')

type Who = { personId: string | null; name: string }
const member = (key: string): Who => ({ personId: pid(key), name: BIRTH_YEARS.find(([k]) => k === key)![1] })
const STAFF = { bookedBy: pid('zhangxiuying'), bookedByName: '张秀英', via: 'staff' as const }
const self = (w: Who) => ({ bookedBy: w.personId!, bookedByName: w.name, via: 'app' as const })
const by = (key: string) => self(member(key))

interface BookingSeed {
  who: Who
  booker: { bookedBy: string; bookedByName: string; via: 'app' | 'staff' }
  status: BookingStatus
  id?: string
  note?: string
}

/** A slot and its bookings, with the slot's counts as the actions keep them. */
function slotWith(spec: SlotSpec, seeds: BookingSeed[], now: number): { slot: Slot; bookings: Booking[] } {
  const bookings = seeds.map((s, i): Booking => {
    const createdAt = Math.min(now, spec.startsAt) - DAY - (seeds.length - i) * MIN
    const seen = spec.startsAt - 10 * MIN
    return {
      // a walk-in's id as staffBook writes it: the slot's, then ~w…
      _id: `${spec._id}~${s.id ?? s.who.personId}`,
      villageId: spec.villageId,
      hallId: spec.hallId,
      serviceId: spec.serviceId,
      slotId: spec._id,
      date: spec.date,
      start: spec.start,
      end: spec.end,
      startsAt: spec.startsAt,
      endsAt: spec.endsAt,
      personId: s.who.personId,
      name: s.who.name,
      ...s.booker,
      status: s.status,
      createdAt,
      updatedAt: s.status === 'cancelled' ? now - 2 * 3600_000 : s.status === 'checkedIn' ? Math.min(seen, now) : ['noShow', 'lapsed'].includes(s.status) ? spec.endsAt : createdAt,
      waitlistedAt: s.status === 'waitlisted' || s.status === 'lapsed' ? createdAt : null,
      promotedAt: null,
      checkedInAt: s.status === 'checkedIn' ? Math.min(seen, now) : null,
      cancelledAt: s.status === 'cancelled' ? now - 2 * 3600_000 : null,
      // bookings of today and before were reminded the day before; later ones are the job's to remind
      remindedAt: spec.date <= shanghaiDay(now) && s.who.personId !== null ? spec.startsAt - DAY : null,
      note: s.note ?? null,
    }
  })
  const slot: Slot = {
    ...spec,
    booked: bookings.filter((b) => b.status === 'booked' || b.status === 'checkedIn').length,
    waitlist: bookings.filter((b) => b.status === 'waitlisted').map((b) => b._id),
    ...(spec.endsAt <= now ? { closed: true } : {}),
  }
  return { slot, bookings }
}

/** the first day in `days` on which the service has a slot starting at `start` that passes `ok` */
function find(service: BookingService, days: string[], start: string, ok: (s: SlotSpec) => boolean = () => true): SlotSpec | null {
  for (const d of days) {
    const s = slotsOn(service, d).find((x) => x.start === start && ok(x))
    if (s) return s
  }
  return null
}
const daysFrom = (now: number, from: number, to: number) => Array.from({ length: Math.abs(to - from) + 1 }, (_, i) => shanghaiDayPlus(now, from + (to >= from ? i : -i)))

export async function seedBooking(store: Store, now: number): Promise<void> {
  const services = demoServices(now)
  for (const s of services) await store.insert('bookingServices', s)
  const [canteen, , , , socialWork, legal] = services
  const today = shanghaiDay(now)

  const filled: Array<{ slot: Slot; bookings: Booking[] }> = []
  const add = (spec: SlotSpec | null, seeds: BookingSeed[]) => spec && filled.push(slotWith(spec, seeds, now))

  // the last lunch before today: 黄德明 came, 吴丽华 (booked by 陈小红, whom she authorised) did not
  add(find(canteen, daysFrom(now, -1, -7), '11:30'), [
    { who: member('huangdeming'), booker: by('huangdeming'), status: 'checkedIn' },
    { who: member('wulihua'), booker: by('chenxiaohong'), status: 'noShow' },
  ])
  // today's lunch (none on Sundays): 李桂兰 booked by her son; 林水生 checked in once check-in has opened; over by the evening
  const todays = find(canteen, [today], '11:30')
  if (todays) {
    const over = todays.endsAt <= now
    add(todays, [
      { who: member('liguilan'), booker: by('linjun'), status: over ? 'checkedIn' : 'booked' },
      { who: member('linshuisheng'), booker: by('linshuisheng'), status: over || now >= todays.startsAt - CHECK_IN_EARLY_MS ? 'checkedIn' : 'booked' },
    ])
  }
  // the next lunch: 李桂兰 (by 林俊), 林水生, 30 elders booked at the desk, 郑志远 cancelled
  add(find(canteen, daysFrom(now, 1, 7), '11:30'), [
    { who: member('liguilan'), booker: by('linjun'), status: 'booked' },
    { who: member('linshuisheng'), booker: by('linshuisheng'), status: 'booked' },
    ...WALK_INS.map((name, i): BookingSeed => ({ who: { personId: null, name }, booker: STAFF, status: 'booked', id: `w${String(i + 1).padStart(2, '0')}`, note: i % 10 === 3 ? '行动不便，家人代取' : undefined })),
    { who: member('zhengzhiyuan'), booker: by('zhengzhiyuan'), status: 'cancelled' },
  ])
  // the legal adviser: last Thursday's first slot full (郑志远 came) and 黄德明's wait lapsed; the next bookable one full (陈建国), 黄德明 waiting
  add(find(legal, daysFrom(now, -1, -7), '14:00'), [
    { who: member('zhengzhiyuan'), booker: by('zhengzhiyuan'), status: 'checkedIn' },
    { who: member('huangdeming'), booker: by('huangdeming'), status: 'lapsed' },
  ])
  add(find(legal, windowDays(legal, now), '14:00', (s) => cutoffOf(legal, s) > now), [
    { who: member('chenjianguo'), booker: by('chenjianguo'), status: 'booked' },
    { who: member('huangdeming'), booker: by('huangdeming'), status: 'waitlisted' },
  ])
  // 陈小红's own social-work appointment about a week ahead (the last weekday in the window)
  add(find(socialWork, daysFrom(now, 7, 1), '10:00'), [{ who: member('chenxiaohong'), booker: by('chenxiaohong'), status: 'booked' }])

  for (const { slot, bookings } of filled) {
    await store.insert('slots', slot)
    for (const b of bookings) await store.insert('bookings', b)
  }

  const lastNoShow = filled[0]?.slot.endsAt ?? now - DAY
  for (const [key, name, birthYear] of BIRTH_YEARS) {
    const wu = key === 'wulihua'
    await store.insert('bookingPeople', { _id: `${X}:${pid(key)}`, villageId: X, personId: pid(key), name, birthYear, noShows: wu ? 3 : 0, lastNoShowAt: wu ? lastNoShow : null } satisfies BookingPerson)
  }
  await store.insert('bookingSettings', { _id: X, villageId: X, noShowLimit: 3, updatedAt: now - 30 * DAY, updatedByName: '林志强' })
  await store.insert('bookingDelegates', {
    _id: `${X}:${pid('wulihua')}:${pid('chenxiaohong')}`,
    villageId: X,
    personId: pid('wulihua'),
    name: '吴丽华',
    delegateId: pid('chenxiaohong'),
    delegateName: '陈小红',
    recordedBy: pid('zhangxiuying'),
    recordedByName: '张秀英',
    createdAt: now - 20 * DAY,
    revoked: false,
    revokedAt: null,
  } satisfies BookingDelegate)
}
