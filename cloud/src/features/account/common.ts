import { villageFacts, villageWords, type GridName, type Village, type VillageFacts, type VillageWords } from './documents'
import { getInVillage } from '../../common/load'
import type { VillageCard } from './contract'
import type { Context } from '../../handler'
import { ApiError } from '../../errors'

export { notify, notifyCommittee, notifyHousehold, notifyMany, notifyMeToo, notifyResidents, notifyServing, type NoticeContext } from './notices'
export { gridWorkersOf, membersServing, townOfficersOf } from './serving'

/** The village, or NOT_FOUND. */
export async function getVillage(ctx: Pick<Context, 'ports'>, villageId: string): Promise<Village> {
  const village = await ctx.ports.store.get('villages', villageId)
  if (!village) throw new ApiError('NOT_FOUND', '找不到该村（社区）')
  return village
}

/**
 * The village's name, kind and town: from the caller's membership of it, which the router read (no call), else the
 * village read (a membership from before they were carried, or a caller of another village).
 */
export async function villageFactsOf(ctx: Pick<Context, 'ports'> & { membership?: Context['membership'] }, villageId: string): Promise<VillageFacts> {
  const m = ctx.membership
  if (m?.villageId === villageId && m.village) return m.village
  return villageFacts(await getVillage(ctx, villageId))
}

/**
 * A grid of the village, or NOT_FOUND in words: its name from the caller's membership, which carries the village's
 * grids (fixed when it is set up: no call), else read.
 */
export async function gridOf(ctx: Pick<Context, 'ports'> & { membership?: Context['membership'] }, villageId: string, gridId: string): Promise<GridName> {
  const known = ctx.membership?.villageId === villageId ? ctx.membership.village?.grids : undefined
  if (!known) return getInVillage(ctx.ports.store, 'grids', gridId, villageId, '找不到该网格')
  const grid = known.find((g) => g._id === gridId)
  if (!grid) throw new ApiError('NOT_FOUND', '找不到该网格')
  return grid
}

/** The words of a village (村委会/居委会, 村民/居民, 本村/本社区), where a text needs them and the village is not at hand yet (a refusal). */
export async function wordsOf(ctx: Pick<Context, 'ports'> & { membership?: Context['membership'] }, villageId: string): Promise<VillageWords> {
  return villageWords((await villageFactsOf(ctx, villageId)).kind)
}

export async function villageCard(ctx: Context, villageOrId: Village | string): Promise<VillageCard> {
  const village = typeof villageOrId === 'string' ? await getVillage(ctx, villageOrId) : villageOrId
  return (await villageCards(ctx, [village]))[0]
}

/** Several villages' cards with one read of their regions (account.me's villages: one query however many). */
export async function villageCards(ctx: Context, villages: Village[]): Promise<VillageCard[]> {
  if (!villages.length) return []
  const ids = [...new Set(villages.flatMap((v) => [v.cityId, v.countyId, v.townId]))]
  const regions = await ctx.ports.store.find('regions', { _id: { $in: ids } })
  const name = (id: string) => regions.find((r) => r._id === id)?.name ?? ''
  return villages.map((village) => ({
    id: village._id,
    name: village.name,
    kind: village.kind,
    place: [name(village.cityId), name(village.countyId), name(village.townId)].filter(Boolean).join(' · '),
  }))
}

