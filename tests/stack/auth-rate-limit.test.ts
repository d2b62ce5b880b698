/**
 * /auth/v1 contract: GoTrue's per-IP limits with supabase/config.toml's real [auth.rate_limit]
 * values. A token bucket per IP and endpoint group holds 30 requests and refills at limit / 5 min;
 * an empty bucket answers 429 over_request_rate_limit "Request rate limit reached" (no Retry-After:
 * GoTrue sends none). The key is the socket address unless a trusted proxy header is configured.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyConfigToml } from '../../supabase/local/config-toml'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
  const fromToml = applyConfigToml(t.cfg, path.join(import.meta.dirname, '..', '..'), {})
  t.cfg.auth = { ...t.cfg.auth, rateLimit: fromToml.auth?.rateLimit }
})
afterAll(async () => {
  await t?.close()
})

const BURST = 30

async function post(route: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/auth/v1${route}`, {
    method: 'POST',
    headers: {
      apikey: t.cfg.anonKey,
      'content-type': 'application/json',
      'x-supabase-api-version': '2024-01-01',
      ...headers,
    },
    body: JSON.stringify(body),
  })
}

/** Spends `count` requests of the token bucket with cheap refresh grants (unknown tokens: 400). */
async function spendToken(count: number, headers: Record<string, string> = {}) {
  const statuses: number[] = []
  for (let i = 0; i < count; i++) {
    const r = await post('/token?grant_type=refresh_token', { refresh_token: `nope-${i}` }, headers)
    statuses.push(r.status)
    await r.body?.cancel()
  }
  return statuses
}

describe('[auth.rate_limit] per IP', () => {
  it('reads the hosted defaults from supabase/config.toml', () => {
    expect(t.cfg.auth?.rateLimit).toMatchObject({ tokenRefresh: 150, signInSignUps: 30, tokenVerifications: 30 })
  })

  it('password sign-in and refresh share the token_refresh bucket: 30, then 429 over_request_rate_limit', async () => {
    const admin = t.service()
    const addr = `limited-${Date.now()}@example.com`
    await admin.auth.admin.createUser({ email: addr, password: 'correct-horse-battery', email_confirm: true })
    const statuses = await spendToken(BURST)
    expect(statuses.every((s) => s === 400)).toBe(true)
    const r = await post('/token?grant_type=password', { email: addr, password: 'correct-horse-battery' })
    expect(r.status).toBe(429)
    expect(r.headers.get('retry-after')).toBeNull()
    expect(await r.json()).toEqual({ code: 'over_request_rate_limit', message: 'Request rate limit reached' })
    // supabase-js reports it as an AuthApiError with status 429
    const { error } = await t.anon().auth.signInWithPassword({ email: addr, password: 'correct-horse-battery' })
    expect(error).toMatchObject({ status: 429, code: 'over_request_rate_limit' })
    // refills at 150 / 5 min = one request every 2 s
    await new Promise((resolve) => setTimeout(resolve, 2100))
    const again = await post('/token?grant_type=password', { email: addr, password: 'correct-horse-battery' })
    expect(again.status).toBe(200)
  })

  it('keys by the socket address: a spoofed X-Forwarded-For does not get a fresh bucket', async () => {
    const r = await post(
      '/token?grant_type=refresh_token',
      { refresh_token: 'x' },
      { 'x-forwarded-for': '203.0.113.9' },
    )
    expect(r.status).toBe(429)
  })

  it('with a trusted proxy header configured, each client IP has its own bucket', async () => {
    t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: 'X-Real-IP' }
    try {
      const a = await spendToken(BURST + 1, { 'x-real-ip': '198.51.100.1' })
      expect(a.slice(0, BURST).every((s) => s === 400)).toBe(true)
      expect(a[BURST]).toBe(429)
      const b = await spendToken(1, { 'x-real-ip': '198.51.100.2' })
      expect(b).toEqual([400])
    } finally {
      t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: undefined }
    }
  })

  it('/verify has its own bucket (token_verifications)', async () => {
    t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: 'X-Real-IP' }
    try {
      const statuses: number[] = []
      for (let i = 0; i <= BURST; i++) {
        const r = await post('/verify', { type: 'magiclink', token_hash: `nope-${i}` }, { 'x-real-ip': '198.51.100.3' })
        statuses.push(r.status)
        await r.body?.cancel()
      }
      expect(statuses.slice(0, BURST).every((s) => s === 403)).toBe(true)
      expect(statuses[BURST]).toBe(429)
    } finally {
      t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: undefined }
    }
  })

  it('PUT /user has its own bucket (sign_in_sign_ups), after the token check', async () => {
    t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: 'X-Real-IP', rateLimit: undefined }
    const { client } = await t.signedIn(`user-bucket-${Date.now()}@example.com`)
    const { data } = await client.auth.getSession()
    t.cfg.auth = { ...t.cfg.auth, rateLimit: { signInSignUps: 30 } }
    try {
      const put = (token?: string) =>
        fetch(`${t.url}/auth/v1/user`, {
          method: 'PUT',
          headers: {
            apikey: t.cfg.anonKey,
            'content-type': 'application/json',
            'x-real-ip': '198.51.100.4',
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: JSON.stringify({ data: { n: 1 } }),
        })
      expect((await put()).status).toBe(401)
      const statuses: number[] = []
      for (let i = 0; i <= BURST; i++) statuses.push((await put(data.session?.access_token)).status)
      expect(statuses.slice(0, BURST).every((s) => s === 200)).toBe(true)
      expect(statuses[BURST]).toBe(429)
    } finally {
      t.cfg.auth = { ...t.cfg.auth, rateLimitHeader: undefined }
    }
  })
})
