/**
 * Notices through an outbox, so that none is lost on a crash and none is told twice.
 *
 * A notice to one named person (notify()) is one document: their in-app notification, with its push still to do
 * (`pushAt`), written in the same transaction as the change that causes it when given that transaction. It is the
 * outbox entry of its own push, so that the person sees it at once and an action makes one call for it. A notice to
 * several people, the committee or every resident is one NoticeEvent (who is told what), written the same way; the
 * job turns it into one in-app notification per person (a second delivery finds it stored and writes nothing). No
 * action delivers within its answer: the time-driven job (every minute) does. Each push goes through the Notifier at
 * most once: the delivery that stores an event's notice holds its push; a push still to try is claimed by a
 * conditional update; a push whose process died in flight is marked `unknown`, never sent again (WeChat has no
 * idempotency key, and a subscribe-message consent is good for one message anyway). An event to the committee or to
 * every resident is read at delivery (a page of members at a time); what a crash or a failed push left behind is
 * tried again with growing delays, a push given up after PUSH_ATTEMPTS. A job's step lists the notices it writes
 * (NoticeContext.notices) and delivers them itself at its end.
 */
import type { Context } from '../../handler'
import type { Ports, PushOutcome } from '../../ports/ports'
import { DuplicateIdError, INSERT_MANY, type Collections, type Filter, type TxStore } from '../../ports/store'
import { newId } from '../../common/ids'
import type { AppNotification, NoticeEvent, ServingPart, StoredNotification } from './documents'
import { DELETED_NAME } from './privacy-documents'
import { membersServing, servingOrCommittee } from './serving'
import { cursorAfter, pageAfter } from '../../common/keyset'

/**
 * What writing a notice needs: a handler's Context, or a job step's ports and time with `notices`, the list of the
 * events it writes, which it delivers itself at its end (so that its notices to one person are not written twice).
 */
export type NoticeContext = Pick<Context, 'ports' | 'now'> & { notices?: string[] }

/** a push in flight this long is taken to have died with its process (cloud functions time out long before) */
export const PUSH_LEASE_MS = 60_000
export const PUSH_ATTEMPTS = 5
/** how long the job waits before trying an event again, by the number of tries so far */
const RETRY_AFTER_MS = [0, 60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000]

/** an event's id says whether it is to named people (`ne_…`) or to a whole audience read at delivery (`nv_…`) */
const VILLAGE_WIDE = 'nv'
/** a notice to one person, its own outbox entry (`nn_…`): a job step's list names both kinds */
const ONE_PERSON = 'nn'
export const isNoticeToOne = (id: string) => id.startsWith(`${ONE_PERSON}_`)

async function writeEvent(ctx: NoticeContext, event: Omit<NoticeEvent, '_id' | 'createdAt' | 'status' | 'attempts' | 'nextAt'>, tx?: Pick<TxStore, 'insert'>, id = newId(Array.isArray(event.to) ? 'ne' : VILLAGE_WIDE, ctx.now)): Promise<NoticeEvent> {
  const doc: NoticeEvent = { _id: id, ...event, createdAt: ctx.now, status: 'pending', attempts: 0, nextAt: ctx.now }
  await (tx ?? ctx.ports.store).insert('noticeOutbox', doc)
  ctx.notices?.push(doc._id)
  return doc
}

/**
 * The one way to tell a person something: an in-app notice, and a push (a subscribe message in the cloud) where they
 * subscribed. One insert: the notification, its push due now (the job's). Pass `tx` to write it with the change that
 * causes it (a retried transaction writes it once: the id is drawn in the attempt that commits).
 */
export async function notify(
  ctx: NoticeContext,
  to: { personId: string; villageId: string },
  title: string,
  body: string,
  page: string | null = null,
  tx?: Pick<TxStore, 'insert'>,
): Promise<void> {
  const n: StoredNotification = { _id: newId(ONE_PERSON, ctx.now), ...to, title, body, page, read: false, createdAt: ctx.now, push: 'pending', pushAttempts: 0, pushAt: ctx.now }
  await (tx ?? ctx.ports.store).insert('notifications', n)
  ctx.notices?.push(n._id)
}

