/** 手机上议事's documents as stored. Instants are epoch ms; every document carries its villageId. */

/**
 * draft -> open -> closed -> decided -> done. `open` with opensAt in the future is shown as 即将开始;
 * the time-driven job closes an open topic at closesAt.
 */
import { hereWord, type VillageKind } from '../account/documents'
import type { Sha256State } from '../../common/sha256'
export type TopicStatus = 'draft' | 'open' | 'closed' | 'decided' | 'done'
/** person: every resident (村民/居民) votes; household: one vote per household, cast by its 户代表 */
export type VotingMode = 'person' | 'household'
/** yesno: 赞成/反对/弃权; choice: several options, pick 1..maxChoices */
export type TopicKind = 'yesno' | 'choice'
export type ResultsVisibility = 'live' | 'sealed'

export interface TopicOption {
  /** stable within the topic: 'yes' | 'no' | 'abstain' for yesno, o1, o2… for choice */
  id: string
  label: string
  /** 弃权 takes part in turnout and in the base of the majority but never carries */
  abstain?: boolean
}

export interface ImplementationUpdate {
  id: string
  text: string
  photos: string[]
  /** the last update marks the decision as carried out (status done) */
  done: boolean
  byName: string
  at: number
}

export interface Topic {
  /** `${villageId}:t${seq}` or generated */
  _id: string
  villageId: string
  title: string
  background: string
  /** fileIds (Files port) */
  photos: string[]
  question: string
  kind: TopicKind
  options: TopicOption[]
  /** choice: how many options a ballot may pick (1 for a single choice) */
  maxChoices: number
  mode: VotingMode
  results: ResultsVisibility
  opensAt: number
  closesAt: number
  status: TopicStatus
  /** the proposal this topic came from, if residents proposed it */
  proposalId: string | null
  /** the 随手拍 reports a draft was made from (topics.fromReports): discarding the draft gives them back */
  reportIds?: string[]
  /** fixed when the topic opens: how many may vote (persons or households), the size of its roll */
  eligibleCount: number
  /** a draft's: how many the register held in its mode when it was last saved (sizes the counters when it opens) */
  registerSize?: number
  /** the frozen voter roll is stored in this many topicRolls chunks (absent on topics opened before rolls existed) */
  rollChunks?: number
  /** and in this many topicRollPages, in the committee's order (absent on topics opened before the paged exports) */
  rollPages?: number
  /**
   * chunk i of the roll holds the voter keys from rollBounds[i] up to the next bound (rolls written by the job a batch
   * of the register at a time, in key order); absent on rolls split by a hash of the key
   */
  rollBounds?: string[]
  /** from the opening until its roll is written: the job writing it a batch at a time, where it stopped */
  rollJob?: RollJob | null
  /** the committee's amendments to the draft roll, each with its reason (applied when the topic opens) */
  rollChanges?: RollChange[]
  /** set when the count (计票清单) is ready: it is in this many topicCounts chunks, and its SHA-256 */
  countChunks?: number
  countHash?: string
  /** from the close until the count is ready: the job building it in batches, where it stopped */
  countJob?: CountJob | null
  /** its counters are in this many topicTallies shards, written with every ballot (absent on topics opened before the counters) */
  tallyShards?: number
  /** set at the close: the final counts, read from here afterwards */
  final?: TallyCounts
  /**
   * the comments everyone sees (neither hidden nor deleted, replies included), kept in the transaction of every
   * comment written, hidden or deleted (absent on topics from before the counter: counted on read until the migration)
   */
  commentCount?: number
  /**
   * every comment and reply written on the topic, hidden and deleted ones too (the thread keeps their places): the
   * discussion's heading; one more in the transaction of each comment written (absent before the counter: counted)
   */
  commentTotal?: number
  createdBy: string
  createdByName: string
  createdAt: number
  publishedAt: number | null
  closedAt: number | null
  decision: { text: string; byName: string; at: number } | null
  updates: ImplementationUpdate[]
  /** when the committee last reminded those who have not voted (at most once every 6 hours) */
  remindedAt?: number | null
  /** from the committee's reminder until everyone on the roll who had not voted is told: the job telling them a roll chunk at a time */
  remindJob?: RemindJob | null
  /** when the job told those who had not voted that it closes within a day (once per topic) */
  closingNoticeAt?: number | null
}

/**
 * The job that writes an opened topic's roll a batch of the register at a time (members in person mode, households in
 * household mode, in key order): each batch is one topicRolls chunk, written with the cursor in one transaction, so a
 * run cut anywhere goes on from the last batch it wrote. Who is on it is fixed at the opening (members who joined by
 * publishedAt, with the committee's amendments): ballots cast meanwhile are checked by that rule.
 */
