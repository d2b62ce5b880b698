/** /rest/v1/rpc: calling functions through supabase-js `rpc()`. */
import type { SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'
import { rest } from './rest-helpers'

let t: TestStack
let db: SupabaseClient
beforeAll(async () => {
  t = await startTestStack()
  db = t.service()
})
afterAll(async () => {
  await t?.close()
})

describe('results', () => {
  it('a scalar function returns the bare JSON value; defaults fill missing arguments', async () => {
    expect(await db.rpc('rest_add', { a: 1, b: 2 })).toMatchObject({ data: 3, error: null, status: 200 })
    expect((await db.rpc('rest_add', { a: 1 })).data).toBe(11)
  })

  it('a json function returns its JSON', async () => {
    const { data } = await db.rpc('rest_whoami')
    expect(data).toEqual({ role: 'service_role', sub: null })
  })

  it('setof a table returns rows that select, filters, order, limit and single apply to', async () => {
    const all = await db.rpc('rest_team_people', { team: 1 })
    expect(all.data?.map((p: { name: string }) => p.name)).toEqual(['Ada', 'Bo'])
    const shaped = await db.rpc('rest_team_people', { team: 1 }).select('name, rest_teams(slug)').gt('age', 30)
    expect(shaped.data).toEqual([{ name: 'Ada', rest_teams: { slug: 'cutting' } }])
    const ordered = await db
      .rpc('rest_team_people', { team: 1 })
      .select('name')
      .order('name', { ascending: false })
      .limit(1)
    expect(ordered.data).toEqual([{ name: 'Bo' }])
    const single = await db.rpc('rest_team_people', { team: 1 }).select('name').eq('name', 'Bo').single()
    expect(single.data).toEqual({ name: 'Bo' })
    const none = await db.rpc('rest_team_people', { team: 3 }).single()
    expect(none.status).toBe(406)
    expect(none.error?.code).toBe('PGRST116')
  })

  it('returns table(...) gives an array of objects, with counts', async () => {
    const { data, count } = await db.rpc('rest_status_counts', {}, { count: 'exact' })
    expect(data).toEqual([
      { status: 'todo', n: 2 },
      { status: 'doing', n: 1 },
      { status: 'done', n: 2 },
    ])
    expect(count).toBe(3)
  })

  it('a function returning one composite gives an object', async () => {
    const { data } = await db.rpc('rest_first_person').select('id, name')
    expect(data).toEqual({ id: 1, name: 'Ada' })
  })

  it('a void function answers 204 (data null)', async () => {
    const { data, error, status } = await db.rpc('rest_close_task', { task_id: 2 })
    expect(error).toBeNull()
    expect(status).toBe(204)
    expect(data).toBeNull()
    expect(await t.sql('select done from public.rest_tasks where id = 2')).toEqual([{ done: 't' }])
  })

  it('passes the whole body to a function with a single unnamed json parameter', async () => {
    const { data } = await db.rpc('rest_echo', { any: ['thing', 1], nested: { ok: true } })
    expect(data).toEqual({ any: ['thing', 1], nested: { ok: true } })
  })

  it('converts array arguments', async () => {
    expect((await db.rpc('rest_tag_list', { tags: ['a', 'b', 'c'] })).data).toBe(3)
    expect((await db.rpc('rest_tag_list', { tags: ['a', 'b'] }, { get: true })).data).toBe(2)
  })

  it('ignores Prefer: params=single-object, which PostgREST 13 removed (PGRST122 with handling=strict)', async () => {
    const r = await rest(t, 'rpc/rest_add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'params=single-object' },
      body: JSON.stringify({ a: 1, b: 2 }),
    })
    expect(r.status).toBe(200)
    expect(await r.json()).toBe(3)
    const strict = await rest(t, 'rpc/rest_add', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'handling=strict, params=single-object' },
      body: JSON.stringify({ a: 1, b: 2 }),
    })
    expect(strict.status).toBe(400)
    expect(await strict.json()).toEqual({
      code: 'PGRST122',
      details: 'Invalid preferences: params=single-object',
      hint: null,
      message: 'Invalid preferences given with handling=strict',
    })
  })
})

