/**
 * 注销: the erasure of a confirmed request, by the time-driven job in bounded, resumable steps (issue 16: a person
 * active for years, and the village's reports and voter rolls walked for their name, are far more than one cloud
 * function call may read). account.confirmDeletion marks the request `erasing` with who confirmed it and why; each
 * run of the job takes a few steps of each such request, the request keeping where it stopped (`erase`). The first
 * step writes the committee's confirmation into the audit log (nothing is erased before it is there), the last clears
 * the person record and marks the request done, in one transaction. Each step may run again after a crash between
 * its writes and the cursor's: it finds done what it did (a removal matches nothing, an anonymised field is empty).
 * What is erased, collection by collection, is said at the top of privacy.ts.
 */
import type { Ports } from '../../ports/ports'
import type { CollectionName, Collections, Filter, Store } from '../../ports/store'
import { appendAudit } from '../../common/audit'
import { newId } from '../../common/ids'
import { countDeparture, countHousehold } from './residents'
import { keepWaiting } from './waiting'
import { DELETED_NAME, type DeletionRequest } from './privacy-documents'

/** a person's own documents of one kind (a lifetime's: read whole, it is one person's) */
const ALL = 100_000
/** documents of a village walked per step (the reports and rolls searched for the person's name) */
export const ERASE_PAGE = 500
/** steps per run in all (the rest waits for the next run, a minute later) */
export const ERASE_STEPS_PER_RUN = 20

const mine = <C extends CollectionName>(store: Store, collection: C, filter: Filter) => store.find(collection, filter, { limit: ALL })

/** One step of the erasure: does a bounded part and answers where the step resumes (null: it is finished). */
type Step = (store: Store, r: DeletionRequest, after: string | null) => Promise<string | null>

/** A walk over one collection of each of the request's villages, a page per call: the cursor is `villageIndex|lastId`. */
function villageWalk<C extends 'reports' | 'topicRolls' | 'topicRollPages' | 'volunteerOrgs'>(collection: C, fix: (store: Store, doc: Collections[C], personId: string) => Promise<unknown>): Step {
  return async (store, r, after) => {
    const cut = after ? after.indexOf('|') : -1
    const index = cut > 0 ? Number(after!.slice(0, cut)) : 0
    const last = cut > 0 ? after!.slice(cut + 1) : ''
    const villageId = r.villageIds[index]
    if (villageId === undefined) return null
    const page = await store.find(collection, { villageId, ...(last ? { _id: { $gt: last } } : {}) }, { sort: [['_id', 'asc']], limit: ERASE_PAGE })
    for (const doc of page) await fix(store, doc, r.personId)
    if (page.length === ERASE_PAGE) return `${index}|${page[page.length - 1]._id}`
    return index + 1 < r.villageIds.length ? `${index + 1}|` : null
  }
}

const rollWalk = (collection: 'topicRolls' | 'topicRollPages') =>
  villageWalk(collection, async (store, roll, personId) => {
    if (!roll.entries.some((e) => e.personId === personId)) return
    const entries = roll.entries.map((e) => (e.personId === personId ? { ...e, personId: '', name: DELETED_NAME, doorplate: null } : e))
    await store.update(collection, { _id: roll._id }, { set: { entries } })
  })

