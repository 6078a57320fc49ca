/** What the deliberation handlers share: loading topics, ballots and voters, closing a topic, and the views. */
import { committeeWord, takesPart, type Grid, type Household, type Membership } from '../account/documents'
import type { MyVote, TopicDetail, TopicResult, TopicStep, TopicSummary, Turnout, OptionTally } from './contract'
import type { Ballot, TallyCounts, Topic, TopicRoll } from './documents'
import { staffNote } from './documents'
import { readShards, readShardsOf, sealShards } from './tally'
import { pooledRandomBytes } from '../../common/random'
import { theJob } from '../../common/audit'
import { getMany } from '../../common/load'
import { ApiError } from '../../errors'
import { transition } from '../../common/transition'
import type { MemberContext } from '../../handler'
import type { Ports } from '../../ports/ports'
import type { Filter, Store, TxStore } from '../../ports/store'
import { deliverNotices, notifyCommittee, notifyResidents, type NoticeContext } from '../account/notices'
import { isCommittee } from '../account/policy'
import { membersServing } from '../account/common'
import {
  ballotId,
  countsVisible,
  countsOf,
  emptyCounts,
  tallyFromVotes,
  tallyShards,
  DEFAULT_PROPOSAL_THRESHOLD,
  hasEnded,
  householdVoteNote,
  publishProblems,
  resultOf,
  turnoutOf,
  voterFor,
  windowRefusal,
  TOPIC_MACHINE,
  startCount,
  receiptCode,
  amendedRoll,
  rollChunkId,
  rollPageId,
  ROLL_PAGE_SIZE,
  rollChunkFor,
  rollAt,
  registerOf,
  sortedRoll,
  splitRoll,
  type VoterCheck,
  type Voter,
} from './policy'
import { pageUrl } from '../../../../src/routes'

/** the pages notices open, from the client's page table (src/routes.ts) */
export const PAGES = {
  topic: (topicId: string) => pageUrl('deliberation.topic', { topicId }),
  manage: (topicId: string) => pageUrl('deliberation.manage', { topicId }),
  meeting: (topicId: string) => pageUrl('deliberation.meeting', { topicId }),
  edit: (proposalId: string) => pageUrl('deliberation.edit', { proposalId }),
  proposals: pageUrl('deliberation.proposals'),
}

export const proxyIdOf = (topicId: string, grantorId: string) => `${topicId}:${grantorId}`
export const cosignIdOf = (proposalId: string, personId: string) => `${proposalId}:${personId}`
export const likeIdOf = (commentId: string, personId: string) => `${commentId}:${personId}`

/** A topic of this village that the caller may see: drafts only for the committee (others are told it does not exist). */
export async function loadTopic(ctx: MemberContext, villageId: string, topicId: string): Promise<Topic> {
  const t = await ctx.ports.store.get('topics', topicId)
  if (!t || t.villageId !== villageId || (t.status === 'draft' && !isCommittee(ctx.membership))) throw new ApiError('NOT_FOUND', '找不到该议题')
  return t
}

export const proposalThreshold = (v: { proposalThreshold?: number }) =>
  typeof v.proposalThreshold === 'number' && Number.isInteger(v.proposalThreshold) && v.proposalThreshold >= 1 ? v.proposalThreshold : DEFAULT_PROPOSAL_THRESHOLD

const PAGE = 1000
/** Every ballot of a topic, page by page (the cloud database returns at most 1000 at a time), each page after the last id (never OFFSET). */
export async function allBallots(store: Store, topicId: string): Promise<Ballot[]> {
  const out: Ballot[] = []
  for (;;) {
    const filter: Filter = out.length ? { topicId, _id: { $gt: out[out.length - 1]._id } } : { topicId }
    const page = await store.find('ballots', filter, { sort: [['_id', 'asc']], limit: PAGE })
    out.push(...page)
    if (page.length < PAGE) return out
  }
}

/** Who may vote on a topic of the village by the register now: the start of a draft's roll. */
export async function registerVoters(store: Store, villageId: string, mode: Topic['mode']): Promise<{ eligible: Voter[]; candidates: Voter[] }> {
  return registerOf(mode, ...(await registerDocs(store, villageId)))
}

/** The village's whole register (its members and households): a draft's roll, or one still being written, is computed from it. */
function registerDocs(store: Store, villageId: string): Promise<[Membership[], Household[]]> {
  return Promise.all([store.find('memberships', { villageId }), store.find('households', { villageId })])
}

