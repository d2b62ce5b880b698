/**
 * /auth/v1/admin contract with supabase-js's auth.admin, and the generateLink + verifyOtp path the
 * app uses to give a station operator a real session server-side.
 */
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

describe('admin users with the service role key', () => {
  it('creates a user with metadata, confirmations, phone and a ban', async () => {
    const admin = t.service()
    const addr = email('create')
    const { data, error } = await admin.auth.admin.createUser({
      email: addr.toUpperCase(),
      password: 'admin-set-pw',
      email_confirm: true,
      phone: '+44 20 7946 0000',
      phone_confirm: true,
      user_metadata: { full_name: 'Grace' },
      app_metadata: { tenant: 't1', providers: ['email', 'phone'] },
    })
    expect(error).toBeNull()
    const u = data.user!
    expect(u).toMatchObject({
      email: addr,
      phone: '442079460000',
      aud: 'authenticated',
      role: 'authenticated',
      user_metadata: { full_name: 'Grace', email_verified: true },
      app_metadata: { provider: 'email', providers: ['email', 'phone'], tenant: 't1' },
      is_anonymous: false,
    })
    expect(u.email_confirmed_at).toBeTruthy()
    expect(u.phone_confirmed_at).toBeTruthy()
    expect(u.identities?.map((i) => i.provider).sort()).toEqual(['email', 'phone'])
    expect((await admin.auth.admin.getUserById(u.id)).data.user).toEqual(u)

    const dup = await admin.auth.admin.createUser({ email: addr, password: 'admin-set-pw' })
    expect(dup.error).toMatchObject({ status: 422, code: 'email_exists' })
    const badMail = await admin.auth.admin.createUser({ email: 'not-an-address', password: 'admin-set-pw' })
    expect(badMail.error).toMatchObject({ status: 400, code: 'validation_failed' })
    const badBan = await admin.auth.admin.createUser({ email: email('ban'), ban_duration: '3 days' })
    expect(badBan.error).toMatchObject({ status: 400, code: 'validation_failed' })
  })

  it('lists users newest first with the pagination auth-js reads', async () => {
    const admin = t.service()
    for (let i = 0; i < 3; i++) await admin.auth.admin.createUser({ email: email('list') })
    const total = Number((await t.sql<{ n: string }>('select count(*)::text as n from auth.users'))[0].n)
    const { data, error } = await admin.auth.admin.listUsers({ page: 1, perPage: 2 })
    expect(error).toBeNull()
    expect(data.users).toHaveLength(2)
    expect(data).toMatchObject({ aud: 'authenticated', total, nextPage: 2, lastPage: Math.ceil(total / 2) })
    const created = data.users.map((u) => Date.parse(u.created_at))
    expect(created[0]).toBeGreaterThanOrEqual(created[1])
  })

  it('updates metadata, email, password and bans; a new password ends the sessions', async () => {
    const admin = t.service()
    const addr = email('update')
    const { client, userId } = await t.signedIn(addr, 'first-password', { tenant: 'a' })
    const refresh = (await client.auth.getSession()).data.session!.refresh_token
    const upd = await admin.auth.admin.updateUserById(userId, {
      user_metadata: { nick: 'op' },
      app_metadata: { tenant: 'b', extra: true },
      password: 'second-password',
    })
    expect(upd.error).toBeNull()
    expect(upd.data.user).toMatchObject({
      user_metadata: { nick: 'op' },
      app_metadata: { tenant: 'b', extra: true, provider: 'email' },
    })
    expect((await t.anon().auth.refreshSession({ refresh_token: refresh })).error?.code).toBe('refresh_token_not_found')
    const fresh = t.anon()
    expect((await fresh.auth.signInWithPassword({ email: addr, password: 'second-password' })).error).toBeNull()
    expect(decode((await fresh.auth.getSession()).data.session!.access_token).app_metadata).toMatchObject({
      tenant: 'b',
    })

    const banned = await admin.auth.admin.updateUserById(userId, { ban_duration: '1h' })
    expect(banned.data.user?.banned_until).toBeTruthy()
    expect((await t.anon().auth.signInWithPassword({ email: addr, password: 'second-password' })).error?.code).toBe(
      'user_banned',
    )
    const unbanned = await admin.auth.admin.updateUserById(userId, { ban_duration: 'none' })
    expect(unbanned.data.user?.banned_until).toBeUndefined()
    expect((await t.anon().auth.signInWithPassword({ email: addr, password: 'second-password' })).error).toBeNull()
  })

  it('deletes a user and cascades its sessions; soft delete keeps the row', async () => {
    const admin = t.service()
    const { client, userId } = await t.signedIn(email('delete'))
    const refresh = (await client.auth.getSession()).data.session!.refresh_token
    const del = await admin.auth.admin.deleteUser(userId)
    expect(del.error).toBeNull()
    expect(del.data.user?.id).toBe(userId)
    expect((await admin.auth.admin.getUserById(userId)).error).toMatchObject({ status: 404, code: 'user_not_found' })
    const left = await t.sql<{ n: string }>(
      `select (select count(*) from auth.sessions where user_id = $1) + (select count(*) from auth.identities where user_id = $1) as n`,
      [userId],
    )
    expect(left).toEqual([{ n: '0' }])
    expect((await t.anon().auth.refreshSession({ refresh_token: refresh })).error?.code).toBe('refresh_token_not_found')

    const softAddr = email('soft')
    const soft = await t.signedIn(softAddr)
    expect((await admin.auth.admin.deleteUser(soft.userId, true)).error).toBeNull()
    expect((await admin.auth.admin.getUserById(soft.userId)).data.user?.deleted_at).toBeTruthy()
    expect(
      (await t.anon().auth.signInWithPassword({ email: softAddr, password: 'correct-horse-battery' })).error?.code,
    ).toBe('invalid_credentials')
  })

  it('answers bad user ids with 404', async () => {
    const get = (id: string) =>
      fetch(`${t.url}/auth/v1/admin/users/${id}`, {
        headers: { apikey: t.cfg.serviceRoleKey, authorization: `Bearer ${t.cfg.serviceRoleKey}` },
      })
    const notUuid = await get('not-a-uuid')
    expect(notUuid.status).toBe(404)
    expect((await notUuid.json()).error_code).toBe('validation_failed')
    const missing = await get('00000000-0000-4000-8000-000000000000')
    expect(missing.status).toBe(404)
    expect((await missing.json()).error_code).toBe('user_not_found')
  })
})

