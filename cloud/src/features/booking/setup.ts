/**
 * The set-up of a hall's bookings: its services (weekly pattern, exceptions, window, cut-off,
 * eligibility, per-person limit, price), the village's no-show limit, the booking register (birth
 * years, no-shows) and the hall's QR poster. Every change is audited with it.
 */
import { z } from 'zod'
import { ApiError, problemsError } from '../../errors'
import type { Handlers, MemberContext } from '../../handler'
import { ACCESS } from '../../handler'
import { audit } from '../../common/audit'
import { checkText } from '../../common/content'
import { getInVillage, getMany } from '../../common/load'
import { cursorAfter, pageAfter } from '../../common/keyset'
import type { Filter, Store } from '../../ports/store'
import type { Household, Membership } from '../account/documents'
import { newId } from '../../common/ids'
import { qrDataUrl } from '../../common/qr'
import { shanghaiDay, zhCompare } from '../../common/time'
import { pageUrl } from '../../../../src/routes'
import type { BookingHousehold, BookingPersonView, bookingStaffActions, serviceInput } from './contract'
import type { BookingPerson, BookingService, BookingSettings } from './documents'
import { SERVICE_KINDS } from './documents'
import { assertServesHall } from './policy'
import { promoteSlot } from './seats'
import { ageIn, specOf } from './slots'
import { hallScene, loadHall, serviceSummary } from './views'
import { findAll } from '../../common/load'
import { assertStaffOfVillage, registerId } from './register'
import { wordsOf } from '../account/common'

/** the page a hall's poster opens (wxacode.getUnlimited takes it without the leading '/') */
export const HALL_PAGE = pageUrl('booking.hall').slice(1)

type ServiceInput = z.output<typeof serviceInput>
type Problem = { field: string; message: string }

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** What the schema cannot see in a service: a step longer than its time, two rules giving one slot, two exceptions for one day. */
export function serviceProblems(input: Pick<ServiceInput, 'rules' | 'exceptions'>): Problem[] {
  const problems: Problem[] = []
  const taken = new Map<string, number>()
  input.rules.forEach((r, i) => {
    const span = minutesOf(r.end) - minutesOf(r.start)
    if (r.stepMinutes && r.stepMinutes > span) problems.push({ field: `rules.${i}.stepMinutes`, message: `每段${r.stepMinutes}分钟，超过了${r.start}–${r.end}的时长` })
    const starts = r.stepMinutes ? Array.from({ length: Math.floor(span / r.stepMinutes) }, (_, k) => minutesOf(r.start) + k * r.stepMinutes!) : [minutesOf(r.start)]
    const clash = r.weekdays.flatMap((d) => starts.map((m) => taken.get(`${d}@${m}`))).find((j) => j !== undefined)
    if (clash !== undefined) problems.push({ field: `rules.${i}.start`, message: `与第${clash + 1}个时段在同一天同一时间开始` })
    for (const d of r.weekdays) for (const m of starts) if (!taken.has(`${d}@${m}`)) taken.set(`${d}@${m}`, i)
  })
  const dates = new Set<string>()
  input.exceptions.forEach((e, i) => {
    if (dates.has(e.date)) problems.push({ field: `exceptions.${i}.date`, message: `${e.date}已有一条例外，同一天只能设一条` })
    dates.add(e.date)
    if (!e.closed && e.capacity === null) problems.push({ field: `exceptions.${i}.capacity`, message: '请填写当天名额，或选择当天停止预约' })
  })
  return problems
}

function personView(m: { personId: string; name: string; householdId: string | null }, r: BookingPerson | null, doorplate: string | null, limit: number | null, now: number): BookingPersonView {
  const noShows = r?.noShows ?? 0
  return {
    personId: m.personId,
    name: m.name,
    doorplate,
    birthYear: r?.birthYear ?? null,
    age: ageIn(r?.birthYear ?? null, now),
    noShows,
    needsStaff: limit !== null && noShows >= limit,
  }
}

/** households a search for an eligibility list answers */
const HOUSEHOLD_MATCHES = 20
const householdView = (h: Household): BookingHousehold => ({ id: h._id, doorplate: h.doorplate, headName: h.headName })

