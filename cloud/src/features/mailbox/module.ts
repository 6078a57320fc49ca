/** 书记信箱: residents' letters to the committee, answered against a due date, rated, public with consent, escalated when late. */
import { defineFeature } from '../../feature'
import { mailboxActions } from './contract'
import { mailboxHandlers } from './handlers'
import { mailboxJobSteps } from './jobs'
import { seedMailbox } from './seed'

export const mailbox = defineFeature({
  name: 'mailbox',
  actions: mailboxActions,
  handlers: mailboxHandlers,
  collections: {
    letters: { indexes: [['villageId', 'writerId'], ['villageId', 'status'], ['villageId', 'public'], ['status', 'dueAt']] },
    mailboxSettings: {},
  },
  jobSteps: mailboxJobSteps,
  seed: { marker: 'demo-mailbox-v1', run: seedMailbox },
})
