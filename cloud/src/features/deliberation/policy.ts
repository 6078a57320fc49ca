/**
 * Pure rules of deliberation: who may vote, the quorum and majority of the 村民委员会组织法, the tally,
 * the verdict, the checks on a ballot's choices and on a topic before it opens.
 */
import { takesPart, type Household, type Membership, type VillageKind } from '../account/documents'
import type { GridTurnout, OptionTally, TopicResult, Turnout } from './contract'
import type { Ballot, CountEntry, CountJob, RollChange, RollEntry, TallyCounts, Topic, TopicOption, TopicStatus, VotingMode } from './documents'
import { staffNote } from './documents'
import type { ErrorCode } from '../../errors'
import type { StateMachine } from '../../common/transition'
import { keepDecisions, keepWaiting } from '../account/waiting'
import { percent, shortDay, shortTime, zhCompare } from '../../common/time'
import { quorumNeeded } from '../../common/quorum'
import { sha256Start } from '../../common/sha256'

export const HOUR = 3600 * 1000
/** the committee may remind those who have not voted at most once in this time */
export const REMIND_EVERY = 6 * HOUR
/** co-signers a proposal needs (the proposer included) when the village has not set its own */
export const DEFAULT_PROPOSAL_THRESHOLD = 5

// ---------------------------------------------------------------------------------------------
// options

export const YESNO_OPTIONS: TopicOption[] = [
  { id: 'yes', label: '赞成' },
  { id: 'no', label: '反对' },
  { id: 'abstain', label: '弃权', abstain: true },
]

/** The options a topic stores: yes/no/abstain, or the labels given as o1, o2… */
export function buildOptions(kind: Topic['kind'], labels: string[]): TopicOption[] {
  if (kind === 'yesno') return YESNO_OPTIONS.map((o) => ({ ...o }))
  return labels.map((label, i) => ({ id: `o${i + 1}`, label: label.trim() }))
}

export interface Problem {
  field: string
  message: string
}

type Publishable = Pick<Topic, 'title' | 'question' | 'kind' | 'options' | 'maxChoices' | 'opensAt' | 'closesAt'>

/** Why a draft cannot open yet, in the order the form shows the fields; [] when it can. */
export function publishProblems(t: Publishable, now: number): Problem[] {
  const out: Problem[] = []
  const add = (field: string, message: string) => out.push({ field, message })
  if (t.title.trim().length < 4) add('title', '标题至少4个字')
  if (t.question.trim().length < 4) add('question', '表决事项至少4个字')
  if (t.kind === 'choice') {
    const labels = t.options.map((o) => o.label.trim())
    if (labels.some((l) => !l)) add('options', '选项不能为空')
    else if (labels.length < 2) add('options', '至少需要两个选项')
    else if (labels.length > 10) add('options', '最多10个选项')
    else {
      const seen = new Set<string>()
      const dup = labels.find((l) => (seen.has(l.toLowerCase()) ? true : (seen.add(l.toLowerCase()), false)))
      if (dup) add('options', `选项重复：「${dup}」`)
    }
    if (!Number.isInteger(t.maxChoices) || t.maxChoices < 1) add('maxChoices', '至少可选1项')
    else if (labels.length >= 2 && t.maxChoices > labels.length) add('maxChoices', `最多可选项数（${t.maxChoices}）不能超过选项数（${labels.length}）`)
  }
  if (!(t.closesAt > t.opensAt)) add('closesAt', '截止时间必须晚于开始时间')
  else if (!(t.closesAt > now)) add('closesAt', `截止时间（${shortTime(t.closesAt)}）已经过去`)
  return out
}

