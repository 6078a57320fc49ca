/**
 * 个人信息 (个人信息保护法): a person sees everything held about them, and may ask for it to be deleted;
 * a committee of one of their villages confirms (the reason audited).
 *
 * What deletion does, collection by collection (PERSONAL_DATA below names every one that holds a
 * person; test/api/privacy.test.ts fails when a collection names a person and is not listed):
 * - removed: memberships (a household's 户代表 slot is left empty), join requests, notifications,
 *   rule agreements, comment likes (the comment's count follows), the openid claim (personKeys)
 * - anonymised (kept, shown as 已注销用户): the person record (name and openid cleared, so the WeChat
 *   account starts again as a new visitor), comments, proposals and co-signatures, proxies, voter
 *   rolls, and ballots of ended topics (voter fields cleared; receipt and choices stay, so the
 *   published count and the tally still verify); on the boards, entries naming the person (or the
 *   household they headed), their appeals and their nominations, given or received, kept for the
 *   village's record under 已注销用户; 四会 memberships removed; bookings kept under 已注销用户 (a seat of one not over
 *   given back), authorisations and the booking register removed (booking/privacy.ts); 随手拍 reports kept for the
 *   grid's record under 已注销用户 (reporter and their history entries), their 同问 marks removed (the counts stay)
 *   志愿服务 sign-ups kept under 已注销用户 for the village's hours (an upcoming place or place in line given back);
 *   removed from the organisers of their volunteer organisation (an activity's poster is the organiser in office: kept);
 *   a grid worker's 走访记录 kept for the grid's record under 已注销用户
 * - refused while the person has a ballot in a topic still open (请在表决结束后再注销): removing it
 *   would change a count people are watching, and the roll fixed at the opening counts them.
 * - kept as written: the audit log (a hash chain: what a committee did in public office, with the
 *   labels it used then; no entry is ever edited), and what committee members wrote in office
 *   (a topic's author, a decision's signature, a board entry's author, an appeal's decision, a review).
 */
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { ApiError } from '../../errors'
import { DuplicateIdError, type CollectionName, type Store } from '../../ports/store'
import { getMany } from '../../common/load'
import { notifyCommittee } from './common'
import { erasePerson } from './erase'
import { keepWaiting } from './waiting'
import { peopleWord } from './documents'
import { MY_DATA_SECTIONS, myDataSection } from './my-data'
import { DELETED_NAME, OPEN_BALLOT_REFUSAL, type DeletionRequest } from './privacy-documents'
import type { DeletionRequestView, DeletionView, privacyActions } from './privacy-contract'
import { pageUrl } from '../../../../src/routes'

/** requests in a committee's queue at most (one person asks once; a village sees a few a year) */
const QUEUE = 100

/** Every collection that names a person, and the fields that do (the test keeps this list complete). */
export const PERSONAL_DATA: Partial<Record<CollectionName, readonly string[]>> = {
  persons: ['_id'],
  personKeys: ['personId'],
  memberships: ['personId'],
  joinRequests: ['personId'],
  notifications: ['personId'],
  // and the last visit's grid worker (workspace keeps it on the household; renamed like the visits below)
  households: ['repPersonId', 'lastVisit.visitorId'],
  ruleAgreements: ['personId'],
  ballots: ['personId', 'castBy'],
  proxies: ['grantorId', 'proxyId'],
  comments: ['authorId'],
  commentLikes: ['personId'],
  proposals: ['proposerId'],
  cosigns: ['personId'],
  topicRolls: ['entries.personId'],
  topicRollPages: ['entries.personId'],
  deletionRequests: ['personId'],
  // kept on purpose (see above): what was done in office, and the chained log
  auditLog: ['actorId'],
  topics: ['createdBy'],
  ruleVersions: ['createdBy', 'publishedBy'],
  noticeOutbox: ['to'],
  boardEntries: ['responsible.personId', 'appeal.by', 'createdBy', 'appeal.decidedBy', 'withdrawn.by'],
  nominations: ['by', 'nomineePersonId', 'review.by'],
  councilMembers: ['personId'],
  bookings: ['personId', 'bookedBy'],
  bookingDelegates: ['personId', 'delegateId', 'recordedBy'],
  bookingPeople: ['personId'],
  reports: ['reporterId', 'history.by'],
  reportMeToos: ['personId'],
  // 村务公开: the read marks are removed; a notice's author is the committee in office (kept)
  noticeReads: ['personId'],
  notices: ['createdBy'],
  // 志愿服务: sign-ups anonymised, organisers removed; an activity's poster is the organiser in office (kept)
  volunteerSignups: ['personId'],
  volunteerHours: ['personId'],
  volunteerOrgs: ['organisers'],
  volunteerActivities: ['createdBy'],
  letters: ['writerId', 'history.by'],
  // 走访记录: kept for the grid's record under 已注销用户 (the visits name a household by its doorplate, not its people)
  visits: ['visitorId'],
}

