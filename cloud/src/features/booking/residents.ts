/**
 * The residents' booking actions: the hall a poster names, the days and slots with seats left, booking
 * for oneself or family (the seat taken in seats.ts), cancelling, checking in at the hall, 我的预约 and
 * 家人代订.
 */
import { ApiError } from '../../errors'
import type { Handlers, MemberContext } from '../../handler'
import { ACCESS } from '../../handler'
import { audit } from '../../common/audit'
import { getInVillage } from '../../common/load'
import { shanghaiDay } from '../../common/time'
import { notify } from '../account/notices'
import { pageUrl } from '../../../../src/routes'
import type { bookingResidentActions, Bookable, DayView, DelegateView, SlotView } from './contract'
import type { Booking, BookingDelegate, BookingPerson, BookingService, BookingStatus } from './documents'
import { bookableOrRefuse, bookablesOf, concernsMe, servesHall, type BookableMember } from './policy'
import { bookingIdOf, claimSeat, releaseSeat } from './seats'
import { bookingClosedWhy, cancelClosedWhy, checkInWhy, eligibilityWhy, parseSlotId, slotsOn, weekdayLabel, windowDays } from './slots'
import { bookingView, bookingViews, hallCard, hallIdOfScene, hallNamed, loadHall, serviceSummary } from './views'
import { wordsOf } from '../account/common'

const ACTIVE: BookingStatus[] = ['booked', 'waitlisted']
const MANY = 500

export async function serviceInVillage(ctx: MemberContext, serviceId: string): Promise<BookingService> {
  return getInVillage(ctx.ports.store, 'bookingServices', serviceId, ctx.membership.villageId, '找不到该服务')
}

/** The service a slot id names, in the caller's village (NOT_FOUND for a malformed or foreign id). */
export async function serviceOfSlot(ctx: MemberContext, slotId: string): Promise<BookingService> {
  const parts = parseSlotId(slotId)
  if (!parts) throw new ApiError('NOT_FOUND', '找不到该时段')
  return serviceInVillage(ctx, parts.serviceId)
}

/** thrown in a cancel's transaction when someone else's booking needs the caller's family to decide */
const ASK_FAMILY = new Error('the caller’s family is needed')

async function bookingInVillage(ctx: MemberContext, bookingId: string): Promise<Booking> {
  return getInVillage(ctx.ports.store, 'bookings', bookingId, ctx.membership.villageId, '找不到该预约')
}

/**
 * The village's no-show limit, and whether this person has reached it (then only staff may book for them). `known`:
 * their register line as the caller read it (null: none). A limit is at least 1: the settings are read only for
 * someone with a no-show.
 */
export async function noShowBlock(ctx: Pick<MemberContext, 'ports'>, villageId: string, personId: string, known?: BookingPerson | null): Promise<string | null> {
  const person = known !== undefined ? known : await ctx.ports.store.get('bookingPeople', `${villageId}:${personId}`)
  if (!person?.noShows) return null
  const limit = (await ctx.ports.store.get('bookingSettings', villageId))?.noShowLimit ?? null
  if (limit === null || person.noShows < limit) return null
  return `${person.name}已有${person.noShows}次预约未到（上限${limit}次），请到服务大厅由工作人员预约`
}

/** Each bookable person's eligibility for a service (by their household and the birth year in the register). */
async function withEligibility(ctx: MemberContext, service: BookingService, people: BookableMember[]): Promise<Bookable[]> {
  const registers = await Promise.all(people.map((p) => ctx.ports.store.get('bookingPeople', `${service.villageId}:${p.personId}`)))
  return people.map((p, i) => {
    const why = eligibilityWhy(service.eligibility, service.name, { householdId: p.membership.householdId, birthYear: registers[i]?.birthYear ?? null }, ctx.now)
    return { personId: p.personId, name: p.name, relation: p.relation, eligible: why === null, why }
  })
}

function delegateView(d: BookingDelegate): DelegateView {
  return { id: d._id, personId: d.personId, name: d.name, delegateId: d.delegateId, delegateName: d.delegateName, recordedByName: d.recordedByName, createdAt: d.createdAt }
}