/** Why these choices are not a valid ballot on the topic, or null. */
export function choicesProblem(t: Pick<Topic, 'kind' | 'options' | 'maxChoices'>, choices: string[]): string | null {
  if (!choices.length) return '请选择'
  if (new Set(choices).size !== choices.length) return '同一个选项不能选两次'
  const byId = new Map(t.options.map((o) => [o.id, o]))
  const unknown = choices.find((c) => !byId.has(c))
  if (unknown) return '没有这个选项，请刷新后重新选择'
  if (choices.length > 1 && choices.some((c) => byId.get(c)!.abstain)) return '弃权不能与其他选项同时选择'
  const max = t.kind === 'yesno' ? 1 : t.maxChoices
  if (choices.length > max) return max === 1 ? '只能选一项' : `最多选${max}项`
  return null
}

// ---------------------------------------------------------------------------------------------
// states and the voting window

/** voting has ended: closed (or later), or open past its closing time (the job may not have run yet) */
export function hasEnded(t: Pick<Topic, 'status' | 'closesAt'>, now: number): boolean {
  return t.status === 'closed' || t.status === 'decided' || t.status === 'done' || (t.status === 'open' && now >= t.closesAt)
}

/** per-option counts may leave the server: results are live, or voting has ended */
export function countsVisible(t: Pick<Topic, 'status' | 'closesAt' | 'results'>, now: number): boolean {
  if (t.status === 'draft') return false
  return t.results === 'live' || hasEnded(t, now)
}

export interface Refusal {
  code: ErrorCode
  reason: string
}

/** Why no ballot can be cast on the topic now (by anyone), or null while the window is open. */
export function windowRefusal(t: Pick<Topic, 'status' | 'opensAt' | 'closesAt'>, now: number): Refusal | null {
  if (t.status === 'draft') return { code: 'CONFLICT', reason: '议题尚未发布' }
  if (hasEnded(t, now)) return { code: 'CLOSED', reason: '投票已截止' }
  if (now < t.opensAt) return { code: 'CONFLICT', reason: `投票未开始，${shortTime(t.opensAt)}开始` }
  return null
}

/**
 * What someone in a household who is not its 户代表 reads on a household topic, instead of a bare
 * "由户代表投票": who votes for the family, and whether they have (not how: the ballot is theirs).
 */
export function householdVoteNote(repName: string, votedAt: number | null, ended: boolean): string {
  if (votedAt !== null) return `您家的户代表${repName}已于${shortDay(votedAt)}投票`
  return `${ended ? '您家没有投票' : '您家还没投票'}（由户代表${repName}投票）`
}

/** A topic's steps: draft -> open -> closed (by the job at closesAt) -> decided -> (updates) -> done. */
export const TOPIC_MACHINE: StateMachine<'topics', 'publish' | 'close' | 'decide' | 'update' | 'done'> = {
  collection: 'topics',
  targetType: 'topic',
  auditPrefix: 'topics',
  steps: {
    publish: { from: ['draft'], to: 'open' },
    close: { from: ['open'], to: 'closed' },
    decide: { from: ['closed'], to: 'decided' },
    update: { from: ['decided'], to: 'decided' },
    done: { from: ['decided'], to: 'done' },
  },
  refusal(status, event) {
    if (event === 'publish') return '议题已经发布过了'
    if (event === 'decide' && (status === 'decided' || status === 'done')) return '决议已经公布过了'
    if ((event === 'update' || event === 'done') && status === 'done') return '议题已经办结，不能再添加进展'
    if (event === 'close') return '议题不在投票中'
    const said: Record<TopicStatus, string> = { draft: '议题还没有发布', open: '投票还没有截止', closed: '决议还没有公布', decided: '决议已经公布', done: '议题已经办结' }
    return `${said[status]}，${event === 'decide' ? '不能公布决议' : '不能添加实施进展'}`
  },
  label: (t) => t.title,
  // closed: the committee's 待办 counts it until its decision
  counted: (tx, before, after) => keepDecisions(tx, before, after),
}

