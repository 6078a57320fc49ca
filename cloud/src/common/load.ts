import { ApiError } from '../errors'
import type { CollectionName, Collections, TxStore } from '../ports/store'

/** Collections whose documents belong to one village. */
export type VillageCollection = { [C in CollectionName]: Collections[C] extends { villageId: string } ? C : never }[CollectionName]

/**
 * A document of this village, or NOT_FOUND with `notFound` (a document of another village reads
 * as missing: ids are never confirmed across villages). Works on the store and inside a transaction.
 */
export async function getInVillage<C extends VillageCollection>(
  reader: Pick<TxStore, 'get'>,
  collection: C,
  id: string,
  villageId: string,
  notFound: string,
): Promise<Collections[C]> {
  const doc = (await reader.get(collection, id)) as (Collections[C] & { villageId: string }) | null
  if (!doc || doc.villageId !== villageId) throw new ApiError('NOT_FOUND', notFound)
  return doc
}
