/** Who may call the audit feature's actions (see cloud/src/matrix.ts for the personas and what a cell means). */
import type { Matrix } from '../../matrix'
import { allow } from '../../matrix'
import type { auditFeature } from './module'

// the committee, and the officers of the village's own town (an officer of another town is no member there)
const READERS = allow('committee', 'townOfficer')

export const auditMatrix: Matrix<typeof auditFeature.actions> = {
  'audit.list': READERS,
  'audit.actors': READERS,
  'audit.verify': READERS,
}
