/** Workspaces for those who serve a village: 网格员工作 (households, follow-up, 走访记录), the town's villages at once, the hall's day. */
import { defineFeature } from '../../feature'
import { workspaceActions } from './contract'
import { workspaceHandlers } from './handlers'
import { seedWorkspace } from './seed'

export const workspace = defineFeature({
  name: 'workspace',
  actions: workspaceActions,
  handlers: workspaceHandlers,
  collections: {
    visits: { indexes: [['villageId', 'visitorId'], ['villageId', 'householdId']] },
  },
  seed: { marker: 'demo-workspace-v1', run: seedWorkspace },
})
