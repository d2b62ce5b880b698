/**
 * @supabase/ssr's createServerClient against the local stack, with a cookie store that behaves like
 * Next.js's cookies(): each "request" builds a fresh server client from the jar, as the app's
 * server components, route handlers and proxy do.
 */
import { createServerClient } from '@supabase/ssr'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await t?.close()
})

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
const COOKIE = 'sb-127-auth-token'

interface SetCookie {
  name: string
  value: string
  options: { maxAge?: number; path?: string; sameSite?: unknown; httpOnly?: boolean }
}

/** A browser's cookie jar seen through Next.js's request/response cookie API. */
class CookieJar {
  readonly cookies = new Map<string, string>()
  readonly writes: SetCookie[] = []
  getAll = () => [...this.cookies].map(([name, value]) => ({ name, value }))
  setAll = (list: SetCookie[]) => {
    for (const c of list) {
      this.writes.push(c)
      if (c.options.maxAge === 0 || c.value === '') this.cookies.delete(c.name)
      else this.cookies.set(c.name, c.value)
    }
  }
  authCookieNames = () => [...this.cookies.keys()].filter((k) => k.startsWith('sb-')).sort()
  /** The session as stored: chunks joined in order, `base64-` prefix decoded. */
  session = () => {
    const joined = this.authCookieNames()
      .sort((a, b) => Number(a.split('.').pop()) - Number(b.split('.').pop()))
      .map((k) => this.cookies.get(k))
      .join('')
    return JSON.parse(Buffer.from(joined.replace(/^base64-/, ''), 'base64url').toString('utf8'))
  }
}

/** One "request": a new server client over the jar. */
const serverClient = (jar: CookieJar) =>
  createServerClient(t.url, t.cfg.anonKey, {
    cookies: { getAll: jar.getAll, setAll: jar.setAll },
    realtime: { transport: WebSocket as never },
  })

let n = 0
async function seededUser() {
  const email = `ssr-${++n}-${Date.now()}@example.com`
  const { data, error } = await t.service().auth.admin.createUser({
    email,
    password: 'ssr-password',
    email_confirm: true,
    // big enough that the session cookie has to be chunked, as real profiles often are
    user_metadata: { display_name: 'Station operator', bio: 'x'.repeat(1500) },
  })
  if (error) throw error
  return { email, id: data.user!.id }
}

describe('@supabase/ssr server client', () => {
  it('signs in into chunked sb-127-auth-token cookies a later request can use', async () => {
    const { email, id } = await seededUser()
    const jar = new CookieJar()
    const signIn = await serverClient(jar).auth.signInWithPassword({ email, password: 'ssr-password' })
    expect(signIn.error).toBeNull()
    const names = jar.authCookieNames()
    expect(names.length).toBeGreaterThanOrEqual(2)
    expect(names).toEqual(names.map((_, i) => `${COOKIE}.${i}`))
    expect(jar.writes.find((w) => w.name === `${COOKIE}.0`)?.options).toMatchObject({
      path: '/',
      sameSite: 'lax',
      httpOnly: false,
    })

    const next = serverClient(jar)
    const claims = await next.auth.getClaims()
    expect(claims.error).toBeNull()
    expect(claims.data?.claims).toMatchObject({ sub: id, email, role: 'authenticated' })
    const user = await next.auth.getUser()
    expect(user.data.user?.id).toBe(id)
  })

  it('refreshes an expiring session and writes the rotated tokens back', async () => {
    const { email } = await seededUser()
    const jar = new CookieJar()
    const before = t.cfg.jwtExpiry
    // inside auth-js's 90 s expiry margin, so the next request must refresh
    t.cfg.jwtExpiry = 30
    try {
      const first = (await serverClient(jar).auth.signInWithPassword({ email, password: 'ssr-password' })).data.session!
      const writesBefore = jar.writes.length
      const second = serverClient(jar)
      const { data, error } = await second.auth.getClaims()
      expect(error).toBeNull()
      expect(jar.writes.length).toBeGreaterThan(writesBefore)
      expect(data?.claims.session_id).toBe(decode(first.access_token).session_id)
      expect(data?.claims.iat).toBeGreaterThanOrEqual(decode(first.access_token).iat)
      const stored = jar.session()
      expect(stored.refresh_token).not.toBe(first.refresh_token)
      expect(decode(stored.access_token).session_id).toBe(data?.claims.session_id)
      const old = await t.sql<{ revoked: string }>(
        'select revoked::text as revoked from auth.refresh_tokens where token = $1',
        [first.refresh_token],
      )
      expect(old).toEqual([{ revoked: 'true' }])
    } finally {
      t.cfg.jwtExpiry = before
    }
  })

  it('signs out: cookies cleared and the session gone server-side', async () => {
    const { email, id } = await seededUser()
    const jar = new CookieJar()
    await serverClient(jar).auth.signInWithPassword({ email, password: 'ssr-password' })
    expect(jar.authCookieNames().length).toBeGreaterThan(0)
    const { error } = await serverClient(jar).auth.signOut()
    expect(error).toBeNull()
    expect(jar.authCookieNames()).toEqual([])
    const left = await t.sql<{ n: string }>('select count(*)::text as n from auth.sessions where user_id = $1', [id])
    expect(left).toEqual([{ n: '0' }])
    const after = await serverClient(jar).auth.getClaims()
    expect(after.data).toBeNull()
  })

  it('does not trust a forged cookie: getClaims() checks the signature against the JWKS', async () => {
    const { email } = await seededUser()
    const jar = new CookieJar()
    await serverClient(jar).auth.signInWithPassword({ email, password: 'ssr-password' })
    const session = (await serverClient(jar).auth.getSession()).data.session!
    const payload = Buffer.from(JSON.stringify({ ...decode(session.access_token), role: 'service_role' })).toString(
      'base64url',
    )
    const [h, , s] = session.access_token.split('.')
    const forgedJar = new CookieJar()
    const forgedSession = JSON.stringify({ ...session, access_token: `${h}.${payload}.${s}` })
    forgedJar.cookies.set(COOKIE, `base64-${Buffer.from(forgedSession).toString('base64url')}`)
    const res = await serverClient(forgedJar).auth.getClaims()
    expect(res.error).toMatchObject({ name: 'AuthInvalidJwtError', code: 'invalid_jwt' })
  })
})
