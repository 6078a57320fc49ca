/**
 * Per-person limits on the writes that others read or are told about (a comment, a reply that notifies its
 * author, a proxy that notifies the proxy…), so that one account, by mistake or by script, cannot flood a
 * village. The router applies them to every action in RATE_LIMITS, after the access check and before the
 * handler; over a limit the call is refused with RATE_LIMITED (操作太频繁，请…后再试) and writes nothing.
 *
 * Counted in the store, never in memory: in the cloud every call may run in another process. Each window
 * (bucket × person × window start) has `max` numbered slots, `_id = <bucket>:<who>:<window start>:<n>`; a
 * call takes one by inserting a slot id nobody holds, so however many calls race, at most `max` succeed (a
 * unique id is the one atomic claim both SQLite and CloudBase give). A call the handler refuses gives its
 * slot back by removing it, so a refusal (bad input, content check, conflict) neither counts nor leaves a
 * trace. Windows that have ended are removed by the time-driven job (removeEndedRateLimits).
 */
import { createHash, randomBytes } from 'node:crypto'
import type { ActionName } from '../contract'
import { ApiError } from '../errors'
import type { Ports } from '../ports/ports'
import { DuplicateIdError, type Store } from '../ports/store'

/** One slot of one window: a call that counted. */
export interface RateLimitSlot {
  /** `${bucket}:${who}:${windowStart}:${n}`, n < the window's max */
  _id: string
  /** `${action}:${window}`, e.g. comments.create:1d */
  bucket: string
  /** the caller's WeChat account, hashed (one person per account; deleting the person does not reset it) */
  who: string
  windowStart: number
  /** the window's end: the job removes the slot after it */
  expiresAt: number
  /** the call that took it with the slots of its other windows (one insert for all): tells its own slots after a failed insert */
  claim?: string
}

declare module '../ports/store' {
  interface Collections {
    rateLimits: RateLimitSlot
  }
}

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const WINDOWS = { '1m': MINUTE, '1h': HOUR, '1d': DAY } as const
type WindowName = keyof typeof WINDOWS

export interface RateLimit {
  /** at most this many calls per window (fixed windows; days begin at midnight in Asia/Shanghai) */
  max: Partial<Record<WindowName, number>>
  why: string
}

/**
 * The limits, set where a real villager never reaches them (typing a comment on a phone takes well over
 * ten seconds; a village has a few proposals a month) and a script soon does.
 * Not limited: ballots.cast (a vote is never refused for speed: a grid worker may cast for dozens of elderly
 * residents who chose them as proxy), topics.remind (its own claim: once in 6 hours per topic), and the
 * committee's own writes (audited, few people).
 */
