/** The booking register (birth year, no-shows) and the staff's checks, shared by the staff's actions and the job. */
import { ApiError } from '../../errors'
import type { MemberContext } from '../../handler'
import type { TxStore } from '../../ports/store'
import type { Booking, BookingPerson } from './documents'
import { wordsOf } from '../account/common'

export const registerId = (villageId: string, personId: string): string => `${villageId}:${personId}`

/** Counts a no-show against the booking's person, inside the transaction that marks it (a walk-in by name has no register). */
export async function countNoShowInTx(tx: TxStore, b: Booking, now: number): Promise<void> {
  if (!b.personId) return
  const id = registerId(b.villageId, b.personId)
  if (await tx.get('bookingPeople', id)) await tx.update('bookingPeople', id, { inc: { noShows: 1 }, set: { lastNoShowAt: now } })
  else await tx.insert('bookingPeople', { _id: id, villageId: b.villageId, personId: b.personId, name: b.name, birthYear: null, noShows: 1, lastNoShowAt: now } satisfies BookingPerson)
}

/** committee or hall staff of any hall of the village: the register and the village's settings */
export async function assertStaffOfVillage(ctx: MemberContext): Promise<void> {
  const roles = ctx.membership.roles
  if (!roles.includes('committee') && !roles.includes('hallStaff')) throw new ApiError('FORBIDDEN', `只有服务中心的工作人员和${(await wordsOf(ctx, ctx.membership.villageId)).committee}可以操作`)
}
