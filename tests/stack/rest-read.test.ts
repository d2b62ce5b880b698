/** /rest/v1 reads through supabase-js: select, filters, order, ranges, counts, media types. */
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

const names = (rows: { name: string }[] | null) => (rows ?? []).map((r) => r.name)

describe('select', () => {
  it('returns every column as PostgREST encodes it', async () => {
    const { data, error, status } = await db.from('rest_people').select('*').eq('id', 1)
    expect(error).toBeNull()
    expect(status).toBe(200)
    expect(data).toEqual([
      {
        id: 1,
        team_id: 1,
        mentor_id: null,
        name: 'Ada',
        email: 'ada@example.com',
        age: 36,
        tags: ['lead', 'laser'],
        profile: { shift: 'early', skills: { laser: 5 } },
        status: 'doing',
        bio: 'Runs the laser cutter',
      },
    ])
  })

  it('picks, renames and casts columns', async () => {
    const { data, error } = await db.from('rest_tasks').select('id, label:title, estimate::text, due_on').eq('id', 1)
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 1, label: 'Cut brackets', estimate: '1.50', due_on: '2024-03-01' }])
  })

  it('reads json paths and array items', async () => {
    const { data, error } = await db
      .from('rest_people')
      .select('name, profile->shift, shift_text:profile->>shift, profile->skills->laser, first_tag:tags->0')
      .eq('id', 1)
    expect(error).toBeNull()
    expect(data).toEqual([{ name: 'Ada', shift: 'early', shift_text: 'early', laser: 5, first_tag: 'lead' }])
  })

  it('reads views', async () => {
    const { data, error } = await db.from('rest_open_tasks').select('id,title').order('id')
    expect(error).toBeNull()
    expect(data?.map((r) => r.id)).toEqual([1, 2, 3])
  })

  it('answers 404 PGRST205 for an unknown table, with a suggestion', async () => {
    const { error, status } = await db.from('rest_peeple').select('*')
    expect(status).toBe(404)
    expect(error).toMatchObject({
      code: 'PGRST205',
      message: "Could not find the table 'public.rest_peeple' in the schema cache",
      hint: "Perhaps you meant the table 'public.rest_people'",
      details: null,
    })
  })

  it('passes unknown columns to Postgres (42703, 400)', async () => {
    const { error, status } = await db.from('rest_people').select('nope')
    expect(status).toBe(400)
    expect(error?.code).toBe('42703')
    expect(error?.message).toMatch(/column rest_people\.nope does not exist/)
  })

  it('rejects a malformed select with PGRST100', async () => {
    const r = await rest(t, 'rest_people?select=name,(')
    expect(r.status).toBe(400)
    expect((await r.json()).code).toBe('PGRST100')
  })

  it('refuses aggregates as PostgREST does by default (PGRST123)', async () => {
    const { error, status } = await db.from('rest_people').select('age.sum()')
    expect(status).toBe(400)
    expect(error?.code).toBe('PGRST123')
  })

  it('sees tables created after start (schema cache reload on miss)', async () => {
    await t.db.exec(
      'create table public.rest_late (id int primary key, v text); insert into public.rest_late values (1, $$x$$)',
    )
    const { data, error } = await db.from('rest_late').select('*')
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 1, v: 'x' }])
  })
})