export const RATE_LIMITS: Partial<Record<ActionName, RateLimit>> = {
  'comments.create': { max: { '1m': 10, '1d': 100 }, why: 'others read every comment, and a reply notifies the comment’s author' },
  'comments.like': { max: { '1m': 60, '1d': 1000 }, why: 'reading down a long discussion, liking as one goes; a like changes what everyone sees' },
  'proxies.grant': { max: { '1h': 10, '1d': 30 }, why: 'one proxy per topic (granting again changes who), and each grant notifies the proxy' },
  'ballots.object': { max: { '1h': 10, '1d': 30 }, why: 'one objection per meeting ballot (per topic), and each notifies the whole committee' },
  'proposals.create': { max: { '1d': 5 }, why: 'a proposal is a written case the whole village reads; a village has a few a month' },
  'proposals.cosign': { max: { '1m': 20, '1d': 100 }, why: 'one signature per proposal; reaching the threshold notifies the committee and the proposer' },
  // one window: a slot is a write of its own on a random page of the collection, and every newcomer's first call pays it
  'join.request': { max: { '1d': 10 }, why: 'each request notifies the village’s committee; a newcomer applies to one or two villages, again after a rejection' },
  'account.requestDeletion': { max: { '1d': 5 }, why: 'each request notifies the committee of every village the person is in' },
  'boards.appeal': { max: { '1h': 5, '1d': 10 }, why: 'each appeal notifies the committee; a household has an entry or two to appeal, each once' },
  'booking.book': { max: { '1m': 30, '1d': 200 }, why: 'a family books a week of meals in a minute or two; a booking for someone else notifies them' },
  'booking.authorize': { max: { '1h': 10, '1d': 20 }, why: 'each authorisation notifies the person authorised; a family has a few' },
  'boards.nominate': { max: { '1h': 5, '1d': 20 }, why: 'each nomination notifies the 道德评议会, who review every one by hand' },
  'reports.create': { max: { '1h': 10, '1d': 30 }, why: 'each report notifies its grid’s workers and starts a clock they answer to; a villager files a few a week' },
  'reports.metoo': { max: { '1m': 20, '1d': 100 }, why: 'one 同问 per report, and each moves what the grid and the map show' },
  'reports.reopen': { max: { '1h': 5, '1d': 20 }, why: 'each reopening puts a report back on the grid worker’s queue and notifies them' },
  'volunteer.signUp': { max: { '1m': 10, '1d': 50 }, why: 'a sign-up takes a place others wait for in line; a villager signs up for a few activities a week, not dozens a minute' },
  'volunteer.cancel': { max: { '1h': 10, '1d': 20 }, why: 'each cancellation gives the place to the first in line and notifies them: signing up and cancelling in a loop would churn the line' },
  'mailbox.write': { max: { '1h': 5, '1d': 10 }, why: 'each letter notifies the whole committee and starts a clock they answer to the town for; a villager writes a few a month' },
  'workspace.recordVisit': { max: { '1h': 30, '1d': 100 }, why: 'a grid worker records a day of door-to-door visits in one sitting, a few dozen at most; each runs the content check' },
}

/** China has no daylight saving: Shanghai's midnight is 16:00 UTC. */
const SHANGHAI_OFFSET = 8 * HOUR

function windowOf(name: WindowName, now: number): { start: number; end: number } {
  const per = WINDOWS[name]
  const start = Math.floor((now + SHANGHAI_OFFSET) / per) * per - SHANGHAI_OFFSET
  return { start, end: start + per }
}

/** The caller's key in the counters: a hash of the openid, so no openid is stored here. */
export function rateKeyOf(openid: string): string {
  return createHash('sha256').update(openid).digest('hex').slice(0, 20)
}

/** 1分钟 / 25分钟 / 3小时: how long until the full window ends, rounded up. */
function waitText(ms: number): string {
  if (ms <= HOUR) return `${Math.max(1, Math.ceil(ms / MINUTE))}分钟`
  return `${Math.ceil(ms / HOUR)}小时`
}

/**
 * The slot each window is tried at first: the one after the last this process took in it (`bucket:who:windowStart`).
 * Only a guess, so that a call costs one insert for all its windows and no count: the insert is the claim, and a slot
 * taken meanwhile (by another process, or a slot given back) falls back to counting. Forgotten all at once past HINTS.
 */
const nextSlot = new Map<string, number>()
const HINTS = 10_000

/** One window of one call: where its slots are and how many there are. */
interface Window {
  key: Pick<RateLimitSlot, 'bucket' | 'who' | 'windowStart'>
  /** `bucket:who:windowStart`, the slots' id prefix */
  id: string
  expiresAt: number
  max: number
}

function tookSlot(w: Window, n: number): string {
  if (nextSlot.size >= HINTS) nextSlot.clear()
  nextSlot.set(w.id, n + 1)
  return `${w.id}:${n}`
}

/**
 * The window's slots, by their ids' common prefix (`bucket:who:windowStart:`; ';' follows ':'): the primary key finds
 * them, so the collection needs no index of its own for counting, and each call's insert writes one b-tree the less.
 */
const slotsOf = (w: Window) => ({ _id: { $gte: `${w.id}:`, $lt: `${w.id};` } })

