/**
 * The deliberation feature's words: stances, the quorum rule, the time left, and the tones of the
 * states (their words are the contract's tables, shared with the server).
 */
import type { ProposalStatus, Stance, TopicResult, TopicStatus, Turnout, VotingMode } from '@contract'
import { quorumWords } from '@/shared/quorum-words'
import { PROPOSAL_STATUS_LABELS, TOPIC_STATUS_LABELS, TOPIC_UPCOMING_LABEL } from '@contract/tables'
import { formatTime } from '@/shared/time'

/** what one vote is counted in */
export const MODE_UNITS: Record<VotingMode, '人' | '户'> = { person: '人', household: '户' }

export const STANCE_LABELS: Record<Stance, string> = { for: '赞成', against: '反对', neutral: '中立' }
export const STANCE_TONES = { for: 'green', against: 'red', neutral: 'grey' } as const
export const STANCES: Stance[] = ['for', 'against', 'neutral']

type Tone = 'default' | 'red' | 'green' | 'gold' | 'grey'

/** a resident takes part (votes, comments, likes, proposes, co-signs); staff who only serve the village read (the server's ACCESS.resident) */
export { takesPart } from '@contract/tables'

/** open with opensAt still ahead */
export const isUpcoming = (t: { status: TopicStatus; opensAt: number }, now = Date.now()) => t.status === 'open' && t.opensAt > now
/** closed, decided or done: the votes are counted */
export const isClosed = (status: TopicStatus) => status === 'closed' || status === 'decided' || status === 'done'

const TOPIC_TONES: Record<TopicStatus, Tone> = { draft: 'grey', open: 'red', closed: 'gold', decided: 'green', done: 'grey' }

/** 草稿 / 即将开始 / 投票中 / 待公布决议 / 已公布决议 / 已办结 */
export function statusTag(t: { status: TopicStatus; opensAt: number }, now = Date.now()): { text: string; tone: Tone } {
  if (isUpcoming(t, now)) return { text: TOPIC_UPCOMING_LABEL, tone: 'gold' }
  return { text: TOPIC_STATUS_LABELS[t.status], tone: TOPIC_TONES[t.status] }
}

const PROPOSAL_TONES: Record<ProposalStatus, Tone> = { collecting: 'gold', accepted: 'red', scheduled: 'green', withdrawn: 'grey' }
export const proposalTag = (status: ProposalStatus): { text: string; tone: Tone } => ({ text: PROPOSAL_STATUS_LABELS[status], tone: PROPOSAL_TONES[status] })

/** 还剩2天 / 还剩5小时 / 还剩20分钟 / 已截止 */
export function timeLeft(closesAt: number, now = Date.now()): string {
  const ms = closesAt - now
  if (ms <= 0) return '已截止'
  const hours = Math.floor(ms / 3_600_000)
  if (hours >= 24) return `还剩${Math.floor(hours / 24)}天`
  if (hours >= 1) return `还剩${hours}小时`
  return `还剩${Math.max(1, Math.ceil(ms / 60_000))}分钟`
}

/** 截止 11月30日 18:00 · 还剩2天, or when it opens, or when it closed */
export function deadlineText(t: { status: TopicStatus; opensAt: number; closesAt: number }, now = Date.now()): string {
  if (t.status === 'draft') return `拟于 ${formatTime(t.opensAt, now)} 开始`
  if (isUpcoming(t, now)) return `${formatTime(t.opensAt, now)} 开始投票 · 截止 ${formatTime(t.closesAt, now)}`
  if (t.status === 'open') return `截止 ${formatTime(t.closesAt, now)} · ${timeLeft(t.closesAt, now)}`
  return `已于 ${formatTime(t.closesAt, now)} 截止`
}

/** the quorum rule of the 村民委员会组织法: 法定人数：有表决权的 7 人过半数，即至少 4 人参与 */
export function quorumExplained(mode: VotingMode, t: Pick<Turnout, 'eligible' | 'quorumNeeded'>): string {
  return mode === 'household'
    ? `法定人数：${t.eligible} 户的三分之二以上，即至少 ${t.quorumNeeded} 户参与`
    : `法定人数：有表决权的 ${t.eligible} 人过半数，即至少 ${t.quorumNeeded} 人参与`
}

/** how far from the quorum, in plain words: 已有 1/4 户参与，还差2户就够数了 / 已有 3/4 户参与，人数够了，表决有效 */
export function quorumText(mode: VotingMode, t: Turnout): string {
  return quorumWords(MODE_UNITS[mode], t, t.quorumMet) + (t.quorumMet ? '，表决有效' : '')
}

/** the result in a few characters for the list: 有效·通过 / 有效·未通过 / 未达法定人数 */
export function resultLine(r: TopicResult): { text: string; tone: Tone } {
  if (!r.valid) return { text: '未达法定人数', tone: 'grey' }
  if (r.carried.includes('yes')) return { text: '有效·通过', tone: 'green' }
  if (r.carried.length === 0 || r.carried.includes('no')) return { text: '有效·未通过', tone: 'red' }
  return { text: '有效·已有选项过半数', tone: 'green' }
}
