/**
 * The voter roll (选民名册) of a topic: published once the topic opens, as villages post the list on
 * the notice board (names only, never a choice); before that, the committee amends the draft's —
 * adding someone the register leaves out or taking someone off, always with a reason, audited.
 */
import type { RollView, VoterPage, rollActions } from './contract'
import type { RollChange, Topic } from './documents'
import type { Store, TxStore } from '../../ports/store'
import { ApiError } from '../../errors'
import { ACCESS, type Handlers, type MemberContext } from '../../handler'
import { audit } from '../../common/audit'
import { getInVillage, getMany } from '../../common/load'
import { cursorAfter, parseCursor } from '../../common/keyset'
import { checkText } from '../../common/content'
import { isCommittee } from '../account/policy'
import { countsOfTopic, loadGrids, loadTopic, loadVoters, registerVoters } from './data'
import { amendedRoll, ballotId, registerOf, rollChunkFor, rollChunkId, sortedRoll, type Voter } from './policy'
import { wordsOf } from '../account/common'

type Register = Awaited<ReturnType<typeof registerVoters>>

/** voters on a page of ballots.voters */
export const VOTERS_PAGE = 50
/** roll chunks read for a page: one holds about ROLL_CHUNK_SIZE (100) voters, so three fill a page after a short one */
const CHUNKS_READ = 3
/** at most this many people found by a search (a name or a doorplate is shared by a few) */
const FOUND = 20
/** the cursor's key for "from the start of this chunk" (never a person's or household's id) */
const CHUNK_START = '*'

/**
 * The register's answer for one key of a draft (a person in person mode, a household in household mode): two reads, the
 * membership and its household or the household and its 户代表's membership, whatever the size of the register. One
 * key's place on the roll depends on those alone (registerOf, amendedRoll).
 */
async function registerEntry(tx: Pick<TxStore, 'get'>, t: Topic, key: string): Promise<Register> {
  const { villageId } = t
  const inVillage = <D extends { villageId: string }>(d: D | null) => (d?.villageId === villageId ? d : null)
  if (t.mode === 'person') {
    const m = inVillage(await tx.get('memberships', `${villageId}:${key}`))
    const h = m?.householdId ? inVillage(await tx.get('households', m.householdId)) : null
    return registerOf('person', m ? [m] : [], h ? [h] : [])
  }
  const h = inVillage(await tx.get('households', key))
  const rep = h?.repPersonId ? inVillage(await tx.get('memberships', `${villageId}:${h.repPersonId}`)) : null
  return registerOf('household', rep ? [rep] : [], h ? [h] : [])
}

/**
 * A page of the topic's roll after the cursor (chunk, key), in its stored order: chunk by chunk, each by doorplate
 * and name. The roll is frozen with the opening, so a position in it never moves; a page is one find of a few
 * chunks (~15 KB each) whatever the size of the village. A draft's roll (the register's, amended) is paged the same
 * way as one chunk.
 */
async function rollPage(store: Store, t: Topic, after: string | null): Promise<{ entries: Voter[]; next: string | null; size?: number }> {
  const at = after ? parseCursor(after) : null
  const chunked = t.status !== 'draft' && t.rollChunks !== undefined
  const first = chunked ? Math.min(Math.max(0, at?.value ?? 0), t.rollChunks!) : 0
  const total = chunked ? t.rollChunks! : 1
  let chunks: Voter[][]
  if (chunked) {
    const ids = Array.from({ length: Math.min(CHUNKS_READ, total - first) }, (_, k) => rollChunkId(t._id, first + k))
    const docs = ids.length ? await store.find('topicRolls', { _id: { $in: ids } }, { limit: ids.length }) : []
    chunks = ids.map((id) => sortedRoll([...(docs.find((d) => d._id === id)?.entries ?? [])]))
  } else chunks = [await loadVoters(store, t)]
  const out: Array<{ voter: Voter; chunk: number }> = []
  for (let k = 0; k < chunks.length && out.length <= VOTERS_PAGE; k++) {
    const start = k === 0 && at ? chunks[0].findIndex((v) => v.key === at.id) + 1 : 0
    for (const voter of chunks[k].slice(start, start + VOTERS_PAGE + 1 - out.length)) out.push({ voter, chunk: first + k })
  }
  const page = out.slice(0, VOTERS_PAGE)
  const last = page.at(-1)
  let next: string | null = null
  if (out.length > VOTERS_PAGE && last) next = cursorAfter(last.chunk, last.voter.key)
  else if (first + chunks.length < total) next = cursorAfter(first + chunks.length, CHUNK_START)
  // a draft's whole roll was read: its size is the count of those who would vote
  return { entries: page.map((p) => p.voter), next, ...(chunked ? {} : { size: chunks[0].length }) }
}

/**
 * The voters of the roll with this exact name or doorplate: the register finds whom it names (two bounded queries,
 * and one more for the people of a doorplate when each person votes), their roll chunks are read together.
 */
async function rollSearch(store: Store, t: Topic, q: string): Promise<Voter[]> {
  if (t.status === 'draft' || t.rollChunks === undefined) return (await loadVoters(store, t)).filter((v) => v.name.includes(q) || (v.doorplate ?? '').includes(q)).slice(0, FOUND)
  const { villageId } = t
  const [named, households] = await Promise.all([
    store.find('memberships', { villageId, name: q }, { limit: FOUND }),
    store.find('households', { villageId, doorplate: q }, { limit: FOUND }),
  ])
  let keys: string[]
  if (t.mode === 'household') keys = [...named.map((m) => m.householdId), ...households.map((h) => h._id)].filter((k): k is string => !!k)
  else {
    const housed = households.length ? await store.find('memberships', { villageId, householdId: { $in: households.map((h) => h._id) } }, { limit: FOUND }) : []
    keys = [...named, ...housed].map((m) => m.personId)
  }
  const wanted = new Set(keys.slice(0, FOUND))
  const chunks = await getMany(store, 'topicRolls', [...new Set([...wanted].map((k) => rollChunkId(t._id, rollChunkFor(t, k))))])
  return sortedRoll(chunks.flatMap((c) => c.entries).filter((e) => wanted.has(e.key)))
}

