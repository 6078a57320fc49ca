/**
 * Ballots (online, by proxy, at the meeting) under one rule: one ballot per voter, `${topicId}:${voterKey}`,
 * which a later cast before the close changes; a ballot from the meeting is never changed online and a
 * voter who voted online is never recorded again at the meeting. And 代投: proxies per topic.
 */
import type { Membership } from '../account/documents'
import type { Ballot, BallotSource, Proxy, Topic } from './documents'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { DuplicateIdError, type Store } from '../../ports/store'
import { countBallot } from './tally'
import { voterPage } from './roll'
import { notify } from '../account/common'
import { audit } from '../../common/audit'
import { askable, closeIfDue, loadTopic, newReceipt, PAGES, proxyIdOf, voterCheck } from './data'
import { ballotId, choicesProblem, windowRefusal, type Voter } from './policy'
import { shortTime } from '../../common/time'
import type { ballotActions } from './contract'
import { wordsOf } from '../account/common'



/** The topic, closed first if its time is up, refused unless ballots can be cast on it now. */
export async function openTopic(ctx: MemberContext, villageId: string, topicId: string, closedMessage = '投票已截止'): Promise<Topic> {
  const t = await closeIfDue(ctx.ports, await loadTopic(ctx, villageId, topicId), ctx.now)
  const refusal = windowRefusal(t, ctx.now)
  if (refusal) throw new ApiError(refusal.code, refusal.code === 'CLOSED' ? closedMessage : refusal.reason)
  return t
}

export function checkChoices(t: Topic, choices: string[]): void {
  const problem = choicesProblem(t, choices)
  if (problem) throw new ApiError('BAD_INPUT', problem, { choices: problem })
}

/** The voter a member is on this topic (the household in household mode), or the reason they are not. */
export async function voterOf(ctx: MemberContext, t: Topic, m: Membership): Promise<Voter> {
  const check = await voterCheck(ctx.ports.store, t, m, m.personId === ctx.person._id ? '您' : m.name)
  if (!check.ok) throw new ApiError(check.code, check.reason)
  return check.voter
}

export function ballotDoc(t: Topic, voter: Voter, choices: string[], source: BallotSource, ctx: MemberContext): Ballot {
  return {
    _id: ballotId(t._id, voter.key),
    villageId: t.villageId,
    topicId: t._id,
    voterKey: voter.key,
    personId: voter.personId,
    householdId: voter.householdId,
    gridId: voter.gridId,
    choices,
    source,
    castBy: ctx.person._id,
    castByName: ctx.membership.name,
    castAt: ctx.now,
    changes: 0,
    receipt: newReceipt(),
  }
}

/**
 * Writes a voter's ballot and counts it on the topic's counters, in one transaction: the first cast
 * inserts it; a later one asks `change` what to set on the ballot there (null: this cast may not change
 * it, `blockedBy`). A change takes the old choices out of the counters and puts the new ones in. A
 * topic closed since the caller's window check refuses it (投票已截止), in the transaction.
 */
export async function writeBallot(
  store: Store,
  t: Topic,
  doc: Ballot,
  change: (cur: Ballot) => Partial<Ballot> | null,
): Promise<{ ballot: Ballot; changed: boolean } | { blockedBy: Ballot }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.transaction(async (tx) => {
        // the topic read again, first (before the shard is held): closed since the caller's check, the ballot is
        // refused; closed after this read, the close's seal of the shards conflicts with this transaction (sealShards)
        const live = await tx.get('topics', t._id)
        if (!live || live.status !== 'open') throw new ApiError('CLOSED', '投票已截止')
        const cur = await tx.get('ballots', doc._id)
        if (!cur) {
          await tx.insert('ballots', doc)
          await countBallot(tx, live, null, doc)
          return { ballot: doc, changed: false }
        }
        const set = change(cur)
        if (!set) return { blockedBy: cur }
        const next: Ballot = { ...cur, ...set, changes: cur.changes + 1 }
        await tx.update('ballots', cur._id, { set, inc: { changes: 1 } })
        await countBallot(tx, live, cur, next)
        return { ballot: next, changed: true }
      })
    } catch (e) {
      // two first casts at once (CloudBase): the one whose insert lost runs again, finds the ballot and changes it (or is
      // blocked); two first counts on one shard: the loser runs again and adds to it
      if (!(e instanceof DuplicateIdError) || (e.collection !== 'ballots' && e.collection !== 'topicTallies') || attempt >= 3) throw e
    }
  }
}

