/**
 * Who may do what with bookings: whom a member may book for (themselves, their household, those who
 * authorised them), and who serves a hall (its staff and the committee; town officers read).
 */
import { ApiError } from '../../errors'
import type { MemberContext } from '../../handler'
import type { Membership } from '../account/documents'
import { wordsOf } from '../account/common'
import type { Bookable } from './contract'
import type { Booking } from './documents'

/** the committee, or hall staff of this hall: set-up, day list, walk-ins, no-shows */
export const servesHall = (m: Membership, hallId: string): boolean => m.roles.includes('committee') || (m.roles.includes('hallStaff') && m.hallId === hallId)

/** servesHall, or a town officer (who reads the day list and the headcount) */
export const readsHall = (m: Membership, hallId: string): boolean => servesHall(m, hallId) || m.roles.includes('townOfficer')

// refusals name the village's committee (村委会/居委会): its village is read then, and only then
export async function assertServesHall(ctx: MemberContext, hallId: string): Promise<void> {
  if (!servesHall(ctx.membership, hallId)) throw new ApiError('FORBIDDEN', `只有本服务中心的工作人员和${(await wordsOf(ctx, ctx.membership.villageId)).committee}可以操作`)
}
export async function assertReadsHall(ctx: MemberContext, hallId: string): Promise<void> {
  if (!readsHall(ctx.membership, hallId)) throw new ApiError('FORBIDDEN', `只有本服务中心的工作人员、${(await wordsOf(ctx, ctx.membership.villageId)).committee}和镇街干部可以查看`)
}

/** A person the caller may book for, with their membership (eligibility reads the household). */
export type BookableMember = Omit<Bookable, 'eligible' | 'why'> & { membership: Membership }

/**
 * The people the caller may book for: themselves (a resident), the residents of their household, and
 * the members who authorised them (not revoked). Each once, nearest relation first.
 */
export async function bookablesOf(ctx: MemberContext): Promise<BookableMember[]> {
  const { store } = ctx.ports
  const me = ctx.membership
  const [household, delegations] = await Promise.all([
    me.householdId ? store.find('memberships', { villageId: me.villageId, householdId: me.householdId }, { limit: 50 }) : Promise.resolve([]),
    store.find('bookingDelegates', { villageId: me.villageId, delegateId: me.personId, revoked: false }, { limit: 50 }),
  ])
  const out: BookableMember[] = []
  const seen = new Set<string>()
  const add = (m: Membership | null | undefined, relation: Bookable['relation']) => {
    if (!m || seen.has(m.personId) || !m.roles.includes('resident')) return
    seen.add(m.personId)
    out.push({ personId: m.personId, name: m.name, relation, membership: m })
  }
  add(me, '本人')
  for (const m of household.sort((a, b) => a.joinedAt - b.joinedAt)) add(m, '同户')
  const granted = await Promise.all(delegations.map((d) => store.get('memberships', `${me.villageId}:${d.personId}`)))
  for (const m of granted) add(m, '授权')
  return out
}

/** The member the caller books for (default themselves), or FORBIDDEN with why. */
export async function bookableOrRefuse(ctx: MemberContext, personId: string | undefined): Promise<BookableMember> {
  const me = ctx.membership
  const target = personId ?? me.personId
  // a resident booking for themselves: nothing to read (their household and delegations name others)
  if (target === me.personId && me.roles.includes('resident')) return { personId: me.personId, name: me.name, relation: '本人', membership: me }
  const found = (await bookablesOf(ctx)).find((b) => b.personId === target)
  if (found) return found
  if (target === ctx.membership.personId) throw new ApiError('FORBIDDEN', `您是${(await wordsOf(ctx, ctx.membership.villageId)).here}的服务人员，不能为自己预约；请为同户家人或授权您的家人预约`)
  throw new ApiError('FORBIDDEN', '只能为本人、同户家人或授权您代订的家人预约')
}

/** The caller is the booking's person, booked it, or may book for its person now. */
export async function concernsMe(ctx: MemberContext, b: Booking): Promise<boolean> {
  const me = ctx.membership.personId
  if (b.personId === me || b.bookedBy === me) return true
  return b.personId !== null && (await bookablesOf(ctx)).some((x) => x.personId === b.personId)
}
