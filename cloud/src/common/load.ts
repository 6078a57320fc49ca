import { ApiError } from '../errors'
import type { CollectionName, Collections, Filter, Store, TotalSpec, TxStore } from '../ports/store'

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

/**
 * Store.totals grouped by one field: the figures of a value of it (zeros for a value no document has), e.g. each
 * village of a town at once. One call.
 */
export async function totalsBy<C extends CollectionName, K extends string>(store: Store, collection: C, filter: Filter, by: string, specs: Record<K, TotalSpec>): Promise<(value: string | number | null) => Record<K, number>> {
  const groups = await store.totals(collection, filter, [by], specs)
  const found = new Map(groups.map((g) => [g.key[0], g.totals]))
  const zero = Object.fromEntries(Object.keys(specs).map((k) => [k, 0])) as Record<K, number>
  return (value) => found.get(value) ?? zero
}
