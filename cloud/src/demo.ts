/**
 * The demo village that `npm start` opens on: each feature's part (its `seed`), in the order of
 * FEATURES. Each part has its own marker, so a data folder seeded before a feature existed gets that
 * feature's demo content on the next start.
 */
import { FEATURES } from './features'
import type { Store } from './ports/store'

export { DEMO } from './features/account/seed'

/** Seeds the parts not seeded yet; true when it seeded anything. */
export async function seedDemo(store: Store, now: number): Promise<boolean> {
  let seeded = false
  for (const { seed } of FEATURES) {
    if (!seed || (await store.get('meta', seed.marker))) continue
    await seed.run(store, now)
    await store.insert('meta', { _id: seed.marker, at: now })
    seeded = true
  }
  return seeded
}