describe('admin refusal', () => {
  it('refuses the anon key and user tokens with 403 not_admin, no token with 401', async () => {
    const anon = t.anon()
    const a = await anon.auth.admin.createUser({ email: email('nope'), password: 'whatever-pw' })
    expect(a.error).toMatchObject({ status: 403, code: 'not_admin', message: 'User not allowed' })
    expect((await anon.auth.admin.listUsers()).error).toMatchObject({ status: 403, code: 'not_admin' })
    const { client } = await t.signedIn(email('user'))
    const token = (await client.auth.getSession()).data.session!.access_token
    const asUser = await fetch(`${t.url}/auth/v1/admin/users`, {
      headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${token}` },
    })
    expect(asUser.status).toBe(403)
    expect((await asUser.json()).error_code).toBe('not_admin')
    const link = await anon.auth.admin.generateLink({ type: 'magiclink', email: email('nolink') })
    expect(link.error).toMatchObject({ status: 403, code: 'not_admin' })
    const bare = await fetch(`${t.url}/auth/v1/admin/users`, { headers: { apikey: t.cfg.anonKey } })
    expect(bare.status).toBe(401)
    expect((await bare.json()).error_code).toBe('no_authorization')
  })
})

describe('generateLink + verifyOtp', () => {
  it('gives an existing user a real session from a magic link token hash', async () => {
    const addr = email('station')
    const { userId } = await t.signedIn(addr)
    const admin = t.service()
    const { data, error } = await admin.auth.admin.generateLink({ type: 'magiclink', email: addr })
    expect(error).toBeNull()
    const p = data.properties!
    expect(p.verification_type).toBe('magiclink')
    expect(p.email_otp).toMatch(/^\d{6}$/)
    expect(p.hashed_token).toMatch(/^[0-9a-f]{56}$/)
    expect(p.action_link).toBe(
      `${t.url}/auth/v1/verify?token=${p.hashed_token}&type=magiclink&redirect_to=${encodeURIComponent(p.redirect_to)}`,
    )
    expect(data.user?.id).toBe(userId)

    const operator = t.anon()
    const v = await operator.auth.verifyOtp({ type: 'magiclink', token_hash: p.hashed_token })
    expect(v.error).toBeNull()
    expect(v.data.user?.id).toBe(userId)
    const claims = decode(v.data.session!.access_token)
    expect(claims).toMatchObject({ sub: userId, amr: [{ method: 'otp', timestamp: expect.any(Number) }] })
    expect((await operator.auth.getUser()).data.user?.id).toBe(userId)
    expect((await operator.auth.refreshSession()).error).toBeNull()

    const twice = await t.anon().auth.verifyOtp({ type: 'magiclink', token_hash: p.hashed_token })
    expect(twice.error).toMatchObject({
      status: 403,
      code: 'otp_expired',
      message: 'Email link is invalid or has expired',
    })
  })

  it('accepts type "email", replaces older links, and expires links after at most 10 minutes', async () => {
    const addr = email('links')
    const { userId } = await t.signedIn(addr)
    const admin = t.service()
    const first = (await admin.auth.admin.generateLink({ type: 'magiclink', email: addr })).data.properties!
    const second = (await admin.auth.admin.generateLink({ type: 'magiclink', email: addr })).data.properties!
    expect((await t.anon().auth.verifyOtp({ type: 'magiclink', token_hash: first.hashed_token })).error?.code).toBe(
      'otp_expired',
    )
    expect((await t.anon().auth.verifyOtp({ type: 'email', token_hash: second.hashed_token })).error).toBeNull()

    const third = (await admin.auth.admin.generateLink({ type: 'magiclink', email: addr })).data.properties!
    await t.sql(`update auth.users set recovery_sent_at = now() - interval '601 seconds' where id = $1`, [userId])
    expect((await t.anon().auth.verifyOtp({ type: 'magiclink', token_hash: third.hashed_token })).error).toMatchObject({
      status: 403,
      code: 'otp_expired',
    })
  })

  it('verifies the emailed OTP with email + token', async () => {
    const addr = email('otp')
    await t.signedIn(addr)
    const p = (await t.service().auth.admin.generateLink({ type: 'magiclink', email: addr })).data.properties!
    const wrong = await t
      .anon()
      .auth.verifyOtp({ type: 'email', email: addr, token: p.email_otp === '000000' ? '111111' : '000000' })
    expect(wrong.error).toMatchObject({ status: 403, code: 'otp_expired' })
    const ok = await t.anon().auth.verifyOtp({ type: 'email', email: addr, token: p.email_otp })
    expect(ok.error).toBeNull()
    expect(ok.data.user?.email).toBe(addr)
  })

  it('signs an unknown address up through a magic link', async () => {
    const addr = email('newcomer')
    const { data } = await t.service().auth.admin.generateLink({ type: 'magiclink', email: addr })
    expect(data.properties?.verification_type).toBe('signup')
    expect(data.user?.email_confirmed_at).toBeUndefined()
    const v = await t.anon().auth.verifyOtp({ type: 'signup', token_hash: data.properties!.hashed_token })
    expect(v.error).toBeNull()
    expect(v.data.user?.email_confirmed_at).toBeTruthy()
    const recovery = await t.service().auth.admin.generateLink({ type: 'recovery', email: email('ghost') })
    expect(recovery.error).toMatchObject({ status: 404, code: 'user_not_found' })
  })

  it('redirects GET /verify with the session, or the error, in the fragment', async () => {
    const addr = email('get')
    await t.signedIn(addr)
    const p = (
      await t.service().auth.admin.generateLink({
        type: 'magiclink',
        email: addr,
        options: { redirectTo: 'http://localhost:3000/station' },
      })
    ).data.properties!
    expect(p.redirect_to).toBe('http://localhost:3000/station')
    const ok = await fetch(p.action_link, { redirect: 'manual' })
    expect(ok.status).toBe(303)
    const to = new URL(ok.headers.get('location')!)
    expect(`${to.origin}${to.pathname}`).toBe('http://localhost:3000/station')
    const frag = new URLSearchParams(to.hash.slice(1))
    expect(frag.get('token_type')).toBe('bearer')
    expect(frag.get('type')).toBe('magiclink')
    expect(decode(frag.get('access_token')!).email).toBe(addr)

    const again = await fetch(p.action_link, { redirect: 'manual' })
    expect(again.status).toBe(303)
    const err = new URLSearchParams(new URL(again.headers.get('location')!).hash.slice(1))
    expect(Object.fromEntries(err)).toMatchObject({ error: 'access_denied', error_code: 'otp_expired' })

    const evil = (
      await t.service().auth.admin.generateLink({
        type: 'magiclink',
        email: addr,
        options: { redirectTo: 'https://evil.example/steal' },
      })
    ).data.properties!
    expect(evil.redirect_to).toBe('http://127.0.0.1:3000')
  })
})
