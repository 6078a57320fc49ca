/**
 * One process of the cross-connection test in sqlite.test.ts (run with `node --import tsx`).
 * Opens its own SqliteStore on the shared file, says "ready", waits for "go <at>" on stdin, then races
 * the other processes: conditional increments against a capacity, inserts of the same ids,
 * and read-modify-write transactions on one counter. Prints one JSON line with what it won.
 */
import { SqliteStore } from '../../cloud/src/adapters/local/sqlite-store'
import { DuplicateIdError } from '../../cloud/src/ports/store'

const [file, worker, attemptsArg, capacityArg, idsArg, txArg] = process.argv.slice(2)
const attempts = Number(attemptsArg)
const capacity = Number(capacityArg)
const idCount = Number(idsArg)
const txCount = Number(txArg)

const offset = Math.floor((Number(worker.replace(/\D/g, '')) * idCount) / 4)

async function race(store: SqliteStore) {
  let granted = 0
  let duplicates = 0
  const won: string[] = []
  let txDone = 0
  for (let i = 0; i < attempts; i++) {
    granted += await store.update('slots', { _id: 'cap', taken: { $lt: capacity } }, { inc: { taken: 1 } })
    if (i < idCount) {
      // each process starts at its own quarter of the ids and goes round: they collide everywhere
      const id = `claim-${(i + offset) % idCount}`
      try {
        await store.insert('claims', { _id: id, worker })
        won.push(id)
      } catch (e) {
        if (!(e instanceof DuplicateIdError)) throw e
        duplicates++
      }
    }
    if (i < txCount) {
      // read, then write what was read plus one: lost updates would show in the final count
      await store.transaction(async (tx) => {
        const c = await tx.get<{ _id: string; n: number }>('slots', 'counter')
        await tx.update('slots', 'counter', { set: { n: (c?.n ?? 0) + 1 } })
      })
      txDone++
    }
  }
  return { worker, granted, won, duplicates, txDone }
}

const store = new SqliteStore(file)
process.stdout.write('ready\n')
process.stdin.once('data', (line) => {
  // "go <epoch ms>": every process starts at the same instant
  const startAt = Number(String(line).trim().split(' ')[1]) || 0
  while (Date.now() < startAt) {
    /* spin until the common start */
  }
  race(store)
    .then((result) => {
      store.close()
      process.stdout.write(JSON.stringify(result) + '\n')
      process.exit(0)
    })
    .catch((e) => {
      process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n')
      process.exit(1)
    })
})
