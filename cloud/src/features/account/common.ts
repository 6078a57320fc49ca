import type { AppNotification, Village } from './documents'
import { newId } from '../../common/ids'
import type { VillageCard } from './contract'
import type { Context } from '../../handler'
import { ApiError } from '../../errors'

/** What sending a notice needs: handlers pass their Context, the time-driven job its ports and time. */
export type NoticeContext = Pick<Context, 'ports' | 'now'>

/**
 * The one way to tell a person something: an in-app notice (always) plus a push through the
 * Notifier (a subscribe message in the cloud, which needs the person's openid, looked up here).
 */
export async function notify(
  ctx: NoticeContext,
  to: { personId: string; villageId: string },
  title: string,
  body: string,
  page: string | null = null,
): Promise<void> {
  const n: AppNotification = { _id: newId('n', ctx.now), ...to, title, body, page, read: false, createdAt: ctx.now }
  await ctx.ports.store.insert('notifications', n)
  const person = await ctx.ports.store.get('persons', to.personId)
  await ctx.ports.notifier.send({ ...to, openid: person?.openid, title, body, page: page ?? undefined })
}

/** notify() to every committee member of the village. */
export async function notifyCommittee(ctx: NoticeContext, villageId: string, title: string, body: string, page: string | null = null): Promise<void> {
  const members = await ctx.ports.store.find('memberships', { villageId })
  for (const m of members.filter((x) => x.roles.includes('committee'))) await notify(ctx, { personId: m.personId, villageId }, title, body, page)
}

/** The village, or NOT_FOUND. */
export async function getVillage(ctx: Pick<Context, 'ports'>, villageId: string): Promise<Village> {
  const village = await ctx.ports.store.get('villages', villageId)
  if (!village) throw new ApiError('NOT_FOUND', '找不到该村（社区）')
  return village
}

export async function villageCard(ctx: Context, villageOrId: Village | string): Promise<VillageCard> {
  const village = typeof villageOrId === 'string' ? await getVillage(ctx, villageOrId) : villageOrId
  const regions = await ctx.ports.store.find('regions', { _id: { $in: [village.cityId, village.countyId, village.townId] } })
  const name = (id: string) => regions.find((r) => r._id === id)?.name ?? ''
  return {
    id: village._id,
    name: village.name,
    kind: village.kind,
    place: [name(village.cityId), name(village.countyId), name(village.townId)].filter(Boolean).join(' · '),
  }
}
