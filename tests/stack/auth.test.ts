/**
 * /auth/v1 contract: supabase-js (auth-js 2.119) against the local stack's GoTrue subset.
 * Sign-in, refresh rotation, signup, user, logout, meta endpoints and error shapes.
 */
import { AuthApiError, isAuthSessionMissingError, isAuthWeakPasswordError } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await t?.close()
})

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'))
let n = 0
const email = (tag: string) => `${tag}-${++n}-${Date.now()}@example.com`

async function sessionOf(client: ReturnType<TestStack['anon']>) {
  const { data } = await client.auth.getSession()
  if (!data.session) throw new Error('no session')
  return data.session
}

async function rawToken(grant: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${t.url}/auth/v1/token?grant_type=${grant}`, {
    method: 'POST',
    headers: { apikey: t.cfg.anonKey, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
}

describe('password sign-in', () => {
  it('issues a session with GoTrue claims, response shape and database rows', async () => {
    const addr = email('ok')
    const { client, userId } = await t.signedIn(addr)
    const s = await sessionOf(client)
    expect(s.token_type).toBe('bearer')
    expect(s.expires_in).toBeGreaterThan(t.cfg.jwtExpiry - 5)
    expect(s.expires_at).toBeGreaterThan(Date.now() / 1000)
    expect(s.user.id).toBe(userId)
    expect(s.user.email).toBe(addr)
    expect(s.user.identities?.[0]).toMatchObject({ provider: 'email', user_id: userId, identity_data: { email: addr } })
    const c = decode(s.access_token)
    expect(c).toMatchObject({
      iss: `${t.url}/auth/v1`,
      sub: userId,
      aud: 'authenticated',
      role: 'authenticated',
      email: addr,
      phone: '',
      aal: 'aal1',
      is_anonymous: false,
      app_metadata: { provider: 'email', providers: ['email'] },
    })
    expect(c.exp - c.iat).toBe(t.cfg.jwtExpiry)
    expect(c.amr).toEqual([{ method: 'password', timestamp: expect.any(Number) }])
    const rows = await t.sql<{ revoked: string }>(
      'select rt.revoked::text as revoked from auth.refresh_tokens rt join auth.sessions s on s.id = rt.session_id where s.id = $1 and rt.token = $2',
      [c.session_id, s.refresh_token],
    )
    expect(rows).toEqual([{ revoked: 'false' }])
  })

  it('answers a wrong password and an unknown user with the same 400 invalid_credentials', async () => {
    const addr = email('wrong')
    await t.signedIn(addr)
    const wrong = await t.anon().auth.signInWithPassword({ email: addr, password: 'not-the-password' })
    const unknown = await t.anon().auth.signInWithPassword({ email: email('nobody'), password: 'not-the-password' })
    for (const r of [wrong, unknown]) {
      expect(r.data.session).toBeNull()
      expect(r.error).toBeInstanceOf(AuthApiError)
      expect(r.error).toMatchObject({ status: 400, code: 'invalid_credentials', message: 'Invalid login credentials' })
    }
  })

  it('writes errors in both GoTrue formats, picked by X-Supabase-Api-Version', async () => {
    const body = { email: email('fmt'), password: 'whatever-it-is' }
    const legacy = await rawToken('password', body)
    expect(legacy.status).toBe(400)
    expect(await legacy.json()).toEqual({
      code: 400,
      error_code: 'invalid_credentials',
      msg: 'Invalid login credentials',
    })
    const v2024 = await rawToken('password', body, { 'x-supabase-api-version': '2024-01-01' })
    expect(v2024.headers.get('x-supabase-api-version')).toBe('2024-01-01')
    expect(await v2024.json()).toEqual({ code: 'invalid_credentials', message: 'Invalid login credentials' })
  })

  it('signs in with phone + password', async () => {
    const admin = t.service()
    const { data, error } = await admin.auth.admin.createUser({
      phone: '+1 555 555 0100',
      password: 'phone-password',
      phone_confirm: true,
    })
    expect(error).toBeNull()
    expect(data.user?.phone).toBe('15555550100')
    const client = t.anon()
    const r = await client.auth.signInWithPassword({ phone: '+15555550100', password: 'phone-password' })
    expect(r.error).toBeNull()
    expect(r.data.user?.id).toBe(data.user?.id)
    expect(decode(r.data.session!.access_token).phone).toBe('15555550100')
  })

  it('refuses unconfirmed emails and banned users only after a right password', async () => {
    const admin = t.service()
    const unconfirmed = email('unconfirmed')
    await admin.auth.admin.createUser({ email: unconfirmed, password: 'secret-pass' })
    const r1 = await t.anon().auth.signInWithPassword({ email: unconfirmed, password: 'secret-pass' })
    expect(r1.error).toMatchObject({ status: 400, code: 'email_not_confirmed' })
    const r1b = await t.anon().auth.signInWithPassword({ email: unconfirmed, password: 'bad-pass-1' })
    expect(r1b.error).toMatchObject({ code: 'invalid_credentials' })

    const banned = email('banned')
    await admin.auth.admin.createUser({
      email: banned,
      password: 'secret-pass',
      email_confirm: true,
      ban_duration: '24h',
    })
    const r2 = await t.anon().auth.signInWithPassword({ email: banned, password: 'secret-pass' })
    expect(r2.error).toMatchObject({ status: 400, code: 'user_banned' })
  })

  it('reports a password below the policy as weakPassword but still signs in', async () => {
    t.cfg.auth = { ...t.cfg.auth, minPasswordLength: 12 }
    try {
      const addr = email('weak-signin')
      await t.service().auth.admin.createUser({ email: addr, password: 'short-pw', email_confirm: true })
      const r = await t.anon().auth.signInWithPassword({ email: addr, password: 'short-pw' })
      expect(r.error).toBeNull()
      expect(r.data.weakPassword).toEqual({
        reasons: ['length'],
        message: 'Password should be at least 12 characters.',
      })
    } finally {
      t.cfg.auth = { ...t.cfg.auth, minPasswordLength: undefined }
    }
  })
})

describe('refresh tokens', () => {
  it('rotates: a new token whose parent is the old one, the old one revoked', async () => {
    const { client } = await t.signedIn(email('rotate'))
    const before = await sessionOf(client)
    const { data, error } = await client.auth.refreshSession()
    expect(error).toBeNull()
    const after = data.session!
    expect(after.refresh_token).not.toBe(before.refresh_token)
    expect(decode(after.access_token).session_id).toBe(decode(before.access_token).session_id)
    expect(decode(after.access_token).amr).toEqual(decode(before.access_token).amr)
    const rows = await t.sql<{ token: string; revoked: string; parent: string | null }>(
      'select token, revoked::text as revoked, parent from auth.refresh_tokens where token = any($1) order by id',
      [[before.refresh_token, after.refresh_token]],
    )
    expect(rows).toEqual([
      { token: before.refresh_token, revoked: 'true', parent: null },
      { token: after.refresh_token, revoked: 'false', parent: before.refresh_token },
    ])
  })

  it('answers a lost refresh response: the parent of the active token gets that token back', async () => {
    const { client } = await t.signedIn(email('lost'))
    const t0 = (await sessionOf(client)).refresh_token
    const t1 = (await client.auth.refreshSession()).data.session!.refresh_token
    const again = await t.anon().auth.refreshSession({ refresh_token: t0 })
    expect(again.error).toBeNull()
    expect(again.data.session?.refresh_token).toBe(t1)
  })

  it('allows an older revoked token inside the reuse interval', async () => {
    const { client } = await t.signedIn(email('window'))
    const t0 = (await sessionOf(client)).refresh_token
    await client.auth.refreshSession()
    const t2 = (await client.auth.refreshSession()).data.session!.refresh_token
    const reuse = await t.anon().auth.refreshSession({ refresh_token: t0 })
    expect(reuse.error).toBeNull()
    expect([t0, t2]).not.toContain(reuse.data.session?.refresh_token)
  })

  it('treats reuse outside the interval as theft: error, and the whole session family revoked', async () => {
    t.cfg.auth = { ...t.cfg.auth, refreshTokenReuseInterval: 0 }
    try {
      const { client } = await t.signedIn(email('reuse'))
      const first = await sessionOf(client)
      await client.auth.refreshSession()
      const t2 = (await client.auth.refreshSession()).data.session!.refresh_token
      const stolen = await t.anon().auth.refreshSession({ refresh_token: first.refresh_token })
      expect(stolen.error).toMatchObject({
        status: 400,
        code: 'refresh_token_already_used',
        message: 'Invalid Refresh Token: Already Used',
      })
      const live = await t.sql<{ n: string }>(
        'select count(*)::text as n from auth.refresh_tokens where session_id = $1 and revoked = false',
        [decode(first.access_token).session_id],
      )
      expect(live).toEqual([{ n: '0' }])
      const owner = await t.anon().auth.refreshSession({ refresh_token: t2 })
      expect(owner.error).toMatchObject({ status: 400, code: 'refresh_token_already_used' })
    } finally {
      t.cfg.auth = { ...t.cfg.auth, refreshTokenReuseInterval: undefined }
    }
  })

  it('rejects unknown and missing refresh tokens', async () => {
    const r = await t.anon().auth.refreshSession({ refresh_token: 'never-issued-token' })
    expect(r.error).toMatchObject({ status: 400, code: 'refresh_token_not_found' })
    const missing = await rawToken('refresh_token', {})
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({ error: 'invalid_request', error_description: 'refresh_token required' })
  })
})

describe('signup', () => {
  it('autoconfirms and returns a session with the metadata', async () => {
    const addr = email('signup')
    const { data, error } = await t
      .anon()
      .auth.signUp({ email: addr, password: 'sign-me-up', options: { data: { full_name: 'Ada' } } })
    expect(error).toBeNull()
    expect(data.session?.access_token).toBeTruthy()
    expect(data.user).toMatchObject({ email: addr, user_metadata: { full_name: 'Ada', email_verified: true } })
    expect(data.user?.email_confirmed_at).toBeTruthy()
    const again = await t.anon().auth.signUp({ email: addr.toUpperCase(), password: 'sign-me-up' })
    expect(again.error).toMatchObject({ status: 422, code: 'user_already_exists', message: 'User already registered' })
  })

  it('rejects weak passwords as AuthWeakPasswordError', async () => {
    const { error } = await t.anon().auth.signUp({ email: email('weak'), password: '12345' })
    expect(isAuthWeakPasswordError(error)).toBe(true)
    expect(error).toMatchObject({ status: 422, code: 'weak_password', reasons: ['length'] })
  })

  it('follows the signup switch, in /settings too', async () => {
    t.cfg.signupEnabled = false
    try {
      const { error } = await t.anon().auth.signUp({ email: email('off'), password: 'sign-me-up' })
      expect(error).toMatchObject({
        status: 422,
        code: 'signup_disabled',
        message: 'Signups not allowed for this instance',
      })
      const settings = await (await fetch(`${t.url}/auth/v1/settings`, { headers: { apikey: t.cfg.anonKey } })).json()
      expect(settings.disable_signup).toBe(true)
    } finally {
      t.cfg.signupEnabled = true
    }
  })
})

describe('user', () => {
  it('reads and updates the user (metadata merge, email, password)', async () => {
    const addr = email('upd')
    const { client, userId } = await t.signedIn(addr, 'first-password')
    const got = await client.auth.getUser()
    expect(got.data.user?.id).toBe(userId)

    await client.auth.updateUser({ data: { a: 1, b: 2 } })
    const merged = await client.auth.updateUser({ data: { b: null, c: 3 } })
    expect(merged.data.user?.user_metadata).toEqual({ email_verified: true, a: 1, c: 3 })

    const same = await client.auth.updateUser({ password: 'first-password' })
    expect(same.error).toMatchObject({ status: 422, code: 'same_password' })
    const pw = await client.auth.updateUser({ password: 'second-password' })
    expect(pw.error).toBeNull()
    expect((await t.anon().auth.signInWithPassword({ email: addr, password: 'first-password' })).error?.code).toBe(
      'invalid_credentials',
    )
    expect((await t.anon().auth.signInWithPassword({ email: addr, password: 'second-password' })).error).toBeNull()

    const newAddr = email('moved')
    const moved = await client.auth.updateUser({ email: newAddr })
    expect(moved.error).toBeNull()
    expect(moved.data.user?.email).toBe(newAddr)
    expect((await t.anon().auth.signInWithPassword({ email: newAddr, password: 'second-password' })).error).toBeNull()
  })

  it('ends the other sessions when the password changes', async () => {
    const addr = email('pwchange')
    const { client: a } = await t.signedIn(addr, 'first-password')
    const b = t.anon()
    await b.auth.signInWithPassword({ email: addr, password: 'first-password' })
    await a.auth.updateUser({ password: 'another-password' })
    expect((await a.auth.getUser()).error).toBeNull()
    expect(isAuthSessionMissingError((await b.auth.getUser()).error)).toBe(true)
  })

  it('answers bad, expired and subject-less tokens as GoTrue does', async () => {
    const { client } = await t.signedIn(email('jwt'))
    const token = (await sessionOf(client)).access_token
    const [h, p] = token.split('.')
    const forged = await t.anon().auth.getUser(`${h}.${p}.c2lnbmF0dXJl`)
    expect(forged.error).toMatchObject({ status: 403, code: 'bad_jwt' })
    const { signJwt } = await import('../../supabase/local/jwt')
    const expired = await signJwt({ ...decode(token), exp: Math.floor(Date.now() / 1000) - 10 }, t.cfg.jwtSecret)
    const r = await fetch(`${t.url}/auth/v1/user`, {
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${expired}` },
    })
    expect(r.status).toBe(403)
    expect((await r.json()).msg).toMatch(/token is expired/)
    const noSub = await t.anon().auth.getUser(t.cfg.serviceRoleKey)
    expect(noSub.error).toMatchObject({ status: 403, code: 'bad_jwt' })
    const none = await fetch(`${t.url}/auth/v1/user`, { headers: { apikey: t.cfg.anonKey } })
    expect(none.status).toBe(401)
    expect((await none.json()).error_code).toBe('no_authorization')
  })
})