/**
 * Whether a ballot in a topic still open holds each person's deletion up, without reading everything of theirs: the open topics of their villages (a village has a few
 * at a time), then their ballots among them. Two calls, however many ballots they cast over the years.
 */
async function openBallotsOf(store: Store, personIds: string[], villageIds: string[]): Promise<Map<string, string>> {
  const blocked = new Map<string, string>()
  if (!personIds.length || !villageIds.length) return blocked
  const open = await store.find('topics', { villageId: { $in: villageIds }, status: 'open' }, { limit: 100 })
  if (!open.length) return blocked
  const ballots = await store.find('ballots', { personId: { $in: personIds }, topicId: { $in: open.map((t) => t._id) } }, { limit: 1000 })
  for (const b of ballots) if (!blocked.has(b.personId)) blocked.set(b.personId, `${OPEN_BALLOT_REFUSAL}（${open.find((t) => t._id === b.topicId)!.title}）`)
  return blocked
}
const openBallotIn = async (store: Store, personId: string, villageIds: string[]) => (await openBallotsOf(store, [personId], villageIds)).get(personId) ?? null

const viewOf = (r: DeletionRequest, villages: Array<{ name: string }>, blocked: string | null): DeletionView => ({
  status: r.status,
  reason: r.reason,
  createdAt: r.createdAt,
  villages: villages.map((v) => v.name),
  blocked: r.status === 'pending' ? blocked : null,
})

/**
 * The committee's queue: the requests naming the village, pending or being erased, each with the doorplate it knows
 * the person by and whether a ballot in an open topic holds it up. A few reads for the whole queue, never what is
 * held about each requester.
 */
async function queueFor(ctx: MemberContext, villageId: string): Promise<DeletionRequestView[]> {
  const { store } = ctx.ports
  const requests = await store.find('deletionRequests', { status: { $in: ['pending', 'erasing'] }, villageIds: { $has: villageId } }, { sort: [['createdAt', 'asc']], limit: QUEUE })
  if (!requests.length) return []
  const personIds = requests.map((r) => r.personId)
  const waiting = requests.filter((r) => r.status === 'pending')
  const [memberships, asked, blocked] = await Promise.all([
    store.find('memberships', { villageId, personId: { $in: personIds } }, { limit: QUEUE }),
    store.find('joinRequests', { villageId, personId: { $in: personIds } }, { limit: QUEUE }),
    openBallotsOf(store, waiting.map((r) => r.personId), [...new Set(waiting.flatMap((r) => r.villageIds))]),
  ])
  const households = await getMany(store, 'households', memberships.map((m) => m.householdId).filter((x): x is string => !!x))
  return requests.map((r) => {
    const m = memberships.find((x) => x.personId === r.personId)
    const household = m?.householdId ? households.find((h) => h._id === m.householdId) : null
    return {
      personId: r.personId,
      name: r.name,
      doorplate: household?.doorplate ?? asked.find((x) => x.personId === r.personId)?.doorplate ?? null,
      reason: r.reason,
      createdAt: r.createdAt,
      status: r.status === 'erasing' ? ('erasing' as const) : ('pending' as const),
      blocked: r.status === 'pending' ? (blocked.get(r.personId) ?? null) : null,
    }
  })
}

