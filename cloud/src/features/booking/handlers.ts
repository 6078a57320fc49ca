/** Every booking action's handler: the residents' part and the staff's part. */
import type { Handlers } from '../../handler'
import type { bookingActions } from './contract'
import { bookingResidentHandlers } from './residents'
import { bookingStaffHandlers } from './staff'

export const bookingHandlers: Handlers<typeof bookingActions> = { ...bookingResidentHandlers, ...bookingStaffHandlers }
