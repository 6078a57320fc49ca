/**
 * The `api` cloud function (bundled by scripts/build-cloud.ts into dist/cloudfunctions/api).
 * Identity comes only from cloud.getWXContext(); ports and router are made once per instance.
 */
import { createCloudPorts, type WxCloud } from '../../src/adapters/cloudbase'
import { createApiMain } from '../../src/entries/api'

// wx-server-sdk has no usable typings; WxCloud is the part we use
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud: WxCloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createApiMain({
  getWXContext: () => cloud.getWXContext(),
  ports: () => createCloudPorts(cloud),
})
