/**
 * Keyset pages: a list in (field, _id) order read a page at a time after a cursor — the last item's sort value and
 * id — never by skipping: a page costs the same far down a big collection as at its start, and what is added
 * meanwhile never shifts the pages a reader is walking. Two bounded queries at most: the rest of the value the last
 * page ended in (ties ordered by _id), then what comes after it (the Store port has no `or`).
 */
import type { CollectionName, Collections, Filter, Store } from '../ports/store'

/** the cursor after a document: its sort value (a number, or a text such as a doorplate) and its id */
export const cursorAfter = (value: number | string, id: string): string => (typeof value === 'number' ? `${value}:${id}` : JSON.stringify([value, id]))

export function parseCursor(after: string): { value: number; id: string } | null {
  const cut = after.indexOf(':')
  const value = Number(after.slice(0, cut))
  return cut > 0 && Number.isFinite(value) ? { value, id: after.slice(cut + 1) } : null
}

/** a cursor of either kind: a number's `value:id`, a text's JSON pair (null: not a cursor) */
export function parseKeyset(after: string): { value: number | string; id: string } | null {
  if (!after.startsWith('[')) return parseCursor(after)
  try {
    const [value, id] = JSON.parse(after) as unknown[]
    return typeof value === 'string' && typeof id === 'string' ? { value, id } : null
  } catch {
    return null
  }
}

/** `limit` documents matching `filter` in (field, _id) order after the cursor (a malformed one reads from the start), and whether more follow. */
export async function pageAfter<C extends CollectionName>(
  store: Store,
  collection: C,
  filter: Filter,
  field: string,
  direction: 'asc' | 'desc',
  after: string | null | undefined,
  limit: number,
): Promise<{ docs: Array<Collections[C]>; more: boolean }> {
  const sort: Array<[string, 'asc' | 'desc']> = [
    [field, direction],
    ['_id', direction],
  ]
  const beyond = direction === 'asc' ? '$gt' : '$lt'
  const docs: Array<Collections[C]> = []
  let since: Filter = {}
  const cursor = after ? parseKeyset(after) : null
  if (cursor) {
    docs.push(...(await store.find(collection, { ...filter, [field]: cursor.value, _id: { [beyond]: cursor.id } }, { sort, limit: limit + 1 })))
    // a range the filter already puts on the field (a segment of a list) still holds after the cursor
    const range = filter[field]
    since = { [field]: { ...(range !== null && typeof range === 'object' && !('$in' in range || '$ne' in range || '$has' in range || '$contains' in range) ? range : {}), [beyond]: cursor.value } }
  }
  if (docs.length <= limit) docs.push(...(await store.find(collection, { ...filter, ...since }, { sort, limit: limit + 1 - docs.length })))
  return { docs: docs.slice(0, limit), more: docs.length > limit }
}
