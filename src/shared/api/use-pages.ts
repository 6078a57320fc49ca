import { useEffect, useState } from 'react'
import { useMutation } from './use-mutation'
import { useQuery, type Query } from './use-query'

export interface Pages<P, T> {
  /** the first page: loads with deps, reloads (on show, after a change) without dropping the pages after it */
  first: Query<P>
  /** the first page's items, then those 加载更多 added (an item the first page holds again is shown once) */
  items: T[]
  /** there is a next page */
  hasMore: boolean
  /** 加载更多: the next page after the last one loaded */
  loadMore: () => void
  loadingMore: boolean
  /** why 加载更多 failed */
  moreError: string | null
}

/**
 * A keyset-paged list (an action answering a page and its `next` cursor): the first page as a query and the pages
 * after it on demand. The later pages are dropped when deps change (a filter, a search); a reload of the first keeps
 * them, as their cursors stay valid.
 */
export function usePages<P, T extends { id: string } | { _id: string }>(
  load: (after: string | null) => Promise<P>,
  deps: unknown[],
  pick: (page: P) => { items: T[]; next: string | null },
  enabled = true,
): Pages<P, T> {
  const first = useQuery(() => load(null), deps, enabled)
  const [later, setLater] = useState<{ items: T[]; next: string | null } | null>(null)
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => setLater(null), deps)
  const more = useMutation(async (after: string) => {
    const page = pick(await load(after))
    setLater((l) => ({ items: [...(l?.items ?? []), ...page.items], next: page.next }))
  })
  const head = first.data === undefined ? null : pick(first.data)
  const key = (t: T) => ('id' in t ? t.id : t._id)
  const shown = new Set(head?.items.map(key))
  const next = later ? later.next : head?.next ?? null
  return {
    first,
    items: [...(head?.items ?? []), ...(later?.items ?? []).filter((t) => !shown.has(key(t)))],
    hasMore: next !== null,
    loadMore: () => void (next !== null && more.run(next)),
    loadingMore: more.busy,
    moreError: more.error,
  }
}
