/** Who may call the report actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, ROWS, WHO } from '../../matrix'
import type { reports } from './module'

/**
 * the samples' reports are in 第一网格: its grid worker, the committee and the town's officer handle them; a
 * grid worker of 第三网格 and everyone else are refused (FORBIDDEN, nothing written)
 */
const HANDLE_G1 = allow('committee', 'gridWorker', 'townOfficer')
/** the sample for confirm and reopen is 李桂兰's own resolved report: only its reporter */
const REPORTER = allow('resident')

export const reportsMatrix: Matrix<typeof reports.actions> = {
  'reports.settings': ROWS.members,
  // 民情地图 and nearby reports are the village's: staff read them as residents do
  'reports.map': ROWS.members,
  'reports.nearby': ROWS.members,
  'reports.mine': ROWS.members,
  'reports.get': ROWS.members,
  // filing and 同问 are the residents' (the sample for 同问 is 吴丽华's, whom no persona is)
  'reports.create': ROWS.residents,
  'reports.metoo': ROWS.residents,
  'reports.confirm': REPORTER,
  'reports.reopen': REPORTER,
  // every grid worker has a queue (their own grids'), as do the committee and the town
  'reports.queue': allow('committee', WHO.gridWorkers, 'townOfficer'),
  'reports.accept': HANDLE_G1,
  'reports.reject': HANDLE_G1,
  'reports.transfer': HANDLE_G1,
  'reports.start': HANDLE_G1,
  'reports.resolve': HANDLE_G1,
  'reports.figures': allow('committee', WHO.gridWorkers, 'townOfficer'),
  // the town's figures are its officers'; an officer of another town is no member of 新山村
  'reports.town': allow('townOfficer'),
  'reports.exportCsv': allow('committee', 'townOfficer'),
  'reports.clusters': ROWS.committee,
  'reports.setSettings': ROWS.committee,
}
