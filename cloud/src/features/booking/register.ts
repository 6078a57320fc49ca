/** The booking register (birth year, no-shows) and the staff's checks, shared by the staff's actions and the job. */
import { ApiError } from '../../errors'
import type { MemberContext } from '../../handler'
import type { Collections, Filter, Store, TxStore } from '../../ports/store'
import type { Booking, BookingPerson } from './documents'

export const registerId = (villageId: string, personId: string): string => `${villageId}:${personId}`

/** Counts a no-show against the booking's person, inside the transaction that marks it (a walk-in by name has no register). */
export async function countNoShowInTx(tx: TxStore, b: Booking, now: number): Promise<void> {
  if (!b.personId) return
  const id = registerId(b.villageId, b.personId)
  if (await tx.get('bookingPeople', id)) await tx.update('bookingPeople', id, { inc: { noShows: 1 }, set: { lastNoShowAt: now } })
  else await tx.insert('bookingPeople', { _id: id, villageId: b.villageId, personId: b.personId, name: b.name, birthYear: null, noShows: 1, lastNoShowAt: now } satisfies BookingPerson)
}

/** committee or hall staff of any hall of the village: the register and the village's settings */
export function assertStaffOfVillage(ctx: MemberContext): void {
  const roles = ctx.membership.roles
  if (!roles.includes('committee') && !roles.includes('hallStaff')) throw new ApiError('FORBIDDEN', '只有服务中心的工作人员和村（居）委会可以操作')
}

const PAGE = 1000

/** Every document matching the filter, page by page (CloudBase returns at most 1000 per get). */
export async function findAll<C extends keyof Collections & string>(store: Store, collection: C, filter: Filter): Promise<Array<Collections[C]>> {
  const out: Array<Collections[C]> = []
  for (let skip = 0; ; skip += PAGE) {
    const page = await store.find(collection, filter, { sort: [['_id', 'asc']], limit: PAGE, skip })
    out.push(...page)
    if (page.length < PAGE) return out
  }
}

/** Documents by id, 100 ids to a query. */
export async function getMany<C extends keyof Collections & string>(store: Store, collection: C, ids: string[]): Promise<Array<Collections[C]>> {
  const uniq = [...new Set(ids)]
  const out: Array<Collections[C]> = []
  for (let i = 0; i < uniq.length; i += 100) {
    const chunk = uniq.slice(i, i + 100)
    out.push(...(await store.find(collection, { _id: { $in: chunk } }, { limit: chunk.length })))
  }
  return out
}