/** notify() to every committee member of the village (as it is when the notice is delivered). */
export async function notifyCommittee(ctx: NoticeContext, villageId: string, title: string, body: string, page: string | null = null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  await writeEvent(ctx, { villageId, to: 'committee', title, body, page }, tx)
}

/**
 * notifyCommittee() as the event of a given id, outside any transaction: a second write of the id (a job's run cut off
 * after it, run again) writes nothing.
 */
export async function notifyCommitteeOnce(ctx: NoticeContext, id: string, villageId: string, title: string, body: string, page: string | null = null): Promise<void> {
  try {
    await writeEvent(ctx, { villageId, to: 'committee', title, body, page }, undefined, id)
  } catch (e) {
    if (!(e instanceof DuplicateIdError)) throw e
    // the earlier write's: delivered with those of this call (it may be done: then nothing is)
    ctx.notices?.push(id)
  }
}

/**
 * notify() to every resident of the village but `except` (as they are when it is delivered: a page of its members at a
 * time, however many), in one event.
 */
export async function notifyResidents(ctx: NoticeContext, villageId: string, title: string, body: string, page: string | null, tx?: Pick<TxStore, 'insert'>, except: string | null = null): Promise<void> {
  await writeEvent(ctx, { villageId, to: 'residents', except, title, body, page }, tx)
}

/**
 * notify() to every member of a household (as they are when it is delivered), in one event: the action that tells them
 * need not find them first.
 */
export async function notifyHousehold(ctx: NoticeContext, villageId: string, householdId: string, title: string, body: string, page: string | null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  await writeEvent(ctx, { villageId, to: 'household', householdId, title, body, page }, tx)
}

/**
 * notify() to everyone who added 同问 to a report (its marks, read a page at a time when it is delivered), in one
 * event: the action that tells them need not find them first.
 */
export async function notifyMeToo(ctx: NoticeContext, villageId: string, reportId: string, title: string, body: string, page: string | null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  await writeEvent(ctx, { villageId, to: 'metoo', reportId, title, body, page }, tx)
}

/**
 * notify() to those serving a part of the village (a grid's workers, the town's officers), or its committee when nobody
 * does, as they are when it is delivered: the action reads nobody to say who.
 */
export async function notifyServing(ctx: NoticeContext, villageId: string, part: ServingPart, title: string, body: string, page: string | null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  await writeEvent(ctx, { villageId, to: part, title, body, page }, tx)
}

/**
 * notify() to many people at once (one event, however many are told). Their notifications are the job's (within its
 * next run): written with the event, each would be one more call of the action's; a list of one is a notify().
 */
export async function notifyMany(ctx: NoticeContext, villageId: string, personIds: string[], title: string, body: string, page: string | null = null, tx?: Pick<TxStore, 'insert'>): Promise<void> {
  if (personIds.length === 1) await notify(ctx, { personId: personIds[0], villageId }, title, body, page, tx)
  else if (personIds.length) await writeEvent(ctx, { villageId, to: personIds, title, body, page }, tx)
}

/** A notification as its reader sees it (without the push bookkeeping). */
export function noticeView(n: StoredNotification): AppNotification {
  const { push: _p, pushAttempts: _a, pushLeaseUntil: _l, pushAt: _t, ...view } = n
  return view
}

/**
 * Sends a push this delivery holds the claim of, and records what came of it; true when nothing is left to do for it.
 * A failed try of a notice that is its own outbox entry is due again after a delay (an event's waits for its event).
 */