describe('filters', () => {
  it('compares with eq, neq, gt, gte, lt, lte', async () => {
    expect(names((await db.from('rest_people').select('name').eq('name', 'Bo')).data)).toEqual(['Bo'])
    expect(names((await db.from('rest_people').select('name').neq('status', 'todo').order('id')).data)).toEqual([
      'Ada',
      'Cy',
    ])
    expect(names((await db.from('rest_people').select('name').gt('age', 36)).data)).toEqual(['Di, "the welder"'])
    expect(names((await db.from('rest_people').select('name').gte('age', 36).order('id')).data)).toEqual([
      'Ada',
      'Di, "the welder"',
    ])
    expect(names((await db.from('rest_people').select('name').lt('age', 36)).data)).toEqual(['Bo'])
    expect(names((await db.from('rest_people').select('name').lte('age', 24)).data)).toEqual(['Bo'])
  })

  it('matches patterns with like / ilike (% or *)', async () => {
    expect(
      names((await db.from('rest_people').select('name').like('email', '%@example.com').order('id')).data),
    ).toEqual(['Ada', 'Bo', 'Di, "the welder"'])
    expect(names((await db.from('rest_people').select('name').ilike('bio', '*LASER*')).data)).toEqual(['Ada'])
    expect(
      names((await db.from('rest_people').select('name').likeAnyOf('name', ['A%', 'C%']).order('id')).data),
    ).toEqual(['Ada', 'Cy'])
  })

  it('checks is null / true / false and not.', async () => {
    expect(names((await db.from('rest_people').select('name').is('email', null)).data)).toEqual(['Cy'])
    expect(names((await db.from('rest_people').select('name').not('email', 'is', null).order('id')).data)).toHaveLength(
      3,
    )
    const done = await db.from('rest_tasks').select('id').is('done', true).order('id')
    expect(done.data?.map((r) => r.id)).toEqual([4, 5])
  })

  it('matches lists with in, quoting values that hold commas or parentheses', async () => {
    const { data, error } = await db
      .from('rest_teams')
      .select('name')
      .in('name', ['Cutting', 'Paint', 'a,b', 'c(d)'])
      .order('id')
    expect(error).toBeNull()
    expect(names(data)).toEqual(['Cutting', 'Paint'])
    expect(names((await db.from('rest_teams').select('name').not('name', 'in', '("Cutting","Paint")')).data)).toEqual([
      'Welding',
    ])
  })

  it('uses array and jsonb containment: cs, cd, ov', async () => {
    expect(names((await db.from('rest_people').select('name').contains('tags', ['laser']).order('id')).data)).toEqual([
      'Ada',
      'Bo',
    ])
    expect(
      names((await db.from('rest_people').select('name').containedBy('tags', ['laser', 'lead']).order('id')).data),
    ).toEqual(['Ada', 'Bo', 'Cy'])
    expect(
      names((await db.from('rest_people').select('name').overlaps('tags', ['mig', 'lead']).order('id')).data),
    ).toEqual(['Ada', 'Di, "the welder"'])
    expect(
      names((await db.from('rest_people').select('name').contains('profile', { shift: 'early' }).order('id')).data),
    ).toEqual(['Ada', 'Di, "the welder"'])
  })

  it('filters on json paths', async () => {
    expect(names((await db.from('rest_people').select('name').eq('profile->>shift', 'late')).data)).toEqual(['Bo'])
    expect(names((await db.from('rest_people').select('name').gt('profile->skills->laser', 4)).data)).toEqual(['Ada'])
  })

  it('searches text with fts, plfts, phfts and wfts', async () => {
    const q = (type?: 'plain' | 'phrase' | 'websearch', query = 'laser') =>
      db.from('rest_people').select('name').textSearch('bio', query, { type, config: 'english' })
    expect(names((await q()).data)).toEqual(['Ada'])
    expect(names((await q('plain', 'sheet metal')).data)).toEqual(['Bo'])
    expect(names((await q('phrase', 'laser cutter')).data)).toEqual(['Ada'])
    expect(names((await q('websearch', 'welds -laser')).data)).toEqual(['Di, "the welder"'])
  })

  it('combines or / and trees, nested, with quoted values', async () => {
    const { data, error } = await db
      .from('rest_people')
      .select('name')
      .or('age.gt.40,and(status.eq.todo,email.like.bo*),name.eq."Cy"')
      .order('id')
    expect(error).toBeNull()
    expect(names(data)).toEqual(['Bo', 'Cy', 'Di, "the welder"'])
    const quoted = await db
      .from('rest_teams')
      .select('name')
      .or('name.eq."Paint",name.in.("a,b","Welding")')
      .order('id')
    expect(names(quoted.data)).toEqual(['Welding', 'Paint'])
    const negated = await rest(t, 'rest_teams?select=name&not.or=(id.eq.1,id.eq.2)')
    expect(await negated.json()).toEqual([{ name: 'Paint' }])
  })

  it('reports bad values from Postgres (22P02 → 400) and bad syntax as PGRST100', async () => {
    const bad = await db.from('rest_people').select('name').eq('id', 'abc')
    expect(bad.status).toBe(400)
    expect(bad.error).toMatchObject({ code: '22P02', message: 'invalid input syntax for type bigint: "abc"' })
    const syntax = await rest(t, 'rest_people?id=equals.1')
    expect(syntax.status).toBe(400)
    expect((await syntax.json()).code).toBe('PGRST100')
  })
})

