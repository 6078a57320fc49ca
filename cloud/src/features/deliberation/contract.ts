/**
 * 手机上议事: topics put to the residents, ballots (personal or one per household) under the quorum
 * of the 村民委员会组织法, in-person ballots from the meeting under the banyan tree, assisted voting,
 * residents' proposals, comments, and the published decision with its implementation record.
 *
 * Every view the client reads and every input (documents are in documents.ts); the client imports
 * this file for types only.
 */
import { z } from 'zod'
import { csvAfter, cursor, id, text, villageId } from '../../contract/inputs'
import type { CsvFile } from '../../common/csv'
import { action } from '../../contract/action'
import type { VillageCard } from '../account/contract'
import type { Ballot, BallotSource, Comment, Proposal, Proxy, RollChange, Topic, TopicOption, TopicStatus, VotingMode } from './documents'

// ---------------------------------------------------------------------------------------------
// views

export interface Turnout {
  /** ballots counted (online + proxy + meeting) */
  participants: number
  /** cast on the phone (by the voter or their proxy) */
  online: number
  /** of `online`: cast by a proxy (代投) */
  proxy?: number
  /** recorded at the meeting (榕树下议事) */
  inPerson: number
  /** persons or households who may vote */
  eligible: number
  /** participants needed for a valid decision: > 1/2 of persons, or >= 2/3 of households */
  quorumNeeded: number
  quorumMet: boolean
  /** 0..100, whole percent of eligible */
  percent: number
}

export interface OptionTally {
  optionId: string
  label: string
  votes: number
  /** whole percent of participants */
  percent: number
  /** more than half of the participants chose it (never for 弃权) */
  carries: boolean
}

/** The verdict once the topic has closed. */
export interface TopicResult {
  /** 有效: the quorum was met */
  valid: boolean
  /** 有效 / 未达法定人数 */
  verdict: string
  /** the options that carried (more than half of participants); empty when none did */
  carried: string[]
  /** e.g. 有效。赞成 3 票，超过参加表决 4 户的半数，通过。 */
  summary: string
}

export interface TopicSummary {
  id: string
  title: string
  status: TopicStatus
  mode: VotingMode
  opensAt: number
  closesAt: number
  turnout: Turnout
  /** I (or my household) have a ballot */
  voted: boolean
  commentCount: number
  result: TopicResult | null
}

export interface MyVote {
  /** may I vote, and if not why (in Chinese), e.g. 本议题按户表决，由户代表投票 */
  canVote: boolean
  reason: string | null
  ballot: Ballot | null
  /** persons who let me vote for them on this topic */
  proxiesForMe: Array<{ grantorId: string; grantorName: string; voted: boolean }>
  /** the proxy I granted, if any */
  myProxy: Proxy | null
  /** when I may vote but have nobody to delegate to: where and how to vote without the phone */
  help?: string | null
}

/** one voter on a topic's roll, with whether (and how) they have voted */
export interface VoterRow {
  personId: string
  name: string
  doorplate: string | null
  voted: boolean
  source: BallotSource | null
  objection?: string | null
}

/** a page of ballots.voters */
export interface VoterPage {
  voters: VoterRow[]
  /** give it back as `after` for the next page; null on the last (and for a search) */
  next: string | null
  /** the whole roll's figures, from the topic's counters: how many may vote, have voted, were recorded at the meeting */
  counts: { eligible: number; voted: number; meeting: number }
}

export interface TopicDetail {
  topic: Topic
  /** fileId -> url */
  photoUrls: Record<string, string>
  turnout: Turnout
  /** null while sealed and open: no counts leave the server before the close */
  tally: OptionTally[] | null
  result: TopicResult | null
  me: MyVote
  /** comment: comment, reply and like (residents, once published); why: why I take no part (staff), else null */
  can: { manage: boolean; comment: boolean; why?: string | null }
  proposal: { id: string; title: string; proposerName: string } | null
  /** drafts, for the committee: what keeps it from being published ([] when ready); null otherwise */
  problems?: Array<{ field: string; message: string }> | null
  /** closed, its count (计票清单) still being built by the job: the page says 计票清单生成中 */
  countPending?: boolean
}