async function sendClaimed(ports: Ports, n: StoredNotification, openid: string | undefined, now: number): Promise<boolean> {
  const { store } = ports
  const outcome = await ports.notifier.send({ key: n._id, personId: n.personId, villageId: n.villageId, openid, title: n.title, body: n.body, page: n.page ?? undefined }).catch(() => null)
  // a store error here leaves it in flight (then `unknown`): only a push that failed is tried again
  if (outcome) {
    await store.update('notifications', { _id: n._id }, { set: { push: outcome, pushLeaseUntil: undefined, pushAt: undefined } })
    return true
  }
  const attempts = (n.pushAttempts ?? 0) + 1
  const push = attempts >= PUSH_ATTEMPTS ? 'failed' : 'pending'
  const pushAt = n.pushAt !== undefined && push === 'pending' ? now + RETRY_AFTER_MS[Math.min(attempts, RETRY_AFTER_MS.length - 1)] : undefined
  await store.update('notifications', { _id: n._id }, { set: { push, pushAttempts: attempts, pushLeaseUntil: undefined, pushAt } })
  return push === 'failed'
}

/**
 * For a stored notification: claims its push when it is still to be tried (as read: a notice taken up by another run
 * since is not claimed again). A push in flight past its lease had its process die, before or after WeChat took it:
 * never risk a second one. A notice that is its own outbox entry is due again when the lease of its claim ends.
 */
async function claimStored(ports: Ports, n: StoredNotification, openid: string | undefined, now: number): Promise<boolean> {
  const { store } = ports
  const lease = now + PUSH_LEASE_MS
  const own = n.pushAt !== undefined
  const claim: Filter = own ? { _id: n._id, push: 'pending', pushAt: n.pushAt! } : { _id: n._id, push: 'pending' }
  if (await store.update('notifications', claim, { set: { push: 'sending', pushLeaseUntil: lease, ...(own && { pushAt: lease }) } })) return sendClaimed(ports, n, openid, now)
  await store.update('notifications', { _id: n._id, push: 'sending', pushLeaseUntil: { $lte: now } }, { set: { push: 'unknown', pushLeaseUntil: undefined, pushAt: undefined } })
  const state = (await store.get('notifications', n._id))?.push
  return state !== 'pending' && state !== 'sending'
}

/** The people to tell, in order, with their openids (read 100 at a time); someone whose data was erased since is left out. */
async function reachable(ports: Ports, personIds: string[]): Promise<Array<{ personId: string; openid: string | undefined }>> {
  const found = new Map<string, { name: string; openid: string }>()
  for (let i = 0; i < personIds.length; i += 100) {
    const ids = personIds.slice(i, i + 100)
    for (const p of await ports.store.find('persons', { _id: { $in: ids } }, { limit: ids.length })) found.set(p._id, p)
  }
  return personIds.flatMap((personId) => {
    const p = found.get(personId)
    return !p || (p.name === DELETED_NAME && !p.openid) ? [] : [{ personId, openid: p.openid || undefined }]
  })
}

/** people per batch: one read of who is there, one insert of the notices, a few updates by push outcome */
export const DELIVERY_BATCH = INSERT_MANY
/**
 * People one call of deliverNotices reaches (over all its events): a reminder to 5,000 people goes out in batches over
 * the job's runs, from its event's cursor, so that no function run makes thousands of calls and hits its time limit.
 */
export const PEOPLE_PER_RUN = 2000
/** right after a job's step, its own events: most are to a few people; a big one goes on in the job's next runs */
export const PEOPLE_AFTER_STEP = 200

type Recipient = { personId: string; openid: string | undefined }

/** An event's notification for one person: its id says both, so that a second write of it is a duplicate. */
function noticeOf(e: NoticeEvent, personId: string): AppNotification {
  return { _id: `${e._id}:${personId}`, villageId: e.villageId, personId, title: e.title, body: e.body, page: e.page, read: false, createdAt: e.createdAt }
}

