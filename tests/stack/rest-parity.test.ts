/**
 * /rest/v1 answers that must match hosted Supabase's PostgREST (13+) — issue 20: cases the stack
 * once accepted (or answered differently) although PostgREST refuses them. Expected statuses,
 * codes and bodies come from PostgREST's source and supabase-js's postgrest-js test suite.
 * Fixture: tests/stack/fixtures/migrations/20000101000500_rest_parity.sql.
 */
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import { startTestStack, type TestStack } from './harness'
import { rest } from './rest-helpers'

type Item = { id: number; name: string; state: string }
/** Just enough of a generated Database type for supabase-js to type `.maxAffected()` (PostgREST 13+). */
type ParityDb = {
  __InternalSupabase: { PostgrestVersion: '14.1' }
  public: {
    Tables: Record<string, never>
    Views: Record<string, never>
    Functions: {
      parity_close: { Args: { pattern: string }; Returns: Item[] }
      parity_close_one: { Args: { item: number }; Returns: Item }
      rest_add: { Args: { a: number; b: number }; Returns: number }
    }
    Enums: Record<string, never>
    CompositeTypes: Record<string, never>
  }
}

let t: TestStack
let db: SupabaseClient
let typed: SupabaseClient<ParityDb>
beforeAll(async () => {
  t = await startTestStack()
  db = t.service()
  typed = createClient<ParityDb>(t.url, t.cfg.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  })
})
afterAll(async () => {
  await t?.close()
})

const states = async () =>
  (await t.sql<{ id: number; state: string }>('select id, state from public.parity_items order by id')).map(
    (r) => `${r.id}:${r.state}`,
  )

describe('the same table embedded twice without aliases', () => {
  it('answers 400 42712 naming the clashing join, as Postgres does under PostgREST', async () => {
    const res = await db
      .from('rest_tasks')
      .select('id, rest_people!rest_tasks_owner_fkey(name), rest_people!rest_tasks_reviewer_fkey(name)')
    expect(res.status).toBe(400)
    expect(res.data).toBeNull()
    expect(res.error).toEqual({
      code: '42712',
      details: null,
      hint: null,
      message: 'table name "rest_tasks_rest_people_1" specified more than once',
    })
  })

  it('names the alias and depth when nested embeds clash', async () => {
    const res = await db
      .from('rest_teams')
      .select('name, rest_people(x:rest_tasks!rest_tasks_owner_fkey(id), x:rest_tasks!rest_tasks_reviewer_fkey(id))')
    expect(res.status).toBe(400)
    expect(res.error?.code).toBe('42712')
    expect(res.error?.message).toBe('table name "rest_people_x_2" specified more than once')
  })

  it('works once each embed has its own alias', async () => {
    const { data, error } = await db
      .from('rest_tasks')
      .select('id, owner:rest_people!rest_tasks_owner_fkey(name), reviewer:rest_people!rest_tasks_reviewer_fkey(name)')
      .eq('id', 1)
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({ id: 1, owner: { name: 'Ada' }, reviewer: { name: 'Bo' } })
  })
})

describe('Prefer: handling=strict, max-affected=N on an RPC', () => {
  it('refuses a set-returning call with more rows than N (400 PGRST124) and rolls it back', async () => {
    const res = await typed.rpc('parity_close', { pattern: 'bolt%' }).maxAffected(1).select()
    expect(res.status).toBe(400)
    expect(res.data).toBeNull()
    expect(res.error).toEqual({
      code: 'PGRST124',
      details: 'The query affects 3 rows',
      hint: null,
      message: 'Query result exceeds max-affected preference constraint',
    })
    expect(await states()).toEqual(['1:open', '2:open', '3:open', '4:open'])
  })

  it('commits within the limit and reports both preferences as applied', async () => {
    const r = await rest(t, 'rpc/parity_close', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'max-affected=1, handling=strict' },
      body: JSON.stringify({ pattern: 'nut' }),
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('preference-applied')).toBe('handling=strict, max-affected=1')
    expect(await r.json()).toEqual([{ id: 4, name: 'nut', state: 'closed' }])
    expect(await states()).toEqual(['1:open', '2:open', '3:open', '4:closed'])
    await t.sql(`update public.parity_items set state = 'open'`)
  })

  it('refuses a function that returns one row or a scalar (400 PGRST128) without calling it', async () => {
    const one = await typed.rpc('parity_close_one', { item: 1 }).maxAffected(1)
    expect(one.status).toBe(400)
    expect(one.error).toEqual({
      code: 'PGRST128',
      details: null,
      hint: null,
      message: 'Function must return SETOF or TABLE when max-affected preference is used with handling=strict',
    })
    expect(await states()).toEqual(['1:open', '2:open', '3:open', '4:open'])
    const scalar = await typed.rpc('rest_add', { a: 1, b: 2 }).maxAffected(5)
    expect(scalar.error?.code).toBe('PGRST128')
  })

  it('ignores max-affected without handling=strict', async () => {
    const r = await rest(t, 'rpc/parity_close', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'max-affected=1' },
      body: JSON.stringify({ pattern: 'bolt%' }),
    })
    expect(r.status).toBe(200)
    expect(r.headers.get('preference-applied')).toBeNull()
    expect(await states()).toEqual(['1:closed', '2:closed', '3:closed', '4:open'])
    await t.sql(`update public.parity_items set state = 'open'`)
  })
})