/** residents a page of 长者登记 holds */
const PEOPLE_PAGE = 30

/**
 * Residents whose name or 门牌号 holds `q` (the Store port has no `or`: by name, then the residents of the households
 * whose 门牌号 does), in name order: one answer of PEOPLE_PAGE, `narrow` when there were more.
 */
async function searchResidents(store: Store, residents: Filter, q: string): Promise<{ docs: Membership[]; more: boolean; narrow: boolean }> {
  const [byName, byDoorplate] = await Promise.all([
    store.find('memberships', { ...residents, name: { $contains: q } }, { sort: [['name', 'asc']], limit: PEOPLE_PAGE + 1 }),
    store.find('households', { villageId: residents.villageId, doorplate: { $contains: q } }, { sort: [['doorplate', 'asc']], limit: PEOPLE_PAGE + 1 }),
  ])
  const ids = byDoorplate.slice(0, PEOPLE_PAGE).map((h) => h._id)
  const ofHouseholds = ids.length ? await store.find('memberships', { ...residents, householdId: { $in: ids } }, { sort: [['name', 'asc']], limit: PEOPLE_PAGE + 1 }) : []
  const all = [...new Map([...byName, ...ofHouseholds].map((m) => [m._id, m])).values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a._id < b._id ? -1 : 1))
  return { docs: all.slice(0, PEOPLE_PAGE), more: false, narrow: all.length > PEOPLE_PAGE || byDoorplate.length > PEOPLE_PAGE }
}

const noShowLimitOf = async (ctx: MemberContext, villageId: string) => (await ctx.ports.store.get('bookingSettings', villageId))?.noShowLimit ?? null

type SetupActions = Pick<typeof bookingStaffActions, 'booking.people' | 'booking.households' | 'booking.setPerson' | 'booking.setup' | 'booking.saveService' | 'booking.setNoShowLimit' | 'booking.poster'>