/**
 * Writes the ballot: the first cast inserts it; a later one changes it, but only a ballot whose source
 * is one of `mayChange` (`blockedBy` otherwise). The receipt stays the one given with the first cast.
 */
export function putBallot(ctx: MemberContext, t: Topic, doc: Ballot, mayChange: BallotSource[]): Promise<{ ballot: Ballot; changed: boolean } | { blockedBy: Ballot }> {
  const { _id: _i, villageId: _v, topicId: _t, voterKey: _k, changes: _c, receipt: _r, ...fields } = doc
  return writeBallot(ctx.ports.store, t, doc, (cur) => (mayChange.includes(cur.source) ? fields : null))
}

export const labelsOf = (t: Topic, choices: string[]) => choices.map((c) => t.options.find((o) => o.id === c)?.label ?? c).join('、')

/** whom a resident may ask to vote for them: the members of their household and the grid workers of its grid (bounded reads: askable) */
async function candidatesFor(ctx: MemberContext): Promise<Array<{ personId: string; name: string; why: string }>> {
  const { store } = ctx.ports
  const me = ctx.membership
  const household = me.householdId ? await store.get('households', me.householdId) : null
  const gridId = household?.villageId === me.villageId ? household.gridId : null
  const [{ family, workers }, grid] = await Promise.all([askable(store, me, gridId), gridId ? store.get('grids', gridId) : Promise.resolve(null)])
  const why = (m: Membership) => (grid && workers.includes(m) ? `本网格网格员（${grid.name}）` : `同户家人${m.relation ? `（${m.relation}）` : ''}`)
  // in the order they joined the village, as the register lists them
  return [...family, ...(grid ? workers : [])].sort((a, b) => a.joinedAt - b.joinedAt).map((m) => ({ personId: m.personId, name: m.name, why: why(m) }))
}

/**
 * The member `personId` when the caller may ask them to vote for them (candidatesFor's rule, for one person): one read,
 * and one more (the caller's household, for its grid) when they are a grid worker outside the family.
 */
async function candidateFor(ctx: MemberContext, personId: string): Promise<Membership | null> {
  const { store } = ctx.ports
  const me = ctx.membership
  const m = await store.get('memberships', `${me.villageId}:${personId}`)
  if (!m || m.personId === me.personId) return null
  if (me.householdId && m.householdId === me.householdId) return m
  if (!me.householdId || !m.serving || !m.roles.includes('gridWorker')) return null
  const household = await store.get('households', me.householdId)
  return household?.villageId === me.villageId && household.gridId && m.gridIds.includes(household.gridId) ? m : null
}