export const bookingResidentHandlers: Handlers<typeof bookingResidentActions> = {
  'booking.hallByScene': {
    access: ACCESS.anyone,
    async handle({ scene }, ctx) {
      const hallId = hallIdOfScene(scene)
      const hall = hallId ? await ctx.ports.store.get('halls', hallId) : null
      const village = hall ? await ctx.ports.store.get('villages', hall.villageId) : null
      if (!hall || !village) throw new ApiError('NOT_FOUND', '二维码无效：找不到该服务中心')
      return hallCard(hall, village)
    },
  },

  'booking.halls': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const [halls, village, services] = await Promise.all([
        store.find('halls', { villageId }, { limit: 20 }),
        store.get('villages', villageId),
        store.find('bookingServices', { villageId, active: true }, { limit: 100 }),
      ])
      return halls.map((h) => ({ ...hallCard(h, village!), services: services.filter((s) => s.hallId === h._id).map(serviceSummary) }))
    },
  },

  'booking.hall': {
    access: ACCESS.member,
    async handle({ villageId, hallId }, ctx) {
      const { store } = ctx.ports
      const hall = await loadHall(ctx.ports, villageId, hallId)
      const today = shanghaiDay(ctx.now)
      const people = await bookablesOf(ctx)
      const ids = [...new Set([ctx.membership.personId, ...people.map((p) => p.personId)])]
      const [services, todays] = await Promise.all([
        store.find('bookingServices', { villageId, hallId, active: true }, { limit: 100 }),
        store.find('bookings', { villageId, hallId, date: today, personId: { $in: ids } }, { sort: [['startsAt', 'asc']], limit: 100 }),
      ])
      const shown = todays.filter((b) => b.status !== 'cancelled')
      return {
        hall,
        today,
        services: services.map(serviceSummary),
        todays: await bookingViews(ctx.ports, shown, ctx.membership.personId, ctx.now),
        staff: servesHall(ctx.membership, hallId),
      }
    },
  },

  'booking.days': {
    access: ACCESS.member,
    async handle({ villageId, serviceId }, ctx) {
      const { store } = ctx.ports
      const service = await serviceInVillage(ctx, serviceId)
      const days = windowDays(service, ctx.now)
      const people = await bookablesOf(ctx)
      const ids = people.map((p) => p.personId)
      const [hall, stored, mine, bookables, needsStaff] = await Promise.all([
        loadHall(ctx.ports, villageId, service.hallId),
        store.find('slots', { villageId, hallId: service.hallId, date: { $gte: days[0], $lte: days[days.length - 1] }, serviceId }, { limit: 1000 }),
        ids.length
          ? store.find('bookings', { serviceId, personId: { $in: ids }, status: { $in: ['booked', 'waitlisted', 'checkedIn'] }, startsAt: { $gte: ctx.now - 86_400_000 } }, { limit: MANY })
          : Promise.resolve([]),
        withEligibility(ctx, service, people),
        noShowBlock(ctx, villageId, ctx.membership.personId),
      ])
      const slotById = new Map(stored.map((s) => [s._id, s]))
      const exceptionOf = (date: string) => service.exceptions.find((e) => e.date === date) ?? null
      const dayViews: DayView[] = days.map((date) => {
        const closed = exceptionOf(date)?.closed ? exceptionOf(date)!.reason : null
        const slots: SlotView[] = slotsOn(service, date).map((spec) => {
          const s = slotById.get(spec._id)
          const capacity = s?.capacity ?? spec.capacity
          const booked = s?.booked ?? 0
          const waitlist = s?.waitlist ?? []
          const seatsLeft = Math.max(0, capacity - booked)
          const state: SlotView['state'] = ctx.now >= spec.startsAt ? 'past' : bookingClosedWhy(service, spec, ctx.now) ? 'cutoff' : seatsLeft === 0 ? 'full' : 'open'
          return {
            slotId: spec._id,
            date,
            start: spec.start,
            end: spec.end,
            label: spec.label,
            capacity,
            seatsLeft,
            waitlist: waitlist.length,
            state,
            mine: mine
              .filter((b) => b.slotId === spec._id)
              .map((b) => ({ bookingId: b._id, name: b.name, status: b.status, position: b.status === 'waitlisted' ? waitlist.indexOf(b._id) + 1 || null : null })),
          }
        })
        return { date, weekday: weekdayLabel(date), closedReason: closed, slots }
      })
      return { service: serviceSummary(service), hall, days: dayViews, bookables, needsStaff: people.some((p) => p.relation === '本人') ? needsStaff : null }
    },
  },

  'booking.book': {
    access: ACCESS.resident,
    async handle({ villageId, slotId, personId, waitlist }, ctx) {
      const { store } = ctx.ports
      const service = await serviceOfSlot(ctx, slotId)
      const parts = parseSlotId(slotId)!
      const spec = slotsOn(service, parts.date).find((s) => s._id === slotId) ?? (await store.get('slots', slotId))
      if (!spec) throw new ApiError('NOT_FOUND', '找不到该时段（当天不开放或已调整）')
      const closed = bookingClosedWhy(service, spec, ctx.now)
      if (closed) throw new ApiError('CLOSED', closed)
      const who = await bookableOrRefuse(ctx, personId)
      const register = await store.get('bookingPeople', `${villageId}:${who.personId}`)
      const blocked = await noShowBlock(ctx, villageId, who.personId, register)
      const ineligible = eligibilityWhy(service.eligibility, service.name, { householdId: who.membership.householdId, birthYear: register?.birthYear ?? null }, ctx.now)
      if (ineligible) throw new ApiError('FORBIDDEN', ineligible)
      if (blocked) throw new ApiError('FORBIDDEN', blocked)
      const held = await store.count('bookings', { serviceId: service._id, personId: who.personId, status: { $in: ACTIVE }, startsAt: { $gt: ctx.now } })
      if (held >= service.perPersonLimit) throw new ApiError('CONFLICT', `${who.name}已有${held}个未到期的${service.name}预约，每人最多同时预约${service.perPersonLimit}个`)
      const { booking, slot } = await claimSeat(
        ctx,
        service,
        slotId,
        {
          bookingId: bookingIdOf(slotId, who.personId),
          personId: who.personId,
          name: who.name,
          bookedBy: ctx.membership.personId,
          bookedByName: ctx.membership.name,
          via: 'app',
          waitlist,
          checkIn: false,
          note: null,
        },
      )
      const hall = await hallNamed(ctx.ports, villageId, service.hallId)
      if (who.personId !== ctx.membership.personId) {
        const what = booking.status === 'waitlisted' ? '排上了候补' : '预约了'
        await notify(ctx, { personId: who.personId, villageId }, '家人为您预约', `${ctx.membership.name}为您${what} ${booking.date} ${booking.start}–${booking.end} ${service.name}（${hall.name}）。`, pageUrl('booking.mine', { villageId }))
      }
      return bookingView(booking, { service, hall, slot }, ctx.membership.personId, ctx.now)
    },
  },

  'booking.cancel': {
    access: ACCESS.member,
    async handle({ villageId, bookingId }, ctx) {
      // the service from the booking's id (`${slotId}~…`): the booking is read in the release's transaction only
      const serviceId = parseSlotId(bookingId.split('~')[0])?.serviceId
      const service = serviceId ? await ctx.ports.store.get('bookingServices', serviceId) : null
      if (!service || service.villageId !== villageId) throw new ApiError('NOT_FOUND', '找不到该预约')
      // someone else's booking is checked against the caller's family, read outside the transaction (SQLite's would wait on it)
      let family: Set<string> | null = null
      const release = () =>
        releaseSeat(ctx, service, bookingId, 'cancel', (b) => {
          if (b.villageId !== villageId || b.serviceId !== service._id) throw new ApiError('NOT_FOUND', '找不到该预约')
          const mine = b.personId === ctx.membership.personId || b.bookedBy === ctx.membership.personId
          if (!servesHall(ctx.membership, b.hallId) && !mine) {
            if (!family) throw ASK_FAMILY
            if (b.personId === null || !family.has(b.personId)) throw new ApiError('FORBIDDEN', '只能取消本人或家人的预约')
          }
          if (!ACTIVE.includes(b.status)) throw new ApiError('CONFLICT', b.status === 'cancelled' ? '该预约已取消' : `该预约${b.status === 'checkedIn' ? '已签到' : '已结束'}，不能取消`)
          const why = cancelClosedWhy(service, b, ctx.now)
          if (why) throw new ApiError('CLOSED', why)
        })
      const { booking, slot } = await release().catch(async (e: unknown) => {
        if (e !== ASK_FAMILY) throw e
        family = new Set((await bookablesOf(ctx)).map((x) => x.personId))
        return release()
      })
      return bookingView(booking, { service, hall: await hallNamed(ctx.ports, villageId, service.hallId), slot }, ctx.membership.personId, ctx.now)
    },
  },

  'booking.checkIn': {
    access: ACCESS.member,
    async handle({ villageId, hallId, bookingId }, ctx) {
      const { store } = ctx.ports
      const hall = await loadHall(ctx.ports, villageId, hallId)
      const b = await bookingInVillage(ctx, bookingId)
      const staff = servesHall(ctx.membership, hallId)
      if (!staff && !(await concernsMe(ctx, b))) throw new ApiError('FORBIDDEN', '只能为本人或家人签到')
      const service = await serviceInVillage(ctx, b.serviceId)
      const bookingHall = b.hallId === hallId ? hall : await loadHall(ctx.ports, villageId, b.hallId)
      const view = async (doc: Booking) => bookingView(doc, { service, hall: bookingHall, slot: await store.get('slots', doc.slotId) }, ctx.membership.personId, ctx.now)
      // checking in twice changes nothing
      if (b.status === 'checkedIn') return view(b)
      if (b.status !== 'booked') throw new ApiError('CONFLICT', `该预约${b.status === 'waitlisted' ? '还在候补中，没有名额' : b.status === 'cancelled' ? '已取消' : b.status === 'noShow' ? '已记为未到' : '候补未成功'}，不能签到`)
      const refused = checkInWhy(b, hallId, bookingHall.name, ctx.now)
      if (refused) throw new ApiError('CONFLICT', refused)
      const n = await store.update('bookings', { _id: bookingId, status: 'booked' }, { set: { status: 'checkedIn', checkedInAt: ctx.now, updatedAt: ctx.now } })
      const now = n ? { ...b, status: 'checkedIn' as const, checkedInAt: ctx.now, updatedAt: ctx.now } : await bookingInVillage(ctx, bookingId)
      if (now.status !== 'checkedIn') throw new ApiError('CONFLICT')
      return view(now)
    },
  },

  'booking.mine': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const me = ctx.membership.personId
      const [forMe, byMe] = await Promise.all([
        store.find('bookings', { villageId, personId: me }, { sort: [['startsAt', 'desc']], limit: 200 }),
        store.find('bookings', { villageId, bookedBy: me }, { sort: [['startsAt', 'desc']], limit: 200 }),
      ])
      const all = [...new Map([...forMe, ...byMe].map((b) => [b._id, b])).values()]
      const views = await bookingViews(ctx.ports, all, me, ctx.now)
      const upcoming = views.filter((v) => v.endsAt > ctx.now && ['booked', 'waitlisted', 'checkedIn'].includes(v.status)).sort((a, b) => a.startsAt - b.startsAt)
      const ids = new Set(upcoming.map((v) => v.id))
      const past = views.filter((v) => !ids.has(v.id)).sort((a, b) => b.startsAt - a.startsAt)
      return { upcoming, past }
    },
  },

  'booking.family': {
    access: ACCESS.member,
    async handle({ villageId }, ctx) {
      const { store } = ctx.ports
      const me = ctx.membership
      const [household, granted, forMe] = await Promise.all([
        me.householdId ? store.find('memberships', { villageId, householdId: me.householdId }, { limit: 50 }) : Promise.resolve([]),
        store.find('bookingDelegates', { villageId, personId: me.personId, revoked: false }, { limit: 50 }),
        store.find('bookingDelegates', { villageId, delegateId: me.personId, revoked: false }, { limit: 50 }),
      ])
      return {
        granted: granted.map(delegateView),
        forMe: forMe.map(delegateView),
        household: household.filter((m) => m.personId !== me.personId && m.roles.includes('resident')).map((m) => ({ personId: m.personId, name: m.name, relation: m.relation })),
      }
    },
  },

  'booking.authorize': {
    access: ACCESS.member,
    async handle({ villageId, delegateId, personId }, ctx) {
      const { store } = ctx.ports
      const forOther = personId !== undefined && personId !== ctx.membership.personId
      if (forOther && !ctx.membership.roles.includes('committee') && !ctx.membership.roles.includes('hallStaff')) {
        throw new ApiError('FORBIDDEN', '只能由本人授权；长者不会用手机的，请到服务大厅由工作人员登记')
      }
      const elderId = forOther ? personId : ctx.membership.personId
      // the caller authorising for themselves is the membership the router read
      const [elder, delegate] = await Promise.all([forOther ? store.get('memberships', `${villageId}:${elderId}`) : ctx.membership, store.get('memberships', `${villageId}:${delegateId}`)])
      if (!elder || !delegate || !elder.roles.includes('resident') || !delegate.roles.includes('resident')) {
        const { here, people } = await wordsOf(ctx, villageId)
        if (!elder || !elder.roles.includes('resident')) throw forOther ? new ApiError('NOT_FOUND', `找不到该${people}`) : new ApiError('FORBIDDEN', `只有${here}${people}可以授权家人代订`)
        throw new ApiError('NOT_FOUND', `找不到被授权的${people}（须为${here}${people}）`)
      }
      if (delegateId === elderId) throw new ApiError('BAD_INPUT', '不能授权给自己', { delegateId: '不能授权给自己' })
      const doc: BookingDelegate = {
        _id: `${villageId}:${elderId}:${delegateId}`,
        villageId,
        personId: elderId,
        name: elder.name,
        delegateId,
        delegateName: delegate.name,
        recordedBy: ctx.membership.personId,
        recordedByName: ctx.membership.name,
        createdAt: ctx.now,
        revoked: false,
        revokedAt: null,
      }
      const existing = await store.get('bookingDelegates', doc._id)
      if (existing && !existing.revoked) throw new ApiError('DUPLICATE', `已授权${delegate.name}代订`)
      await store.transaction(async (tx) => {
        const { _id, ...fields } = doc
        if (existing) await tx.update('bookingDelegates', _id, { set: fields })
        else await tx.insert('bookingDelegates', doc)
        if (forOther) await audit(ctx, 'booking.authorize', { type: 'person', id: elderId, label: elder.name }, `登记${elder.name}授权${delegate.name}代订`, tx)
        await notify(ctx, { personId: delegateId, villageId }, '家人授权您代订', `${elder.name}授权您为其预约长者饭堂和服务站。`, pageUrl('booking.family', { villageId }), tx)
      })
      return delegateView(doc)
    },
  },

  'booking.revoke': {
    access: ACCESS.member,
    async handle({ villageId, delegationId }, ctx) {
      const d = await getInVillage(ctx.ports.store, 'bookingDelegates', delegationId, villageId, '找不到该授权')
      const me = ctx.membership
      const staff = me.roles.includes('committee') || me.roles.includes('hallStaff')
      if (d.personId !== me.personId && d.delegateId !== me.personId && !staff) throw new ApiError('FORBIDDEN', '只有授权人、被授权人或服务中心工作人员可以取消授权')
      if (d.revoked) throw new ApiError('CONFLICT', '该授权已取消')
      const n = await ctx.ports.store.update('bookingDelegates', { _id: delegationId, revoked: false }, { set: { revoked: true, revokedAt: ctx.now } })
      if (!n) throw new ApiError('CONFLICT', '该授权已取消')
      return { revoked: true as const }
    },
  },
}