export interface RollJob {
  /** the last key of the register read (null: none yet) */
  after: string | null
  /** chunks written so far, the first key each covers, and the voters in them */
  chunks: number
  bounds: string[]
  total: number
  startedAt: number
}

/**
 * The job that tells the voters on a topic's roll who have not voted that the committee reminds them: a roll chunk a
 * step (its voters' ballots read by id), the chunk's notice written with the cursor in one transaction, so that a run
 * cut anywhere goes on from the last chunk it told and nobody is told twice by one reminder.
 */
export interface RemindJob {
  /** the next roll chunk to read */
  chunk: number
  /** people told so far */
  told: number
  title: string
  body: string
  startedAt: number
}

/**
 * The job that builds a closed topic's count (计票清单) a batch of ballots at a time, in receipt order, each
 * batch one topicCounts chunk written with the cursor in one transaction: a run cut anywhere goes on from
 * the last batch it wrote. A topic whose counts were never kept as counters also gets them here.
 */
export interface CountJob {
  /** false: the count was published before (a topic closed before the counters), only the counts are built */
  publish: boolean
  /** the last ballot read: its receipt ('' when reading in _id order, for the counts alone) and _id */
  after: { receipt: string; id: string } | null
  /** chunks written so far, and the ballots in them */
  chunks: number
  total: number
  /** the SHA-256 of the list so far */
  sha: Sha256State
  /** the counts of the ballots read so far, for a topic without counters (null: its shards hold them) */
  counts: TallyCounts | null
  startedAt: number
}

/** An amendment to a draft topic's voter roll: someone the register leaves out, or someone it should not count. */
export interface RollChange {
  /** personId (按人) or householdId (按户) */
  key: string
  name: string
  /** tells apart two people of the same name */
  doorplate?: string | null
  change: 'add' | 'remove'
  reason: string
  byName: string
  at: number
}

/** One entry of a topic's voter roll (选民名册): a person, or a household with its 户代表. */
export interface RollEntry {
  /** personId in person mode, householdId in household mode */
  key: string
  /** the person who votes (the 户代表 in household mode) */
  personId: string
  name: string
  householdId: string | null
  gridId: string | null
  doorplate: string | null
}

/**
 * A chunk of a topic's frozen voter roll, `${topicId}:roll${i}`: the roll is split by a hash of the
 * voter key, so that checking one voter reads one small document however large the village.
 */
export interface TopicRoll {
  _id: string
  villageId: string
  topicId: string
  entries: RollEntry[]
}

export type BallotSource = 'online' | 'proxy' | 'meeting'
export interface Ballot {
  /** `${topicId}:${voterKey}`: one ballot per voter, so a second cast changes this one */
  _id: string
  villageId: string
  topicId: string
  /** personId in person mode, householdId in household mode */
  voterKey: string
  /** the person whose vote it is (the 户代表 in household mode) */
  personId: string
  householdId: string | null
  gridId: string | null
  choices: string[]
  source: BallotSource
  /** who pressed the button: the voter, their proxy, or the committee member recording the meeting */
  castBy: string
  castByName: string
  castAt: number
  /** how many times it was changed before the close */
  changes: number
  /** 投票回执: given with the first cast and kept when the ballot changes; the voter finds it on the published count */
  receipt?: string
  /** a meeting ballot's earlier entries, each replaced by a correction with its reason (never silently) */
  history?: Array<{ choices: string[]; castByName: string; castAt: number; reason: string }>
  /** the voter's objection to what the committee recorded for them at the meeting (before the close) */
  objection?: { reason: string; at: number } | null
}

/**
 * A topic's counts, kept as counters: ballots by how they were cast, votes per option id, and per grid
 * (keyed by gridField: CloudBase field names take letters, digits and _ only) the ballots and the voters on the roll.
 */
export interface TallyCounts {
  ballots: Record<BallotSource, number>
  votes: Record<string, number>
  grids: Record<string, number>
  eligible: Record<string, number>
}

/**
 * One shard of a topic's counters, `${topicId}:tally${k}`: a voter's ballot is counted in the shard its
 * key hashes to (its roll entry too), so that voters casting at once on CloudBase seldom hold the same
 * document, and a read sums a few small documents however many ballots there are.
 */
export interface TopicTally extends TallyCounts {
  _id: string
  villageId: string
  topicId: string
  shard: number
  /** set by the close, in its transaction: no ballot counts on it afterwards (sealShards) */
  sealed?: boolean
}

/** One counted ballot on a topic's published count (计票清单): no voter, only the voter's receipt. */
export interface CountEntry {
  receipt: string
  /** option ids */
  choices: string[]
  source: BallotSource
}

