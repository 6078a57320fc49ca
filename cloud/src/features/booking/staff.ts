/**
 * The staff's day at the hall: the day list, the kitchen's headcount and their CSV, no-shows and
 * bookings at the desk (a member, or a walk-in by name). Hall staff act for their own hall, the
 * committee for any hall of the village; town officers read the lists. The set-up is in setup.ts.
 */
import { ApiError } from '../../errors'
import type { Handlers, MemberContext } from '../../handler'
import { ACCESS } from '../../handler'
import { audit, type AuditTarget } from '../../common/audit'
import { checkText } from '../../common/content'
import { getInVillage } from '../../common/load'
import { newId } from '../../common/ids'
import { shanghaiDay, shanghaiDayPlus } from '../../common/time'
import type { bookingStaffActions } from './contract'
import type { Booking, BookingService, BookingStatus } from './documents'
import { assertReadsHall, assertServesHall } from './policy'
import { bookingIdOf, claimSeat, releaseSeat } from './seats'
import { checkInWhy, eligibilityWhy, specOf } from './slots'
import { bookingView, hallNamed, loadHall } from './views'
import { serviceInVillage, serviceOfSlot } from './residents'
import { assertStaffOfVillage, countNoShowInTx, registerId } from './register'
import { dayListOf, headcountOf } from './day'
import { dayCsv, headcountCsv } from './csv'
import { bookingSetupHandlers } from './setup'

const target = (b: Pick<Booking, '_id' | 'name' | 'date' | 'start'>, service: BookingService): AuditTarget => ({
  type: 'booking',
  id: b._id,
  label: `${b.name} ${b.date} ${b.start} ${service.name}`,
})

const NOT_NO_SHOW: Partial<Record<BookingStatus, string>> = {
  checkedIn: '已签到，不能标记未到',
  noShow: '已标记为未到',
  cancelled: '该预约已取消',
  waitlisted: '候补中的预约没有占用名额，不能标记未到',
  lapsed: '该候补已结束',
}

async function readableHall(ctx: MemberContext, villageId: string, hallId: string) {
  await assertReadsHall(ctx, hallId)
  return loadHall(ctx.ports, villageId, hallId)
}

