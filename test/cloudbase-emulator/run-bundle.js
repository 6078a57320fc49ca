/**
 * Runs a bundled cloud function (dist/cloudfunctions/<name>/index.js) unmodified, as CloudBase
 * would: a plain Node process whose wx-server-sdk finds its service through the SCF-style
 * environment (TCB_CONTEXT_CNFG points it at the emulator) and its caller through WX_CONTEXT_KEYS.
 * Reads one JSON line per invocation from stdin, `{ "openid": "...", "event": {...} }`, and writes
 * one line `{ "result": ... }` or `{ "error": "..." }`.
 */
const readline = require('node:readline')
const fn = require(process.argv[2])

const rl = readline.createInterface({ input: process.stdin })
let queue = Promise.resolve()
rl.on('line', (line) => {
  queue = queue.then(async () => {
    try {
      const { openid, event } = JSON.parse(line)
      // what WeChat injects per invocation; getWXContext() reads it at call time
      if (openid) process.env.WX_OPENID = openid
      else delete process.env.WX_OPENID
      const result = await fn.main(event, {})
      process.stdout.write(JSON.stringify({ result }) + '\n')
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: String((e && e.stack) || e) }) + '\n')
    }
  })
})
rl.on('close', () => queue.then(() => process.exit(0)))
