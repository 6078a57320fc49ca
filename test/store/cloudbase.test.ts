/**
 * The conformance suite against a real CloudBase environment, when one is configured:
 *   TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY (optional TCB_TEST_PREFIX, default "vhtest_").
 * Collections are named <prefix><name> (see CONFORMANCE_COLLECTIONS); they are emptied before and
 * after each test, and created on first write. Do not point it at collections that matter.
 */
import { CloudBaseStore, type WxCloud } from '../../cloud/src/adapters/cloudbase'
import { CONFORMANCE_COLLECTIONS, describeStoreConformance } from './conformance'

const { TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY } = process.env
const configured = Boolean(TCB_ENV_ID && TENCENTCLOUD_SECRETID && TENCENTCLOUD_SECRETKEY)

if (!configured) {
  // straight to stderr: jest drops console output of a file whose tests are all skipped
  process.stderr.write('CloudBase store conformance: SKIPPED (set TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY to run)\n')
  test.skip('CloudBase store conformance (needs TCB_ENV_ID, TENCENTCLOUD_SECRETID, TENCENTCLOUD_SECRETKEY)', () => undefined)
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cloud: WxCloud = require('wx-server-sdk')
  cloud.init({ env: TCB_ENV_ID, secretId: TENCENTCLOUD_SECRETID, secretKey: TENCENTCLOUD_SECRETKEY })
  const db = cloud.database({ throwOnNotFound: false })
  const prefix = process.env.TCB_TEST_PREFIX || 'vhtest_'

  const empty = async (store: CloudBaseStore) => {
    for (const c of CONFORMANCE_COLLECTIONS) await store.remove(c, { _id: { $ne: '' } })
  }

  describeStoreConformance(
    `CloudBaseStore (${TCB_ENV_ID}, collections ${prefix}*)`,
    async () => {
      const store = new CloudBaseStore(db, { prefix })
      await empty(store)
      return { store, cleanup: () => empty(store) }
    },
    { timeout: 60_000 },
  )
}