/**
 * The topic's voter roll: for a draft, the register with the committee's amendments (what would be
 * frozen if it opened now); once open, the roll frozen at the opening — the same list for the
 * ballot checks, the turnout, the per-grid figures, the reminders, the meeting list and the CSV.
 */
export async function loadVoters(store: Store, t: Topic): Promise<Voter[]> {
  // a roll the job is still writing: the register by the rule the job writes it by
  if (t.rollJob && t.publishedAt !== null) return rollAt(t.mode, ...(await registerDocs(store, t.villageId)), t.publishedAt, t.rollChanges ?? [])
  if (t.status === 'draft' || t.rollChunks === undefined) {
    // topics opened before rolls existed keep the register's answer
    const { eligible, candidates } = await registerVoters(store, t.villageId, t.mode)
    return t.status === 'draft' ? amendedRoll(eligible, candidates, t.rollChanges ?? []) : eligible
  }
  const chunks = await store.find('topicRolls', { topicId: t._id }, { limit: t.rollChunks })
  return sortedRoll(chunks.flatMap((c) => c.entries))
}

/**
 * Whether this member votes on the topic, and as which voter: once it is open, by its frozen roll
 * (the register only explains a refusal); before, by the register. `subject` names them in the reason.
 */
export async function voterCheck(store: Store, t: Topic, m: Membership, subject = '您'): Promise<VoterCheck> {
  const byRegister = async () => {
    // the village is read only to tell one who serves it why not (本村/本社区的服务人员)
    const [household, village] = await Promise.all([m.householdId ? store.get('households', m.householdId) : null, takesPart(m) ? null : store.get('villages', t.villageId)])
    return voterFor(t.mode, m, household && household.villageId === t.villageId ? household : null, village?.kind ?? 'village')
  }
  const refuse = (reason: string): VoterCheck => ({ ok: false, code: 'FORBIDDEN', reason })
  if (t.rollJob && t.publishedAt !== null) {
    // the roll is still being written: the voter is checked by the rule it is written by (one read: the household)
    const household = m.householdId ? await store.get('households', m.householdId) : null
    const voter = rollAt(t.mode, [m], household?.villageId === t.villageId ? [household] : [], t.publishedAt, t.rollChanges ?? []).find((v) => v.personId === m.personId)
    if (voter) return { ok: true, voter }
    if (m.joinedAt > t.publishedAt) return refuse(`${subject}在本议题开始后加入，本次不能投票`)
    const register = await byRegister()
    if (!register.ok) return register
    return refuse(`${subject}不在本议题的选民名册上，如有疑问请联系${committeeWord((await store.get('villages', t.villageId))?.kind ?? 'village')}`)
  }
  if (t.rollChunks === undefined) return byRegister()
  // one read on the way that counts: the voter's roll chunk (the register is read only to explain a refusal)
  const key = t.mode === 'person' ? m.personId : m.householdId
  const entry = key ? await rollEntry(store, t, key) : null
  if (entry && entry.personId === m.personId) return { ok: true, voter: entry }
  if (t.publishedAt !== null && m.joinedAt > t.publishedAt) return refuse(`${subject}在本议题开始后加入，本次不能投票`)
  const register = await byRegister()
  if (!register.ok) return register
  if (entry) return refuse(`本议题的选民名册上，${entry.doorplate ?? '该户'}由${entry.name}代表投票`)
  return refuse(`${subject}不在本议题的选民名册上，如有疑问请联系${committeeWord((await store.get('villages', t.villageId))?.kind ?? 'village')}`)
}

/**
 * While the roll is still being written (topics.publish left it to the job): the household's entry by the rule it is
 * written by, its 户代表's (two reads), or null. Once written, rollEntry reads it.
 */
async function householdByRule(store: Store, t: Topic, householdId: string): Promise<Voter | null> {
  if (!t.rollJob || t.publishedAt === null) return null
  const household = await store.get('households', householdId)
  if (!household?.repPersonId || household.villageId !== t.villageId) return null
  const rep = await store.get('memberships', `${t.villageId}:${household.repPersonId}`)
  if (!rep) return null
  return rollAt(t.mode, [rep], [household], t.publishedAt, t.rollChanges ?? []).find((v) => v.key === householdId) ?? null
}

