import { createHash, randomBytes, randomInt } from 'node:crypto'
import { sha256Hex, sha256Start, sha256Update } from '../../cloud/src/common/sha256'

const node = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex')

test('the resumable SHA-256 gives node:crypto’s digest at every length around the block boundaries', () => {
  for (let n = 0; n <= 200; n++) {
    const data = randomBytes(n)
    expect(sha256Hex(sha256Update(sha256Start(), data))).toBe(node(data))
  }
})

test('hashed in pieces, through a JSON round trip of the state between them (a job run stores it), it is the whole text’s digest', () => {
  const text = Array.from({ length: 3000 }, (_, i) => `K7Q${i}-M8XP,yes|no,online 村民`).join('\n')
  let state = sha256Start()
  for (let at = 0; at < text.length; ) {
    const next = Math.min(text.length, at + randomInt(1, 400))
    state = JSON.parse(JSON.stringify(sha256Update(state, text.slice(at, next)))) as typeof state
    at = next
  }
  expect(sha256Hex(state)).toBe(node(text))
  expect(sha256Hex(sha256Start())).toBe(node(''))
})
