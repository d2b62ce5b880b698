/**
 * /auth/v1 contract: secure_password_change as GoTrue enforces it (internal/api/user.go UserUpdate,
 * reauthenticate.go), with supabase/config.toml's own setting. A session signed in within 24 h may
 * change its password; an older one needs the nonce GET /reauthenticate sent (here: to the outbox).
 * Sessions are made "old" by backdating auth.sessions.created_at in the test database.
 */
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { applyConfigToml } from '../../supabase/local/config-toml'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
  const fromToml = applyConfigToml(t.cfg, path.join(import.meta.dirname, '..', '..'), {})
  t.cfg.auth = { ...t.cfg.auth, securePasswordChange: fromToml.auth?.securePasswordChange, maxFrequency: 0 }
})
afterAll(async () => {
  await t?.close()
})

let n = 0
const email = (tag: string) => `${tag}-${++n}-${Date.now()}@example.com`

type Client = ReturnType<TestStack['anon']>

async function sessionId(client: Client): Promise<string> {
  const { data } = await client.auth.getSession()
  const token = data.session?.access_token ?? ''
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).session_id
}

/** Makes the client's session look signed in 25 hours ago. */
async function age(client: Client) {
  await t.sql(`update auth.sessions set created_at = now() - interval '25 hours' where id = $1`, [
    await sessionId(client),
  ])
}

async function outbox(addr: string): Promise<Array<{ otp: string; type: string; to: string }>> {
  const r = await fetch(`${t.url}/auth/v1/admin/outbox?email=${encodeURIComponent(addr)}`, {
    headers: { apikey: t.cfg.serviceRoleKey, authorization: `Bearer ${t.cfg.serviceRoleKey}` },
  })
  expect(r.status).toBe(200)
  return (await r.json()).messages
}

async function nonceFor(client: Client, addr: string): Promise<string> {
  const { error } = await client.auth.reauthenticate()
  expect(error).toBeNull()
  const [latest] = await outbox(addr)
  expect(latest).toMatchObject({ to: addr, type: 'reauthentication', otp: expect.stringMatching(/^\d{6}$/) })
  return latest.otp
}

async function canSignIn(addr: string, password: string) {
  const { error } = await t.anon().auth.signInWithPassword({ email: addr, password })
  return error === null
}

describe('secure_password_change', () => {
  it('is on in supabase/config.toml', () => {
    expect(t.cfg.auth?.securePasswordChange).toBe(true)
  })

  it('lets a session signed in within 24 h change the password without a nonce', async () => {
    const addr = email('recent')
    const { client } = await t.signedIn(addr, 'first-password')
    const { error } = await client.auth.updateUser({ password: 'second-password' })
    expect(error).toBeNull()
    expect(await canSignIn(addr, 'second-password')).toBe(true)
  })

  it('refuses an older session without a nonce: 400 reauthentication_needed, password unchanged', async () => {
    const addr = email('old')
    const { client } = await t.signedIn(addr, 'first-password')
    await age(client)
    const { error } = await client.auth.updateUser({ password: 'second-password' })
    expect(error).toMatchObject({ status: 400, code: 'reauthentication_needed' })
    expect(error?.message).toBe('Password update requires reauthentication')
    expect(await canSignIn(addr, 'first-password')).toBe(true)
    expect(await canSignIn(addr, 'second-password')).toBe(false)
  })

  it('accepts the nonce sent by GET /reauthenticate, once', async () => {
    const addr = email('nonce')
    const { client } = await t.signedIn(addr, 'first-password')
    await age(client)
    const nonce = await nonceFor(client, addr)
    const ok = await client.auth.updateUser({ password: 'second-password', nonce })
    expect(ok.error).toBeNull()
    expect(await canSignIn(addr, 'second-password')).toBe(true)
    // single use: the same nonce again is refused
    const again = await client.auth.updateUser({ password: 'third-password', nonce })
    expect(again.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    expect(again.error?.message).toBe('Nonce has expired or is invalid')
  })

  it('refuses a wrong nonce, a nonce before any was sent, and a nonce past the OTP expiry', async () => {
    const addr = email('wrong')
    const { client, userId } = await t.signedIn(addr, 'first-password')
    await age(client)
    const none = await client.auth.updateUser({ password: 'second-password', nonce: '123456' })
    expect(none.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    const nonce = await nonceFor(client, addr)
    const wrong = await client.auth.updateUser({
      password: 'second-password',
      nonce: nonce === '000000' ? '000001' : '000000',
    })
    expect(wrong.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    await t.sql(`update auth.users set reauthentication_sent_at = now() - interval '2 hours' where id = $1`, [userId])
    const expired = await client.auth.updateUser({ password: 'second-password', nonce })
    expect(expired.error).toMatchObject({ status: 422, code: 'reauthentication_not_valid' })
    expect(await canSignIn(addr, 'first-password')).toBe(true)
  })

  it('a newer nonce replaces the older one', async () => {
    const addr = email('replace')
    const { client } = await t.signedIn(addr, 'first-password')
    await age(client)
    const first = await nonceFor(client, addr)
    const second = await nonceFor(client, addr)
    if (first !== second) {
      const old = await client.auth.updateUser({ password: 'second-password', nonce: first })
      expect(old.error).toMatchObject({ code: 'reauthentication_not_valid' })
    }
    const { error } = await client.auth.updateUser({ password: 'second-password', nonce: second })
    expect(error).toBeNull()
  })

  it('GET /reauthenticate needs a session and keeps to max_frequency (429 over_email_send_rate_limit)', async () => {
    const anon = await fetch(`${t.url}/auth/v1/reauthenticate`, { headers: { apikey: t.cfg.anonKey } })
    expect(anon.status).toBe(401)
    const addr = email('freq')
    const { client } = await t.signedIn(addr, 'first-password')
    t.cfg.auth = { ...t.cfg.auth, maxFrequency: 60 }
    try {
      expect((await client.auth.reauthenticate()).error).toBeNull()
      const { error } = await client.auth.reauthenticate()
      expect(error).toMatchObject({ status: 429, code: 'over_email_send_rate_limit' })
      expect(error?.message).toMatch(/^For security purposes, you can only request this after \d+ seconds\.$/)
    } finally {
      t.cfg.auth = { ...t.cfg.auth, maxFrequency: 0 }
    }
  })

  it('leaves other user updates alone on an old session (metadata, email)', async () => {
    const addr = email('other')
    const { client } = await t.signedIn(addr, 'first-password')
    await age(client)
    const meta = await client.auth.updateUser({ data: { shift: 'early' } })
    expect(meta.error).toBeNull()
    expect(meta.data.user?.user_metadata).toMatchObject({ shift: 'early' })
    const moved = email('moved')
    const changed = await client.auth.updateUser({ email: moved })
    expect(changed.error).toBeNull()
    expect(changed.data.user?.email).toBe(moved)
  })

  it('the outbox is for the service role only', async () => {
    const r = await fetch(`${t.url}/auth/v1/admin/outbox`, {
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${t.cfg.anonKey}` },
    })
    expect(r.status).toBe(403)
  })
})