/**
 * A committee step's answer (the decision, an implementation update): the topic as written, its photos and results.
 * The page keeps the rest of its detail (my vote, what I can do, the proposal): a step changes none of them.
 */
export type TopicStep = Pick<TopicDetail, 'topic' | 'photoUrls' | 'turnout' | 'tally' | 'result' | 'countPending'>

export interface GridTurnout {
  gridId: string | null
  gridName: string
  participants: number
  eligible: number
  percent: number
}

/** A closed topic's count: every counted ballot by receipt, in receipt order (random codes), and the hash the audit log holds. */
export interface CountView {
  entries: Array<{ receipt: string; choices: string[]; source: BallotSource }>
  /** the topic's options, to read the choices by */
  options: TopicOption[]
  /** SHA-256 of the list (one line per entry: receipt,choice|choice,source) */
  hash: string
  /** my ballot's receipt, when I (or my household) voted */
  myReceipt: string | null
}

/** The voter roll (选民名册) as villages post it: names only, never anyone's choice. */
export interface RollView {
  /** the topic it belongs to, so a roll page needs no second call */
  topic?: Pick<Topic, 'title' | 'status' | 'opensAt' | 'publishedAt'>
  /** false while the topic is a draft: the roll is the register now, with the committee's amendments */
  frozen: boolean
  mode: VotingMode
  entries: Array<{ key: string; name: string; doorplate: string | null; gridName: string }>
  /** committee only: the amendments made to the draft, each with its reason */
  changes: RollChange[] | null
  /** committee, draft only: whom the register knows but the roll leaves out (may be added with a reason) */
  addable: Array<{ key: string; name: string; doorplate: string | null }> | null
}

export interface CommentView extends Omit<Comment, 'text' | 'hidden'> {
  /** null when hidden (others see 该评论已被隐藏; its author sees the reason) */
  text: string | null
  hidden: { reason: string | null } | null
  likedByMe: boolean
  mine: boolean
  /** a top-level comment's first replies (REPLIES_SHOWN); the rest: comments.list with its parentId, after repliesNext */
  replies: CommentView[]
  /** how many replies it has in all */
  replyCount: number
  /** where the replies not shown begin (the `after` of comments.list); null when all are shown */
  repliesNext: string | null
}

/** One page of a topic's discussion, oldest first, or of one comment's replies. */
export interface CommentPage {
  comments: CommentView[]
  /** every comment and reply of the topic (hidden ones too), or with parentId every reply of that comment */
  total: number
  /** give it back as `after` for the next page; null on the last */
  next: string | null
}

export interface ProposalView extends Proposal {
  cosignedByMe: boolean
  mine: boolean
}

// ---------------------------------------------------------------------------------------------
// inputs

const topicId = id
const INSTANT_MIN = Date.UTC(2020, 0, 1)
const INSTANT_MAX = Date.UTC(2100, 0, 1)

const topicBody = z.object({
  villageId,
  /** omitted: a new draft */
  topicId: topicId.optional(),
  title: text('标题', 40, 4),
  background: text('背景说明', 2000).or(z.literal('')).default(''),
  photos: z.array(z.string().max(300)).max(9, '最多9张照片').default([]),
  question: text('表决事项', 200, 4),
  kind: z.enum(['yesno', 'choice'], { errorMap: () => ({ message: '请选择表决方式' }) }),
  /** choice: the option labels, 2..10 (yesno ignores this) */
  options: z.array(text('选项', 40)).max(10, '最多10个选项').default([]),
  maxChoices: z.number().int().min(1).max(10).default(1),
  mode: z.enum(['person', 'household'], { errorMap: () => ({ message: '请选择按人还是按户表决' }) }),
  results: z.enum(['live', 'sealed'], { errorMap: () => ({ message: '请选择是否实时公开票数' }) }),
  // instants between 2020 and 2100: any other integer is a mistake (and would never close)
  opensAt: z.number().int('请选择开始时间').min(INSTANT_MIN, '开始时间无效').max(INSTANT_MAX, '开始时间无效'),
  closesAt: z.number().int('请选择截止时间').min(INSTANT_MIN, '截止时间无效').max(INSTANT_MAX, '截止时间无效'),
  /** the proposal this topic schedules */
  proposalId: id.optional(),
})