/** Takes a free slot of one window by counting and walking its slots (its guess was taken or full), or returns null when all are taken. */
async function takeSlot(store: Store, w: Window): Promise<string | null> {
  let used = await store.count('rateLimits', slotsOf(w))
  // start at the count: with no race and no slot given back, the first insert succeeds; else walk the slots once
  for (let n = used % w.max, tries = 0; used < w.max && tries < w.max; tries++, n = (n + 1) % w.max) {
    try {
      await store.insert('rateLimits', { _id: `${w.id}:${n}`, ...w.key, expiresAt: w.expiresAt })
      return tookSlot(w, n)
    } catch (e) {
      if (!(e instanceof DuplicateIdError)) throw e
      // taken meanwhile, or the free one is a gap left by a slot given back: is any left at all?
      used = await store.count('rateLimits', slotsOf(w))
    }
  }
  return null
}

/** tells this process's insertMany of slots from every other call's: `claim` on a slot says who wrote it */
const PROCESS_CLAIM = randomBytes(6).toString('base64url')
let claims = 0

/**
 * A slot in each window, or the first window that is full. The guessed slots of all windows are inserted in one
 * call; should one of them be taken, the slots that call wrote are told by their claim (CloudBase may write some of a
 * batch that fails) and the windows still without one count and walk their slots one by one.
 */
async function takeSlots(store: Store, windows: Window[]): Promise<{ taken: string[]; full: Window | null }> {
  const claim = `${PROCESS_CLAIM}${++claims}`
  const guesses = windows.map((w) => ({ w, n: nextSlot.get(w.id) ?? 0 })).filter((g) => g.n < g.w.max)
  const docs: RateLimitSlot[] = guesses.map(({ w, n }) => ({ _id: `${w.id}:${n}`, ...w.key, expiresAt: w.expiresAt, claim }))
  let mine: Set<string>
  try {
    if (docs.length) await store.insertMany('rateLimits', docs)
    mine = new Set(docs.map((d) => d._id))
  } catch (e) {
    if (!(e instanceof DuplicateIdError)) throw e
    const there = await store.find('rateLimits', { _id: { $in: docs.map((d) => d._id) } }, { limit: docs.length })
    mine = new Set(there.filter((d) => d.claim === claim).map((d) => d._id))
  }
  const taken = guesses.filter((g, i) => mine.has(docs[i]._id)).map(({ w, n }) => tookSlot(w, n))
  for (const w of windows) {
    if (taken.some((id) => id.startsWith(`${w.id}:`))) continue
    const slot = await takeSlot(store, w)
    if (!slot) return { taken, full: w }
    taken.push(slot)
  }
  return { taken, full: null }
}

async function releaseSlots(store: Store, ids: readonly string[]): Promise<void> {
  if (ids.length) await store.remove('rateLimits', { _id: { $in: [...ids] } })
}

/**
 * Takes a slot in each of the action's windows (RATE_LIMITED if one is full, giving back what it took), runs
 * the call, and gives the slots back if the call throws. Actions without a limit just run.
 */
export async function withRateLimit<R>(store: Store, action: string, openid: string, now: number, run: () => Promise<R>): Promise<R> {
  const limit = RATE_LIMITS[action as ActionName]
  if (!limit) return run()
  const who = rateKeyOf(openid)
  const windows = (Object.entries(limit.max) as Array<[WindowName, number]>).map(([name, max]): Window => {
    const { start, end } = windowOf(name, now)
    const key = { bucket: `${action}:${name}`, who, windowStart: start }
    return { key, id: `${key.bucket}:${who}:${start}`, expiresAt: end, max }
  })
  const { taken, full } = await takeSlots(store, windows)
  if (full) {
    await releaseSlots(store, taken)
    throw new ApiError('RATE_LIMITED', `操作太频繁，请${waitText(full.expiresAt - now)}后再试`)
  }
  try {
    return await run()
  } catch (e) {
    // a refused call does not count; should the store fail here too, the slot only ends with its window
    await releaseSlots(store, taken).catch(() => undefined)
    throw e
  }
}

/** Job step: windows that have ended count for nothing; removing them keeps the collection at a day's calls. */
export async function removeEndedRateLimits(ports: Ports, now: number): Promise<number> {
  return ports.store.remove('rateLimits', { expiresAt: { $lte: now } })
}
