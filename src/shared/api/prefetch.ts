/**
 * A call started ahead of the component that shows it, so that two calls which do not depend on each other
 * go out together (首页: 待办 of the village the app last acted in, beside home.open) instead of one after the
 * other. The component takes it once; one left untaken for long is not served (it would be stale).
 */
const FRESH_MS = 10_000

interface Started {
  at: number
  result: Promise<unknown>
  /** its answer, once it is in */
  settled?: { value: unknown }
}

const started = new Map<string, Started>()

/** Starts the call for `key`; returns when it has settled (never rejects: a failure is the taker's to show). */
export function prefetch<T>(key: string, load: () => Promise<T>): Promise<void> {
  const result = load()
  const entry: Started = { at: Date.now(), result }
  started.set(key, entry)
  // untaken, a failure must not surface as an unhandled rejection
  return result.then((value) => void (entry.settled = { value })).catch(() => undefined)
}

/**
 * The answer of the call started for `key`, once, when it is already in (and fresh): a component can then draw it
 * in its first render instead of a skeleton first. undefined otherwise (then takePrefetched still has the call).
 */
export function takeSettled<T>(key: string): T | undefined {
  const entry = started.get(key)
  if (!entry?.settled || Date.now() - entry.at >= FRESH_MS) return undefined
  started.delete(key)
  return entry.settled.value as T
}

/** the call started for `key` in the last moments, once; undefined when there is none (then call it yourself) */
export function takePrefetched<T>(key: string): Promise<T> | undefined {
  const entry = started.get(key)
  started.delete(key)
  return entry && Date.now() - entry.at < FRESH_MS ? (entry.result as Promise<T>) : undefined
}
