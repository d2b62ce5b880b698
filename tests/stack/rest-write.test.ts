/** /rest/v1 inserts, upserts, updates and deletes, and the database errors they surface. */
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

describe('insert', () => {
  it('inserts one object: 201, no body by default', async () => {
    const r = await db.from('rest_labels').insert({ id: 10, name: 'ten' })
    expect(r.error).toBeNull()
    expect(r.status).toBe(201)
    expect(r.data).toBeNull()
    expect(await t.sql('select name from public.rest_labels where id = 10')).toEqual([{ name: 'ten' }])
  })

  it('returns the rows with select(), shaped and embedded', async () => {
    const { data, error, status } = await db
      .from('rest_tasks')
      .insert({ title: 'Grind welds', owner_id: 3, labels: ['a', 'b'], meta: { step: 2 }, estimate: 1.25 })
      .select('title, labels, meta, estimate, done, owner:rest_people!owner_id(name)')
    expect(error).toBeNull()
    expect(status).toBe(201)
    expect(data).toEqual([
      {
        title: 'Grind welds',
        labels: ['a', 'b'],
        meta: { step: 2 },
        estimate: 1.25,
        done: false,
        owner: { name: 'Cy' },
      },
    ])
  })

  it('inserts arrays; keys missing from a row become NULL, or DEFAULT with defaultToNull: false', async () => {
    const nulls = await db
      .from('rest_tasks')
      .insert(
        [
          { title: 'A1', owner_id: 1, status: 'doing' },
          { title: 'A2', owner_id: 1 },
        ],
        { defaultToNull: true },
      )
      .select('title, status')
    expect(nulls.status).toBe(400)
    expect(nulls.error?.code).toBe('23502') // status is NOT NULL: a missing key is an explicit NULL
    const defaults = await db
      .from('rest_tasks')
      .insert(
        [
          { title: 'B1', owner_id: 1, status: 'doing' },
          { title: 'B2', owner_id: 1 },
        ],
        { defaultToNull: false },
      )
      .select('title, status')
    expect(defaults.error).toBeNull()
    expect(defaults.data).toEqual([
      { title: 'B1', status: 'doing' },
      { title: 'B2', status: 'todo' },
    ])
  })

  it('returns one object with .select().single()', async () => {
    const { data, error } = await db.from('rest_labels').insert({ id: 11, name: 'eleven' }).select().single()
    expect(error).toBeNull()
    expect(data).toEqual({ id: 11, name: 'eleven' })
    const many = await db
      .from('rest_labels')
      .insert([
        { id: 12, name: 'x12' },
        { id: 13, name: 'x13' },
      ])
      .select()
      .single()
    expect(many.status).toBe(406)
    expect(many.error?.code).toBe('PGRST116')
    // the 406 rolled the insert back
    expect(await t.sql('select id from public.rest_labels where id in (12, 13)')).toEqual([])
  })

  it('counts inserted rows', async () => {
    const { count, status } = await db.from('rest_labels').insert(
      [
        { id: 14, name: 'x14' },
        { id: 15, name: 'x15' },
      ],
      { count: 'exact' },
    )
    expect(status).toBe(201)
    expect(count).toBe(2)
  })

  it('answers PGRST204 for a column that does not exist', async () => {
    const { error, status } = await db.from('rest_labels').insert({ id: 16, nmae: 'typo' })
    expect(status).toBe(400)
    expect(error).toMatchObject({
      code: 'PGRST204',
      message: "Could not find the 'nmae' column of 'rest_labels' in the schema cache",
    })
  })

  it('writes a Location header with return=headers-only', async () => {
    const r = await rest(t, 'rest_labels', {
      method: 'POST',
      headers: { 'content-type': 'application/json', prefer: 'return=headers-only' },
      body: JSON.stringify({ id: 17, name: 'x17' }),
    })
    expect(r.status).toBe(201)
    expect(r.headers.get('location')).toBe('/rest_labels?id=eq.17')
  })

  it('rejects invalid JSON bodies with PGRST102', async () => {
    const r = await rest(t, 'rest_labels', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{nope',
    })
    expect(r.status).toBe(400)
    expect((await r.json()).code).toBe('PGRST102')
  })

  it('rolls back with Prefer: tx=rollback', async () => {
    const { data, error } = await db.from('rest_labels').insert({ id: 18, name: 'ghost' }).select().rollback()
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 18, name: 'ghost' }])
    expect(await t.sql('select id from public.rest_labels where id = 18')).toEqual([])
  })
})

