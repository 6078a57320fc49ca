/** 村规民约 / 居民公约: versions, reading, agreeing, drafting and follow-up. */
import { defineFeature } from '../../feature'
import { rulesActions } from './contract'
import { rulesHandlers } from './handlers'
import { seedRules } from './seed'

export const rules = defineFeature({
  name: 'rules',
  actions: rulesActions,
  handlers: rulesHandlers,
  collections: {
    ruleVersions: { indexes: [['villageId']] },
    ruleAgreements: { indexes: [['versionId', 'at'], ['villageId', 'personId']] },
  },
  seed: { marker: 'demo-rules-v1', run: seedRules },
})
