/** 红黑榜 and 善行义举榜: board entries with notice and appeal, good-deeds nominations, the 四会, board settings. */
import { defineFeature } from '../../feature'
import { boardsActions } from './contract'
import { boardsHandlers } from './handlers'
import { expireOld, publishNoticed } from './jobs'
import { seedBoards } from './seed'

export const boards = defineFeature({
  name: 'boards',
  actions: boardsActions,
  handlers: boardsHandlers,
  collections: {
    boardEntries: { indexes: [['villageId', 'board', 'status'], ['status', 'noticeUntil'], ['status', 'expiresAt'], ['villageId', 'responsible.householdId'], ['villageId', 'responsible.personId']] },
    nominations: { indexes: [['villageId', 'status'], ['villageId', 'by']] },
    councilMembers: { indexes: [['villageId', 'council'], ['villageId', 'personId']] },
    boardSettings: {},
  },
  jobSteps: { boardsPublished: publishNoticed, boardsExpired: expireOld },
  seed: { marker: 'demo-boards-v1', run: seedBoards },
})