describe('calling conventions', () => {
  it('picks the overload whose argument names match', async () => {
    expect((await db.rpc('rest_greet', { name: 'Ada' })).data).toBe('hello Ada')
    expect((await db.rpc('rest_greet', { first: 'Ada', last: 'Lovelace' })).data).toBe('hello Ada Lovelace')
  })

  it('calls with GET (arguments in the query string) and HEAD', async () => {
    const get = await db.rpc('rest_add', { a: 5, b: 5 }, { get: true })
    expect(get.data).toBe(10)
    const filtered = await rest(t, 'rpc/rest_team_people?team=1&name=eq.Bo&select=name')
    expect(await filtered.json()).toEqual([{ name: 'Bo' }])
    const head = await db.rpc('rest_team_people', { team: 1 }, { head: true, count: 'exact' })
    expect(head.status).toBe(200)
    expect(head.data).toBeNull()
    expect(head.count).toBe(2)
  })

  it('refuses a volatile function over GET (read-only transaction → 405)', async () => {
    const { error, status } = await db.rpc('rest_close_task', { task_id: 1 }, { get: true })
    expect(status).toBe(405)
    expect(error?.code).toBe('25006')
  })

  it('answers 404 PGRST202 for an unknown function or argument names, with hints', async () => {
    const missing = await db.rpc('rest_ad', { a: 1 })
    expect(missing.status).toBe(404)
    expect(missing.error).toEqual({
      code: 'PGRST202',
      message: 'Could not find the function public.rest_ad(a) in the schema cache',
      details:
        'Searched for the function public.rest_ad with parameter a or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      hint: 'Perhaps you meant to call the function public.rest_add',
    })
    const wrongArgs = await db.rpc('rest_add', { x: 1 })
    expect(wrongArgs.status).toBe(404)
    expect(wrongArgs.error?.message).toBe('Could not find the function public.rest_add(x) in the schema cache')
  })

  it('rejects other methods on /rpc (405 PGRST101)', async () => {
    const r = await rest(t, 'rpc/rest_add', { method: 'PATCH', body: '{}' })
    expect(r.status).toBe(405)
    expect((await r.json()).code).toBe('PGRST101')
  })
})

describe('errors raised by functions', () => {
  it("RAISE sqlstate 'PT404' sets the HTTP status", async () => {
    const { error, status } = await db.rpc('rest_not_found', { what: 'Bracket 7' })
    expect(status).toBe(404)
    expect(error).toEqual({ code: 'PT404', message: 'Bracket 7 was not found', details: null, hint: 'Check the id' })
  })

  it('response.status / response.headers set in SQL change the answer and the write still commits', async () => {
    const [task] = await t.sql<{ id: string }>(
      'select id::text from public.rest_tasks where not done order by id limit 1',
    )
    const r = await rest(t, 'rpc/rest_refuse_and_record', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ task_id: Number(task.id) }),
    })
    expect(r.status).toBe(423)
    expect(r.headers.get('retry-after')).toBe('60')
    expect(await r.json()).toMatchObject({ code: 'PT423', message: 'Locked' })
    const [after] = await t.sql<{ done: string }>('select done::text from public.rest_tasks where id = $1', [task.id])
    expect(after.done).toBe('true')
    // supabase-js turns the 4xx body into `error`
    const viaClient = await db.rpc('rest_refuse_and_record', { task_id: Number(task.id) })
    expect(viaClient.status).toBe(423)
    expect(viaClient.error).toMatchObject({ code: 'PT423', message: 'Locked' })
  })

  it("RAISE sqlstate 'PGRST' controls code, message, status and headers", async () => {
    const r = await rest(t, 'rpc/rest_raise_pgrst', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(r.status).toBe(409)
    expect(r.headers.get('x-shop')).toBe('closed')
    expect(await r.json()).toEqual({ code: 'SHOP1', message: 'Out of stock', details: 'sku 42', hint: 'Restock' })
  })

  it('a wrong argument type is a 400 from Postgres', async () => {
    const { error, status } = await db.rpc('rest_add', { a: 'one' })
    expect(status).toBe(400)
    expect(error?.code).toBe('22P02')
  })
})
