/** 操作记录: the audit log every feature writes (common/audit.ts), read and checked by the committee and the town. */
import { defineFeature } from '../../feature'
import { auditActions } from './contract'
import { auditHandlers } from './handlers'
import { chainExistingEntries } from './seed'

export const auditFeature = defineFeature({
  name: 'audit',
  actions: auditActions,
  handlers: auditHandlers,
  collections: {
    auditLog: { indexes: [['villageId', 'seq'], ['villageId', 'targetType', 'targetId'], ['villageId', 'actorId'], ['villageId', 'action'], ['villageId', 'at']] },
    auditHeads: {},
  },
  seed: { marker: 'audit-chain-v1', run: chainExistingEntries },
})
