/** Who may call the 村务公开 actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { ROWS } from '../../matrix'
import type { affairs } from './module'

export const affairsMatrix: Matrix<typeof affairs.actions> = {
  // everyone who belongs to the village reads its notices and duty list, staff included
  'affairs.notices': ROWS.members,
  'affairs.notice': ROWS.members,
  'affairs.duties': ROWS.members,
  'affairs.duty': ROWS.members,
  'affairs.finance': ROWS.members,
  'affairs.publishNotice': ROWS.committee,
  'affairs.removeNotice': ROWS.committee,
  'affairs.saveDuty': ROWS.committee,
  'affairs.importFinance': ROWS.committee,
}