describe('logout', () => {
  async function threeSessions() {
    const addr = email('logout')
    const { client: a, userId } = await t.signedIn(addr)
    const b = t.anon()
    const c = t.anon()
    await b.auth.signInWithPassword({ email: addr, password: 'correct-horse-battery' })
    await c.auth.signInWithPassword({ email: addr, password: 'correct-horse-battery' })
    return { a, b, c, userId }
  }
  const sessions = async (userId: string) =>
    Number(
      (await t.sql<{ n: string }>('select count(*)::text as n from auth.sessions where user_id = $1', [userId]))[0].n,
    )

  it('local ends only this session', async () => {
    const { a, b, userId } = await threeSessions()
    const token = (await sessionOf(a)).access_token
    expect((await a.auth.signOut({ scope: 'local' })).error).toBeNull()
    expect(await sessions(userId)).toBe(2)
    const r = await fetch(`${t.url}/auth/v1/user`, {
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${token}` },
    })
    expect(r.status).toBe(403)
    expect((await r.json()).error_code).toBe('session_not_found')
    expect((await b.auth.getUser()).error).toBeNull()
    expect((await b.auth.refreshSession()).error).toBeNull()
  })

  it('others ends every session but this one', async () => {
    const { a, b, c, userId } = await threeSessions()
    expect((await a.auth.signOut({ scope: 'others' })).error).toBeNull()
    expect(await sessions(userId)).toBe(1)
    expect((await a.auth.getUser()).error).toBeNull()
    expect(isAuthSessionMissingError((await b.auth.getUser()).error)).toBe(true)
    expect(isAuthSessionMissingError((await c.auth.getUser()).error)).toBe(true)
  })

  it('global ends every session and its refresh tokens', async () => {
    const { a, b, userId } = await threeSessions()
    const bRefresh = (await sessionOf(b)).refresh_token
    expect((await a.auth.signOut()).error).toBeNull()
    expect((await a.auth.getSession()).data.session).toBeNull()
    expect(await sessions(userId)).toBe(0)
    expect((await t.anon().auth.refreshSession({ refresh_token: bRefresh })).error?.code).toBe(
      'refresh_token_not_found',
    )
  })

  it('rejects an unknown scope', async () => {
    const { client } = await t.signedIn(email('scope'))
    const r = await fetch(`${t.url}/auth/v1/logout?scope=everyone`, {
      method: 'POST',
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${(await sessionOf(client)).access_token}` },
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ error_code: 'validation_failed' })
  })
})