/** A residents' proposal: collecting co-signatures -> accepted (enough) -> scheduled (a topic opened); withdrawn by its proposer before that. */
export const PROPOSAL_MACHINE: StateMachine<'proposals', 'accept' | 'schedule' | 'withdraw'> = {
  collection: 'proposals',
  targetType: 'proposal',
  auditPrefix: 'proposals',
  steps: {
    accept: { from: ['collecting'], to: 'accepted' },
    schedule: { from: ['accepted'], to: 'scheduled' },
    withdraw: { from: ['collecting', 'accepted'], to: 'withdrawn' },
  },
  refusal(status) {
    return { collecting: '该提议还在征集联署', accepted: '该提议已获足够联署', scheduled: '该提议已列入议题，请直接参加投票', withdrawn: '该提议已撤回' }[status]
  },
  label: (p) => p.title,
  // accepted and on no topic yet: the committee's 待办 counts it
  counted: (tx, before, after) => keepWaiting(tx, 'proposals', [after.villageId], before, after),
}

// ---------------------------------------------------------------------------------------------
// voters

/** a voter on a topic: an entry of its roll */
export type Voter = RollEntry

export type MemberLike = Pick<Membership, 'personId' | 'name' | 'roles' | 'householdId'>
export type HouseholdLike = Pick<Household, '_id' | 'gridId' | 'doorplate' | 'repPersonId'>

/**
 * Who may vote. Person mode: every member with the role 'resident' (a verified adult). Household mode:
 * every household of the village whose 户代表 is a member; the representative casts its vote.
 * Sorted by doorplate, then name, as the committee reads the list at the meeting.
 */
export function eligibleVoters(mode: VotingMode, members: MemberLike[], households: HouseholdLike[]): Voter[] {
  const householdById = new Map(households.map((h) => [h._id, h]))
  const memberById = new Map(members.map((m) => [m.personId, m]))
  let out: Voter[]
  if (mode === 'person') {
    out = members
      .filter((m) => m.roles.includes('resident'))
      .map((m) => {
        const h = m.householdId ? householdById.get(m.householdId) : undefined
        return { key: m.personId, personId: m.personId, name: m.name, householdId: h?._id ?? null, gridId: h?.gridId ?? null, doorplate: h?.doorplate ?? null }
      })
  } else {
    out = households
      .filter((h) => h.repPersonId && memberById.has(h.repPersonId))
      .map((h) => ({ key: h._id, personId: h.repPersonId!, name: memberById.get(h.repPersonId!)!.name, householdId: h._id, gridId: h.gridId, doorplate: h.doorplate }))
  }
  return sortedRoll(out)
}

/** by doorplate, then name: the order the committee reads the list in at the meeting */
export function sortedRoll(voters: Voter[]): Voter[] {
  const cmp = (a: string | null, b: string | null) => zhCompare(a ?? '\uffff', b ?? '\uffff')
  return voters.sort((a, b) => cmp(a.doorplate, b.doorplate) || cmp(a.name, b.name) || a.key.localeCompare(b.key))
}

export type VoterCheck = { ok: true; voter: Voter } | ({ ok: false } & Refusal)

/**
 * Whether this member may cast (or have cast for them) the ballot of the topic, and under which key.
 * Household mode: only the household's representative; others are told so.
 */
export function voterFor(mode: VotingMode, m: MemberLike, household: HouseholdLike | null, kind: VillageKind): VoterCheck {
  const base = { personId: m.personId, name: m.name, householdId: household?._id ?? null, gridId: household?.gridId ?? null, doorplate: household?.doorplate ?? null }
  // a member without the resident role only serves the village (hall staff, town officer, a grid worker from elsewhere)
  if (!takesPart(m)) return { ok: false, code: 'FORBIDDEN', reason: staffNote(kind) }
  if (mode === 'person') return { ok: true, voter: { key: m.personId, ...base } }
  if (!household || household._id !== m.householdId) return { ok: false, code: 'FORBIDDEN', reason: '本议题按户表决，您还没有登记户籍门牌，不能投票' }
  if (household.repPersonId !== m.personId) return { ok: false, code: 'FORBIDDEN', reason: '本议题按户表决，由户代表投票' }
  return { ok: true, voter: { key: household._id, ...base } }
}

