/** Every 村务公开 action's handler: the notices part and the duty list part. */
import type { Handlers } from '../../handler'
import type { affairsActions } from './contract'
import { noticeHandlers } from './notices'
import { dutyHandlers } from './duties'

export const affairsHandlers: Handlers<typeof affairsActions> = { ...noticeHandlers, ...dutyHandlers }
