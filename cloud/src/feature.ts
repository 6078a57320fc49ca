/**
 * A feature, registered once: its actions and their handlers (complete by type), the collections
 * it stores with their indexes, its steps of the time-driven job, and its part of the demo.
 * cloud/src/features.ts lists the features; the contract, router, collections, indexes, job and
 * demo seed are derived from that list.
 */
import type { AnyActions } from './contract/action'
import type { Handlers } from './handler'
import type { Files, Ports } from './ports/ports'
import type { CollectionName, Store } from './ports/store'

export interface CollectionSpec {
  /** fields queried together by equality or range (the SQLite adapter builds these; CloudBase's are set in its console) */
  indexes?: ReadonlyArray<readonly string[]>
  /**
   * big documents read by id on every call and seldom written: the SQLite adapter keeps them parsed in memory
   * (SqliteStore.cacheDocuments; never served stale, and frozen: a reader must not change one)
   */
  cached?: boolean
}

export interface Feature<A extends AnyActions = AnyActions> {
  name: string
  /** only in the local runtime (the demo identity picker); the cloud function never has it */
  localOnly?: boolean
  actions: A
  handlers: Handlers<A>
  collections: { readonly [C in CollectionName]?: CollectionSpec }
  /** idempotent steps of the time-driven job: each returns how many things it did */
  jobSteps?: Record<string, (ports: Ports, now: number) => Promise<number>>
  /** this feature's part of the demo village; the marker says it ran (bump it to seed a new part); `files` where the demo has storage */
  seed?: { marker: string; run(store: Store, now: number, files?: Files): Promise<void> }
}

export const defineFeature = <A extends AnyActions>(feature: Feature<A>): Feature<A> => feature