export const ballotId = (topicId: string, voterKey: string) => `${topicId}:${voterKey}`

// ---------------------------------------------------------------------------------------------
// quorum, tally, verdict

/** Participants needed for a valid decision (the town's workspace counts it too, so it lives in common). */
export { quorumNeeded }

export function quorumMet(mode: VotingMode, participants: number, eligible: number): boolean {
  return participants >= quorumNeeded(mode, eligible)
}

export interface SourceCounts {
  online: number
  proxy: number
  meeting: number
}

/** Turnout against the quorum: every ballot counts, on the phone (the voter's own or by proxy) or at the meeting. */
export function turnoutOf(mode: VotingMode, eligible: number, c: SourceCounts): Turnout {
  const participants = c.online + c.proxy + c.meeting
  const needed = quorumNeeded(mode, eligible)
  return {
    participants,
    online: c.online + c.proxy,
    proxy: c.proxy,
    inPerson: c.meeting,
    eligible,
    quorumNeeded: needed,
    quorumMet: participants >= needed,
    percent: percent(participants, eligible),
  }
}

/** An option carries with more than half of those who took part (参加表决的过半数); 弃权 never carries. */
export function carries(option: Pick<TopicOption, 'abstain'>, votes: number, participants: number): boolean {
  return !option.abstain && participants > 0 && votes * 2 > participants
}

/** Counts per option from the ballots (a ballot of a multiple choice counts once for each option it picks). */
export function tallyOf(options: TopicOption[], ballots: Array<Pick<Ballot, 'choices'>>): OptionTally[] {
  const votes: Record<string, number> = {}
  for (const b of ballots) for (const c of new Set(b.choices)) votes[c] = (votes[c] ?? 0) + 1
  return tallyFromVotes(options, votes, ballots.length)
}

/** The tally from the votes per option id (the counters') and how many took part. */
export function tallyFromVotes(options: TopicOption[], votes: Readonly<Record<string, number>>, participants: number): OptionTally[] {
  return options.map((o) => {
    const n = votes[o.id] ?? 0
    return { optionId: o.id, label: o.label, votes: n, percent: percent(n, participants), carries: carries(o, n, participants) }
  })
}

const unit = (mode: VotingMode) => (mode === 'person' ? '人' : '户')

/** The verdict once voting has ended: 有效 / 未达法定人数, what carried, and one plain sentence. */
export function resultOf(t: Pick<Topic, 'kind' | 'mode'>, turnout: Turnout, tally: OptionTally[]): TopicResult {
  const u = unit(t.mode)
  const carried = tally.filter((o) => o.carries)
  if (!turnout.quorumMet) {
    const rule = t.mode === 'person' ? `须超过半数（至少 ${turnout.quorumNeeded} 人）` : `须达到三分之二（至少 ${turnout.quorumNeeded} 户）`
    return {
      valid: false,
      verdict: '未达法定人数',
      carried: [],
      summary: `未达法定人数：参加表决 ${turnout.participants} ${u}，应参加 ${turnout.eligible} ${u}，${rule}，本次表决无效。`,
    }
  }
  // phone votes have no meeting to attend: the base is who took part, online or in person
  const base = `参加表决 ${turnout.participants} ${u}`
  let summary: string
  if (t.kind === 'yesno') {
    const yes = tally.find((o) => o.optionId === 'yes')
    const v = yes?.votes ?? 0
    summary = yes?.carries ? `有效。赞成 ${v} 票，超过${base}的半数，通过。` : `有效。赞成 ${v} 票，未超过${base}的半数，未通过。`
  } else if (carried.length) {
    summary = `有效。${carried.map((o) => `「${o.label}」${o.votes} 票`).join('、')}，超过${base}的半数，${carried.length > 1 ? '均获通过' : '获得通过'}。`
  } else {
    const most = Math.max(0, ...tally.map((o) => o.votes))
    const leaders = tally.filter((o) => most > 0 && o.votes === most)
    const lead = leaders.length === 1 ? `（最多为「${leaders[0].label}」${most} 票）` : leaders.length > 1 ? `（最多为${leaders.map((o) => `「${o.label}」`).join('')}各 ${most} 票）` : ''
    summary = `有效。没有选项超过${base}的半数${lead}，未形成决定。`
  }
  return { valid: true, verdict: '有效', carried: carried.map((o) => o.optionId), summary }
}

