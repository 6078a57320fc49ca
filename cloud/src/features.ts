/**
 * The one list of features. The contract (cloud/src/contract), the router, the collections and their
 * indexes, the time-driven job and the demo seed are all derived from it: a new feature is one folder
 * under features/ plus one line here (and its routes on the client).
 */
import { account } from './features/account/module'
import { rules } from './features/rules/module'
import { deliberation } from './features/deliberation/module'
import { dev } from './features/dev/module'
import { auditFeature } from './features/audit/module'
import { boards } from './features/boards/module'
import { booking } from './features/booking/module'
import { reports } from './features/reports/module'
import { affairs } from './features/affairs/module'
import { volunteer } from './features/volunteer/module'
import { mailbox } from './features/mailbox/module'
import { workspace } from './features/workspace/module'
import type { CollectionSpec } from './feature'
import type { CollectionName } from './ports/store'

// the audit log after every feature that writes entries: its job step links what the steps before it wrote in the same
// run, and its seed chains what the seeds before it wrote
export const FEATURES = [account, rules, deliberation, boards, booking, reports, mailbox, affairs, volunteer, workspace, auditFeature, dev] as const

/** Every collection with its indexes, from the features that store it. */
export const COLLECTION_SPECS: ReadonlyArray<[CollectionName, CollectionSpec]> = [
  ['meta', {}],
  ...FEATURES.flatMap((f) => Object.entries(f.collections) as Array<[CollectionName, CollectionSpec]>),
]
export const COLLECTIONS: readonly CollectionName[] = COLLECTION_SPECS.map(([name]) => name)