/** The voter's entry on the frozen roll, or null (one small read, whatever the size of the village). */
export async function rollEntry(store: Pick<Store, 'get'>, t: Topic, key: string): Promise<Voter | null> {
  if (t.rollChunks === undefined) return null
  const chunk = await store.get('topicRolls', rollChunkId(t._id, rollChunkFor(t, key)))
  if (!chunk) return null
  // a chunk the store keeps (frozen, read by every ballot) is indexed by voter once; one read for this call is searched
  if (!Object.isFrozen(chunk)) return chunk.entries.find((e) => e.key === key) ?? null
  let byKey = rollIndex.get(chunk)
  if (!byKey) rollIndex.set(chunk, (byKey = new Map(chunk.entries.map((e) => [e.key, e]))))
  return byKey.get(key) ?? null
}
const rollIndex = new WeakMap<TopicRoll, Map<string, Voter>>()

/** The roll's chunk documents, to be written in the transaction that opens the topic. */
export function rollDocs(t: Pick<Topic, '_id' | 'villageId'>, roll: Voter[]): TopicRoll[] {
  return splitRoll(roll).map((entries, i) => ({ _id: rollChunkId(t._id, i), villageId: t.villageId, topicId: t._id, entries }))
}

/** The sorted roll's page documents, written with the chunks. */
export function rollPageDocs(t: Pick<Topic, '_id' | 'villageId'>, roll: Voter[]): TopicRoll[] {
  const pages: TopicRoll[] = []
  for (let i = 0; i === 0 || i * ROLL_PAGE_SIZE < roll.length; i++) {
    pages.push({ _id: rollPageId(t._id, i), villageId: t.villageId, topicId: t._id, entries: roll.slice(i * ROLL_PAGE_SIZE, (i + 1) * ROLL_PAGE_SIZE) })
  }
  return pages
}

export async function loadGrids(store: Store, villageId: string): Promise<Grid[]> {
  return store.find('grids', { villageId }, { sort: [['_id', 'asc']] })
}

export interface Results {
  turnout: Turnout
  /** null while sealed and open */
  tally: OptionTally[] | null
  /** null until voting has ended */
  result: TopicResult | null
}

/**
 * A topic's counts: stored on it since the close, else its counters summed (one find), else — a topic
 * opened before the counters, until the migration has run — counted from its ballots (and, with
 * `byGrid`, its roll).
 */
export async function countsOfTopic(store: Store, t: Topic, byGrid = false): Promise<TallyCounts> {
  if (t.final) return t.final
  if (t.status === 'draft') return emptyCounts()
  const kept = await readShards(store, t)
  if (kept) return kept
  const [ballots, roll] = await Promise.all([allBallots(store, t._id), byGrid ? loadVoters(store, t) : Promise.resolve([])])
  return countsOf(ballots, roll)
}

/** Turnout, tally (null while sealed and open) and verdict (once voting has ended) from the topic's counts. */
export function resultsFrom(t: Topic, c: TallyCounts, now: number): Results {
  const turnout = turnoutOf(t.mode, t.eligibleCount, c.ballots)
  if (!countsVisible(t, now)) return { turnout, tally: null, result: null }
  const tally = tallyFromVotes(t.options, c.votes, turnout.participants)
  return { turnout, tally, result: hasEnded(t, now) ? resultOf(t, turnout, tally) : null }
}

export async function resultsOf(store: Store, t: Topic, now: number): Promise<Results> {
  return resultsFrom(t, await countsOfTopic(store, t), now)
}

/**
 * Builds the counters of a topic opened before they existed, from its ballots and roll, once (the
 * migration and the demo seed): an open topic gets its shards, an ended one its final counts. False
 * when it has them already. Run while no ballot is being cast on it (the server's start).
 */
export async function tallyFromBallots(store: Store, t: Topic): Promise<boolean> {
  if (t.status === 'draft' || t.tallyShards !== undefined || t.final) return false
  const [ballots, roll] = await Promise.all([allBallots(store, t._id), loadVoters(store, t)])
  return store.transaction(async (tx) => {
    const cur = await tx.get('topics', t._id)
    if (!cur || cur.status === 'draft' || cur.tallyShards !== undefined || cur.final) return false
    if (cur.status === 'open') {
      const shards = tallyShards(cur, roll, ballots)
      for (const d of shards) await tx.insert('topicTallies', d)
      await tx.update('topics', cur._id, { set: { tallyShards: shards.length } })
    } else {
      await tx.update('topics', cur._id, { set: { final: countsOf(ballots, roll) } })
    }
    return true
  })
}

/**
 * Closes an open topic whose time is up (conditional: whoever wins the update closes it, once) and
 * tells the committee that the results are ready. The time-driven job does this at closesAt; a read of
 * a topic whose time is up does it too, so no ballot is taken past its time and no one waits for the next
 * run of the job to see the result (its notices are that run's).
 */
