import type { Clock, Ports } from '../../ports/ports'
import { COLLECTIONS } from '../../features'
import { CloudBaseStore } from './store'
import { CloudBaseContentCheck, CloudBaseFiles, CloudBaseNotifier, CloudBaseQrCodes } from './services'
import type { WxCloud } from './types'

export { CloudBaseStore, WRITES_FIELD, isDuplicateKeyError, isCollectionMissingError, isTransactionConflictError } from './store'
export { CloudBaseContentCheck, CloudBaseFiles, CloudBaseNotifier, CloudBaseQrCodes, clip } from './services'
export type { WxCloud, WxContext, WxDatabase } from './types'

export const cloudClock: Clock = { now: () => Date.now() }

export interface CloudPortsOptions {
  /** defaults to process.env: WX_TEMPLATE_NOTICE, WX_ENV_VERSION, WX_MINIPROGRAM_STATE */
  env?: Record<string, string | undefined>
  /** prefix for collection names (tests) */
  collectionPrefix?: string
  clock?: Clock
}

/** The production ports, on an initialised wx-server-sdk (`cloud.init(...)` already called). */
export function createCloudPorts(cloud: WxCloud, options: CloudPortsOptions = {}): Ports & { store: CloudBaseStore } {
  const env = options.env ?? process.env
  const db = cloud.database({ throwOnNotFound: false })
  return {
    // every collection exists before the first transaction writes to it
    store: new CloudBaseStore(db, { prefix: options.collectionPrefix, collections: COLLECTIONS }),
    files: new CloudBaseFiles(cloud),
    contentCheck: new CloudBaseContentCheck(cloud),
    notifier: new CloudBaseNotifier(cloud, { templateId: env.WX_TEMPLATE_NOTICE || undefined, miniprogramState: env.WX_MINIPROGRAM_STATE || undefined }),
    qrCodes: new CloudBaseQrCodes(cloud, env.WX_ENV_VERSION || 'release'),
    clock: options.clock ?? cloudClock,
  }
}