export const ballotHandlers: Handlers<typeof ballotActions> = {
  'ballots.cast': {
    access: ACCESS.member,
    async handle({ villageId, topicId, choices, onBehalfOf }, ctx) {
      const { store } = ctx.ports
      const t = await openTopic(ctx, villageId, topicId)
      checkChoices(t, choices)
      let proxy: Proxy | null = null
      let voterMember = ctx.membership
      if (onBehalfOf && onBehalfOf !== ctx.person._id) {
        proxy = await store.get('proxies', proxyIdOf(topicId, onBehalfOf))
        if (!proxy || proxy.revoked || proxy.proxyId !== ctx.person._id || proxy.villageId !== villageId) throw new ApiError('FORBIDDEN', '对方没有委托您代投本议题')
        const grantor = await store.get('memberships', `${villageId}:${onBehalfOf}`)
        if (!grantor) throw new ApiError('FORBIDDEN', `委托人已不是${(await wordsOf(ctx, villageId)).here}成员`)
        voterMember = grantor
      }
      const voter = await voterOf(ctx, t, voterMember)
      const doc = ballotDoc(t, voter, choices, proxy ? 'proxy' : 'online', ctx)
      // a proxy may change what a proxy cast, not what the voter cast themselves
      const put = await putBallot(ctx, t, doc, proxy ? ['proxy'] : ['online', 'proxy'])
      if ('blockedBy' in put) {
        const b = put.blockedBy
        const who = proxy ? proxy.grantorName : t.mode === 'household' ? '您家' : '您'
        if (b.source === 'meeting') throw new ApiError('DUPLICATE', `${who}已在现场会议上投票（${shortTime(b.castAt)}），以现场表决为准，不能在手机上更改`)
        throw new ApiError('DUPLICATE', `${who}已经自己投过票了，不能代为更改`)
      }
      if (proxy) {
        await store.update('proxies', { _id: proxy._id, revoked: false }, { set: { usedAt: ctx.now } })
        await audit(ctx, 'ballots.proxy', { type: 'ballot', id: put.ballot._id, label: `${t.title}：代${proxy.grantorName}投票` }, put.changed ? '更改了代投的选择' : null)
        await notify(
          ctx,
          { personId: proxy.grantorId, villageId },
          '已为您代投',
          `${ctx.membership.name}已代您在「${t.title}」${put.changed ? '更改投票' : '投票'}：${labelsOf(t, choices)}。如有异议，截止前您可以自己重新投票。`,
          PAGES.topic(topicId),
        )
      }
      return put.ballot
    },
  },

  'ballots.voters': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, after, q }, ctx) {
      return voterPage(ctx, await loadTopic(ctx, villageId, topicId), after, q || undefined)
    },
  },

  // 代投 is between residents (the proxy may be the grid worker); staff who only serve the village neither grant nor choose one
  'proxies.grant': {
    access: ACCESS.resident,
    async handle({ villageId, topicId, proxyPersonId }, ctx) {
      const { store } = ctx.ports
      const t = await closeIfDue(ctx.ports, await loadTopic(ctx, villageId, topicId), ctx.now)
      const refusal = windowRefusal(t, ctx.now)
      if (refusal && refusal.code === 'CLOSED') throw new ApiError('CLOSED', '投票已截止')
      if (t.status === 'draft') throw new ApiError('CONFLICT', '议题尚未发布')
      await voterOf(ctx, t, ctx.membership)
      if (proxyPersonId === ctx.person._id) throw new ApiError('BAD_INPUT', '不能委托自己', { proxyPersonId: '不能委托自己' })
      const candidate = await candidateFor(ctx, proxyPersonId)
      if (!candidate) throw new ApiError('FORBIDDEN', '只能委托同户家人或本网格的网格员代投')
      const doc: Proxy = {
        _id: proxyIdOf(topicId, ctx.person._id),
        villageId,
        topicId,
        grantorId: ctx.person._id,
        grantorName: ctx.membership.name,
        proxyId: candidate.personId,
        proxyName: candidate.name,
        at: ctx.now,
        revoked: false,
        usedAt: null,
      }
      try {
        await store.insert('proxies', doc)
      } catch (e) {
        if (!(e instanceof DuplicateIdError)) throw e
        const { _id, ...fields } = doc
        await store.update('proxies', { _id }, { set: fields })
      }
      await notify(ctx, { personId: candidate.personId, villageId }, '村民委托您代投', `${ctx.membership.name}委托您在「${t.title}」代为投票`, PAGES.topic(topicId))
      return doc
    },
  },

  'proxies.revoke': {
    access: ACCESS.resident,
    async handle({ villageId, topicId }, ctx) {
      await loadTopic(ctx, villageId, topicId)
      const revoked = await ctx.ports.store.update('proxies', { _id: proxyIdOf(topicId, ctx.person._id), villageId, revoked: false }, { set: { revoked: true } })
      return { revoked }
    },
  },

  'proxies.candidates': {
    access: ACCESS.resident,
    async handle({ villageId, topicId }, ctx) {
      await loadTopic(ctx, villageId, topicId)
      return candidatesFor(ctx)
    },
  },
}
