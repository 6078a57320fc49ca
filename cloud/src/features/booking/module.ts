/** 长者饭堂 and the service stations: bookable services, slots with exact capacity, waitlists, booking for family, QR check-in, the staff's day. */
import { defineFeature } from '../../feature'
import { bookingActions } from './contract'
import { bookingHandlers } from './handlers'
import { bookingJobSteps } from './jobs'
import { seedBooking } from './seed'

export const booking = defineFeature({
  name: 'booking',
  actions: bookingActions,
  handlers: bookingHandlers,
  collections: {
    bookingServices: { indexes: [['villageId', 'hallId']] },
    slots: { indexes: [['villageId', 'hallId', 'date'], ['closed', 'endsAt']] },
    bookings: {
      indexes: [['villageId', 'personId', 'startsAt'], ['villageId', 'bookedBy', 'startsAt'], ['slotId', 'status'], ['villageId', 'hallId', 'date'], ['status', 'startsAt'], ['serviceId', 'personId', 'status'], ['status', 'updatedAt']],
    },
    bookingDelegates: { indexes: [['villageId', 'delegateId', 'revoked'], ['villageId', 'personId', 'revoked']] },
    bookingPeople: { indexes: [['villageId']] },
    bookingSettings: {},
  },
  jobSteps: bookingJobSteps,
  seed: { marker: 'demo-booking-v1', run: seedBooking },
})
