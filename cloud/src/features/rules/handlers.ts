/** The rules feature's actions, one file per part. */
import type { Handlers } from '../../handler'
import type { rulesActions } from './contract'
import { agreeingHandlers } from './agreeing'
import { draftingHandlers } from './drafting'
import { followUpHandlers } from './follow-up'
import { readingHandlers } from './reading'

export const rulesHandlers: Handlers<typeof rulesActions> = { ...readingHandlers, ...agreeingHandlers, ...draftingHandlers, ...followUpHandlers }
