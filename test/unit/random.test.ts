import { pooledRandomBytes } from '../../cloud/src/common/random'

test('pooled random bytes: every draw is new, across the pool’s refills', () => {
  // 2,000 draws of 9 bytes pass the 4 KB pool four times over
  const seen = new Set<string>()
  for (let i = 0; i < 2000; i++) {
    const b = pooledRandomBytes(9)
    expect(b.length).toBe(9)
    seen.add(b.toString('hex'))
  }
  expect(seen.size).toBe(2000)
  // a draw that does not fit what is left of the pool is drawn whole from a refill
  expect(pooledRandomBytes(4096).length).toBe(4096)
})
