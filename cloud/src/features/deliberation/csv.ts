/** The deliberation's CSV exports: the tally with the verdict, and the turnout voter by voter (never anyone's choices). */
import type { OptionTally, TopicResult, Turnout } from './contract'
import { BALLOT_SOURCE_LABELS, type Ballot } from './documents'
import { toCsv, type Cell } from '../../common/csv'
import { type Voter } from './policy'
import { shanghaiTime } from '../../common/time'

export const TALLY_HEADERS = ['项目', '票数', '占参加表决的比例(%)', '结果']
/** One row per option, then the turnout and the verdict in the same columns. */
export function tallyCsv(tally: OptionTally[], turnout: Turnout, result: TopicResult | null, unit: '人' | '户'): { content: string; rows: number } {
  const rows: Cell[][] = tally.map((o) => [o.label, o.votes, o.percent, o.carries ? '超过半数' : ''])
  rows.push(
    [`参加表决（${unit}）`, turnout.participants, turnout.participants ? 100 : 0, ''],
    [`其中：${BALLOT_SOURCE_LABELS.online}（含${BALLOT_SOURCE_LABELS.proxy}）`, turnout.online, '', ''],
    [`其中：${BALLOT_SOURCE_LABELS.proxy}`, turnout.proxy ?? 0, '', ''],
    [`其中：${BALLOT_SOURCE_LABELS.meeting}`, turnout.inPerson, '', ''],
    [`应参加（${unit}）`, turnout.eligible, '', ''],
    [`法定人数（${unit}）`, turnout.quorumNeeded, '', turnout.quorumMet ? '已达到' : '未达到'],
  )
  if (result) rows.push(['结论', '', '', result.summary])
  return { content: toCsv(TALLY_HEADERS, rows), rows: rows.length }
}

export const TURNOUT_HEADERS = ['网格', '门牌号', '投票人', '已投票', '投票方式', '投票时间', '经办人']
/** Every voter who may vote, in the committee's order, with whether and how they voted. */
export function turnoutCsv(
  voters: Voter[],
  ballots: ReadonlyMap<string, Pick<Ballot, 'source' | 'castAt' | 'castByName'>>,
  gridNames: ReadonlyMap<string, string>,
  /** a later page has no header */
  first = true,
): { content: string; rows: number } {
  const rows: Cell[][] = voters.map((v) => {
    const b = ballots.get(v.key)
    return [
      v.gridId ? gridNames.get(v.gridId) ?? '' : '未分网格',
      v.doorplate ?? '',
      v.name,
      !!b,
      b ? BALLOT_SOURCE_LABELS[b.source] : '',
      b ? shanghaiTime(b.castAt) : '',
      b && b.source !== 'online' ? b.castByName : '',
    ]
  })
  return { content: toCsv(TURNOUT_HEADERS, rows, first), rows: rows.length }
}
