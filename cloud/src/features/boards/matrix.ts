/** Who may call the boards' actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS } from '../../matrix'
import type { boards } from './module'

export const boardsMatrix: Matrix<typeof boards.actions> = {
  // the boards are the village's: every member reads them, staff and town officers included
  'boards.list': ROWS.members,
  'boards.entry': ROWS.members,
  'boards.mine': ROWS.members,
  'boards.ranking': ROWS.members,
  'councils.list': ROWS.members,
  'boards.create': ROWS.committee,
  'boards.issue': ROWS.committee,
  'boards.withdraw': ROWS.committee,
  'boards.decideAppeal': ROWS.committee,
  'boards.manage': ROWS.committee,
  'boards.settings': ROWS.committee,
  'boards.setSettings': ROWS.committee,
  'councils.appoint': ROWS.committee,
  'councils.remove': ROWS.committee,
  // only the named household appeals: the sample is an entry in its notice period naming 陈建国's household
  'boards.appeal': allow('householdRep'),
  // nominating is taking part: residents, not staff
  'boards.nominate': ROWS.residents,
  // the 道德评议会 (林水生 in the demo) and the committee
  'boards.nominations': allow('committee', 'partyMember'),
  'boards.reviewNomination': allow('committee', 'partyMember'),
}