/**
 * ballots.voters: a page of the roll (or a search of it) with each voter's ballot, read by id for the page alone,
 * and the whole roll's figures from the counters — a few reads whatever the number of voters and ballots.
 */
export async function voterPage(ctx: MemberContext, t: Topic, after: string | null, q: string | undefined): Promise<VoterPage> {
  const { store } = ctx.ports
  const [{ entries, next, size }, counts] = await Promise.all([
    q ? rollSearch(store, t, q).then((entries) => ({ entries, next: null, size: undefined })) : rollPage(store, t, after),
    countsOfTopic(store, t),
  ])
  const ballots = t.status === 'draft' || !entries.length ? [] : await getMany(store, 'ballots', entries.map((v) => ballotId(t._id, v.key)))
  const byKey = new Map(ballots.map((b) => [b.voterKey, b]))
  const { online, proxy, meeting } = counts.ballots
  return {
    voters: entries.map((v) => {
      const b = byKey.get(v.key)
      return { personId: v.personId, name: v.name, doorplate: v.doorplate, voted: !!b, source: b?.source ?? null, objection: b?.objection?.reason ?? null }
    }),
    next,
    counts: { eligible: size ?? t.eligibleCount, voted: online + proxy + meeting, meeting },
  }
}

/** The view of a topic's roll; a draft's is computed from the register. */
async function rollView(ctx: MemberContext, t: Topic): Promise<RollView> {
  const { store } = ctx.ports
  const manage = isCommittee(ctx.membership)
  const [grids, reg] = await Promise.all([loadGrids(store, t.villageId), t.status === 'draft' ? registerVoters(store, t.villageId, t.mode) : null])
  const roll = reg ? amendedRoll(reg.eligible, reg.candidates, t.rollChanges ?? []) : await loadVoters(store, t)
  const gridName = new Map(grids.map((g) => [g._id, g.name]))
  let addable: RollView['addable'] = null
  if (manage && reg) {
    const onRoll = new Set(roll.map((v) => v.key))
    addable = reg.candidates.filter((v) => !onRoll.has(v.key)).map(({ key, name, doorplate }) => ({ key, name, doorplate }))
  }
  return {
    topic: { title: t.title, status: t.status, opensAt: t.opensAt, publishedAt: t.publishedAt },
    frozen: t.status !== 'draft',
    mode: t.mode,
    entries: roll.map((v) => ({ key: v.key, name: v.name, doorplate: v.doorplate, gridName: (v.gridId && gridName.get(v.gridId)) || '未分网格' })),
    changes: manage ? (t.rollChanges ?? []) : null,
    addable,
  }
}

export const rollHandlers: Handlers<typeof rollActions> = {
  'topics.roll': {
    access: ACCESS.member,
    async handle({ villageId, topicId }, ctx) {
      return rollView(ctx, await loadTopic(ctx, villageId, topicId))
    },
  },

  'topics.amendRoll': {
    access: ACCESS.committee,
    async handle({ villageId, topicId, key, change, reason }, ctx) {
      const { store } = ctx.ports
      // checked first: the service is not called inside the transaction
      await checkText(ctx, { reason })
      // read-modify-write of the draft with the register's entry of this key alone (never the whole register), in one
      // transaction with its audit entry
      const done = await store.transaction(async (tx) => {
        const draft = await getInVillage(tx, 'topics', topicId, villageId, '找不到该议题')
        if (draft.status !== 'draft') throw new ApiError('CONFLICT', '议题已发布，选民名册已固定，不能再修改')
        const { eligible, candidates } = await registerEntry(tx, draft, key)
        const onRoll = amendedRoll(eligible, candidates, draft.rollChanges ?? []).find((v) => v.key === key)
        const who = onRoll ?? candidates.find((v) => v.key === key)
        // refused outside, where the village's words are read
        if (!who) return { changes: null, missing: draft.mode }
        if (change === 'add' && onRoll) throw new ApiError('CONFLICT', `${who.name}已在选民名册上`)
        if (change === 'remove' && !onRoll) throw new ApiError('CONFLICT', `${who.name}不在选民名册上`)
        const entry: RollChange = { key, name: who.name, doorplate: who.doorplate, change, reason, byName: ctx.membership.name, at: ctx.now }
        const rollChanges = [...(draft.rollChanges ?? []), entry]
        await tx.update('topics', topicId, { set: { rollChanges } })
        const label = `${draft.title}：${change === 'add' ? '加入' : '移出'}${who.name}${who.doorplate ? `（${who.doorplate}）` : ''}`
        await audit(ctx, 'topics.amendRoll', { type: 'topic', id: topicId, label }, reason, tx)
        return { changes: rollChanges, missing: null }
      })
      if (done.changes) return { changes: done.changes }
      const { here, people } = await wordsOf(ctx, villageId)
      throw new ApiError('NOT_FOUND', done.missing === 'household' ? `${here}没有这一户，或该户还没有户代表` : `该${people}不是${here}成员`)
    },
  },
}