/**
 * Turnout by grid among those who may vote, in the grids' order, then voters without a grid (or in a
 * grid since removed), from the counts per grid: voters on the roll and their ballots.
 */
export function turnoutByGrid(c: Pick<TallyCounts, 'eligible' | 'grids'>, grids: Array<{ _id: string; name: string }>): GridTurnout[] {
  const order = new Map(grids.map((g, i) => [g._id, i]))
  const groups = new Map<string | null, { eligible: number; participants: number }>()
  const add = (field: string, what: 'eligible' | 'participants', n: number) => {
    const id = gridOfField(field)
    const key = id !== null && order.has(id) ? id : null
    const g = groups.get(key) ?? { eligible: 0, participants: 0 }
    g[what] += n
    groups.set(key, g)
  }
  for (const [field, n] of Object.entries(c.eligible)) if (n) add(field, 'eligible', n)
  for (const [field, n] of Object.entries(c.grids)) if (n) add(field, 'participants', n)
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? Infinity : order.get(a)!) - (b === null ? Infinity : order.get(b)!))
    .map(([gridId, g]) => ({
      gridId,
      gridName: gridId ? grids[order.get(gridId)!].name : '未分网格',
      participants: g.participants,
      eligible: g.eligible,
      percent: percent(g.participants, g.eligible),
    }))
}

// ---------------------------------------------------------------------------------------------
// the counters (topicTallies): kept with every ballot write, summed on every read

/**
 * Shards of a topic's counters, by the size of its roll: about one for every 16 voters (CloudBase fails a
 * transaction at once on a document another one holds, so voters casting together must seldom share
 * one), from 4 up to 64 (all read in one find, at most 100 documents).
 */
export const tallyShardCount = (voters: number) => Math.min(64, Math.max(4, Math.ceil(voters / 16)))
export const tallyShardId = (topicId: string, k: number) => `${topicId}:tally${k}`
/** the shard that counts a voter (the roll's hash, so that a changed ballot moves within one shard) */
export const tallyShardOf = (voterKey: string, shards: number) => rollChunkOf(voterKey, shards)

const hex = (s: string) => Array.from(new TextEncoder().encode(s), (b) => b.toString(16).padStart(2, '0')).join('')
/** A grid id as a field name (CloudBase field paths take letters, digits and _ only): `g<hex>`, `none` without a grid. */
export const gridField = (gridId: string | null) => (gridId === null ? 'none' : `g${hex(gridId)}`)
export function gridOfField(field: string): string | null {
  if (!field.startsWith('g')) return null
  return new TextDecoder().decode(Uint8Array.from(field.slice(1).match(/../g) ?? [], (h) => parseInt(h, 16)))
}

export const emptyCounts = (): TallyCounts => ({ ballots: { online: 0, proxy: 0, meeting: 0 }, votes: {}, grids: {}, eligible: {} })

type Counted = Pick<Ballot, 'source' | 'choices' | 'gridId'>

/** The increments a ballot write makes on its shard: what it replaces taken out (`before`), what it writes counted (`after`). */
export function tallyDelta(before: Counted | null, after: Counted | null): Record<string, number> {
  const inc: Record<string, number> = {}
  const add = (b: Counted, n: number) => {
    for (const k of [`ballots.${b.source}`, ...[...new Set(b.choices)].map((c) => `votes.${c}`), `grids.${gridField(b.gridId)}`]) inc[k] = (inc[k] ?? 0) + n
  }
  if (before) add(before, -1)
  if (after) add(after, 1)
  for (const k of Object.keys(inc)) if (!inc[k]) delete inc[k]
  return inc
}