export const topicActions = {
  /**
   * Without a status: every open topic, then the ended ones (closed, decided, done) newest deadline first, TOPICS_PAGE at
   * a time — the next page is `after: topicsNext(page)`. With a status: that status's topics (the drafts), newest first.
   */
  'topics.list': action<TopicSummary[]>()(z.object({ villageId, status: z.enum(['draft', 'open', 'closed', 'decided', 'done']).optional(), after: cursor })),
  'topics.get': action<TopicDetail>()(z.object({ villageId, topicId })),
  /** which village a shared topic link belongs to (its name and place only, never the topic): for someone not in it */
  'topics.villageOf': action<VillageCard>()(z.object({ topicId })),
  'topics.save': action<TopicDetail>()(topicBody),
  /**
   * draft -> open (checks the options and the window, and fixes who may vote: its roll is then written by the job).
   * The opened topic alone: the page reads its detail afresh, and an answer of a few calls keeps publishing bounded.
   */
  'topics.publish': action<Pick<TopicDetail, 'topic'>>()(z.object({ villageId, topicId })),
  'topics.discard': action<{ removed: number }>()(z.object({ villageId, topicId })),
  /** closed -> decided */
  'topics.decide': action<TopicStep>()(z.object({ villageId, topicId, decision: text('决议内容', 2000, 4) })),
  /** decided -> (updates) -> done */
  'topics.addUpdate': action<TopicStep>()(
    z.object({ villageId, topicId, text: text('进展说明', 1000, 2), photos: z.array(z.string().max(300)).max(9, '最多9张照片').default([]), done: z.boolean().default(false) }),
  ),
  /** notify the residents (or 户代表) who have not voted yet */
  'topics.remind': action<{ reminded: number }>()(z.object({ villageId, topicId })),
  'topics.turnoutByGrid': action<GridTurnout[]>()(z.object({ villageId, topicId })),
  'topics.exportCsv': action<CsvFile>()(z.object({ villageId, topicId, kind: z.enum(['tally', 'turnout']), after: csvAfter })),
}

/** the meeting (榕树下议事): ballots the committee records, each told to its voter, who may object */
export const meetingActions = {
  /** committee: a ballot cast at the meeting, voter by voter; changing one already recorded needs a reason */
  'ballots.recordInPerson': action<Ballot>()(
    z.object({ villageId, topicId, voterPersonId: id, choices: z.array(id).min(1, '请选择').max(10, '选项过多'), reason: z.string().trim().max(200, '理由不超过200个字').optional() }),
  ),
  /** the voter: what the committee recorded for me at the meeting is wrong (before the close) */
  'ballots.object': action<Ballot>()(z.object({ villageId, topicId, reason: text('异议内容', 200, 2) })),
}

/** the published count (计票清单) of a closed topic */
export const countActions = {
  'topics.count': action<CountView>()(z.object({ villageId, topicId })),
  /** find one receipt on the count: is this ballot counted, and as what */
  'topics.receipt': action<{ receipt: string; choices: string[]; source: BallotSource }>()(
    z.object({ villageId, topicId, receipt: z.string().trim().toUpperCase().regex(/^[2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4}$/, '回执码是8位字母和数字，如 K7Q2-M8XP') }),
  ),
}