describe('upsert', () => {
  it('merges duplicates: 201 when something was inserted, 200 when all merged', async () => {
    await db.from('rest_labels').insert({ id: 30, name: 'thirty' })
    const mixed = await db
      .from('rest_labels')
      .upsert([
        { id: 30, name: 'THIRTY' },
        { id: 31, name: 'thirty-one' },
      ])
      .select()
    expect(mixed.status).toBe(201)
    expect(mixed.data).toEqual([
      { id: 30, name: 'THIRTY' },
      { id: 31, name: 'thirty-one' },
    ])
    const merged = await db.from('rest_labels').upsert({ id: 31, name: '31' }).select()
    expect(merged.status).toBe(200)
    expect(merged.data).toEqual([{ id: 31, name: '31' }])
  })

  it('ignores duplicates', async () => {
    const { data, error } = await db
      .from('rest_labels')
      .upsert(
        [
          { id: 30, name: 'nope' },
          { id: 32, name: 'thirty-two' },
        ],
        { ignoreDuplicates: true },
      )
      .select()
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 32, name: 'thirty-two' }])
    expect(await t.sql('select name from public.rest_labels where id = 30')).toEqual([{ name: 'THIRTY' }])
  })

  it('resolves conflicts on another unique column with onConflict', async () => {
    const { data, error } = await db
      .from('rest_teams')
      .upsert({ name: 'Paint', slug: 'paint' }, { onConflict: 'name' })
      .select('id, name, slug')
    expect(error).toBeNull()
    expect(data).toEqual([{ id: 3, name: 'Paint', slug: 'paint' }])
  })
})

