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
    // the party members' commitments on the rules page: a few among a version's thousands of agreements
    ruleAgreements: { indexes: [['versionId', 'at'], ['villageId', 'personId'], ['versionId', 'partyCommitment', 'partyCommitmentAt']] },
  },
  seed: { marker: 'demo-rules-v1', run: seedRules },
})
