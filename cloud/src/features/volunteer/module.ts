/** 志愿服务: volunteer activities with exact capacity and a waitlist, check-in by QR code, hours recorded when the organiser confirms. */
import { defineFeature } from '../../feature'
import { volunteerActions } from './contract'
import { volunteerHandlers } from './handlers'
import { seedVolunteer } from './seed'
import { runHoursJobs } from './hours'

export const volunteer = defineFeature({
  name: 'volunteer',
  actions: volunteerActions,
  handlers: volunteerHandlers,
  collections: {
    volunteerOrgs: { indexes: [['villageId']] },
    volunteerActivities: { indexes: [['villageId', 'startsAt'], ['hoursJob.startedAt']] },
    volunteerSignups: { indexes: [['activityId', 'status'], ['villageId', 'personId', 'startsAt'], ['villageId', 'status'], ['personId']] },
    volunteerMonths: { indexes: [['villageId', 'month']] },
    volunteerHours: { indexes: [['villageId', 'minutes', 'activities'], ['personId']] },
  },
  jobSteps: { volunteerHours: runHoursJobs },
  seed: { marker: 'demo-volunteer-v1', run: seedVolunteer },
})