export async function closeIfDue(ports: Ports, t: Topic, now: number): Promise<Topic> {
  return (await closeTopic(ports, t, now)).topic
}

/** A receipt for a new ballot (crypto-random). */
export function newReceipt(): string {
  return receiptCode(pooledRandomBytes(8))
}

/** The committee is told the results are ready, and the residents (the committee among them) the result on the topic's page (in tx). */
export async function tellClosed(ctx: NoticeContext, t: Topic, final: TallyCounts, tx: TxStore): Promise<void> {
  const { result } = resultsFrom({ ...t, status: 'closed', closedAt: t.closesAt }, final, ctx.now)
  await notifyCommittee(ctx, t.villageId, '表决结果已出', `「${t.title}」投票已截止。${result?.summary ?? ''}请公布决议。`, PAGES.manage(t._id), tx)
  await notifyResidents(ctx, t.villageId, '表决结果', `「${t.title}」投票已截止。${result?.summary ?? ''}`, PAGES.topic(t._id), tx)
}

/**
 * closeIfDue, telling whether this call is the one that closed it. In one transaction: the step, the
 * counters sealed and summed into the final counts (a ballot still in flight is refused or conflicts,
 * never left out), the notices, and the count job started — the count (计票清单) is built by the job in
 * batches (publish.ts). A topic without counters gets its final counts, and tells its result, from that job.
 * The notices go to the committee and every resident: the job delivers them (`deliver`, the job's own close, at
 * once); a read or a ballot that closes the topic leaves them to the job's next run, within a minute, so that its
 * answer never reads the village's members.
 */
export async function closeTopic(ports: Ports, t: Topic, now: number, deliver = false): Promise<{ topic: Topic; closed: boolean }> {
  // (not while the job writes its roll: ballots are refused by the time meanwhile, and the close waits for the whole roll)
  if (t.status !== 'open' || now < t.closesAt || t.rollJob) return { topic: t, closed: false }
  const notices: string[] = []
  let final: TallyCounts | null = null
  // the step is the claim: a concurrent close (the job, or a read) that loses it is refused and sends nothing
  const closed = await transition(ports, TOPIC_MACHINE, t._id, 'close', {
    set: async (doc, tx) => {
      final = doc.tallyShards === undefined ? null : await sealShards(tx, doc)
      return { closedAt: doc.closesAt, countJob: startCount(now, true, !final), ...(final ? { final } : {}) }
    },
    when: { test: (doc) => doc.closesAt <= now && !doc.rollJob, refused: '投票还没有截止' },
    also: async (tx, doc) => {
      if (final) await tellClosed({ ports, now, notices }, doc, final, tx)
    },
    by: theJob(now),
    audit: { reason: '投票截止，计票清单随后公布' },
  }).catch((e: unknown) => (e instanceof ApiError ? null : Promise.reject(e)))
  if (!closed) return { topic: (await ports.store.get('topics', t._id)) ?? t, closed: false }
  if (deliver) await deliverNotices(ports, now, notices)
  return { topic: closed, closed: true }
}

/** at most this many of a household's members and of a grid's workers are offered as proxies (a household or a grid has a few) */
const ASKABLE = 20

/**
 * Whom a member may ask to vote for them (代投): the other members of their household, and the grid workers of
 * `gridId` who are not family — two bounded queries whatever the size of the village, `limit` of each at most.
 */
export async function askable(store: Store, m: Membership, gridId: string | null, limit = ASKABLE): Promise<{ family: Membership[]; workers: Membership[] }> {
  const byJoining = { sort: [['joinedAt', 'asc']] as Array<[string, 'asc']>, limit: limit + 1 }
  const [household, grid] = await Promise.all([
    m.householdId ? store.find('memberships', { villageId: m.villageId, householdId: m.householdId }, byJoining) : Promise.resolve([]),
    gridId ? membersServing(store, m.villageId, 'gridWorker').then((ws) => ws.filter((w) => w.gridIds.includes(gridId))) : Promise.resolve([]),
  ])
  const family = household.filter((x) => x.personId !== m.personId).slice(0, limit)
  const kin = new Set(family.map((x) => x.personId))
  return { family, workers: grid.filter((x) => x.personId !== m.personId && !kin.has(x.personId)).slice(0, limit) }
}

/**
 * For a voter with nobody to delegate to (alone in the household, in a grid without a worker — the grid the roll
 * froze): the way to vote without the phone — at the hall in person, or a call to the committee. Null when someone
 * can vote for them. Two queries, and two more reads for the words when it is needed.
 */
