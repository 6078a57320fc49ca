import type { Village } from './documents'
import type { VillageCard } from './contract'
import type { Context } from '../../handler'
import { ApiError } from '../../errors'

export { notify, notifyCommittee, notifyMany, type NoticeContext } from './notices'

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
