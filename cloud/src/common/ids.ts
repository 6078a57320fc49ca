let seq = 0
/** A unique id for documents that have no natural key: time-ordered, with a random tail. */
export function newId(prefix: string, now: number): string {
  seq = (seq + 1) % 46656
  return `${prefix}_${now.toString(36)}${seq.toString(36).padStart(3, '0')}${Math.random().toString(36).slice(2, 8)}`
}
