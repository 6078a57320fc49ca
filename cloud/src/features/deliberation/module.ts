/** 手机上议事: topics, ballots (online, proxy, meeting), proposals and comments. */
import { defineFeature } from '../../feature'
import { deliberationActions } from './contract'
import { deliberationHandlers } from './handlers'
import { repairReportLinks } from './from-reports'
import { closeDueTopics, remindClosingTopics, tallyOldTopics } from './jobs'
import { buildCounts } from './publish'
import { buildRolls } from './roll-job'
import { tellReminders } from './remind-job'
import { seedDeliberation } from './seed'

export const deliberation = defineFeature({
  name: 'deliberation',
  actions: deliberationActions,
  handlers: deliberationHandlers,
  collections: {
    // the count job finds the counts being built by their start
    topics: { indexes: [['villageId', 'status', 'closesAt'], ['status', 'closesAt'], ['countJob.startedAt'], ['rollJob.startedAt'], ['remindJob.startedAt']], cached: true },
    // a chunk of 100 voters is read by every ballot: parsing it was half of a ballot's time
    topicRolls: { indexes: [['topicId']], cached: true },
    topicRollPages: { indexes: [['topicId']] },
    topicCounts: { indexes: [['topicId']] },
    topicTallies: { indexes: [['topicId']] },
    // the count (计票清单) is read in receipt order, a batch after the last; (topicId, receipt) serves every find by topic
    // too, so there is no index of topic alone: each is written with every ballot
    ballots: { indexes: [['villageId', 'personId'], ['topicId', 'receipt']] },
    proxies: { indexes: [['topicId', 'proxyId']] },
    proposals: { indexes: [['villageId']] },
    cosigns: { indexes: [['villageId', 'personId']] },
    // a page: a topic's top-level comments (parentId null) or one comment's replies, in createdAt order
    comments: { indexes: [['topicId', 'parentId', 'createdAt'], ['villageId', 'authorId']] },
    commentLikes: { indexes: [['topicId', 'personId']] },
  },
  // the rolls first (a topic opened and closed within a run closes with its roll written; a reminder waits for its roll);
  // the reminders after the closing-tomorrow ones are started; closing before the counts: a topic closed in this run
  // has its count started in the same run
  jobSteps: { rollsWritten: buildRolls, topicsClosed: closeDueTopics, topicsClosingSoon: remindClosingTopics, remindersTold: tellReminders, topicsTallied: tallyOldTopics, countsPublished: buildCounts, reportLinksRepaired: repairReportLinks },
  seed: { marker: 'demo-deliberation-v1', run: seedDeliberation },
})