describe('update and delete', () => {
  it('updates matching rows: 204 by default, 200 with the rows on select()', async () => {
    const plain = await db.from('rest_tasks').update({ notes: 'checked' }).eq('status', 'done')
    expect(plain.status).toBe(204)
    expect(plain.data).toBeNull()
    const { data, status, count } = await db
      .from('rest_tasks')
      .update({ notes: 'rechecked', labels: ['x'] }, { count: 'exact' })
      .in('id', [4, 5])
      .select('id, notes, labels')
      .order('id')
    expect(status).toBe(200)
    expect(count).toBe(2)
    expect(data).toEqual([
      { id: 4, notes: 'rechecked', labels: ['x'] },
      { id: 5, notes: 'rechecked', labels: ['x'] },
    ])
  })

  it('returns the rows as they are after the update, even when the filter column changed', async () => {
    const { data } = await db
      .from('rest_tasks')
      .update({ status: 'doing' })
      .eq('id', 3)
      .eq('status', 'todo')
      .select('id,status')
    expect(data).toEqual([{ id: 3, status: 'doing' }])
  })

  it('returns [] when nothing matched', async () => {
    const { data, status } = await db.from('rest_tasks').update({ notes: 'x' }).eq('id', 999).select()
    expect(status).toBe(200)
    expect(data).toEqual([])
  })

  it('answers PGRST204 for unknown columns in the payload', async () => {
    const { error } = await db.from('rest_tasks').update({ nope: 1 }).eq('id', 1)
    expect(error?.code).toBe('PGRST204')
  })

  it('deletes with filters, returning rows on select()', async () => {
    await db.from('rest_labels').insert([
      { id: 40, name: 'x40' },
      { id: 41, name: 'x41' },
      { id: 42, name: 'x42' },
    ])
    const { data, status } = await db.from('rest_labels').delete().gte('id', 40).lte('id', 41).select('id').order('id')
    expect(status).toBe(200)
    expect(data).toEqual([{ id: 40 }, { id: 41 }])
    const plain = await db.from('rest_labels').delete({ count: 'exact' }).eq('id', 42)
    expect(plain.status).toBe(204)
    expect(plain.count).toBe(1)
  })

  it('ignores limit on updates and deletes, as PostgREST 13 does (limited mutations were removed)', async () => {
    await db.from('rest_labels').insert([
      { id: 50, name: 'x50' },
      { id: 51, name: 'x51' },
      { id: 52, name: 'x52' },
    ])
    const updated = await db
      .from('rest_tasks')
      .update({ notes: 'limit ignored' })
      .in('id', [1, 2, 3])
      .order('id', { ascending: false })
      .limit(1)
      .select('id')
    expect(updated.error).toBeNull()
    expect(updated.data).toEqual([{ id: 3 }, { id: 2 }, { id: 1 }])
    expect(await t.sql(`select count(*)::int as n from public.rest_tasks where notes = 'limit ignored'`)).toEqual([
      { n: '3' },
    ])
    const { data } = await db
      .from('rest_labels')
      .delete()
      .gte('id', 50)
      .order('id', { ascending: false })
      .limit(2)
      .select('id')
    // every matching row goes; order still sorts the representation
    expect(data).toEqual([{ id: 52 }, { id: 51 }, { id: 50 }])
    expect(await t.sql('select id from public.rest_labels where id >= 50')).toEqual([])
  })

  it('enforces max-affected with handling=strict', async () => {
    await db.from('rest_labels').insert([
      { id: 60, name: 'x60' },
      { id: 61, name: 'x61' },
    ])
    // supabase-js types .maxAffected() as PostgREST 13+, so send the headers it would send
    const r = await rest(t, 'rest_labels?id=gte.60', {
      method: 'DELETE',
      headers: { prefer: 'handling=strict, max-affected=1' },
    })
    expect(r.status).toBe(400)
    expect(await r.json()).toMatchObject({ code: 'PGRST124', details: 'The query affects 2 rows' })
    expect(await t.sql('select count(*)::int as n from public.rest_labels where id >= 60')).toEqual([{ n: '2' }])
  })
})

describe('database errors reach supabase-js with PostgREST codes and statuses', () => {
  it('unique violation → 409 23505', async () => {
    const { error, status } = await db.from('rest_teams').insert({ name: 'Cutting' })
    expect(status).toBe(409)
    expect(error).toMatchObject({
      code: '23505',
      message: 'duplicate key value violates unique constraint "rest_teams_name_key"',
      details: 'Key (name)=(Cutting) already exists.',
      hint: null,
    })
  })

  it('foreign key violation → 409 23503', async () => {
    const { error, status } = await db.from('rest_tasks').insert({ title: 'Orphan', owner_id: 999 })
    expect(status).toBe(409)
    expect(error?.code).toBe('23503')
    expect(error?.details).toMatch(/Key \(owner_id\)=\(999\) is not present in table "rest_people"/)
  })

  it('not null → 400 23502, check → 400 23514, bad enum → 400 22P02', async () => {
    const nn = await db.from('rest_tasks').insert({ title: null, owner_id: 1 })
    expect(nn.status).toBe(400)
    expect(nn.error?.code).toBe('23502')
    const check = await db.from('rest_tasks').insert({ title: '   ', owner_id: 1 })
    expect(check.status).toBe(400)
    expect(check.error).toMatchObject({ code: '23514', message: expect.stringContaining('rest_tasks_title_not_blank') })
    const en = await db.from('rest_tasks').insert({ title: 'x', owner_id: 1, status: 'later' })
    expect(en.status).toBe(400)
    expect(en.error?.code).toBe('22P02')
  })

  it('a trigger raising an exception → 400 P0001 with its detail and hint', async () => {
    const { error, status } = await db.from('rest_tasks').update({ title: 'A forbidden title' }).eq('id', 1)
    expect(status).toBe(400)
    expect(error).toEqual({
      code: 'P0001',
      message: 'task titles may not contain "forbidden"',
      details: 'title: A forbidden title',
      hint: 'Pick another title',
    })
  })
})
