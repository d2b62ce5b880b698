/** The tracking page's per-address rate limiter (lib/tracking/rate-limit.ts). */
import { describe, expect, it } from 'vitest'
import { createLimiter } from '../../lib/tracking/rate-limit'

describe('rate limiter', () => {
  it('allows a burst up to capacity, then refills at its rate', () => {
    const l = createLimiter({ capacity: 3, refillPerSecond: 1 / 3 })
    const t0 = 1_000_000
    expect([1, 2, 3].map(() => l.take('a', t0).allowed)).toEqual([true, true, true])
    expect(l.take('a', t0)).toEqual({ allowed: false, retryAfterSeconds: 3 })
    expect(l.take('b', t0).allowed).toBe(true) // per address
    expect(l.take('a', t0 + 2000)).toEqual({ allowed: false, retryAfterSeconds: 1 })
    expect(l.take('a', t0 + 3100).allowed).toBe(true)
    expect(l.take('a', t0 + 3100).allowed).toBe(false)
    expect(l.take('a', t0 + 60_000).allowed).toBe(true) // never more than capacity after a long pause
    expect(l.take('a', t0 + 60_000).allowed).toBe(true)
    expect(l.take('a', t0 + 60_000).allowed).toBe(true)
    expect(l.take('a', t0 + 60_000).allowed).toBe(false)
  })

  it('forgets the least recently seen addresses beyond its size', () => {
    const l = createLimiter({ capacity: 1, refillPerSecond: 0.001, maxKeys: 2 })
    l.take('a', 0)
    l.take('b', 0)
    l.take('c', 0) // evicts a
    expect(l.take('a', 0).allowed).toBe(true)
    expect(l.take('c', 0).allowed).toBe(false)
  })
})
