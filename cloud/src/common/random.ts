import { randomFillSync } from 'node:crypto'

/**
 * Crypto-random bytes drawn from a pool filled 4 KB at a time: one call into the CSPRNG serves hundreds of ids, where
 * a `randomBytes(9)` each cost about 5 µs (the kernel call and a new buffer). Each byte is handed out once.
 */
const pool = Buffer.alloc(4096)
let at = pool.length

/** n fresh crypto-random bytes (n ≤ 4096); a view into the pool, to be used before the next call */
export function pooledRandomBytes(n: number): Buffer {
  if (at + n > pool.length) {
    randomFillSync(pool)
    at = 0
  }
  at += n
  return pool.subarray(at - n, at)
}
