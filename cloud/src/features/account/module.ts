/** 入村: places, people, memberships, join requests and notices — the feature every other builds on. */
import { defineFeature } from '../../feature'
import { accountActions, registerActions } from './contract'
import { accountHandlers } from './handlers'
import { registerHandlers } from './register'
import { privacyActions } from './privacy-contract'
import { privacyHandlers } from './privacy'
import { todoActions } from './todo-contract'
import { todoHandlers } from './todo'
import { recordActions } from './record-contract'
import { recordHandlers } from './record'
import { noticeNewJoinRequests, remindStaleJoinRequests } from './jobs'
import { eraseConfirmed } from './erase'
import { registerApproved } from './admissions'
import { deliverDueNotices } from './notices'
import { seedPlacesAndPeople } from './seed'
import { removeEndedRateLimits } from '../../common/rate-limit'

export const account = defineFeature({
  name: 'account',
  actions: { ...accountActions, ...registerActions, ...privacyActions, ...todoActions, ...recordActions },
  handlers: { ...accountHandlers, ...registerHandlers, ...privacyHandlers, ...todoHandlers, ...recordHandlers },
  collections: {
    regions: {},
    villages: {},
    grids: {},
    halls: {},
    // the register's pages: in 门牌号 order, the village's or a grid's
    households: { indexes: [['villageId'], ['villageId', 'doorplate'], ['villageId', 'gridId', 'doorplate']] },
    residentCounts: { indexes: [['villageId']] },
    // the committee's waiting work, one document per village (waiting.ts)
    waitingCounts: {},
    // every call of a caller not met lately finds them by openid: with _id in the index, SQLite reads the one entry in the
    // find's order instead of sorting the matches (a temporary b-tree: 30 µs of a first ballot's 180 under load)
    persons: { indexes: [['openid', '_id']] },
    personKeys: {},
    // registerDue: the approved members the job writes onto the register (admissions.ts)
    memberships: { indexes: [['personId'], ['villageId'], ['villageId', 'householdId'], ['villageId', 'name'], ['villageId', 'serving'], ['registerDue']] },
    // noticeDue: the new requests the job tells the committee of (jobs.ts)
    joinRequests: { indexes: [['villageId', 'status'], ['personId'], ['noticeDue']] },
    // pushAt: the notices to one person whose push the job is to try (notices.ts)
    notifications: { indexes: [['personId', 'read'], ['pushAt']] },
    noticeOutbox: { indexes: [['status', 'nextAt']] },
    // status erasing: the job's work (erase.ts)
    deletionRequests: { indexes: [['status']] },
    // every feature's per-person limits (common/rate-limit.ts), kept here with the job step that empties them
    rateLimits: { indexes: [['expiresAt']] },
  },
  jobSteps: { admissions: registerApproved, erasures: eraseConfirmed, joinReminders: remindStaleJoinRequests, joinNotices: noticeNewJoinRequests, notices: deliverDueNotices, rateLimits: removeEndedRateLimits },
  seed: { marker: 'demo-v1', run: seedPlacesAndPeople },
})