export const privacyHandlers: Handlers<typeof privacyActions> = {
  'account.myData': {
    access: ACCESS.person,
    async handle({ section, page }, ctx) {
      const { store } = ctx.ports
      const me = ctx.person
      const base = { person: { id: me._id, name: me.name, createdAt: me.createdAt }, sections: MY_DATA_SECTIONS.map((s) => ({ ...s })), at: ctx.now }
      if (section) return { ...base, section: await myDataSection(store, me, section, page), deletion: null }
      const request = await store.get('deletionRequests', me._id)
      if (!request) return { ...base, section: null, deletion: null }
      const [villages, blocked] = await Promise.all([getMany(store, 'villages', request.villageIds), request.status === 'pending' ? openBallotIn(store, me._id, request.villageIds) : null])
      return { ...base, section: null, deletion: viewOf(request, villages, blocked) }
    },
  },

  'account.requestDeletion': {
    access: ACCESS.person,
    /**
     * Records the request and tells the committees: what is held is read when a committee confirms it (or, with no
     * village to confirm, now), never to answer the request. Its villages are where the person is a member or asked to join.
     * The answer leaves `blocked` to 我的个人信息, which the page reloads after asking (issue 16: two reads fewer here).
     */
    async handle({ reason }, ctx) {
      const { store } = ctx.ports
      const me = ctx.person
      const [memberships, joinRequests] = await Promise.all([store.find('memberships', { personId: me._id }, { limit: 100 }), store.find('joinRequests', { personId: me._id }, { limit: 100 })])
      const villageIds = [...new Set([...memberships.map((m) => m.villageId), ...joinRequests.map((r) => r.villageId)])]
      // read once for the committees' notices, each in its village's words, and for the answer
      const villages = await getMany(store, 'villages', villageIds)
      const request: DeletionRequest = { _id: me._id, personId: me._id, name: me.name, villageIds, reason: reason || null, status: 'pending', createdAt: ctx.now, doneAt: null, doneByName: null }
      try {
        await store.transaction(async (tx) => {
          await tx.insert('deletionRequests', request)
          await keepWaiting(tx, 'deletions', villageIds, null, request)
          for (const v of villages) {
            await notifyCommittee(ctx, v._id, '注销个人信息申请', `有${peopleWord(v.kind)}申请注销个人信息，请到「注销申请」核实后处理。`, pageUrl('account.deletions'), tx)
          }
        })
      } catch (e) {
        // asked before: the request still pending answers, as it was asked (its villages then)
        const asked = e instanceof DuplicateIdError ? await store.get('deletionRequests', me._id) : null
        if (asked?.status !== 'pending' && asked?.status !== 'erasing') throw e
        return viewOf(asked, await getMany(store, 'villages', asked.villageIds), null)
      }
      // nobody to confirm (no village knows them): nothing is held but the person record, removed at once
      if (!villageIds.length) {
        await erasePerson(store, me._id, [])
        await store.update('deletionRequests', { _id: me._id }, { set: { status: 'done', doneAt: ctx.now, name: DELETED_NAME } })
        return { ...viewOf(request, villages, null), status: 'done' }
      }
      return viewOf(request, villages, null)
    },
  },

  'account.deletionRequests': {
    access: ACCESS.committee,
    handle: ({ villageId }, ctx) => queueFor(ctx, villageId),
  },

  'account.confirmDeletion': {
    access: ACCESS.committee,
    /**
     * Checks and marks the request: the job erases it a bounded step at a time, its first step writing this
     * confirmation to the village's audit log (erase.ts). Until it is done the queue and the person read 正在删除.
     */
    async handle({ villageId, personId, reason }, ctx) {
      const { store } = ctx.ports
      const check = (request: DeletionRequest | null): DeletionRequest => {
        if (!request || !request.villageIds.includes(villageId)) throw new ApiError('NOT_FOUND', '找不到该注销申请')
        if (request.status !== 'pending') throw new ApiError('CONFLICT', '该申请已处理')
        if (personId === ctx.person._id) throw new ApiError('FORBIDDEN', '不能处理自己的注销申请，请由其他委员处理')
        return request
      }
      const request = check(await store.get('deletionRequests', personId))
      const blocked = await openBallotIn(store, personId, request.villageIds)
      if (blocked) throw new ApiError('CONFLICT', blocked)
      // read again in the transaction: of two members confirming at once, one marks it
      await store.transaction(async (tx) => {
        check(await tx.get('deletionRequests', personId))
        const confirmed = { villageId, byId: ctx.person._id, byName: ctx.membership.name, reason, at: ctx.now }
        await tx.update('deletionRequests', personId, { set: { status: 'erasing', confirmed, erase: { step: 0, after: null } } })
      })
      return { done: true as const }
    },
  },
}
