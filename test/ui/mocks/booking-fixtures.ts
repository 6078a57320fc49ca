/** The booking feature's views as the server sends them, for its pages' UI tests (新山村's hall, 林俊 booking for his mother). */
import type { Bookable, BookingView, HallCard, ServiceDays, ServiceSummary, SlotView } from '@contract'

export const TODAY = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
const plusDays = (n: number) => new Date(Date.parse(`${TODAY}T12:00:00+08:00`) + n * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10)
export const TOMORROW = plusDays(1)
export const IN_TWO = plusDays(2)

export const hall: HallCard = { villageId: 'v-xinshan', villageName: '新山村', hallId: 'v-xinshan:hall', name: '新山村党群服务中心', address: '新山村村委会大院', scene: 'h=v-xinshan:hall' }

export const canteen: ServiceSummary = {
  id: 'v-xinshan:hall:canteen',
  hallId: hall.hallId,
  kind: 'canteen',
  name: '长者饭堂',
  description: '两荤一素一汤，少盐少油。',
  priceNote: '每餐12元，60岁以上补贴7元，实付5元',
  schedule: ['午餐 周一至周六 11:30–12:30 · 每段80位'],
  eligibilityNote: '60岁及以上长者或登记在册的困难家庭',
  windowDays: 7,
  cutoffMinutes: 150,
  active: true,
}

export const slot = (over: Partial<SlotView> = {}): SlotView => ({
  slotId: `${canteen.id}@${TOMORROW}@11:30`,
  date: TOMORROW,
  start: '11:30',
  end: '12:30',
  label: '午餐',
  capacity: 80,
  seatsLeft: 12,
  waitlist: 0,
  state: 'open',
  mine: [],
  ...over,
})

export const linjun: Bookable = { personId: 'p_linjun', name: '林俊', relation: '本人', eligible: false, why: '长者饭堂仅限60岁及以上长者或登记在册的困难家庭预约' }
export const mother: Bookable = { personId: 'p_liguilan', name: '李桂兰', relation: '同户', eligible: true, why: null }

export const days = (over: Partial<ServiceDays> = {}): ServiceDays => ({
  service: canteen,
  hall,
  days: [
    { date: TOMORROW, weekday: '周五', closedReason: null, slots: [slot()] },
    { date: IN_TWO, weekday: '周六', closedReason: '厨房设备检修', slots: [] },
  ],
  bookables: [linjun, mother],
  needsStaff: null,
  ...over,
})

export const booking = (over: Partial<BookingView> = {}): BookingView => ({
  id: `${canteen.id}@${TOMORROW}@11:30~p_liguilan`,
  villageId: 'v-xinshan',
  hallId: hall.hallId,
  hallName: hall.name,
  serviceId: canteen.id,
  serviceName: canteen.name,
  kind: 'canteen',
  slotId: `${canteen.id}@${TOMORROW}@11:30`,
  date: TOMORROW,
  start: '11:30',
  end: '12:30',
  startsAt: Date.parse(`${TOMORROW}T11:30:00+08:00`),
  endsAt: Date.parse(`${TOMORROW}T12:30:00+08:00`),
  label: '午餐',
  personId: 'p_liguilan',
  name: '李桂兰',
  bookedByName: '林俊',
  via: 'app',
  status: 'booked',
  position: null,
  checkedInAt: null,
  forOther: true,
  can: { cancel: true, cancelWhy: null, checkIn: false, checkInWhy: null },
  ...over,
})