const deskHandlers: Handlers<Omit<typeof bookingStaffActions, keyof typeof bookingSetupHandlers>> = {
  'booking.dayList': {
    access: ACCESS.member,
    async handle({ villageId, hallId, date }, ctx) {
      const hall = await readableHall(ctx, villageId, hallId)
      return dayListOf(ctx.ports, hall, date ?? shanghaiDay(ctx.now), ctx.now)
    },
  },

  'booking.headcount': {
    access: ACCESS.member,
    async handle({ villageId, hallId, days }, ctx) {
      const hall = await readableHall(ctx, villageId, hallId)
      return headcountOf(ctx.ports, hall, days, ctx.now)
    },
  },

  'booking.exportCsv': {
    access: ACCESS.member,
    async handle({ villageId, hallId, kind, date }, ctx) {
      const hall = await readableHall(ctx, villageId, hallId)
      const day = date ?? shanghaiDay(ctx.now)
      const out =
        kind === 'day'
          ? { filename: `${hall.name}-${day}-预约名单.csv`, ...dayCsv(await dayListOf(ctx.ports, hall, day, ctx.now)), next: null }
          : { filename: `${hall.name}-${shanghaiDay(ctx.now)}-用餐人数.csv`, ...headcountCsv(await headcountOf(ctx.ports, hall, 7, ctx.now)), next: null }
      // the lists name people: who took them away is on record
      await audit(ctx, 'booking.export', { type: 'hall', id: hallId, label: out.filename }, `${out.rows}行`)
      return out
    },
  },

  'booking.markNoShow': {
    access: ACCESS.member,
    async handle({ villageId, bookingId }, ctx) {
      await assertStaffOfVillage(ctx)
      const found = await getInVillage(ctx.ports.store, 'bookings', bookingId, villageId, '找不到该预约')
      await assertServesHall(ctx, found.hallId)
      const service = await serviceInVillage(ctx, found.serviceId)
      const { booking } = await releaseSeat(
        ctx,
        service,
        bookingId,
        'noShow',
        (b, slot) => {
          if (b.status !== 'booked') throw new ApiError('CONFLICT', NOT_NO_SHOW[b.status] ?? '该预约不能标记未到')
          if (ctx.now < slot.startsAt) throw new ApiError('CONFLICT', `该时段${slot.start}才开始，开始后才能标记未到`)
        },
        async (tx, b) => {
          await countNoShowInTx(tx, b, ctx.now)
          await audit(ctx, 'booking.noShow', target(b, service), null, tx)
        },
      )
      const [hall, slot] = await Promise.all([loadHall(ctx.ports, villageId, booking.hallId), ctx.ports.store.get('slots', booking.slotId)])
      return bookingView(booking, { service, hall, slot }, ctx.membership.personId, ctx.now)
    },
  },

  'booking.staffBook': {
    access: ACCESS.member,
    async handle({ villageId, slotId, personId, name, note, checkIn }, ctx) {
      const { store } = ctx.ports
      await assertStaffOfVillage(ctx)
      const service = await serviceOfSlot(ctx, slotId)
      await assertServesHall(ctx, service.hallId)
      if (!service.active) throw new ApiError('CLOSED', '该服务暂停预约')
      const slot = specOf(service, slotId) ?? (await store.get('slots', slotId))
      if (!slot) throw new ApiError('NOT_FOUND', '找不到该时段（当天不开放或已调整）')
      // at the desk the cut-off does not apply (a walk-in at lunch time), the end of the slot and the window do
      if (ctx.now >= slot.endsAt) throw new ApiError('CLOSED', '该时段已结束')
      if (slot.date > shanghaiDayPlus(ctx.now, service.windowDays)) throw new ApiError('CLOSED', `只能预约${service.windowDays}天内的时段`)
      const hall = await hallNamed(ctx.ports, villageId, service.hallId)
      if (checkIn) {
        const why = checkInWhy(slot, service.hallId, hall.name, ctx.now)
        if (why) throw new ApiError('CONFLICT', why.replace('您预约的是', '该时段是'))
      }
      let who: { personId: string | null; name: string }
      if (personId) {
        const [member, register] = await Promise.all([store.get('memberships', `${villageId}:${personId}`), store.get('bookingPeople', registerId(villageId, personId))])
        if (!member || !member.roles.includes('resident')) throw new ApiError('NOT_FOUND', '找不到该村民')
        // the no-show limit and the per-person limit are the staff's to judge; who the service is for is not
        const ineligible = eligibilityWhy(service.eligibility, service.name, { householdId: member.householdId, birthYear: register?.birthYear ?? null }, ctx.now)
        if (ineligible) throw new ApiError('FORBIDDEN', ineligible)
        who = { personId, name: member.name }
      } else who = { personId: null, name: name! }
      await checkText(ctx, { name: who.personId ? null : who.name, note })
      const { booking, slot: written } = await claimSeat(
        ctx,
        service,
        slotId,
        {
          bookingId: who.personId ? bookingIdOf(slotId, who.personId) : `${slotId}~${newId('w', ctx.now)}`,
          personId: who.personId,
          name: who.name,
          bookedBy: ctx.membership.personId,
          bookedByName: ctx.membership.name,
          via: 'staff',
          waitlist: false,
          checkIn,
          note,
        },
      )
      await audit(ctx, 'booking.staffBook', target(booking, service), checkIn ? '现场登记并签到' : who.personId ? null : '未用手机的来访者')
      return bookingView(booking, { service, hall, slot: written }, ctx.membership.personId, ctx.now)
    },
  },
}

export const bookingStaffHandlers: Handlers<typeof bookingStaffActions> = { ...deskHandlers, ...bookingSetupHandlers }