/** Adds increments (tallyDelta's dotted fields) to counts, in place. */
export function applyDelta(c: TallyCounts, inc: Readonly<Record<string, number>>): TallyCounts {
  for (const [path, n] of Object.entries(inc)) {
    const [part, key] = path.split('.') as [keyof TallyCounts, string]
    const m = c[part] as Record<string, number>
    m[key] = (m[key] ?? 0) + n
  }
  return c
}

/** The counts of these ballots and this roll (the voters' grids), as the counters would hold them. */
export function countsOf(ballots: readonly Counted[], roll: ReadonlyArray<Pick<Voter, 'gridId'>>): TallyCounts {
  const c = emptyCounts()
  for (const b of ballots) applyDelta(c, tallyDelta(null, b))
  for (const v of roll) applyDelta(c, { [`eligible.${gridField(v.gridId)}`]: 1 })
  return c
}

/** The sum of a topic's shards. */
export function sumCounts(parts: readonly TallyCounts[]): TallyCounts {
  const c = emptyCounts()
  for (const p of parts) {
    for (const part of ['ballots', 'votes', 'grids', 'eligible'] as const) {
      for (const [k, n] of Object.entries(p[part] ?? {})) applyDelta(c, { [`${part}.${k}`]: n })
    }
  }
  return c
}

/** The shards of a topic's counters, counting its roll and the ballots it has (none yet when it opens). */
export function tallyShards(t: Pick<Topic, '_id' | 'villageId'>, roll: readonly Voter[], ballots: ReadonlyArray<Counted & Pick<Ballot, 'voterKey'>>, shards = tallyShardCount(roll.length)) {
  return Array.from({ length: shards }, (_, k) => ({
    _id: tallyShardId(t._id, k),
    villageId: t.villageId,
    topicId: t._id,
    shard: k,
    ...countsOf(
      ballots.filter((b) => tallyShardOf(b.voterKey, shards) === k),
      roll.filter((v) => tallyShardOf(v.key, shards) === k),
    ),
  }))
}

// ---------------------------------------------------------------------------------------------
// the voter roll (选民名册)

/** entries per roll chunk: one ballot reads one chunk (~15 KB), far below CloudBase's limits, and a village of 10,000 opens a topic with 100 writes */
export const ROLL_CHUNK_SIZE = 100

/** How many chunks a roll of this size is stored in. */
export const rollChunkCount = (size: number) => Math.max(1, Math.ceil(size / ROLL_CHUNK_SIZE))

/** Which chunk holds a voter key (FNV-1a: stable, spreads keys evenly). */
export function rollChunkOf(key: string, chunks: number): number {
  let h = 0x811c9dc5
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0
  return h % chunks
}

export const rollChunkId = (topicId: string, i: number) => `${topicId}:roll${i}`

/** The chunk of the topic's roll that holds a voter key: by the bounds of a roll written in key order, else by the hash. */
export function rollChunkFor(t: Pick<Topic, 'rollBounds' | 'rollChunks'>, key: string): number {
  const bounds = t.rollBounds
  if (!bounds) return rollChunkOf(key, t.rollChunks ?? 1)
  // the last chunk whose first key is at or before this one (the first chunk's bound is '')
  let lo = 0
  let hi = bounds.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (bounds[mid] <= key) lo = mid
    else hi = mid - 1
  }
  return lo
}

/**
 * Who the register puts on a roll fixed at `publishedAt`: members who had joined by then (one who joins later votes on
 * the next topic), with the committee's amendments applied to those of them this slice of the register holds.
 */
export function rollAt(
  mode: VotingMode,
  members: ReadonlyArray<MemberLike & Pick<Membership, 'joinedAt'>>,
  households: HouseholdLike[],
  publishedAt: number,
  changes: readonly RollChange[],
): Voter[] {
  const { eligible, candidates } = registerOf(
    mode,
    members.filter((m) => m.joinedAt <= publishedAt),
    households,
  )
  return amendedRoll(eligible, candidates, changes)
}

