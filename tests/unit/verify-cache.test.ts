import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

/**
 * lib/supabase/verify.ts remembers tokens it verified until their `exp`. Auth is replaced by a
 * getClaims() that accepts any token named `ok:<exp>` (exp in seconds) and counts its calls, so
 * the counts show when the cache answered and when Auth was asked again.
 */
const getClaims = vi.fn(async (token: string) => {
  const [kind, exp] = token.split(':')
  if (kind !== 'ok') return { data: null, error: new Error('invalid JWT') }
  return { data: { claims: { sub: token, role: 'authenticated', ...(exp ? { exp: Number(exp) } : {}) } }, error: null }
})

vi.mock('@supabase/supabase-js', () => ({
  GoTrueClient: class {
    getClaims = getClaims
  },
  isAuthRetryableFetchError: () => false,
}))

const NOW = 1_900_000_000 // seconds
let verify: typeof import('@/lib/supabase/verify').verifyAccessToken

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW * 1000 })
  getClaims.mockClear()
  vi.resetModules() // a fresh cache per test
  verify = (await import('@/lib/supabase/verify')).verifyAccessToken
})

afterEach(() => {
  vi.useRealTimers()
})

describe('verifyAccessToken: the verified-token cache', () => {
  it('verifies a token once, then answers from the cache until it expires', async () => {
    const token = `ok:${NOW + 3600}`
    expect(await verify(token)).toMatchObject({ ok: true, claims: { sub: token } })
    expect(await verify(token)).toMatchObject({ ok: true, claims: { sub: token } })
    expect(getClaims).toHaveBeenCalledTimes(1)
  })

  it('never accepts a cached token at or past its exp: Auth is asked again', async () => {
    const token = `ok:${NOW + 60}`
    await verify(token)
    vi.setSystemTime((NOW + 59) * 1000)
    await verify(token)
    expect(getClaims).toHaveBeenCalledTimes(1)
    vi.setSystemTime((NOW + 60) * 1000)
    getClaims.mockResolvedValueOnce({ data: null, error: new Error('JWT has expired') })
    expect(await verify(token)).toMatchObject({ ok: false, message: 'JWT has expired' })
    expect(getClaims).toHaveBeenCalledTimes(2)
  })

  it('does not remember a refusal, nor a token without exp', async () => {
    expect(await verify('forged')).toMatchObject({ ok: false })
    expect(await verify('forged')).toMatchObject({ ok: false })
    await verify('ok')
    await verify('ok')
    expect(getClaims).toHaveBeenCalledTimes(4)
  })

  it('holds at most 5000 tokens, dropping the oldest first', async () => {
    const token = (i: number) => `ok:${NOW + 3600 + i}`
    for (let i = 0; i <= 5000; i++) await verify(token(i)) // 5001 tokens: the first one goes
    expect(getClaims).toHaveBeenCalledTimes(5001)
    await verify(token(5000))
    await verify(token(1))
    expect(getClaims).toHaveBeenCalledTimes(5001) // still cached: the newest and the second oldest
    await verify(token(0))
    expect(getClaims).toHaveBeenCalledTimes(5002) // dropped, so verified again
  })
})
