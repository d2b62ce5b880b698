/**
 * The custom access token hook (fixture: 20000101000200_auth.sql) as GoTrue runs it: its claims
 * reach the token and RLS, it runs as supabase_auth_admin, and each way it can fail fails sign-in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { withAuth } from '../../supabase/local/context'
import { verifyJwt } from '../../supabase/local/jwt'
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

async function userWithMode(mode: string) {
  const addr = email(mode)
  const { data } = await t.service().auth.admin.createUser({
    email: addr,
    password: 'hook-password',
    email_confirm: true,
    user_metadata: { hook_mode: mode },
  })
  return { addr, id: data.user!.id }
}

const sessionsOf = async (userId: string) =>
  (await t.sql<{ n: string }>('select count(*)::text as n from auth.sessions where user_id = $1', [userId]))[0].n

describe('custom access token hook', () => {
  it('adds its claims to every token it is asked about, running as supabase_auth_admin', async () => {
    const addr = email('role')
    const admin = t.service()
    const { data } = await admin.auth.admin.createUser({ email: addr, password: 'hook-password', email_confirm: true })
    await t.sql(`insert into public.auth_fixture_roles (user_id, station_role) values ($1, 'supervisor')`, [
      data.user!.id,
    ])
    const client = t.anon()
    const signIn = await client.auth.signInWithPassword({ email: addr, password: 'hook-password' })
    expect(signIn.error).toBeNull()
    const claims = decode(signIn.data.session!.access_token)
    expect(claims).toMatchObject({
      station_role: 'supervisor',
      auth_method: 'password',
      hook_ran_as: 'supabase_auth_admin',
      sub: data.user!.id,
      role: 'authenticated',
    })

    const refreshed = await client.auth.refreshSession()
    expect(decode(refreshed.data.session!.access_token)).toMatchObject({
      station_role: 'supervisor',
      auth_method: 'token_refresh',
    })

    const { data: c } = await client.auth.getClaims()
    expect(c?.claims).toMatchObject({ station_role: 'supervisor' })

    const link = (await admin.auth.admin.generateLink({ type: 'magiclink', email: addr })).data.properties!
    const viaLink = await t.anon().auth.verifyOtp({ type: 'magiclink', token_hash: link.hashed_token })
    expect(decode(viaLink.data.session!.access_token)).toMatchObject({ station_role: 'supervisor', auth_method: 'otp' })
  })

  it('puts the hook claims where RLS reads them (auth.jwt() under the request role)', async () => {
    const { client, userId } = await t.signedIn(email('rls'))
    await t.sql(`insert into public.auth_fixture_roles (user_id, station_role) values ($1, 'operator')`, [userId])
    const token = (await client.auth.refreshSession()).data.session!.access_token
    // the same path /rest/v1 takes: verify the bearer, then run as its role with its claims
    const claims = await verifyJwt(token, t.cfg.jwtSecret)
    const seen = await withAuth(t.db, { role: String(claims.role), claims, token }, async (tx) =>
      JSON.parse((await tx.query<{ j: string }>('select public.auth_fixture_whoami()::text as j')).rows[0].j),
    )
    expect(seen).toEqual({
      uid: userId,
      station_role: 'operator',
      session_id: claims.session_id,
      db_role: 'authenticated',
    })
  })

  it('fails sign-in with 500 and issues nothing when the hook raises', async () => {
    const { addr, id } = await userWithMode('raise')
    const r = await t.anon().auth.signInWithPassword({ email: addr, password: 'hook-password' })
    expect(r.data.session).toBeNull()
    expect(r.error).toMatchObject({
      status: 500,
      message: 'Error running hook URI: pg-functions://postgres/public/custom_access_token_hook',
    })
    expect(await sessionsOf(id)).toBe('0')
  })

  it('answers with the status and message of an error the hook returns', async () => {
    const { addr, id } = await userWithMode('error')
    const r = await t.anon().auth.signInWithPassword({ email: addr, password: 'hook-password' })
    expect(r.error).toMatchObject({ status: 403, message: 'Station is locked' })
    expect(await sessionsOf(id)).toBe('0')
  })

  it('rejects claims that miss what GoTrue requires', async () => {
    const { addr } = await userWithMode('drop_sub')
    const r = await t.anon().auth.signInWithPassword({ email: addr, password: 'hook-password' })
    expect(r.error?.status).toBe(500)
    expect(r.error?.message).toMatch(/output claims do not conform to the expected schema[\s\S]*sub is required/)
  })

  it('stops a refresh the hook refuses, and keeps the session usable once it agrees again', async () => {
    const { client, userId } = await t.signedIn(email('later'))
    await t.sql(
      `update auth.users set raw_user_meta_data = raw_user_meta_data || '{"hook_mode":"error"}' where id = $1`,
      [userId],
    )
    const denied = await t
      .anon()
      .auth.refreshSession({ refresh_token: (await client.auth.getSession()).data.session!.refresh_token })
    expect(denied.error).toMatchObject({ status: 403, message: 'Station is locked' })
    await t.sql(`update auth.users set raw_user_meta_data = raw_user_meta_data - 'hook_mode' where id = $1`, [userId])
    expect((await client.auth.refreshSession()).error).toBeNull()
  })
})