/** The register's voters, and whom the committee may add: in person mode any member, in household mode only households with a 户代表. */
export function registerOf(mode: VotingMode, members: MemberLike[], households: HouseholdLike[]): { eligible: Voter[]; candidates: Voter[] } {
  const eligible = eligibleVoters(mode, members, households)
  const candidates = mode === 'person' ? eligibleVoters(mode, members.map((m) => ({ ...m, roles: [...m.roles, 'resident' as const] })), households) : eligible
  return { eligible, candidates }
}

/** entries per roll page: the same roll again, in the committee's order, for the turnout CSV a page per call */
export const ROLL_PAGE_SIZE = 500
export const rollPageId = (topicId: string, i: number) => `${topicId}:page${i}`

/** The roll split into its chunks' entries (index = chunk number). */
export function splitRoll(entries: RollEntry[]): RollEntry[][] {
  const n = rollChunkCount(entries.length)
  const chunks: RollEntry[][] = Array.from({ length: n }, () => [])
  for (const e of entries) chunks[rollChunkOf(e.key, n)].push(e)
  return chunks
}

/**
 * The draft roll: the register's eligible voters, with the committee's amendments applied in order
 * (an addition names a voter found among `candidates`, everyone the register knows in this mode).
 */
export function amendedRoll(eligible: Voter[], candidates: Voter[], changes: readonly RollChange[]): Voter[] {
  const roll = new Map(eligible.map((v) => [v.key, v]))
  const known = new Map(candidates.map((v) => [v.key, v]))
  for (const c of changes) {
    if (c.change === 'remove') roll.delete(c.key)
    else if (known.has(c.key)) roll.set(c.key, known.get(c.key)!)
  }
  return sortedRoll([...roll.values()])
}

// ---------------------------------------------------------------------------------------------
// receipts (投票回执) and the published count (计票清单)

/** no 0/O, 1/I: read aloud or copied by hand without mistakes */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ'

/** K7Q2-M8XP: 8 characters from 32 (40 bits), from the random bytes given (crypto in the caller). */
export function receiptCode(random: Uint8Array): string {
  let code = ''
  for (let i = 0; i < 8; i++) code += (i === 4 ? '-' : '') + RECEIPT_ALPHABET[random[i] % RECEIPT_ALPHABET.length]
  return code
}

/**
 * The entries of the count: one per counted ballot, receipt, choices and how it was cast; nobody's name.
 * A ballot cast before receipts existed gets `fallback()` (never anything taken from its id, which names the voter).
 */
export function countEntries(ballots: ReadonlyArray<Pick<Ballot, 'receipt' | 'choices' | 'source'> & Partial<Ballot>>, fallback: () => string): CountEntry[] {
  return ballots.map((b) => ({ receipt: b.receipt ?? fallback(), choices: [...b.choices], source: b.source }))
}

/** The text the count's hash is taken over: one line per entry, in the published order. */
export const countText = (entries: readonly CountEntry[]) => entries.map((e) => `${e.receipt},${e.choices.join('|')},${e.source}`).join('\n')

/** Votes per option, recounted from the published list alone. */
export function recount(entries: readonly CountEntry[]): Record<string, number> {
  const votes: Record<string, number> = {}
  for (const e of entries) for (const c of e.choices) votes[c] = (votes[c] ?? 0) + 1
  return votes
}

export const COUNT_CHUNK_SIZE = 500

/** A count job from the start: `publish` the list (false: only the counts), `counting` the ballots into final counts too. */
export function startCount(now: number, publish: boolean, counting: boolean): CountJob {
  return { publish, after: null, chunks: 0, total: 0, sha: sha256Start(), counts: counting ? emptyCounts() : null, startedAt: now }
}
export const countChunkId = (topicId: string, i: number) => `${topicId}:count${i}`
