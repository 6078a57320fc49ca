/**
 * SHA-256 whose running state is plain data (FIPS 180-4): a job that hashes a long list a batch per run
 * stores the state with its cursor and goes on in a later run, even in another process — node:crypto's
 * Hash cannot be saved. The digest is the same as node:crypto's over the whole text.
 */

export interface Sha256State {
  /** the eight working words */
  h: number[]
  /** bytes hashed so far (a block's worth are in h, the rest in tail) */
  length: number
  /** the bytes short of a whole 64-byte block, base64 */
  tail: string
}

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
  0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
  0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
  0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]

export const sha256Start = (): Sha256State => ({ h: [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19], length: 0, tail: '' })

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))

/** one 64-byte block into h, in place */
function block(h: number[], bytes: Uint8Array, at: number): void {
  const w = new Array<number>(64)
  for (let i = 0; i < 16; i++) w[i] = (bytes[at + 4 * i] << 24) | (bytes[at + 4 * i + 1] << 16) | (bytes[at + 4 * i + 2] << 8) | bytes[at + 4 * i + 3]
  for (let i = 16; i < 64; i++) {
    const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3)
    const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10)
    w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0
  }
  let [a, b, c, d, e, f, g, k] = h
  for (let i = 0; i < 64; i++) {
    const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i]) | 0
    const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0
    ;[k, g, f, e, d, c, b, a] = [g, f, e, (d + t1) | 0, c, b, a, (t1 + t2) | 0]
  }
  const next = [a, b, c, d, e, f, g, k]
  for (let i = 0; i < 8; i++) h[i] = (h[i] + next[i]) | 0
}

/** The state after `text` (UTF-8) follows what it has hashed; the state given is left as it was. */
export function sha256Update(state: Sha256State, text: string | Uint8Array): Sha256State {
  const data = typeof text === 'string' ? new TextEncoder().encode(text) : text
  const tail = Buffer.from(state.tail, 'base64')
  const bytes = new Uint8Array(tail.length + data.length)
  bytes.set(tail)
  bytes.set(data, tail.length)
  const h = [...state.h]
  const whole = bytes.length - (bytes.length % 64)
  for (let at = 0; at < whole; at += 64) block(h, bytes, at)
  return { h, length: state.length + data.length, tail: Buffer.from(bytes.subarray(whole)).toString('base64') }
}

/** The hex digest of everything hashed (the state is not changed: more may still follow). */
export function sha256Hex(state: Sha256State): string {
  const bits = state.length * 8
  // 0x80, zeros up to 56 mod 64, then the length in bits (64-bit big-endian)
  const pad = new Uint8Array(1 + ((64 - ((state.length + 9) % 64)) % 64) + 8)
  pad[0] = 0x80
  const view = new DataView(pad.buffer)
  view.setUint32(pad.length - 8, Math.floor(bits / 2 ** 32))
  view.setUint32(pad.length - 4, bits >>> 0)
  return sha256Update(state, pad).h.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('')
}