describe('meta endpoints and the subset boundary', () => {
  it('serves /health, /settings and the JWKS', async () => {
    const get = async (p: string) =>
      (await fetch(`${t.url}/auth/v1${p}`, { headers: { apikey: t.cfg.anonKey } })).json()
    expect(await get('/health')).toMatchObject({
      name: 'GoTrue',
      version: expect.any(String),
      description: expect.any(String),
    })
    const settings = await get('/settings')
    expect(settings).toMatchObject({ disable_signup: false, mailer_autoconfirm: true })
    expect(settings.external).toMatchObject({ email: true, phone: true, google: false, github: false, apple: false })
    // the ES256 key's public half (auth-signing-keys.test.ts checks what it verifies)
    expect(await get('/.well-known/jwks.json')).toEqual({
      keys: [expect.objectContaining({ kty: 'EC', crv: 'P-256', alg: 'ES256', kid: expect.any(String) })],
    })
  })

  it('answers what it does not implement with 501 and says so', async () => {
    const otp = await t.anon().auth.signInWithOtp({ email: email('otp') })
    expect(otp.error?.status).toBe(501)
    expect(otp.error?.message).toMatch(/not in the Floorline local stack's \/auth\/v1 subset/)
    const oauth = await fetch(`${t.url}/auth/v1/authorize?provider=github`, { headers: { apikey: t.cfg.anonKey } })
    expect(oauth.status).toBe(501)
    expect((await oauth.json()).msg).toMatch(/OAuth/)
    const pkce = await rawToken('pkce', { auth_code: 'x', code_verifier: 'y' })
    expect(pkce.status).toBe(501)
    const nonsense = await rawToken('nonsense', {})
    expect(nonsense.status).toBe(400)
    expect(await nonsense.json()).toEqual({ error: 'unsupported_grant_type' })
  })

  it('sits behind the gateway key check: no or a foreign apikey is 401 before GoTrue', async () => {
    const none = await fetch(`${t.url}/auth/v1/settings`)
    expect(none.status).toBe(401)
    expect((await none.json()).message).toBe('No API key found in request')
    const { signJwt } = await import('../../supabase/local/jwt')
    const foreign = await signJwt({ role: 'anon' }, 'some-other-projects-secret-of-32-characters')
    const bad = await fetch(`${t.url}/auth/v1/settings`, { headers: { apikey: foreign } })
    expect(bad.status).toBe(401)
    expect((await bad.json()).message).toBe('Invalid API key')
    const jwks = await fetch(`${t.url}/auth/v1/.well-known/jwks.json`)
    expect(jwks.status).toBe(200)
  })

  it('answers a malformed body with 400 bad_json', async () => {
    const r = await fetch(`${t.url}/auth/v1/token?grant_type=password`, {
      method: 'POST',
      headers: { apikey: t.cfg.anonKey, 'content-type': 'application/json' },
      body: '{"email":',
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ error_code: 'bad_json' })
  })
})