describe("count: 'exact' on an RPC that returns one value", () => {
  it('counts a scalar as 1 (Content-Range 0-0/1), so supabase-js reports count 1', async () => {
    const res = await db.rpc('rest_add', { a: 1, b: 2 }, { count: 'exact' })
    expect(res).toMatchObject({ data: 3, count: 1, error: null, status: 200 })
    const r = await rest(t, 'rpc/rest_add?a=1&b=2', { headers: { prefer: 'count=exact' } })
    expect(r.headers.get('content-range')).toBe('0-0/1')
    expect(r.headers.get('preference-applied')).toBe('count=exact')
    const uncounted = await rest(t, 'rpc/rest_add?a=1&b=2')
    expect(uncounted.headers.get('content-range')).toBe('0-0/*')
  })

  it('counts a single composite as 1, and sends 0-0 for void functions too', async () => {
    const person = await db.rpc('rest_first_person', undefined, { count: 'exact' })
    expect(person).toMatchObject({ count: 1, status: 200 })
    expect(person.data).toMatchObject({ id: 1, name: 'Ada' })
    const v = await rest(t, 'rpc/rest_close_task', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'count=exact, tx=rollback' },
      body: JSON.stringify({ task_id: 1 }),
    })
    expect(v.status).toBe(204)
    expect(v.headers.get('content-range')).toBe('0-0/1')
  })

  it('does not plan RPC counts: count=planned leaves the total out (0-N/*)', async () => {
    const r = await rest(t, 'rpc/rest_team_people?team=1', { headers: { prefer: 'count=planned' } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-range')).toBe('0-1/*')
    const estimated = await rest(t, 'rpc/rest_team_people?team=1', { headers: { prefer: 'count=estimated' } })
    expect(estimated.headers.get('content-range')).toBe('0-1/2')
  })
})

describe('spread on a to-many relationship (PostgREST 13+)', () => {
  it('one-to-many: each selected column becomes an array over the related rows', async () => {
    const { data, error, status } = await db
      .from('rest_teams')
      .select('team:name, ...rest_people(id, person:name)')
      .order('id')
      .order('id', { referencedTable: 'rest_people', ascending: false })
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(data).toEqual([
      { team: 'Cutting', id: [2, 1], person: ['Bo', 'Ada'] },
      { team: 'Welding', id: [3], person: ['Cy'] },
      { team: 'Paint', id: [], person: [] },
    ])
  })

  it('many-to-many, with filters on the spread and !inner', async () => {
    const m2m = await db
      .from('rest_tasks')
      .select('id, ...rest_labels(label:name)')
      .order('id')
      .order('id', { referencedTable: 'rest_labels' })
    expect(m2m.error).toBeNull()
    expect(m2m.data).toEqual([
      { id: 1, label: ['urgent', 'small'] },
      { id: 2, label: ['outdoor'] },
      { id: 3, label: [] },
      { id: 4, label: ['small'] },
      { id: 5, label: [] },
    ])
    const inner = await db
      .from('rest_teams')
      .select('team:name, ...rest_people!inner(person:name)')
      .gt('rest_people.age', 30)
      .order('id')
    expect(inner.error).toBeNull()
    expect(inner.data).toEqual([{ team: 'Cutting', person: ['Ada'] }])
  })

  it('nested to-one embeds become arrays of objects (or null), nested to-one spreads arrays of values', async () => {
    const { data, error } = await db
      .from('rest_teams')
      .select('team:name, ...rest_people(person:name, mentor_id(name), ...rest_teams(home:slug))')
      .eq('id', 1)
      .order('id', { referencedTable: 'rest_people' })
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({
      team: 'Cutting',
      person: ['Ada', 'Bo'],
      mentor_id: [null, { name: 'Ada' }],
      home: ['cutting', 'cutting'],
    })
  })
})

describe('embedding through a function (computed relationship)', () => {
  it('answers 501 PGRST127: unsupported by the stack, not a missing relationship', async () => {
    const res = await db.from('rest_tasks').select('id, owner:parity_task_owner(name)')
    expect(res.status).toBe(501)
    expect(res.error?.code).toBe('PGRST127')
    expect(res.error?.message).toContain('public.parity_task_owner')
    expect(res.error?.message).toContain('computed relationship')
  })

  it('still answers PGRST200 for a name that is neither a relationship nor such a function', async () => {
    const res = await db.from('rest_tasks').select('id, rest_add(*)')
    expect(res.status).toBe(400)
    expect(res.error?.code).toBe('PGRST200')
  })
})

describe('HEAD with count=planned / count=estimated', () => {
  const plannedRows = async (query: string) => {
    const [row] = await t.sql<{ 'QUERY PLAN': unknown }>(`explain (format json) ${query}`)
    const plan = row['QUERY PLAN']
    const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as { Plan: { 'Plan Rows': number } }[]
    return parsed[0].Plan['Plan Rows']
  }

  it("planned is the planner's estimate of the count query, 206 when it exceeds the rows sent", async () => {
    const estimate = await plannedRows('select 1 from public.rest_tasks')
    const res = await db.from('rest_tasks').select('*', { count: 'planned', head: true })
    expect(res.error).toBeNull()
    expect(res.count).toBe(estimate)
    // a never-analyzed table is estimated from its pages, far above its 5 rows
    expect(estimate).toBeGreaterThan(5)
    expect(res.status).toBe(206)
    const r = await rest(t, 'rest_tasks?select=id', { method: 'HEAD', headers: { prefer: 'count=planned' } })
    expect(r.status).toBe(206)
    expect(r.headers.get('content-range')).toBe(`0-4/${estimate}`)
    expect(r.headers.get('preference-applied')).toBe('count=planned')
  })

  it('estimated is exact up to max-rows (1000), the larger of exact and planned beyond', async () => {
    const small = await db.from('rest_tasks').select('*', { count: 'estimated', head: true })
    expect(small).toMatchObject({ count: 5, status: 200, error: null })
    const estimate = await plannedRows('select 1 from public.parity_many')
    const big = await rest(t, 'parity_many?select=id&limit=10', {
      method: 'HEAD',
      headers: { prefer: 'count=estimated' },
    })
    expect(big.status).toBe(206)
    expect(big.headers.get('content-range')).toBe(`0-9/${Math.max(1001, estimate)}`)
  })
})

describe('other PostgREST 13 changes', () => {
  it('filters with is.not_null', async () => {
    const { data, error } = await db.from('rest_tasks').select('id').filter('reviewer_id', 'is', 'not_null').order('id')
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 1 }, { id: 2 }, { id: 4 }])
  })

  it('applies to_tsvector(config, col) to text columns in full-text filters', async () => {
    // with the config applied to the column too, 'cuts' is not stemmed on either side
    const exact = await db.from('rest_people').select('name').textSearch('bio', 'cuts', { config: 'simple' })
    expect(exact.data).toEqual([{ name: 'Bo' }])
    const stem = await db.from('rest_people').select('name').textSearch('bio', 'cut', { config: 'simple' })
    expect(stem.data).toEqual([])
  })

  it('ignores limit on PATCH: every matching row is written (limited updates were removed)', async () => {
    const r = await rest(t, 'parity_items?name=like.bolt*&order=id&limit=1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', prefer: 'return=representation' },
      body: JSON.stringify({ state: 'limited?' }),
    })
    expect(r.status).toBe(200)
    expect((await r.json()).map((x: { id: number }) => x.id)).toEqual([1, 2, 3])
    expect(await states()).toEqual(['1:limited?', '2:limited?', '3:limited?', '4:open'])
    await t.sql(`update public.parity_items set state = 'open'`)
  })
})

describe('db-max-rows (hosted Supabase: max_rows = 1000)', () => {
  it('never returns more than 1000 rows, top level or embedded; the count stays exact', async () => {
    const { data, count, status, error } = await db.from('parity_many').select('id', { count: 'exact' })
    expect(error).toBeNull()
    expect(data).toHaveLength(1000)
    expect(count).toBe(1500)
    expect(status).toBe(206)
    const r = await rest(t, 'parity_many?select=id&offset=1200&limit=2000', { headers: { prefer: 'count=exact' } })
    expect(r.headers.get('content-range')).toBe('1200-1499/1500')
    expect(await r.json()).toHaveLength(300)
  })
})
