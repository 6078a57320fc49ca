/**
 * The local server as the crash suite runs it: a child process it can SIGKILL at any moment.
 * argv: <dataDir>; env: VH_JOB_MS (job interval, default off), VH_CLOCK_OFFSET_MS (run later than now),
 * VH_NO_SEED. Prints STARTING when its code is loaded and `READY <port>` once it serves; pushes go to <dataDir>/pushes.jsonl.
 */
import path from 'node:path'
import { startLocalServer } from '../../cloud/server/server'

const dataDir = process.argv[2]
const offset = Number(process.env.VH_CLOCK_OFFSET_MS ?? 0)
// the modules are loaded: from here on the server opens the database, migrates and seeds
console.log('STARTING')
startLocalServer({
  port: 0,
  dataDir,
  quiet: true,
  seed: process.env.VH_NO_SEED !== '1',
  jobIntervalMs: Number(process.env.VH_JOB_MS ?? 0),
  clock: { now: () => Date.now() + offset },
  pushLog: path.join(dataDir, 'pushes.jsonl'),
})
  .then((s) => console.log(`READY ${s.port}`))
  .catch((e: unknown) => {
    console.error('START FAILED', e)
    process.exit(1)
  })