/** as a delivery stores it: the insert is the claim, whoever stores the notice pushes it */
function claimedNotice(e: NoticeEvent, personId: string, now: number): StoredNotification {
  return { ...noticeOf(e, personId), push: 'sending', pushLeaseUntil: now + PUSH_LEASE_MS, pushAttempts: 0 }
}

/** One person the slow way (a batch another delivery of the same event raced): insert or claim, then push. */
async function deliverOne(ports: Ports, e: NoticeEvent, { personId, openid }: Recipient, now: number): Promise<boolean> {
  const n = claimedNotice(e, personId, now)
  try {
    await ports.store.insert('notifications', n)
    return await sendClaimed(ports, n, openid, now)
  } catch (err) {
    if (!(err instanceof DuplicateIdError)) throw err
    const stored = await ports.store.get('notifications', n._id)
    return !stored || (await claimStored(ports, stored, openid, now))
  }
}

/**
 * One batch of an event's people: what is stored already is read once, the rest inserted in one call and pushed,
 * the outcomes written one update per outcome. Returns how many pushes are left to retry. `unseen`: the event's
 * first batch right after the job's step that wrote it, when nothing can be stored yet but by another run racing it
 * (then the insert meets a duplicate and each person goes the slow way): the read is skipped.
 */
async function deliverBatch(ports: Ports, e: NoticeEvent, personIds: string[], now: number, unseen = false): Promise<number> {
  const { store } = ports
  const people = await reachable(ports, personIds)
  const ids = personIds.map((id) => `${e._id}:${id}`)
  const stored = new Map(unseen ? [] : (await store.find('notifications', { _id: { $in: ids } }, { limit: ids.length })).map((n) => [n._id, n]))
  // stored by a delivery that raced the erasure of its person's data: gone like the rest of theirs
  const told = new Set(people.map((p) => `${e._id}:${p.personId}`))
  const gone = [...stored.keys()].filter((id) => !told.has(id))
  if (gone.length) await store.remove('notifications', { _id: { $in: gone } })
  const fresh = people.filter((p) => !stored.has(`${e._id}:${p.personId}`))
  let unfinished = 0
  // stored by an earlier pass: only a push still to try (or one whose process died) needs more
  for (const p of people) {
    const n = stored.get(`${e._id}:${p.personId}`)
    if (n && (n.push === 'pending' || n.push === 'sending') && !(await claimStored(ports, n, p.openid, now))) unfinished++
  }
  if (!fresh.length) return unfinished
  const docs = fresh.map((p) => claimedNotice(e, p.personId, now))
  try {
    await store.insertMany('notifications', docs)
  } catch (err) {
    if (!(err instanceof DuplicateIdError)) throw err
    for (const p of fresh) if (!(await deliverOne(ports, e, p, now))) unfinished++
    return unfinished
  }
  const outcomes = await Promise.all(
    docs.map((n, i) =>
      ports.notifier
        .send({ key: n._id, personId: n.personId, villageId: n.villageId, openid: fresh[i].openid, title: n.title, body: n.body, page: n.page ?? undefined })
        .catch(() => null),
    ),
  )
  const byOutcome = new Map<PushOutcome | null, string[]>()
  outcomes.forEach((o, i) => byOutcome.set(o, [...(byOutcome.get(o) ?? []), docs[i]._id]))
  for (const [outcome, done] of byOutcome) {
    // a failed first try: pending for the next pass (PUSH_ATTEMPTS > 1)
    const set = outcome ? { push: outcome, pushLeaseUntil: undefined } : { push: 'pending', pushAttempts: 1, pushLeaseUntil: undefined }
    await store.update('notifications', { _id: { $in: done } }, { set })
    if (!outcome) unfinished += done.length
  }
  return unfinished
}

/**
 * Delivers an event from its cursor, to about `budget` people (whole batches); returns how many it reached. Once every person has
 * their notification and every push an outcome, the event is done; a pass that left pushes to retry starts over later.
 */
