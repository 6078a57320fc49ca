/** Every mailbox action's handler: the residents' part and the committee's. */
import type { Handlers } from '../../handler'
import type { mailboxActions } from './contract'
import { mailboxResidentHandlers } from './residents'
import { mailboxCommitteeHandlers } from './committee'

export const mailboxHandlers: Handlers<typeof mailboxActions> = { ...mailboxResidentHandlers, ...mailboxCommitteeHandlers }