describe('order, limit and ranges', () => {
  it('orders by several columns with nulls placement', async () => {
    const { data } = await db
      .from('rest_people')
      .select('name, age')
      .order('age', { ascending: false, nullsFirst: false })
      .order('name')
    expect(names(data)).toEqual(['Di, "the welder"', 'Ada', 'Bo', 'Cy'])
    const first = await db.from('rest_people').select('name').order('email', { nullsFirst: true })
    expect(names(first.data)[0]).toBe('Cy')
  })

  it('pages with limit / range and reports Content-Range with counts', async () => {
    const page = await db.from('rest_tasks').select('id', { count: 'exact' }).order('id').range(1, 2)
    expect(page.data?.map((r) => r.id)).toEqual([2, 3])
    expect(page.count).toBe(5)
    expect(page.status).toBe(206)
    const all = await db.from('rest_tasks').select('id', { count: 'exact' })
    expect(all.status).toBe(200)
    expect(all.count).toBe(5)
    const limited = await db.from('rest_tasks').select('id').order('id').limit(2)
    expect(limited.data?.map((r) => r.id)).toEqual([1, 2])
  })

  it('writes Content-Range like PostgREST', async () => {
    const r = await rest(t, 'rest_tasks?select=id&order=id&offset=1&limit=2', { headers: { prefer: 'count=exact' } })
    expect(r.status).toBe(206)
    expect(r.headers.get('content-range')).toBe('1-2/5')
    const none = await rest(t, 'rest_tasks?select=id&id=eq.999', { headers: { prefer: 'count=exact' } })
    expect(none.status).toBe(200)
    expect(none.headers.get('content-range')).toBe('*/0')
    const uncounted = await rest(t, 'rest_tasks?select=id&limit=3')
    expect(uncounted.headers.get('content-range')).toBe('0-2/*')
    const ranged = await rest(t, 'rest_tasks?select=id&order=id', { headers: { range: '3-10', 'range-unit': 'items' } })
    expect(await ranged.json()).toEqual([{ id: 4 }, { id: 5 }])
    expect(ranged.headers.get('content-range')).toBe('3-4/*')
  })

  it('answers 416 PGRST103 past the end of a counted range', async () => {
    const r = await rest(t, 'rest_tasks?select=id&offset=10', { headers: { prefer: 'count=exact' } })
    expect(r.status).toBe(416)
    expect(await r.json()).toMatchObject({ code: 'PGRST103', message: 'Requested range not satisfiable' })
  })

  it('counts with head: true (HEAD) and planned/estimated counts', async () => {
    const head = await db.from('rest_people').select('*', { count: 'exact', head: true })
    expect(head.count).toBe(4)
    expect(head.data).toBeNull()
    // planned is the planner's estimate (rest-parity checks it against EXPLAIN); estimated is exact below max-rows
    const planned = await db.from('rest_people').select('id', { count: 'planned' })
    expect(planned.error).toBeNull()
    expect(typeof planned.count).toBe('number')
    const estimated = await db.from('rest_people').select('id', { count: 'estimated', head: true }).eq('team_id', 1)
    expect(estimated.count).toBe(2)
  })
})

