/**
 * The `cron` cloud function: a timer trigger (config.json, every minute) runs the jobs.
 * Bundled by scripts/build-cloud.ts into dist/cloudfunctions/cron.
 */
import { createCloudPorts, type WxCloud } from '../../src/adapters/cloudbase'
import { createCronMain } from '../../src/entries/cron'

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud: WxCloud = require('wx-server-sdk')

cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })

export const main = createCronMain({ ports: () => createCloudPorts(cloud) })
