/** The rules' CSV exports: the follow-up list and the agreements (the CSV writer is shared: ../csv). */
import type { Grid, Household } from '../account/documents'
import type { RuleAgreement } from './documents'
import type { FollowUpHousehold } from './contract'
import { versionLabel } from './policy'
import { shanghaiTime } from '../../common/time'
import { BOM, csvCell, toCsv, type Cell } from '../../common/csv'

export { BOM, csvCell, toCsv, type Cell }

export const FOLLOW_UP_HEADERS = ['网格', '门牌号', '户主', '姓名', '与户主关系', '本户已有人承诺', '最近承诺的版本', '最近承诺时间']
/** the pending persons of each grid's households, in the order given; `first` false: a later page of the file (no header) */
export function followUpCsv(groups: Array<{ gridName: string; households: FollowUpHousehold[] }>, first = true): { content: string; rows: number } {
  const rows: Cell[][] = []
  for (const g of groups)
    for (const h of g.households)
      for (const p of h.pending)
        rows.push([
          g.gridName,
          h.doorplate,
          h.headName,
          p.name,
          p.relation ?? '',
          h.householdAgreed,
          p.agreedVersion === null ? '从未承诺' : versionLabel(p.agreedVersion),
          p.agreedAt === null ? '' : shanghaiTime(p.agreedAt),
        ])
  return { content: toCsv(FOLLOW_UP_HEADERS, rows, first), rows: rows.length }
}

export const AGREEMENT_HEADERS = ['版本', '姓名', '门牌号', '网格', '承诺时间', '党员亮身份承诺', '亮身份时间']
/**
 * Agreements, newest version first, then in the order they were made (ties by id: the order the export's keyset pages
 * read them in, so that the pages join); `first` false: a later page of the file (no header).
 */
export function agreementsCsv(agreements: RuleAgreement[], households: Household[], grids: Grid[], first = true): { content: string; rows: number } {
  const doorplate = new Map(households.map((h) => [h._id, h.doorplate]))
  const gridName = new Map(grids.map((g) => [g._id, g.name]))
  const sorted = [...agreements].sort((a, b) => b.number - a.number || a.at - b.at || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0))
  const rows: Cell[][] = sorted.map((a) => [
    versionLabel(a.number),
    a.name,
    a.householdId ? doorplate.get(a.householdId) ?? '' : '',
    a.gridId ? gridName.get(a.gridId) ?? '' : '',
    shanghaiTime(a.at),
    a.partyCommitment,
    a.partyCommitmentAt ? shanghaiTime(a.partyCommitmentAt) : '',
  ])
  return { content: toCsv(AGREEMENT_HEADERS, rows, first), rows: rows.length }
}