/** the voter roll (选民名册) */
export const rollActions = {
  /** the voter roll: published with the topic (names only); the committee also sees and amends the draft's */
  'topics.roll': action<RollView>()(z.object({ villageId, topicId })),
  /**
   * committee, draft only: add someone the register leaves out, or take someone off, always with a reason; answers the
   * draft's amendments (the roll itself, the whole register, is read again by topics.roll)
   */
  'topics.amendRoll': action<{ changes: RollChange[] }>()(
    z.object({ villageId, topicId, key: id, change: z.enum(['add', 'remove'], { errorMap: () => ({ message: '请选择加入或移出' }) }), reason: text('理由', 200, 2) }),
  ),
}

export const ballotActions = {
  /** my ballot, or with onBehalfOf the ballot of a person who made me their proxy */
  'ballots.cast': action<Ballot>()(
    z.object({ villageId, topicId, choices: z.array(id).min(1, '请选择').max(10, '选项过多'), onBehalfOf: id.optional() }),
  ),
  /**
   * who may vote on the topic, with whether they have (committee, to record the meeting): VOTERS_PAGE at a time in the
   * roll's order, the next page `after: page.next`; with q, the voters of that exact name or doorplate (one page)
   */
  'ballots.voters': action<VoterPage>()(
    z.object({ villageId, topicId, after: cursor, q: z.string().trim().max(40, '查找的姓名或门牌号不超过40个字').optional() }),
  ),
  'proxies.grant': action<Proxy>()(z.object({ villageId, topicId, proxyPersonId: id })),
  'proxies.revoke': action<{ revoked: number }>()(z.object({ villageId, topicId })),
  /** whom I may choose as my proxy: my household's members and my grid's worker */
  'proxies.candidates': action<Array<{ personId: string; name: string; why: string }>>()(z.object({ villageId, topicId })),
}

/** 村民提议 */
export const proposalActions = {
  'proposals.list': action<ProposalView[]>()(z.object({ villageId })),
  'proposals.create': action<ProposalView>()(z.object({ villageId, title: text('提议标题', 40, 4), background: text('提议理由', 1000, 10) })),
  'proposals.cosign': action<ProposalView>()(z.object({ villageId, proposalId: id })),
  /** the proposer takes it back, before it is put to a vote */
  'proposals.withdraw': action<ProposalView>()(z.object({ villageId, proposalId: id, reason: text('撤回理由', 200, 2) })),
}

export const commentActions = {
  /** a page of top-level comments with their first replies; with parentId, a page of that comment's replies */
  'comments.list': action<CommentPage>()(
    z.object({ villageId, topicId, parentId: id.nullable().default(null), after: cursor }),
  ),
  'comments.create': action<CommentView>()(
    z.object({ villageId, topicId, text: text('评论', 500, 2), stance: z.enum(['for', 'against', 'neutral']).nullable().default(null), parentId: id.nullable().default(null) }),
  ),
  'comments.like': action<{ liked: boolean; likes: number }>()(z.object({ villageId, commentId: id })),
  'comments.hide': action<CommentView>()(z.object({ villageId, commentId: id, reason: text('隐藏理由', 200, 2) })),
  /** its author: a new text (checked like a new comment), or the comment deleted; both audited */
  'comments.edit': action<CommentView>()(z.object({ villageId, commentId: id, text: text('评论', 500, 2) })),
  'comments.delete': action<{ deleted: true }>()(z.object({ villageId, commentId: id })),
}

/** the committee: reports (随手拍) that cluster, turned into one draft topic that they link to */
export const fromReportsActions = {
  'topics.fromReports': action<TopicDetail>()(
    z.object({
      villageId,
      reportIds: z.array(id, { invalid_type_error: '请选择上报' }).min(2, '请至少选择2条上报').max(20, '一次最多选择20条上报'),
      title: text('标题', 40, 4),
      question: text('表决事项', 200, 4),
    }),
  ),
}

export const deliberationActions = { ...topicActions, ...rollActions, ...ballotActions, ...meetingActions, ...countActions, ...proposalActions, ...commentActions, ...fromReportsActions }
