/** 村务公开: the committee's notices with read marks, the 小微权力清单 with its 办事指南, and 财务公开. */
import { defineFeature } from '../../feature'
import { affairsActions } from './contract'
import { affairsHandlers } from './handlers'
import { seedAffairs } from './seed'

export const affairs = defineFeature({
  name: 'affairs',
  actions: affairsActions,
  handlers: affairsHandlers,
  collections: {
    notices: { indexes: [['villageId', 'category']] },
    noticeReads: { indexes: [['villageId', 'personId'], ['noticeId']] },
    duties: { indexes: [['villageId', 'kind']] },
    financePeriods: { indexes: [['villageId']] },
  },
  seed: { marker: 'demo-affairs-v1', run: seedAffairs },
})