const STEPS: Step[] = [
  // the memberships: the register's head name, the rules' progress counters, the household's 户代表 slot
  async (store, { personId }) => {
    for (const m of await mine(store, 'memberships', { personId })) {
      if (m.householdId) {
        // the register names its head: when that is the person (the head, or the household's only member), the name goes too
        const others = (await store.count('memberships', { villageId: m.villageId, householdId: m.householdId })) - 1
        if (m.relation === '户主' || others === 0) {
          await store.update('households', { _id: m.householdId, headName: m.name }, { set: { headName: DELETED_NAME } })
          // the boards name a household by its head: kept for the village's record, without the name
          await store.update('boardEntries', { 'responsible.householdId': m.householdId, 'responsible.name': m.name }, { set: { 'responsible.name': DELETED_NAME } })
        }
      }
      // the rules' progress stops counting them with the membership; their household has no 户代表 until the committee names one
      await store.transaction(async (tx) => {
        const [member, household] = await Promise.all([tx.get('memberships', m._id), m.householdId ? tx.get('households', m.householdId) : null])
        if (member) {
          // as a membership ended (register.endMembership): the counters without them, the household without its 户代表
          await countDeparture(tx, member, household)
          await tx.remove('memberships', m._id)
        } else if (household?.repPersonId === personId) {
          await tx.update('households', household._id, { set: { repPersonId: null } })
          await countHousehold(tx, household, { unrepresented: 1 })
        }
      })
    }
    return null
  },
  // a join request still pending leaves its committee's 待办 with it; then the rest of the person's own documents
  async (store, { personId }) => {
    for (const r of await mine(store, 'joinRequests', { personId, status: 'pending' })) {
      await store.transaction(async (tx) => {
        const current = await tx.get('joinRequests', r._id)
        if (!current) return
        await tx.remove('joinRequests', r._id)
        await keepWaiting(tx, 'joinRequests', [current.villageId], current, null)
      })
    }
    for (const c of ['joinRequests', 'notifications', 'ruleAgreements', 'cosigns'] as const) await store.remove(c, { personId })
    return null
  },
  // likes go, the comments' counts following
  async (store, { personId }) => {
    for (const like of await mine(store, 'commentLikes', { personId })) {
      if (await store.remove('commentLikes', { _id: like._id })) await store.update('comments', { _id: like.commentId }, { inc: { likes: -1 } })
    }
    return null
  },
  async (store, { personId }) => {
    await store.update('ballots', { personId }, { set: { personId: '', objection: null } })
    await store.update('ballots', { castBy: personId }, { set: { castBy: '', castByName: DELETED_NAME } })
    await store.update('proxies', { grantorId: personId }, { set: { grantorId: '', grantorName: DELETED_NAME } })
    await store.update('proxies', { proxyId: personId }, { set: { proxyId: '', proxyName: DELETED_NAME } })
    await store.update('comments', { authorId: personId }, { set: { authorId: '', authorName: DELETED_NAME } })
    await store.update('proposals', { proposerId: personId }, { set: { proposerId: '', proposerName: DELETED_NAME } })
    await store.update('boardEntries', { 'responsible.personId': personId }, { set: { 'responsible.personId': '', 'responsible.name': DELETED_NAME } })
    await store.update('boardEntries', { 'appeal.by': personId }, { set: { 'appeal.by': '', 'appeal.byName': DELETED_NAME } })
    await store.update('nominations', { by: personId }, { set: { by: '', byName: DELETED_NAME } })
    await store.update('nominations', { nomineePersonId: personId }, { set: { nomineePersonId: '', nomineeName: DELETED_NAME } })
    await store.remove('councilMembers', { personId })
    return null
  },
  // bookings: kept under 已注销用户 for the hall's counts; one still holding a seat or a place gives it back (the
  // job's bookingPromote hands a freed seat to the line)
  async (store, { personId }) => {
    for (const b of await mine(store, 'bookings', { personId, status: { $in: ['booked', 'waitlisted'] } })) {
      await store.transaction(async (tx) => {
        const [doc, slot] = await Promise.all([tx.get('bookings', b._id), tx.get('slots', b.slotId)])
        if (!doc || (doc.status !== 'booked' && doc.status !== 'waitlisted') || !slot || slot.closed) return
        await tx.update('bookings', b._id, { set: { status: 'cancelled' } })
        if (doc.status === 'booked') await tx.update('slots', slot._id, { inc: { booked: -1 }, ...(doc.holder ? { set: { [`holders.${doc.holder}`]: undefined } } : {}) })
        else await tx.update('slots', slot._id, { set: { waitlist: slot.waitlist.filter((id) => id !== b._id) } })
      })
    }
    await store.update('bookings', { personId }, { set: { personId: '', name: DELETED_NAME } })
    await store.update('bookings', { bookedBy: personId }, { set: { bookedBy: '', bookedByName: DELETED_NAME } })
    await store.remove('bookingDelegates', { personId })
    await store.remove('bookingDelegates', { delegateId: personId })
    await store.remove('bookingPeople', { personId })
    return null
  },
  // 随手拍: the reports stay for the grid's record (and its figures) under 已注销用户; the history entries they wrote too
  villageWalk('reports', async (store, r, personId) => {
    if (!r.history.some((e) => e.by === personId)) return
    const history = r.history.map((e) => (e.by === personId ? { ...e, by: '', byName: DELETED_NAME } : e))
    await store.update('reports', { _id: r._id }, { set: { history } })
  }),
  async (store, { personId }) => {
    await store.update('reports', { reporterId: personId }, { set: { reporterId: '', reporterName: DELETED_NAME } })
    await store.remove('reportMeToos', { personId })
    // 村务公开: the read marks go (each notice's count of readers stays)
    await store.remove('noticeReads', { personId })
    return null
  },
  // 志愿服务: an upcoming place (or place in line) is given back; the sign-ups stay for the village's hours under 已注销用户
  async (store, { personId }) => {
    for (const s of await mine(store, 'volunteerSignups', { personId, status: { $in: ['signedUp', 'waitlisted', 'holding'] } })) {
      await store.transaction(async (tx) => {
        const [doc, a] = await Promise.all([tx.get('volunteerSignups', s._id), tx.get('volunteerActivities', s.activityId)])
        if (!doc || !a || (doc.status !== 'signedUp' && doc.status !== 'waitlisted' && doc.status !== 'holding')) return
        await tx.update('volunteerSignups', s._id, { set: { status: 'cancelled' } })
        if (doc.status === 'signedUp') await tx.update('volunteerActivities', a._id, { inc: { signedUp: -1 } })
        else await tx.update('volunteerActivities', a._id, { set: { waitlist: a.waitlist.filter((id) => id !== s._id) } })
      })
    }
    await store.update('volunteerSignups', { personId }, { set: { personId: '', name: DELETED_NAME } })
    // their line of the ranking goes; the months' figures keep their hours
    await store.remove('volunteerHours', { personId })
    return null
  },
  villageWalk('volunteerOrgs', async (store, org, personId) => {
    if (org.organisers.includes(personId)) await store.update('volunteerOrgs', { _id: org._id }, { set: { organisers: org.organisers.filter((p) => p !== personId) } })
  }),
  async (store, { personId }) => {
    // 书记信箱: the letters stay for the village's record (and any public reply) under 已注销用户, their history entries too
    for (const l of await mine(store, 'letters', { writerId: personId })) {
      const history = l.history.map((e) => (e.by === personId ? { ...e, by: '', byName: DELETED_NAME } : e))
      await store.update('letters', { _id: l._id }, { set: { writerId: '', writerName: DELETED_NAME, history } })
    }
    // 走访记录: kept for the grid's record under 已注销用户
    await store.update('visits', { visitorId: personId }, { set: { visitorId: '', visitorName: DELETED_NAME } })
    await store.update('households', { 'lastVisit.visitorId': personId }, { set: { 'lastVisit.visitorId': '', 'lastVisit.visitorName': DELETED_NAME } })
    return null
  },
  rollWalk('topicRolls'),
  rollWalk('topicRollPages'),
  async (store, { personId }) => {
    await store.remove('personKeys', { personId })
    return null
  },
]

