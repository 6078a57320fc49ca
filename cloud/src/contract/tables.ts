/**
 * The contract's zod-free tables: the words and lists that client and server must spell the same
 * way (roles, relations, the rules' words, status labels). The mini-program may import VALUES only
 * from here (`@contract/tables`); everything else in the contract it imports as types.
 * One word per state, for residents and the committee alike, on screen and in the CSV exports.
 */
import type { JoinStatus } from '../features/account/documents'
import type { BallotSource, ProposalStatus, TopicStatus, VotingMode } from '../features/deliberation/documents'
import type { RuleVersionStatus } from '../features/rules/documents'

export { ROLES, ROLE_LABELS, RELATIONS } from '../features/account/documents'
export { rulesWord, ADOPTION_MEETINGS, adoptionMeetings, chineseNumber, clauseLabel } from '../features/rules/documents'

/** 入村申请 */
export const JOIN_STATUS_LABELS: Record<JoinStatus, string> = { pending: '待审核', approved: '已通过', rejected: '未通过' }

/** 议题 */
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

/** a rules version as residents know it: the draft, the one in force, or one a newer version replaced */
export type RuleVersionState = 'draft' | 'current' | 'superseded'
export const RULE_VERSION_LABELS: Record<RuleVersionState, string> = { draft: '草稿', current: '现行', superseded: '已废止' }
export const ruleVersionState = (v: { status: RuleVersionStatus; current: boolean }): RuleVersionState =>
  v.status === 'draft' ? 'draft' : v.current ? 'current' : 'superseded'