async function delegationHelp(ctx: MemberContext, gridId: string | null): Promise<{ help: string | null; family: number }> {
  const { store } = ctx.ports
  const m = ctx.membership
  const { family, workers } = await askable(store, m, gridId, 1)
  if (family.length || workers.length) return { help: null, family: family.length }
  const [village, hall] = await Promise.all([store.get('villages', m.villageId), store.get('halls', `${m.villageId}:hall`)])
  const committee = committeeWord(village?.kind ?? 'village')
  const where = hall ? `${hall.name}（${hall.address}）` : committee
  const help = `您没有可以委托代投的家人${gridId ? '，本网格也还没有网格员' : ''}。如不方便用手机投票，可以到${where}现场投票${village?.phone ? `，或致电${committee} ${village.phone}` : ''}。`
  return { help, family: 0 }
}

/** Who asked me to vote for them on this topic, and whether each has voted: one find, and one or two more for all of them together. */
async function proxiesForMe(store: Store, t: Topic, me: string): Promise<MyVote['proxiesForMe']> {
  const forMe = await store.find('proxies', { topicId: t._id, proxyId: me, revoked: false }, { limit: 100 })
  if (!forMe.length) return []
  // in household mode a grantor's ballot is their household's
  const households = t.mode === 'household' ? new Map((await getMany(store, 'memberships', forMe.map((p) => `${t.villageId}:${p.grantorId}`))).map((g) => [g.personId, g.householdId])) : null
  const keyOf = (grantorId: string) => (households ? (households.get(grantorId) ?? null) : grantorId)
  const keys = forMe.map((p) => keyOf(p.grantorId)).filter((k): k is string => k !== null)
  const voted = new Set((await getMany(store, 'ballots', keys.map((k) => ballotId(t._id, k)))).map((b) => b.voterKey))
  return forMe.map((p) => {
    const key = keyOf(p.grantorId)
    return { grantorId: p.grantorId, grantorName: p.grantorName, voted: key !== null && voted.has(key) }
  })
}

/**
 * The caller's part: may I vote and why not, my ballot, whom I vote for, whom I asked to vote for me. A voter who
 * may vote, has not and asked nobody is told whether anyone can vote for them (delegationHelp); one with nobody in
 * the household who is not a grid worker cannot have been asked by anyone, so that find is left out.
 */
export async function myVote(ctx: MemberContext, t: Topic): Promise<MyVote> {
  const { store } = ctx.ports
  const me = ctx.person._id
  const m = ctx.membership
  const window = windowRefusal(t, ctx.now)
  // a draft has no voters yet, nor ballots or proxies (proxies.grant refuses one): nothing to read
  if (t.status === 'draft') return { canVote: false, reason: window!.reason, ballot: null, proxiesForMe: [], myProxy: null, help: null }
  const myKey = t.mode === 'person' ? me : m.householdId
  const [check, ballot, mine] = await Promise.all([
    voterCheck(store, t, m),
    myKey ? store.get('ballots', ballotId(t._id, myKey)) : Promise.resolve(null),
    store.get('proxies', proxyIdOf(t._id, me)),
  ])
  // a household's ballot is shown to the person whose vote it is and whoever cast it, not to the rest of the family
  const own = ballot && (ballot.personId === me || ballot.castBy === me) ? ballot : null
  let reason: string | null = window?.reason ?? (check.ok ? null : check.reason)
  // someone in a household that its 户代表 votes for is told who that is and whether the family has voted
  if (t.mode === 'household' && !check.ok && m.householdId && window?.code !== 'CONFLICT') {
    const rep = (await rollEntry(store, t, m.householdId)) ?? (await householdByRule(store, t, m.householdId))
    if (rep && rep.personId !== me) reason = householdVoteNote(rep.name, ballot?.castAt ?? null, hasEnded(t, ctx.now))
  }
  if (!reason && ballot?.source === 'meeting') reason = t.mode === 'person' ? '您已在现场表决，以现场表决为准' : '您家已在现场表决，以现场表决为准'
  const help = !reason && !own && !mine && check.ok ? await delegationHelp(ctx, check.voter.gridId) : null
  const askedByNobody = help !== null && help.family === 0 && !m.roles.includes('gridWorker')
  const forMe = !askedByNobody ? await proxiesForMe(store, t, me) : []
  return { canVote: !reason, reason, ballot: own, proxiesForMe: forMe, myProxy: mine && !mine.revoked ? mine : null, help: help?.help ?? null }
}