async function deliverEvent(ports: Ports, e: NoticeEvent, now: number, budget: number, afterStep: boolean): Promise<number> {
  const { store } = ports
  const batches = await audienceOf(ports, e)
  let at = { cursor: e.cursor ?? 0, after: e.after ?? null }
  let unseen = afterStep && e.attempts === 0 && at.cursor === 0
  let unfinished = e.unfinished ?? 0
  let used = 0
  let more = true
  while (more && used < budget) {
    const batch = await batches(at)
    if (batch.people.length) unfinished += await deliverBatch(ports, e, batch.people, now, unseen)
    unseen = false
    at = batch.at
    more = batch.more
    used += batch.read
    // where the next run resumes (every batch is idempotent: one cut before this update is done again, not twice)
    if (more) await store.update('noticeOutbox', { _id: e._id, status: 'pending' }, { set: { ...at, unfinished, nextAt: now } })
  }
  if (more) return used
  const attempts = e.attempts + 1
  if (!unfinished) await store.update('noticeOutbox', { _id: e._id, status: 'pending' }, { set: { status: 'done', attempts, nextAt: now, ...at, unfinished: 0 } })
  else await store.update('noticeOutbox', { _id: e._id, status: 'pending' }, { set: { attempts, cursor: 0, after: null, unfinished: 0, nextAt: now + RETRY_AFTER_MS[Math.min(attempts, RETRY_AFTER_MS.length - 1)] } })
  return used
}

type Position = { cursor: number; after: string | null }
type Batch = { people: string[]; read: number; at: Position; more: boolean }

/**
 * An event's people a batch at a time from a position: a list's next slice (the committee's or a household's read at delivery), or
 * for the residents the next page of the village's members by name, for a report's 同问 the next page of its marks by
 * time (keyset: the 100th page costs what the first does).
 */
async function audienceOf(ports: Ports, e: NoticeEvent): Promise<(at: Position) => Promise<Batch>> {
  if (e.to === 'residents') return pagedAudience(ports, 'memberships', { villageId: e.villageId }, 'name', (m) => m.roles.includes('resident') && m.personId !== e.except)
  if (e.to === 'metoo') return pagedAudience(ports, 'reportMeToos', { reportId: e.reportId ?? '' }, 'at', () => true)
  const to = await listedAudience(ports, e)
  return async (at) => {
    const cursor = Math.min(at.cursor, to.length)
    const people = to.slice(cursor, cursor + DELIVERY_BATCH)
    return { people, read: people.length, at: { cursor: cursor + people.length, after: null }, more: cursor + people.length < to.length }
  }
}

/** the people of documents naming them (`personId`), a page at a time in (field, _id) order from the position's keyset cursor */
function pagedAudience<C extends 'memberships' | 'reportMeToos'>(ports: Ports, collection: C, filter: Filter, field: keyof Collections[C] & string, told: (doc: Collections[C]) => boolean): (at: Position) => Promise<Batch> {
  return async (at) => {
    const page = await pageAfter(ports.store, collection, filter, field, 'asc', at.after, DELIVERY_BATCH)
    const last = page.docs.at(-1)
    const people = page.docs.filter(told).map((d) => d.personId)
    return { people, read: Math.max(1, page.docs.length), at: { cursor: at.cursor + page.docs.length, after: last ? cursorAfter(last[field] as string | number, last._id) : at.after }, more: page.more }
  }
}

/** an event's people read at once, when it is delivered: its list, the committee, a household (a few), or those serving a part */
async function listedAudience(ports: Ports, e: NoticeEvent): Promise<string[]> {
  const { store } = ports
  if (Array.isArray(e.to)) return e.to
  if (e.to === 'committee') return (await membersServing(store, e.villageId, 'committee')).map((m) => m.personId)
  if (e.to === 'household') return e.householdId ? (await store.find('memberships', { villageId: e.villageId, householdId: e.householdId }, { limit: DELIVERY_BATCH })).map((m) => m.personId) : []
  if (e.to === 'residents' || e.to === 'metoo') return [] // paged in audienceOf, never listed
  return servingOrCommittee(store, e.villageId, e.to)
}

