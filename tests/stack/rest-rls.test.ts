/** /rest/v1 as anon, as signed-in users and as the service role: grants and RLS do the deciding. */
import { randomUUID } from 'node:crypto'
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { signJwt } from '../../supabase/local/jwt'
import { startTestStack, type TestStack } from './harness'
import { asUser, withToken } from './rest-helpers'

let t: TestStack
let anon: SupabaseClient
let alice: { client: SupabaseClient; sub: string }
let bob: { client: SupabaseClient; sub: string }
beforeAll(async () => {
  t = await startTestStack()
  anon = t.anon()
  alice = await asUser(t)
  bob = await asUser(t)
  await t.sql(
    `insert into public.rest_notes (owner, body, public) values ($1, 'alice private', false), ($1, 'alice public', true), ($2, 'bob private', false)`,
    [alice.sub, bob.sub],
  )
})
afterAll(async () => {
  await t?.close()
})

const bodies = (rows: { body: string }[] | null) => (rows ?? []).map((r) => r.body).sort()

describe('row level security on reads', () => {
  it('anon sees public rows only', async () => {
    const { data, error } = await anon.from('rest_notes').select('body')
    expect(error).toBeNull()
    expect(bodies(data)).toEqual(['alice public'])
  })

  it('a signed-in user sees public rows and their own', async () => {
    expect(bodies((await alice.client.from('rest_notes').select('body')).data)).toEqual([
      'alice private',
      'alice public',
    ])
    expect(bodies((await bob.client.from('rest_notes').select('body')).data)).toEqual(['alice public', 'bob private'])
  })

  it('counts only what the policies let through', async () => {
    const { count } = await bob.client.from('rest_notes').select('*', { count: 'exact', head: true })
    expect(count).toBe(2)
  })

  it('functions see the caller: auth.uid() and the role', async () => {
    expect((await alice.client.rpc('rest_whoami')).data).toEqual({ role: 'authenticated', sub: alice.sub })
    expect((await anon.rpc('rest_whoami')).data).toEqual({ role: 'anon', sub: null })
  })
})

describe('row level security on writes', () => {
  it('lets a user insert their own row (owner defaults to auth.uid())', async () => {
    const { data, error, status } = await alice.client
      .from('rest_notes')
      .insert({ body: 'alice new' })
      .select('body, owner')
      .single()
    expect(error).toBeNull()
    expect(status).toBe(201)
    expect(data).toEqual({ body: 'alice new', owner: alice.sub })
  })

  it('refuses a row for someone else: 403 42501 when signed in', async () => {
    const { error, status } = await alice.client.from('rest_notes').insert({ body: 'forged', owner: bob.sub })
    expect(status).toBe(403)
    expect(error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "rest_notes"',
    })
  })

  it('refuses anon writes with 401 42501', async () => {
    const { error, status } = await anon.from('rest_notes').insert({ body: 'anon', owner: randomUUID() })
    expect(status).toBe(401)
    expect(error?.code).toBe('42501')
  })

  it("updates and deletes only touch the caller's rows", async () => {
    const upd = await bob.client.from('rest_notes').update({ body: 'hijacked' }).eq('body', 'alice private').select()
    expect(upd.error).toBeNull()
    expect(upd.data).toEqual([])
    const del = await bob.client.from('rest_notes').delete().eq('body', 'alice public').select()
    expect(del.data).toEqual([])
    const own = await bob.client
      .from('rest_notes')
      .update({ body: 'bob edited' })
      .eq('body', 'bob private')
      .select('body')
    expect(own.data).toEqual([{ body: 'bob edited' }])
    expect(
      await t.sql(`select count(*)::int as n from public.rest_notes where body in ('alice private', 'alice public')`),
    ).toEqual([{ n: '2' }])
  })

  it('an insert-only policy accepts return=minimal but not a returned row (42501)', async () => {
    const minimal = await anon.from('rest_inbox').insert({ message: 'hi' })
    expect(minimal.error).toBeNull()
    expect(minimal.status).toBe(201)
    const returning = await anon.from('rest_inbox').insert({ message: 'hi again' }).select()
    expect(returning.status).toBe(401)
    expect(returning.error).toMatchObject({
      code: '42501',
      message: 'new row violates row-level security policy for table "rest_inbox"',
    })
    const signedIn = await alice.client.from('rest_inbox').insert({ message: 'from alice' }).select()
    expect(signedIn.status).toBe(403)
    expect(await t.sql('select message from public.rest_inbox order by id')).toEqual([{ message: 'hi' }])
  })
})

describe('grants', () => {
  it('a table granted to the service role only: 401 for anon, 403 signed in, 200 for service_role', async () => {
    const a = await anon.from('rest_secrets').select('*')
    expect(a.status).toBe(401)
    expect(a.error).toMatchObject({ code: '42501', message: 'permission denied for table rest_secrets' })
    const u = await alice.client.from('rest_secrets').select('*')
    expect(u.status).toBe(403)
    expect(u.error?.code).toBe('42501')
    const s = await t.service().from('rest_secrets').select('id').order('id')
    expect(s.data).toEqual([{ id: 1 }, { id: 2 }])
  })

  it('a security definer function reads what the caller cannot', async () => {
    const { data, error } = await anon.rpc('rest_secret_count')
    expect(error).toBeNull()
    expect(data).toBe(2)
  })
})

describe('sessions from the auth module', () => {
  it('a user signed in with signInWithPassword writes and reads their own rows', async () => {
    const { client, userId } = await t.signedIn('rest-rls@example.com')
    const ins = await client.from('rest_notes').insert({ body: 'via session' }).select('owner').single()
    expect(ins.error).toBeNull()
    expect(ins.data).toEqual({ owner: userId })
    const mine = await client.from('rest_notes').select('body').eq('owner', userId)
    expect(mine.data).toEqual([{ body: 'via session' }])
  })
})

describe('tokens', () => {
  it('rejects an expired token with 401 PGRST303 and a bad signature with PGRST301', async () => {
    const expired = await signJwt(
      { sub: randomUUID(), role: 'authenticated', exp: Math.floor(Date.now() / 1000) - 60 },
      t.cfg.jwtSecret,
    )
    const r = await withToken(t, expired).from('rest_notes').select('*')
    expect(r.status).toBe(401)
    expect(r.error?.code).toBe('PGRST303')
    const forged = await signJwt({ role: 'service_role' }, 'another-secret-that-is-at-least-32-characters')
    const fr = await withToken(t, forged).from('rest_secrets').select('*')
    expect(fr.status).toBe(401)
    expect(fr.error?.code).toBe('PGRST301')
  })
})