/** The topic as the views show it (the roll's bounds and the jobs are the server's bookkeeping), its photos and results. */
export async function stepOf(ctx: MemberContext, t: Topic): Promise<TopicStep> {
  const photos = [...t.photos, ...t.updates.flatMap((u) => u.photos)]
  const [results, photoUrls] = await Promise.all([resultsOf(ctx.ports.store, t, ctx.now), photos.length ? ctx.ports.files.urls(photos) : Promise.resolve({})])
  // the final counts by grid are the committee's (topics.turnoutByGrid); the view has the tally and turnout
  const { final: _final, countJob, rollJob: _roll, rollBounds: _bounds, ...topic } = t
  return { topic, ...(countJob?.publish ? { countPending: true } : {}), photoUrls, ...results }
}

export async function detailOf(ctx: MemberContext, t: Topic): Promise<TopicDetail> {
  const { store } = ctx.ports
  const [step, me, proposal] = await Promise.all([stepOf(ctx, t), myVote(ctx, t), t.proposalId ? store.get('proposals', t.proposalId) : Promise.resolve(null)])
  const manage = isCommittee(ctx.membership)
  const takesPart = ctx.membership.roles.includes('resident')
  // those who serve the village are told why in its words (one read, for them only)
  const why = takesPart ? null : staffNote((await store.get('villages', t.villageId))?.kind ?? 'village')
  return {
    ...step,
    me,
    // comments and likes are the residents' (ACCESS.resident); staff read, and are told why
    can: { manage, comment: t.status !== 'draft' && takesPart, why },
    proposal: proposal ? { id: proposal._id, title: proposal.title, proposerName: proposal.proposerName } : null,
    problems: t.status === 'draft' && manage ? publishProblems(t, ctx.now) : null,
  }
}

/** the comments of a topic that everyone sees: what its commentCount counts */
export const shownComments = (topicId: string): Filter => ({ topicId, hidden: null, deletedAt: null })

/**
 * Gives a topic from before the comment counters its counts, once each (a counter it has is left alone; the
 * updates are conditional): the migration and the demo seed, while no comment is being written. True when one was set.
 */
export async function commentCountFromComments(store: Store, t: Pick<Topic, '_id' | 'commentCount' | 'commentTotal'>): Promise<boolean> {
  const [shown, total] = await Promise.all([
    t.commentCount === undefined ? store.count('comments', shownComments(t._id)).then((n) => store.update('topics', { _id: t._id, commentCount: null }, { set: { commentCount: n } })) : 0,
    t.commentTotal === undefined ? store.count('comments', { topicId: t._id }).then((n) => store.update('topics', { _id: t._id, commentTotal: null }, { set: { commentTotal: n } })) : 0,
  ])
  return shown + total > 0
}

/**
 * The list's summaries of a page of topics: the counters of every topic in one find and my ballots in
 * one more (a topic read alone would cost both per topic); the comment count is the topic's own counter
 * (counted only for a topic from before it).
 */
export async function summariesOf(ctx: MemberContext, topics: Topic[]): Promise<TopicSummary[]> {
  const { store } = ctx.ports
  const myKey = (t: Topic) => (t.mode === 'person' ? ctx.person._id : ctx.membership.householdId)
  const live = topics.filter((t) => !t.final && t.status !== 'draft')
  const myBallots = topics.flatMap((t) => (t.status !== 'draft' && myKey(t) ? [ballotId(t._id, myKey(t)!)] : []))
  const [shards, mine, commentCounts] = await Promise.all([
    readShardsOf(store, live),
    getMany(store, 'ballots', myBallots),
    Promise.all(topics.map((t) => t.commentCount ?? store.count('comments', shownComments(t._id)))),
  ])
  const voted = new Set(mine.map((b) => b._id))
  return Promise.all(
    topics.map(async (t, i) => {
      const counts = t.final ?? (t.status === 'draft' ? emptyCounts() : (shards.get(t._id) ?? (await countsOfTopic(store, t))))
      const results = resultsFrom(t, counts, ctx.now)
      const key = myKey(t)
      return {
        id: t._id,
        title: t.title,
        status: t.status,
        mode: t.mode,
        opensAt: t.opensAt,
        closesAt: t.closesAt,
        turnout: results.turnout,
        voted: t.status !== 'draft' && !!key && voted.has(ballotId(t._id, key)),
        commentCount: commentCounts[i],
        result: results.result,
      }
    }),
  )
}