describe('media types', () => {
  it('returns one object with single(), 406 PGRST116 otherwise', async () => {
    const one = await db.from('rest_people').select('name').eq('id', 2).single()
    expect(one.data).toEqual({ name: 'Bo' })
    const none = await db.from('rest_people').select('name').eq('id', 999).single()
    expect(none.status).toBe(406)
    expect(none.error).toEqual({
      code: 'PGRST116',
      details: 'The result contains 0 rows',
      hint: null,
      message: 'Cannot coerce the result to a single JSON object',
    })
    const many = await db.from('rest_people').select('name').single()
    expect(many.error?.details).toBe('The result contains 4 rows')
  })

  it('maybeSingle() gives null for no rows', async () => {
    const { data, error } = await db.from('rest_people').select('name').eq('id', 999).maybeSingle()
    expect(error).toBeNull()
    expect(data).toBeNull()
  })

  it('answers text/csv', async () => {
    const { data, error } = await db.from('rest_teams').select('id,name,slug').order('id').csv()
    expect(error).toBeNull()
    expect(data).toBe('id,name,slug\n1,Cutting,cutting\n2,Welding,welding\n3,Paint,')
  })

  it('strips nulls on request', async () => {
    const { data } = await db.from('rest_teams').select('id,slug').eq('id', 3).stripNulls()
    expect(data).toEqual([{ id: 3 }])
  })

  it('refuses media types it cannot produce (406 PGRST107)', async () => {
    const r = await rest(t, 'rest_teams', { headers: { accept: 'application/xml' } })
    expect(r.status).toBe(406)
    expect((await r.json()).code).toBe('PGRST107')
    const plan = await db.from('rest_teams').select('*').explain()
    expect(plan.status).toBe(406)
  })
})

describe('schemas and routing', () => {
  it('rejects schemas that are not exposed (406 PGRST106)', async () => {
    const { error, status } = await db.schema('auth').from('users').select('*')
    expect(status).toBe(406)
    expect(error).toEqual({
      code: 'PGRST106',
      details: null,
      hint: 'Only the following schemas are exposed: public, graphql_public',
      message: 'Invalid schema: auth',
    })
  })

  it('reads and writes another exposed schema (Accept-Profile / Content-Profile)', async () => {
    const other = db.schema('graphql_public')
    const ins = await other.from('rest_profile_probe').insert({ id: 1, note: 'elsewhere' }).select()
    expect(ins.error).toBeNull()
    expect(ins.data).toEqual([{ id: 1, note: 'elsewhere' }])
    expect((await other.from('rest_profile_probe').select('note')).data).toEqual([{ note: 'elsewhere' }])
    const pub = await db.from('rest_profile_probe').select('*')
    expect(pub.status).toBe(404)
    expect(pub.error?.code).toBe('PGRST205')
  })

  it('echoes Content-Profile when the client named the schema', async () => {
    const r = await rest(t, 'rest_teams?select=id&limit=1', { headers: { 'accept-profile': 'public' } })
    expect(r.status).toBe(200)
    expect(r.headers.get('content-profile')).toBe('public')
  })

  it('answers 501 for what the subset leaves out', async () => {
    const root = await rest(t, '')
    expect(root.status).toBe(501)
    expect((await root.json()).message).toMatch(/OpenAPI/)
    const put = await rest(t, 'rest_teams?id=eq.1', { method: 'PUT', body: '{"id":1,"name":"x"}' })
    expect(put.status).toBe(501)
    expect((await put.json()).message).toMatch(/PUT/)
  })

  it('answers 501 for request bodies that are not JSON', async () => {
    const r = await rest(t, 'rest_labels', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'id,name\n1,a',
    })
    expect(r.status).toBe(501)
    expect((await r.json()).message).toMatch(/text\/csv/)
  })

  it('requires an API key', async () => {
    const r = await fetch(`${t.url}/rest/v1/rest_teams`)
    expect(r.status).toBe(401)
  })
})
