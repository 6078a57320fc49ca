/** Topics: draft, publish, close (by the job or on read), decide, implementation updates, reminders, per-grid turnout, CSV. */
import { TOPICS_PAGE, VOTING_MODE_LABELS, type Ballot, type ImplementationUpdate, type Proposal, type Topic, type TopicStatus } from './documents'
import { ApiError, problemsError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { notify, notifyResidents } from '../account/notices'
import { keepWaiting } from '../account/waiting'
import { audit } from '../../common/audit'
import { assertStep, transition } from '../../common/transition'
import { newId } from '../../common/ids'
import { checkPhotos } from '../../common/photos'
import { tallyCsv, turnoutCsv, TURNOUT_HEADERS } from './csv'
import {
  allBallots,
  closeIfDue,
  countsOfTopic,
  detailOf,
  loadGrids,
  loadTopic,
  loadVoters,
  PAGES,
  resultsFrom,
  resultsOf,
  stepOf,
  summariesOf,
} from './data'
import { ballotId, buildOptions, countsVisible, rollChunkId, rollPageId, publishProblems, REMIND_EVERY, tallyShardCount, turnoutByGrid, windowRefusal, TOPIC_MACHINE, PROPOSAL_MACHINE } from './policy'
import { startRoll } from './roll-job'
import { startReminder } from './remind-job'
import { shanghaiTime, shortTime } from '../../common/time'
import type { TopicDetail, topicActions } from './contract'
import type { Store } from '../../ports/store'
import { pageOfExport, toCsv, type CsvFile } from '../../common/csv'
import type { z } from 'zod'
import { getInVillage } from '../../common/load'
import { pageAfter } from '../../common/keyset'
import { checkPhotoContent, checkText } from '../../common/content'
import { getVillage, villageCard } from '../account/common'
import { isCommittee } from '../account/policy'
import { wordsOf } from '../account/common'



/**
 * A page of the turnout CSV: the header first, then one page of the sorted roll and the ballots of its voters
 * (by id, one find) per call, whatever the size of the village. A topic opened before the roll had pages
 * answers all of it at once.
 */
async function turnoutPage(store: Store, t: Topic, after: string | null | undefined): Promise<Omit<CsvFile, 'filename'>> {
  const gridNames = async () => new Map((await loadGrids(store, t.villageId)).map((g) => [g._id, g.name]))
  // a roll written by the job a batch at a time is exported a chunk (each in the committee's order) per call
  const pages = t.rollBounds ? t.rollChunks : t.rollPages
  if (!pages) {
    const [voters, ballots, grids] = await Promise.all([loadVoters(store, t), allBallots(store, t._id), gridNames()])
    return { ...turnoutCsv(voters, new Map(ballots.map((b) => [b.voterKey, b])), grids), next: null }
  }
  if (!after) return { content: toCsv(TURNOUT_HEADERS, []), rows: 0, next: '0', total: t.eligibleCount }
  const { page, next } = pageOfExport(after, pages)
  const [roll, grids] = await Promise.all([t.rollBounds ? store.get('topicRolls', rollChunkId(t._id, page)) : store.get('topicRollPages', rollPageId(t._id, page)), gridNames()])
  if (!roll) throw new ApiError('NOT_FOUND', '找不到该议题的选民名册')
  const ids = roll.entries.map((v) => ballotId(t._id, v.key))
  const ballots = ids.length ? await store.find('ballots', { _id: { $in: ids } }, { limit: ids.length }) : []
  const byKey = new Map<string, Ballot>(ballots.map((b) => [b.voterKey, b]))
  return { ...turnoutCsv(roll.entries, byKey, grids, false), next, total: t.eligibleCount }
}

/** a decision's step refused for a topic without its final counts: then read and counted before it (topics.decide) */
const UNCOUNTED = '议题还没有计票'

const unit = (t: Pick<Topic, 'mode'>) => (t.mode === 'person' ? '人' : '户')

/** How many the village's register holds in this mode, before amendments (one count): residents, or households with a 户代表. */
function registerSize(store: Store, villageId: string, mode: Topic['mode']): Promise<number> {
  return mode === 'person' ? store.count('memberships', { villageId, roles: { $has: 'resident' } }) : store.count('households', { villageId, repPersonId: { $ne: null } })
}

/** An open topic whose time is up is closed first, so every handler sees the state it is really in. */
async function current(ctx: MemberContext, villageId: string, topicId: string): Promise<Topic> {
  return closeIfDue(ctx.ports, await loadTopic(ctx, villageId, topicId), ctx.now)
}

type SaveInput = z.output<(typeof topicActions)['topics.save']['input']>

/** Where a new draft came from besides the committee's form (reports, issue 13): its audit entry, and writes made with it. */
export interface DraftOrigin {
  action: string
  reason: string
  /** the reports the draft is made from, kept on it */
  reportIds?: string[]
  /** writes the draft (`draft`: it and its audit entry in one transaction) with what it is made from */
  writing: (topicId: string, draft: () => Promise<void>) => Promise<void>
}

/**
 * Moves an accepted proposal from the topic `from` to `to` (null: none) when it is still on `from`; false when it
 * is not (it moved meanwhile). In one transaction with the committee's 待办 counter, which counts it while on none.
 */
function relinkProposal(store: Store, proposalId: string, from: string | null, to: string | null): Promise<boolean> {
  return store.transaction(async (tx) => {
    const p = await tx.get('proposals', proposalId)
    if (p?.status !== 'accepted' || p.topicId !== from) return false
    await tx.update('proposals', proposalId, { set: { topicId: to } })
    await keepWaiting(tx, 'proposals', [p.villageId], p, { ...p, topicId: to })
    return true
  })
}

/** topics.save: a new draft or a draft changed; `origin` (new drafts only) names where it came from and writes with it. */
export async function saveTopic(ctx: MemberContext, input: SaveInput, origin?: DraftOrigin): Promise<TopicDetail> {
  const { store } = ctx.ports
  const { villageId } = input
  checkPhotos(villageId, input.photos)
  const existing = input.topicId ? await loadTopic(ctx, villageId, input.topicId) : null
  if (existing && existing.status !== 'draft') throw new ApiError('CONFLICT', '议题已经发布，不能再修改')
  const id = existing?._id ?? `${villageId}:${newId('t', ctx.now)}`

  let proposal: Proposal | null = null
  if (input.proposalId) {
    proposal = await getInVillage(store, 'proposals', input.proposalId, villageId, '找不到该村民提议')
    if (proposal.topicId !== id) {
      if (proposal.status === 'collecting') throw new ApiError('CONFLICT', `该提议还在征集联署（${proposal.cosigns}/${proposal.needed}），达到人数后才能列入议题`)
      if (proposal.status !== 'accepted' || proposal.topicId) throw new ApiError('CONFLICT', '该提议已经列入其他议题')
    }
  }

  const background = input.background || proposal?.background || ''
  const options = buildOptions(input.kind, input.options)
  await checkText(ctx, { title: input.title, background, question: input.question, options: options.map((o) => o.label).join('\n') })
  await checkPhotoContent(ctx, input.photos, 'photos', existing?.photos)

  // link the proposal first: a proposal schedules one topic
  if (proposal && proposal.topicId !== id) {
    const linked = await relinkProposal(store, proposal._id, null, id)
    if (!linked) throw new ApiError('CONFLICT', '该提议刚被列入其他议题，请刷新')
  }
  const content = {
    registerSize: await registerSize(store, villageId, input.mode),
    title: input.title,
    background,
    photos: input.photos,
    question: input.question,
    kind: input.kind,
    options,
    maxChoices: input.kind === 'yesno' ? 1 : input.maxChoices,
    mode: input.mode,
    results: input.results,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    proposalId: proposal?._id ?? null,
  }
  let saved: Topic
  if (existing) {
    const n = await store.update('topics', { _id: id, status: 'draft' }, { set: content })
    if (!n) throw new ApiError('CONFLICT', '议题已经发布，不能再修改')
    if (existing.proposalId && existing.proposalId !== content.proposalId) {
      await relinkProposal(store, existing.proposalId, id, null)
    }
    saved = { ...existing, ...content }
  } else {
    saved = {
      _id: id,
      villageId,
      ...content,
      status: 'draft',
      eligibleCount: 0,
      commentCount: 0,
      commentTotal: 0,
      createdBy: ctx.person._id,
      createdByName: ctx.membership.name,
      createdAt: ctx.now,
      publishedAt: null,
      closedAt: null,
      decision: null,
      updates: [],
      remindedAt: null,
      ...(origin?.reportIds ? { reportIds: origin.reportIds } : {}),
    }
    // the draft and its audit entry stand or fall together
    const write = () =>
      store.transaction(async (tx) => {
        await tx.insert('topics', saved)
        const reason = origin?.reason ?? (proposal ? `来自村民提议：${proposal.title}（${proposal.proposerName}）` : null)
        await audit(ctx, origin?.action ?? 'topics.draft', { type: 'topic', id, label: saved.title }, reason, tx)
      })
    await (origin ? origin.writing(id, write) : write())
  }
  return detailOf(ctx, saved)
}

const RANK: Record<TopicStatus, number> = { draft: 0, open: 1, closed: 2, decided: 3, done: 4 }
const ENDED: TopicStatus[] = ['closed', 'decided', 'done']
/** open topics at once: a village has a handful */
const OPEN_TOPICS = 100
/** one status's topics (the committee's drafts) */
const STATUS_LIST = 200

export const topicHandlers: Handlers<typeof topicActions> = {
  'topics.list': {
    access: ACCESS.member,
    async handle({ villageId, status, after }, ctx) {
      const { store } = ctx.ports
      let found: Topic[]
      if (status) {
        if (status === 'draft' && !isCommittee(ctx.membership)) return []
        found = await store.find('topics', { villageId, status }, { sort: [['createdAt', 'desc']], limit: STATUS_LIST })
      } else {
        // keyset pages of the ended topics by deadline (never a skip over hundreds); the open ones, few, with the first
        const [open, ended] = await Promise.all([
          after ? Promise.resolve([]) : store.find('topics', { villageId, status: 'open' }, { sort: [['closesAt', 'asc']], limit: OPEN_TOPICS }),
          pageAfter(store, 'topics', { villageId, status: { $in: ENDED } }, 'closesAt', 'desc', after, TOPICS_PAGE),
        ])
        found = [...open, ...ended.docs]
      }
      const visible = found.filter((t) => t.status !== 'draft' || isCommittee(ctx.membership))
      const topics = (await Promise.all(visible.map((t) => closeIfDue(ctx.ports, t, ctx.now)))).filter((t) => !status || t.status === status)
      topics.sort(
        (a, b) =>
          RANK[a.status] - RANK[b.status] ||
          (a.status === 'open' ? a.closesAt - b.closesAt : (b.closedAt ?? b.publishedAt ?? b.createdAt) - (a.closedAt ?? a.publishedAt ?? a.createdAt)),
      )
      return summariesOf(ctx, topics)
    },
  },

  'topics.get': {
    access: ACCESS.member,
    async handle({ villageId, topicId }, ctx) {
      return detailOf(ctx, await current(ctx, villageId, topicId))
    },
  },

  'topics.villageOf': {
    // anyone may ask: a share card reaches people outside the village, who are offered to join it
    access: ACCESS.anyone,
    async handle({ topicId }, ctx) {
      const t = await ctx.ports.store.get('topics', topicId)
      // a draft is the committee's alone: told apart from no topic at all, it would say that one exists
      if (!t || t.status === 'draft') throw new ApiError('NOT_FOUND', '找不到该议题')
      return villageCard(ctx, t.villageId)
    },
  },

  'topics.save': {
    access: ACCESS.committee,
    handle: (input, ctx) => saveTopic(ctx, input),
  },

  'topics.publish': {
    access: ACCESS.committee,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const t = await loadTopic(ctx, villageId, topicId)
      assertStep(TOPIC_MACHINE, t.status, 'publish')
      const problems = publishProblems(t, ctx.now)
      if (problems.length) throw problemsError(problems)
      // how many the register holds, as counted when the draft was saved (counted again only when it was none): the
      // roll itself is written by the job, a batch at a time (roll-job.ts)
      const size = t.registerSize || (await registerSize(store, villageId, t.mode))
      if (!size && !(t.rollChanges ?? []).some((c) => c.change === 'add')) {
        const { here, people } = await wordsOf(ctx, villageId)
        const message = t.mode === 'household' ? `${here}还没有登记户代表，不能按户表决` : `${here}还没有登记的${people}，不能发起表决`
        throw new ApiError('BAD_INPUT', message, { mode: message })
      }
      const reason = `${VOTING_MODE_LABELS[t.mode]}，选民名册以发布时的登记为准（约${size}${unit(t)}），${shortTime(t.opensAt)}至${shortTime(t.closesAt)}，${t.results === 'sealed' ? '截止前不公开票数' : '实时公开票数'}`
      // who may vote is fixed now (members joined by publishedAt, with the amendments); the counters' shards are
      // written as they are first counted on, by the size of the register; the eligible count is exact once written
      const opened = await transition(ctx.ports, TOPIC_MACHINE, topicId, 'publish', {
        set: { eligibleCount: size, registerSize: undefined, rollJob: startRoll(ctx.now), tallyShards: tallyShardCount(size), publishedAt: ctx.now },
        by: ctx,
        audit: { reason },
      })
      if (t.proposalId) {
        await transition(ctx.ports, PROPOSAL_MACHINE, t.proposalId, 'schedule', {
          set: { topicId },
          also: (tx, p) => notify(ctx, { personId: p.proposerId, villageId }, '您的提议已列入议事', `您提议的「${p.title}」已列入议题「${t.title}」，请参加投票`, PAGES.topic(topicId), tx),
          by: null,
        }).catch(() => null)
      }
      const { final: _final, countJob: _count, rollJob: _roll, rollBounds: _bounds, ...topic } = opened
      return { topic }
    },
  },

  'topics.discard': {
    access: ACCESS.committee,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const t = await loadTopic(ctx, villageId, topicId)
      const removed = await store.remove('topics', { _id: topicId, villageId, status: 'draft' })
      if (!removed) throw new ApiError('CONFLICT', '已发布的议题不能删除')
      if (t.proposalId) await relinkProposal(store, t.proposalId, topicId, null)
      // reports it was made from may be turned into a topic again (their history keeps that they once were)
      if (t.reportIds?.length) await store.update('reports', { _id: { $in: t.reportIds }, topicId }, { set: { topicId: null } })
      await audit(ctx, 'topics.discard', { type: 'topic', id: topicId, label: `${t.title}（草稿）` })
      return { removed }
    },
  },

  'topics.decide': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, decision }, ctx) {
      await checkText(ctx, { decision })
      const reason = (verdict: string | undefined) => `${verdict ?? ''}；决议：${decision}`
      // the audit entry's reason holds the verdict: read from the final counts the topic took when it closed, or, when
      // it has none (one still open past its close, closed first as a read of it would; one from before the counters),
      // from the topic read and counted before the step
      const decide = (verdict: string | null) =>
        transition(ctx.ports, TOPIC_MACHINE, topicId, 'decide', {
          scope: { villageId, notFound: '找不到该议题' },
          when: { test: (t) => verdict !== null || !!t.final, refused: UNCOUNTED },
          set: { decision: { text: decision, byName: ctx.membership.name, at: ctx.now } },
          also: (tx, t) => notifyResidents(ctx, villageId, '议题决议已公布', `「${t.title}」的决议：${decision}`, PAGES.topic(topicId), tx),
          by: ctx,
          audit: { reason: (t) => (verdict !== null ? reason(verdict) : reason(resultsFrom(t, t.final!, ctx.now).result?.verdict)) },
        })
      const decided = await decide(null).catch(async (e: unknown) => {
        if (!(e instanceof ApiError && e.code === 'CONFLICT')) throw e
        const t = await current(ctx, villageId, topicId)
        if (t.status !== 'closed') throw e.message === UNCOUNTED ? new ApiError('CONFLICT', TOPIC_MACHINE.refusal(t.status, 'decide')) : e
        return decide((await resultsOf(ctx.ports.store, t, ctx.now)).result?.verdict ?? '')
      })
      return stepOf(ctx, decided)
    },
  },

  'topics.addUpdate': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, text, photos, done }, ctx) {
      checkPhotos(villageId, photos)
      await checkText(ctx, { text })
      await checkPhotoContent(ctx, photos)
      const update: ImplementationUpdate = { id: newId('u', ctx.now), text, photos, done, byName: ctx.membership.name, at: ctx.now }
      // the topic is read in the step's transaction only
      const saved = await transition(ctx.ports, TOPIC_MACHINE, topicId, done ? 'done' : 'update', {
        scope: { villageId, notFound: '找不到该议题' },
        set: (t) => ({ updates: [...t.updates, update] }),
        also: (tx, t) => notifyResidents(ctx, villageId, done ? '议题已落实' : '议题落实进展', `「${t.title}」${done ? '已落实' : '有新进展'}：${text}`, PAGES.topic(topicId), tx),
        by: ctx,
        audit: { reason: text },
      })
      return stepOf(ctx, saved)
    },
  },

  'topics.remind': {
    access: ACCESS.committee,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const t = await current(ctx, villageId, topicId)
      const refusal = windowRefusal(t, ctx.now)
      if (refusal) throw new ApiError(refusal.code, refusal.reason)
      // the conditional field is the claim: at most one reminder per topic in six hours, however many press the button
      // the claim starts the job's reminder (a newer one takes the place of one still under way)
      const body =
        t.mode === 'household'
          ? `「${t.title}」按户表决，将于${shortTime(t.closesAt)}截止，您家还没有投票，请户代表尽快投票`
          : `「${t.title}」将于${shortTime(t.closesAt)}截止，您还没有投票`
      const set = { remindedAt: ctx.now, remindJob: startReminder(ctx.now, '请参加投票', body) }
      const claimed =
        (await store.update('topics', { _id: topicId, status: 'open', remindedAt: null }, { set })) ||
        (await store.update('topics', { _id: topicId, status: 'open', remindedAt: { $lte: ctx.now - REMIND_EVERY } }, { set }))
      if (!claimed) {
        const last = (await store.get('topics', topicId))?.remindedAt
        throw new ApiError('CONFLICT', `${last ? `${shortTime(last)}已经提醒过，` : ''}每6小时最多提醒一次`)
      }
      // those on the roll who have not voted, by the counters (one read): the job tells them a roll chunk at a time
      const { online, proxy, meeting } = (await countsOfTopic(store, t)).ballots
      const pending = Math.max(0, t.eligibleCount - online - proxy - meeting)
      await audit(ctx, 'topics.remind', { type: 'topic', id: topicId, label: t.title }, `提醒未投票的${pending}${unit(t)}`)
      return { reminded: pending }
    },
  },

  'topics.turnoutByGrid': {
    access: ACCESS.committee,
    async handle({ villageId, topicId }, ctx) {
      const { store } = ctx.ports
      const t = await current(ctx, villageId, topicId)
      if (t.status === 'draft') return []
      const [counts, grids] = await Promise.all([countsOfTopic(store, t, true), loadGrids(store, villageId)])
      return turnoutByGrid(counts, grids)
    },
  },

  'topics.exportCsv': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, kind, after }, ctx) {
      const { store } = ctx.ports
      const t = await current(ctx, villageId, topicId)
      if (t.status === 'draft') throw new ApiError('CONFLICT', '议题还没有发布')
      const village = await getVillage(ctx, villageId)
      const day = shanghaiTime(ctx.now).slice(0, 10)
      let out: CsvFile
      if (kind === 'tally') {
        if (!countsVisible(t, ctx.now)) throw new ApiError('FORBIDDEN', '本议题的票数密封到投票截止，截止后才能导出')
        const { turnout, tally, result } = await resultsOf(store, t, ctx.now)
        out = { filename: `${village.name}-${t.title}-票数统计-${day}.csv`, ...tallyCsv(tally ?? [], turnout, result, unit(t)), next: null }
      } else {
        out = { filename: `${village.name}-${t.title}-参与情况-${day}.csv`, ...(await turnoutPage(store, t, after)) }
      }
      // one entry per export, at its first page (the later pages are the same export going on)
      if (!after) await audit(ctx, 'topics.export', { type: 'topic', id: topicId, label: out.filename }, `${out.total ?? out.rows}行`)
      return out
    },
  },
}
