/**
 * 公告's list a page at a time. Its order — current first, then those not yet begun (the committee's), then expired;
 * newest `from` first in each — is three keyset segments, each read after its cursor (`segment|value:id`), so a page
 * costs the same whatever the village holds. Current is two streams merged (no end day, or one not yet past: the
 * Store port has no `or`).
 */
import type { Filter, Store } from '../../ports/store'
import { cursorAfter, pageAfter } from '../../common/keyset'
import type { Notice } from './documents'

export type Segment = 'current' | 'upcoming' | 'expired'
/** notices a page of the list holds */
export const NOTICES_PAGE = 20
/** the current notices the unread figure looks at: the newest this many (one CloudBase read of each stream, one of their marks) */
export const UNREAD_SCAN = 100

const streams = (segment: Segment, today: string): Filter[] =>
  segment === 'current'
    ? [
        { from: { $lte: today }, until: null },
        { from: { $lte: today }, until: { $gte: today } },
      ]
    : segment === 'upcoming'
      ? [{ from: { $gt: today } }]
      : [{ until: { $lt: today } }]

const newestFirst = (a: Notice, b: Notice) => (a.from !== b.from ? (a.from < b.from ? 1 : -1) : a._id < b._id ? 1 : a._id > b._id ? -1 : 0)

/** `limit` notices of one segment after the cursor (from desc, _id desc), and whether more follow */
export async function segmentPage(store: Store, base: Filter, segment: Segment, today: string, after: string | null, limit: number): Promise<{ docs: Notice[]; more: boolean }> {
  const pages = await Promise.all(streams(segment, today).map((f) => pageAfter(store, 'notices', { ...base, ...f }, 'from', 'desc', after, limit)))
  const docs = pages.flatMap((p) => p.docs).sort(newestFirst)
  return { docs: docs.slice(0, limit), more: docs.length > limit || pages.some((p) => p.more) }
}

/**
 * A page of the list after `after` (null: the first), through the segments in order; `first` is the current
 * segment's head when the caller already read it. `next` names the segment and the last notice (a segment just
 * finished: the next one from its start).
 */
export async function noticePage(
  store: Store,
  base: Filter,
  segments: Segment[],
  today: string,
  after: string | null,
  first: { docs: Notice[]; more: boolean } | null,
): Promise<{ docs: Notice[]; next: string | null }> {
  const cut = after ? after.indexOf('|') : -1
  const named = segments.indexOf((cut > 0 ? after!.slice(0, cut) : '') as Segment)
  // a malformed cursor reads from the start
  const start = Math.max(0, named)
  let cursor = named >= 0 && after!.length > cut + 1 ? after!.slice(cut + 1) : null
  const docs: Notice[] = []
  for (let i = start; i < segments.length; i++) {
    const want = NOTICES_PAGE - docs.length
    const page =
      first && segments[i] === 'current' && !cursor
        ? { docs: first.docs.slice(0, want), more: first.docs.length > want || first.more }
        : await segmentPage(store, base, segments[i], today, cursor, want)
    docs.push(...page.docs)
    cursor = null
    if (docs.length === NOTICES_PAGE) {
      const last = docs[docs.length - 1]
      if (page.more) return { docs, next: `${segments[i]}|${cursorAfter(last.from, last._id)}` }
      return { docs, next: i + 1 < segments.length ? `${segments[i + 1]}|` : null }
    }
  }
  return { docs, next: null }
}
