/** 操作记录: the audit log every feature writes (common/audit.ts), read and checked by the committee and the town. */
import { defineFeature } from '../../feature'
import { auditActions } from './contract'
import { auditHandlers } from './handlers'
import { linkPendingAudit } from './jobs'
import { chainExistingEntries } from './seed'

export const auditFeature = defineFeature({
  name: 'audit',
  actions: auditActions,
  handlers: auditHandlers,
  collections: {
    // pending entries by their village (the log's first page, the job's batch) and of all villages (the job's next)
    auditLog: { indexes: [['villageId', 'seq'], ['villageId', 'targetType', 'targetId'], ['villageId', 'actorId'], ['villageId', 'action'], ['villageId', 'at'], ['villageId', 'pending', 'at'], ['pending', 'at']] },
    auditHeads: {},
  },
  jobSteps: { auditLinked: linkPendingAudit },
  seed: { marker: 'audit-chain-v1', run: chainExistingEntries },
})