/** A chunk of a closed topic's count, `${topicId}:count${i}`, in the published (random) order. */
export interface TopicCount {
  _id: string
  villageId: string
  topicId: string
  /** its place in the list */
  index: number
  entries: CountEntry[]
}

/** 代投: a resident lets a family member or the grid worker vote for them on one topic. */
export interface Proxy {
  /** `${topicId}:${grantorPersonId}` */
  _id: string
  villageId: string
  topicId: string
  grantorId: string
  grantorName: string
  proxyId: string
  proxyName: string
  at: number
  revoked: boolean
  /** set when the proxy voted */
  usedAt: number | null
}

export type ProposalStatus = 'collecting' | 'accepted' | 'scheduled' | 'withdrawn'
export interface Proposal {
  _id: string
  villageId: string
  title: string
  background: string
  proposerId: string
  proposerName: string
  /** co-signers needed (the village's setting) */
  needed: number
  cosigns: number
  status: ProposalStatus
  topicId: string | null
  createdAt: number
  acceptedAt: number | null
  /** set when the proposer withdrew it, with their reason */
  withdrawnAt?: number | null
  withdrawReason?: string | null
}

export type Stance = 'for' | 'against' | 'neutral'
export interface Comment {
  _id: string
  villageId: string
  topicId: string
  /** one level of replies: a reply's parent is a top-level comment */
  parentId: string | null
  authorId: string
  authorName: string
  text: string
  stance: Stance | null
  likes: number
  createdAt: number
  hidden: { reason: string; byName: string; at: number } | null
  /** when its author last changed the text (我的 → 我的记录) */
  editedAt?: number | null
  /** when its author deleted it: the text is gone, its place (and its replies) stay */
  deletedAt?: number | null
}

export interface Cosign {
  /** `${proposalId}:${personId}`: signing twice finds the same record */
  _id: string
  villageId: string
  proposalId: string
  personId: string
  name: string
  at: number
}

export interface CommentLike {
  /** `${commentId}:${personId}`: one like per person, pressing again takes it back */
  _id: string
  villageId: string
  topicId: string
  commentId: string
  personId: string
  at: number
}

/** 议题 */
/** ended topics per page of topics.list (every open topic comes with the first) */
export const TOPICS_PAGE = 20

/** The `after` of topics.list's next page, from the page it gave: its last ended topic's deadline and id; null when it was the last. */
export function topicsNext(page: ReadonlyArray<{ id: string; status: TopicStatus; closesAt: number }>): string | null {
  const ended = page.filter((t) => t.status !== 'open' && t.status !== 'draft')
  const last = ended[ended.length - 1]
  return ended.length >= TOPICS_PAGE && last ? `${last.closesAt}:${last.id}` : null
}

export const TOPIC_STATUS_LABELS: Record<TopicStatus, string> = {
  draft: '草稿',
  open: '投票中',
  closed: '待公布决议',
  decided: '已公布决议',
  done: '已办结',
}
/** an open topic whose voting has not begun yet */
export const TOPIC_UPCOMING_LABEL = '即将开始'

/** 村民提议 */
export const PROPOSAL_STATUS_LABELS: Record<ProposalStatus, string> = {
  collecting: '征集联署中',
  accepted: '已提交村委会',
  scheduled: '已安排表决',
  withdrawn: '已撤回',
}

/** how a ballot was cast (the CSV's 投票方式, the tally's 其中：… rows) */
export const BALLOT_SOURCE_LABELS: Record<BallotSource, string> = { online: '线上投票', meeting: '现场表决', proxy: '代投' }
/** the same words cut to fit a tag or a count: 已投·线上, 线上 2 · 现场 1 */
export const BALLOT_SOURCE_SHORT: Record<BallotSource, string> = { online: '线上', meeting: '现场', proxy: '代投' }

/** who votes: one vote per person, or per household (cast by its 户代表) */
export const VOTING_MODE_LABELS: Record<VotingMode, string> = { person: '按人表决', household: '按户表决' }

/**
 * Why a member without the resident role (hall staff, a town officer, a grid worker who lives elsewhere) takes
 * no part: they serve the village and read its topics, but the votes, comments, likes and proposals are the residents'.
 */
export const staffNote = (kind: VillageKind): string => `您是${hereWord(kind)}的服务人员，不参与表决、评论和提议`

declare module '../../ports/store' {
  interface Collections {
    topics: Topic
    topicRolls: TopicRoll
    /** the frozen roll once more, sorted and cut in pages of ROLL_PAGE_SIZE: the turnout CSV reads one per call */
    topicRollPages: TopicRoll
    topicCounts: TopicCount
    topicTallies: TopicTally
    ballots: Ballot
    proxies: Proxy
    proposals: Proposal
    cosigns: Cosign
    comments: Comment
    commentLikes: CommentLike
  }
}
