/**
 * The audit log's words. The entries and the chain heads are stored by common/audit.ts (every feature
 * writes them); this feature reads and checks them. Zod-free: the client imports these values.
 */

export { AUDIT_ACTION_LABELS, auditActionLabel } from '../../common/audit-labels'

/** the actorId of what the time-driven job did */
export const SYSTEM_ACTOR = 'system'

/** entries per page of the log */
export const AUDIT_PAGE = 30
