/** Every report action's handler: the residents' part, the handling part, and the figures/map part. */
import type { Handlers } from '../../handler'
import type { reportActions } from './contract'
import { reportResidentHandlers } from './residents'
import { reportHandlingHandlers } from './handling'
import { reportFigureHandlers } from './figures'

export const reportHandlers: Handlers<typeof reportActions> = { ...reportResidentHandlers, ...reportHandlingHandlers, ...reportFigureHandlers }
