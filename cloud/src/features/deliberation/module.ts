/** 手机上议事: topics, ballots (online, proxy, meeting), proposals and comments. */
import { defineFeature } from '../../feature'
import { deliberationActions } from './contract'
import { deliberationHandlers } from './handlers'
import { closeDueTopics, remindClosingTopics } from './jobs'
import { seedDeliberation } from './seed'

export const deliberation = defineFeature({
  name: 'deliberation',
  actions: deliberationActions,
  handlers: deliberationHandlers,
  collections: {
    topics: { indexes: [['villageId', 'status', 'closesAt'], ['status', 'closesAt']] },
    // a chunk of 100 voters is read by every ballot: parsing it was half of a ballot's time
    topicRolls: { indexes: [['topicId']], cached: true },
    topicCounts: { indexes: [['topicId']] },
    topicTallies: { indexes: [['topicId']] },
    ballots: { indexes: [['topicId', 'source'], ['villageId', 'personId']] },
    proxies: { indexes: [['topicId', 'proxyId']] },
    proposals: { indexes: [['villageId']] },
    cosigns: { indexes: [['villageId', 'personId']] },
    // a page: a topic's top-level comments (parentId null) or one comment's replies, in createdAt order
    comments: { indexes: [['topicId', 'parentId', 'createdAt'], ['villageId', 'authorId']] },
    commentLikes: { indexes: [['topicId', 'personId']] },
  },
  jobSteps: { topicsClosed: closeDueTopics, topicsClosingSoon: remindClosingTopics },
  seed: { marker: 'demo-deliberation-v1', run: seedDeliberation },
})
