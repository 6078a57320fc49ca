/** 随手拍 and the grid: reports routed to their grid, carried to the end against deadlines, 民情地图, figures. */
import { defineFeature } from '../../feature'
import { reportActions } from './contract'
import { reportHandlers } from './handlers'
import { reportJobSteps } from './jobs'
import { seedReports } from './seed'

export const reports = defineFeature({
  name: 'reports',
  actions: reportActions,
  handlers: reportHandlers,
  collections: {
    // ['linking.at']: the job finds the reports a crash left half turned into a topic (topics.fromReports)
    reports: { indexes: [['villageId', 'createdAt'], ['villageId', 'status', 'createdAt'], ['villageId', 'updatedAt'], ['villageId', 'gridId', 'status'], ['villageId', 'reporterId'], ['villageId', 'category', 'status'], ['status', 'acceptDueAt'], ['status', 'resolveDueAt'], ['status', 'autoConfirmAt'], ['linking.at']] },
    // a report's marks by time: the job tells those who added 同问 a page at a time (account/notices.ts)
    reportMeToos: { indexes: [['villageId', 'personId'], ['reportId', 'at']] },
    reportSettings: {},
    // the closed reports' figures (totals.ts): a village's, a grid worker's grids'
    reportTotals: { indexes: [['villageId', 'gridId']] },
  },
  jobSteps: reportJobSteps,
  seed: { marker: 'demo-reports-v1', run: seedReports },
})
