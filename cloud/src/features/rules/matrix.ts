/** Who may call the rules feature's actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS } from '../../matrix'
import type { rules } from './module'

export const rulesMatrix: Matrix<typeof rules.actions> = {
  // everyone who serves the village reads its rules
  'rules.status': ROWS.members,
  'rules.current': ROWS.members,
  'rules.versions': ROWS.members,
  'rules.version': ROWS.members,
  // 承诺遵守 is a resident's; the public commitment a party member's (林志强 and 林水生 are party members)
  'rules.agree': ROWS.residents,
  'rules.partyCommit': allow('partyMember', 'committee'),
  'rules.startDraft': ROWS.committee,
  'rules.saveDraft': ROWS.committee,
  'rules.discardDraft': ROWS.committee,
  'rules.publish': ROWS.committee,
  // grid-scoped: the sample asks for 第一网格, which the other grid's worker may not see (只能查看您负责的网格)
  'rules.followUp': allow('committee', 'gridWorker'),
  'rules.exportCsv': ROWS.committee,
}