/** notices to one person the job pushes in a run (PUSHES_AFTER_STEP right after a job's step: the rest in its next runs) */
export const PUSHES_PER_RUN = 500
const PUSHES_AFTER_STEP = 100

/**
 * Pushes notices to one person that are due: those named (a job step's own, right after it wrote them) or the
 * oldest due, a page at a time, to about `budget`; returns how many it took up. Each leaves the due ones when taken
 * up (pushed, its claim's lease or a retry ahead): a second run finds what is left. Someone whose data was erased
 * since their notice was written (the erasure may have come first) is not pushed: the notice goes like the rest of theirs.
 */
async function pushDue(ports: Ports, now: number, budget: number, ids?: string[]): Promise<number> {
  const { store } = ports
  let done = 0
  while (done < budget) {
    const size = Math.min(DELIVERY_BATCH, budget - done)
    const named = ids?.slice(done, done + size)
    if (named && !named.length) break
    const page = named
      ? await store.find('notifications', { _id: { $in: named }, pushAt: { $lte: now } }, { limit: named.length })
      : await store.find('notifications', { pushAt: { $lte: now } }, { sort: [['pushAt', 'asc']], limit: size })
    const people = new Map((await reachable(ports, [...new Set(page.map((n) => n.personId))])).map((p) => [p.personId, p.openid]))
    const gone = page.filter((n) => !people.has(n.personId)).map((n) => n._id)
    if (gone.length) await store.remove('notifications', { _id: { $in: gone } })
    // each its own claim: the pushes of a page go out together
    const tried = await Promise.allSettled(page.filter((n) => people.has(n.personId)).map((n) => claimStored(ports, n, people.get(n.personId), now)))
    const failed = tried.find((t) => t.status === 'rejected')
    if (failed) throw failed.reason
    done += named ? named.length : page.length
    if (!named && page.length < size) break
  }
  return done
}

/**
 * Delivers the notices named (a job's step, right after it wrote them) or, without ids, every pending one that is
 * due (the job's notices step): events to about PEOPLE_AFTER_STEP or PEOPLE_PER_RUN people in all, what is left
 * pending from its cursor for the job's next run, and the pushes of notices to one person. Returns how many events
 * and notices it worked on. Never throws for one bad event or page: what fails stays pending.
 */
export async function deliverNotices(ports: Ports, now: number, ids?: string[]): Promise<number> {
  const afterStep = ids !== undefined
  const own = ids?.filter(isNoticeToOne)
  const eventIds = ids?.filter((id) => !isNoticeToOne(id))
  const events = eventIds
    ? eventIds.length
      ? await ports.store.find('noticeOutbox', { _id: { $in: eventIds }, status: 'pending' })
      : []
    : await ports.store.find('noticeOutbox', { status: 'pending', nextAt: { $lte: now } }, { sort: [['nextAt', 'asc']], limit: 100 })
  let worked = 0
  let budget = afterStep ? PEOPLE_AFTER_STEP : PEOPLE_PER_RUN
  for (const e of events) {
    if (budget <= 0) break
    try {
      budget -= Math.max(1, await deliverEvent(ports, e, now, budget, afterStep))
      worked++
    } catch (err) {
      console.error('[notices] delivery failed, the job will try again:', e._id, err)
    }
  }
  if (own?.length === 0) return worked
  try {
    worked += await pushDue(ports, now, afterStep ? PUSHES_AFTER_STEP : PUSHES_PER_RUN, own)
  } catch (err) {
    console.error('[notices] pushes failed, the job will try again:', err)
  }
  return worked
}

/** The job's step: every notice due, those actions wrote (their pushes) and those a crash or a failed push left behind. */
export const deliverDueNotices = (ports: Ports, now: number) => deliverNotices(ports, now)
