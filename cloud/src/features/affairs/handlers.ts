/** Every 村务公开 action's handler: the notices, the duty list and 财务公开. */
import type { Handlers } from '../../handler'
import type { affairsActions } from './contract'
import { noticeHandlers } from './notices'
import { dutyHandlers } from './duties'
import { financeHandlers } from './finance'

export const affairsHandlers: Handlers<typeof affairsActions> = { ...noticeHandlers, ...dutyHandlers, ...financeHandlers }