export const bookingSetupHandlers: Handlers<SetupActions> = {
  'booking.people': {
    access: ACCESS.member,
    async handle({ villageId, q, after }, ctx) {
      await assertStaffOfVillage(ctx)
      const { store } = ctx.ports
      const residents: Filter = { villageId, roles: { $has: 'resident' } }
      const [found, limit, total] = await Promise.all([
        q ? searchResidents(store, residents, q) : pageAfter(store, 'memberships', residents, 'name', 'asc', after, PEOPLE_PAGE).then(({ docs, more }) => ({ docs, more, narrow: false })),
        noShowLimitOf(ctx, villageId),
        q ? null : store.count('memberships', residents),
      ])
      // only the page's: their register lines and households by id
      const members = found.docs
      const [registers, households] = await Promise.all([
        getMany(store, 'bookingPeople', members.map((m) => registerId(villageId, m.personId))),
        getMany(store, 'households', members.flatMap((m) => (m.householdId ? [m.householdId] : []))),
      ])
      const registerOf = new Map(registers.map((r) => [r.personId, r]))
      const doorplateOf = new Map(households.map((h) => [h._id, h.doorplate]))
      const last = members[members.length - 1]
      return {
        people: members.map((m) => personView(m, registerOf.get(m.personId) ?? null, m.householdId ? doorplateOf.get(m.householdId) ?? null : null, limit, ctx.now)),
        next: !q && found.more && last ? cursorAfter(last.name, last._id) : null,
        total,
        narrow: found.narrow,
      }
    },
  },

  'booking.setPerson': {
    access: ACCESS.member,
    async handle({ villageId, personId, birthYear, resetNoShows }, ctx) {
      await assertStaffOfVillage(ctx)
      const { store } = ctx.ports
      if (birthYear === undefined && !resetNoShows) throw new ApiError('BAD_INPUT', '请填写出生年份或选择清零未到次数', { birthYear: '请填写出生年份' })
      const thisYear = Number(shanghaiDay(ctx.now).slice(0, 4))
      if (birthYear && birthYear > thisYear) throw new ApiError('BAD_INPUT', `出生年份不能晚于${thisYear}年`, { birthYear: `出生年份不能晚于${thisYear}年` })
      const member = await store.get('memberships', `${villageId}:${personId}`)
      if (!member || !member.roles.includes('resident')) throw new ApiError('NOT_FOUND', '找不到该村民')
      const id = registerId(villageId, personId)
      const written = await store.transaction(async (tx) => {
        const before = await tx.get('bookingPeople', id)
        const doc: BookingPerson = {
          _id: id,
          villageId,
          personId,
          name: member.name,
          birthYear: birthYear === undefined ? before?.birthYear ?? null : birthYear,
          noShows: resetNoShows ? 0 : before?.noShows ?? 0,
          lastNoShowAt: before?.lastNoShowAt ?? null,
        }
        const { _id, ...fields } = doc
        if (before) await tx.update('bookingPeople', id, { set: fields })
        else await tx.insert('bookingPeople', doc)
        const what = [
          birthYear !== undefined ? `出生年份：${before?.birthYear ?? '未登记'} → ${birthYear ?? '未登记'}` : null,
          resetNoShows ? `未到次数清零（原${before?.noShows ?? 0}次）` : null,
        ].filter(Boolean)
        await audit(ctx, 'booking.setPerson', { type: 'person', id: personId, label: member.name }, what.join('；'), tx)
        return doc
      })
      // the page keeps the row's 门牌号; the limit is read only when the count is not 0 (a limit is at least 1)
      const limit = written.noShows ? await noShowLimitOf(ctx, villageId) : null
      const { doorplate: _doorplate, ...view } = personView(member, written, null, limit, ctx.now)
      return view
    },
  },

  'booking.setup': {
    access: ACCESS.member,
    async handle({ villageId, hallId }, ctx) {
      await assertServesHall(ctx, hallId)
      const { store } = ctx.ports
      const [hall, services, limit] = await Promise.all([
        loadHall(ctx.ports, villageId, hallId),
        store.find('bookingServices', { villageId, hallId }, { limit: 100 }),
        noShowLimitOf(ctx, villageId),
      ])
      // only the households the lists name (a few 五保户、低保户), never the village's every one
      const listed = await getMany(store, 'households', services.flatMap((s) => s.eligibility.householdIds))
      return {
        hall,
        services: services.sort((a, b) => SERVICE_KINDS.indexOf(a.kind) - SERVICE_KINDS.indexOf(b.kind) || zhCompare(a.name, b.name)),
        noShowLimit: limit,
        households: listed.filter((h) => h.villageId === villageId).map(householdView).sort((a, b) => zhCompare(a.doorplate, b.doorplate)),
      }
    },
  },

  'booking.households': {
    access: ACCESS.member,
    async handle({ villageId, hallId, q }, ctx) {
      await assertServesHall(ctx, hallId)
      const { store } = ctx.ports
      // the Store port has no `or`: by 门牌号, then by 户主
      const [byDoorplate, byHead] = await Promise.all([
        store.find('households', { villageId, doorplate: { $contains: q } }, { sort: [['doorplate', 'asc']], limit: HOUSEHOLD_MATCHES }),
        store.find('households', { villageId, headName: { $contains: q } }, { sort: [['doorplate', 'asc']], limit: HOUSEHOLD_MATCHES }),
      ])
      const found = [...new Map([...byDoorplate, ...byHead].map((h) => [h._id, h])).values()]
      return found.map(householdView).sort((a, b) => zhCompare(a.doorplate, b.doorplate)).slice(0, HOUSEHOLD_MATCHES)
    },
  },

  'booking.saveService': {
    access: ACCESS.member,
    async handle(input, ctx) {
      const { villageId, hallId, serviceId } = input
      await assertServesHall(ctx, hallId)
      const { store } = ctx.ports
      await loadHall(ctx.ports, villageId, hallId)
      const existing = serviceId ? await getInVillage(store, 'bookingServices', serviceId, villageId, '找不到该服务') : null
      if (existing && existing.hallId !== hallId) throw new ApiError('NOT_FOUND', '找不到该服务')
      const problems = serviceProblems(input)
      const listed = input.eligibility.householdIds
      if (listed.length) {
        const found = await store.find('households', { _id: { $in: listed } }, { limit: listed.length })
        if (found.filter((h) => h.villageId === villageId).length !== new Set(listed).size) problems.push({ field: 'eligibility.householdIds', message: `名单中有不是${(await wordsOf(ctx, villageId)).here}的户，请重新选择` })
      }
      if (problems.length) throw problemsError(problems)
      await checkText(ctx, {
        name: input.name,
        description: input.description,
        priceNote: input.priceNote,
        'eligibility.note': input.eligibility.note,
        ...Object.fromEntries(input.rules.map((r, i) => [`rules.${i}.label`, r.label])),
        ...Object.fromEntries(input.exceptions.map((e, i) => [`exceptions.${i}.reason`, e.reason])),
      })
      const doc: BookingService = {
        _id: existing?._id ?? `${hallId}:s-${newId('s', ctx.now).slice(2)}`,
        villageId,
        hallId,
        kind: input.kind,
        name: input.name,
        description: input.description,
        rules: input.rules,
        exceptions: [...input.exceptions].sort((a, b) => a.date.localeCompare(b.date)),
        windowDays: input.windowDays,
        cutoffMinutes: input.cutoffMinutes,
        eligibility: { ...input.eligibility, householdIds: [...new Set(listed)] },
        perPersonLimit: input.perPersonLimit,
        priceNote: input.priceNote,
        active: input.active,
        updatedAt: ctx.now,
        updatedByName: ctx.membership.name,
        // the job writes the slots of the pattern as saved now
        slotsThrough: null,
      }
      await store.transaction(async (tx) => {
        const { _id, ...fields } = doc
        if (existing) await tx.update('bookingServices', _id, { set: fields })
        else await tx.insert('bookingServices', doc)
        await audit(ctx, 'booking.saveService', { type: 'bookingService', id: _id, label: doc.name }, existing ? '修改服务设置' : '新增服务', tx)
      })
      // Slots already written keep their bookings: a changed capacity applies to them, but never below the seats
      // booked; more seats go to their waitlist at once (a crash here is made good by the job's bookingSlots).
      if (existing) {
        const stored = await findAll(store, 'slots', { villageId, hallId, date: { $gte: shanghaiDay(ctx.now) }, serviceId: doc._id })
        for (const s of stored) {
          if (s.endsAt <= ctx.now || s.closed) continue
          const capacity = Math.max(specOf(doc, s._id)?.capacity ?? s.capacity, s.booked)
          if (capacity !== s.capacity || (s.waitlist.length && capacity > s.booked)) await promoteSlot(ctx, doc, s._id)
        }
      }
      return doc
    },
  },

  'booking.setNoShowLimit': {
    access: ACCESS.member,
    async handle({ villageId, noShowLimit }, ctx) {
      await assertStaffOfVillage(ctx)
      await ctx.ports.store.transaction(async (tx) => {
        const before = await tx.get('bookingSettings', villageId)
        const doc: BookingSettings = { _id: villageId, villageId, noShowLimit, updatedAt: ctx.now, updatedByName: ctx.membership.name }
        if (before) await tx.update('bookingSettings', villageId, { set: { noShowLimit, updatedAt: ctx.now, updatedByName: ctx.membership.name } })
        else await tx.insert('bookingSettings', doc)
        const words = (n: number | null | undefined) => (n ? `${n}次` : '不限')
        await audit(ctx, 'booking.setNoShowLimit', { type: 'village', id: villageId, label: '预约未到次数上限' }, `${words(before?.noShowLimit)} → ${words(noShowLimit)}`, tx)
      })
      return { noShowLimit }
    },
  },

  'booking.poster': {
    access: ACCESS.member,
    async handle({ villageId, hallId }, ctx) {
      await assertServesHall(ctx, hallId)
      const [hall, services] = await Promise.all([
        loadHall(ctx.ports, villageId, hallId),
        ctx.ports.store.find('bookingServices', { villageId, hallId, active: true }, { limit: 100 }),
      ])
      const image = await qrDataUrl(ctx.ports.qrCodes, hall.scene, HALL_PAGE)
      return {
        hall,
        services: services.sort((a, b) => SERVICE_KINDS.indexOf(a.kind) - SERVICE_KINDS.indexOf(b.kind)).map(serviceSummary),
        scene: hallScene(hallId),
        page: HALL_PAGE,
        image,
      }
    },
  },
}
