/** Who may call the workspace actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow, WHO } from '../../matrix'
import type { workspace } from './module'

export const workspaceMatrix: Matrix<typeof workspace.actions> = {
  // every grid worker has a workspace: their own grids'
  'workspace.grid': allow(WHO.gridWorkers),
  'workspace.visits': allow(WHO.gridWorkers),
  // the sample pages 第一网格: its grid worker only (第三网格's is refused)
  'workspace.households': allow('gridWorker'),
  // the sample visits a household of 第一网格: its grid worker only (第三网格's is refused, nothing written)
  'workspace.recordVisit': allow('gridWorker'),
  // an officer of another town is no member of 新山村
  'workspace.town': allow('townOfficer'),
  'workspace.hall': allow('hallStaff'),
}