type EraseProgress = NonNullable<DeletionRequest['erase']>

/**
 * The erasure's next step for the request: the audit entry, a bounded part of the data, or the end (the person
 * record cleared, the request done and out of 待办, in one transaction). Answers whether more remains.
 */
export async function eraseStep(store: Store, r: DeletionRequest, now: number): Promise<boolean> {
  const at = r.erase ?? { step: 0, after: null }
  if (at.step === 0) {
    // the confirmation goes into the log before anything is erased, once: the claim of step 0 is in its transaction
    await store.transaction(async (tx) => {
      const current = await tx.get('deletionRequests', r._id)
      if (current?.status !== 'erasing' || (current.erase?.step ?? 0) !== 0) return
      const c = current.confirmed
      if (c) {
        // the log keeps no name of the person: the entry says a deletion was confirmed, by whom and why
        await appendAudit(tx, { _id: newId('audit', c.at), villageId: c.villageId, actorId: c.byId, actorName: c.byName, action: 'account.confirmDeletion', targetType: 'person', targetId: r.personId, target: DELETED_NAME, reason: c.reason, at: c.at })
      }
      await tx.update('deletionRequests', r._id, { set: { erase: { step: 1, after: null } } })
    })
    return true
  }
  const step = STEPS[at.step - 1]
  if (step) {
    const after = await step(store, r, at.after)
    const next: EraseProgress = after === null ? { step: at.step + 1, after: null } : { step: at.step, after }
    await store.update('deletionRequests', { _id: r._id, status: 'erasing' }, { set: { erase: next } })
    return true
  }
  // last: until here the person can still see the request, and the job resumes from the step it stopped at
  await store.transaction(async (tx) => {
    const current = await tx.get('deletionRequests', r._id)
    if (current?.status !== 'erasing') return
    await tx.update('persons', r.personId, { set: { name: DELETED_NAME, openid: '' } })
    await tx.update('deletionRequests', r._id, { set: { status: 'done', doneAt: now, name: DELETED_NAME, erase: null } })
    await keepWaiting(tx, 'deletions', current.villageIds, current, { status: 'done' })
  })
  return false
}

/**
 * Every step at once, with no request to keep the place: a person no village knows (nothing is held but the person
 * record and their own few documents), and the suites that erase a person directly.
 */
export async function erasePerson(store: Store, personId: string, villageIds: string[]): Promise<void> {
  const r = { _id: personId, personId, villageIds } as DeletionRequest
  for (const step of STEPS) for (let after: string | null = null; (after = await step(store, r, after)) !== null; );
  await store.update('persons', { _id: personId }, { set: { name: DELETED_NAME, openid: '' } })
}

/** The time-driven job's step: the confirmed requests, oldest first, ERASE_STEPS_PER_RUN steps a run in all. Returns the steps taken. */
export async function eraseConfirmed(ports: Ports, now: number): Promise<number> {
  const pending = await ports.store.find('deletionRequests', { status: 'erasing' }, { limit: ERASE_STEPS_PER_RUN })
  let steps = 0
  for (const r of pending) {
    let current: DeletionRequest | null = r
    while (current?.status === 'erasing' && steps < ERASE_STEPS_PER_RUN) {
      steps++
      if (!(await eraseStep(ports.store, current, now))) break
      current = await ports.store.get('deletionRequests', r._id)
    }
    if (steps >= ERASE_STEPS_PER_RUN) break
  }
  return steps
}
