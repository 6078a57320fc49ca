/**
 * The demo village that `npm start` opens on: each feature's part (its `seed`), in the order of
 * FEATURES. Each part has its own marker, so a data folder seeded before a feature existed gets that
 * feature's demo content on the next start.
 *
 * A part is written as a run of inserts with its marker last, and a start can be killed half-way
 * through one. So a part's documents have fixed ids and its inserts skip what is already there: the
 * next start runs the unfinished part again and completes it, instead of failing on the first
 * document the killed start wrote (its updates only `set`, so running them again changes nothing).
 */
import { FEATURES } from './features'
import { DuplicateIdError, type Store } from './ports/store'
import type { Files } from './ports/ports'
import { rebuildWaitingCounts } from './features/account/waiting'

export { DEMO } from './features/account/seed'

/** The store as a seed part sees it: an insert of a document that exists leaves it as it is. */
function resumable(store: Store): Store {
  return new Proxy(store, {
    get(target, prop, receiver) {
      if (prop === 'insert') {
        return async (collection: Parameters<Store['insert']>[0], doc: Parameters<Store['insert']>[1]) => {
          try {
            await target.insert(collection, doc)
          } catch (e) {
            if (!(e instanceof DuplicateIdError)) throw e
          }
        }
      }
      const value: unknown = Reflect.get(target, prop, receiver)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * Seeds the parts not seeded yet (or not to the end); true when it seeded anything. With `files` the demo's
 * stored files are written too (a notice's PDF); without, documents that would name them go without.
 */
export async function seedDemo(store: Store, now: number, files?: Files): Promise<boolean> {
  let seeded = false
  for (const { seed } of FEATURES) {
    if (!seed || (await store.get('meta', seed.marker))) continue
    await seed.run(resumable(store), now, files)
    await resumable(store).insert('meta', { _id: seed.marker, at: now })
    seeded = true
  }
  // the parts write their join requests, topics, proposals and appeals directly: the committees' counters count them after
  if (seeded) for (const v of await store.find('villages', {}, { limit: 1000 })) await rebuildWaitingCounts(store, v._id)
  return seeded
}
