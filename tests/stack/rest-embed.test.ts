/** /rest/v1 resource embedding through foreign keys, as supabase-js asks for it. */
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

describe('relationship shapes', () => {
  it('embeds many-to-one as an object (or null)', async () => {
    const { data, error } = await db.from('rest_people').select('name, rest_teams(name)').in('id', [1, 4]).order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { name: 'Ada', rest_teams: { name: 'Cutting' } },
      { name: 'Di, "the welder"', rest_teams: null },
    ])
  })

  it('embeds one-to-many as an array (empty when none)', async () => {
    const { data } = await db.from('rest_teams').select('name, rest_people(name)').order('id')
    expect(data).toEqual([
      { name: 'Cutting', rest_people: [{ name: 'Ada' }, { name: 'Bo' }] },
      { name: 'Welding', rest_people: [{ name: 'Cy' }] },
      { name: 'Paint', rest_people: [] },
    ])
  })

  it('embeds one-to-one (FK that is also the key) as an object', async () => {
    const { data } = await db.from('rest_teams').select('name, rest_team_settings(theme)').order('id').limit(2)
    expect(data).toEqual([
      { name: 'Cutting', rest_team_settings: { theme: 'dark' } },
      { name: 'Welding', rest_team_settings: null },
    ])
  })

  it('embeds many-to-many through a junction table', async () => {
    const { data } = await db.from('rest_tasks').select('id, rest_labels(name)').in('id', [1, 3]).order('id')
    expect(data).toEqual([
      { id: 1, rest_labels: [{ name: 'urgent' }, { name: 'small' }] },
      { id: 3, rest_labels: [] },
    ])
  })

  it('embeds all columns with *', async () => {
    const { data } = await db.from('rest_team_settings').select('*, rest_teams(*)')
    expect(data).toEqual([
      {
        team_id: 1,
        theme: 'dark',
        rest_teams: { id: 1, name: 'Cutting', slug: 'cutting', created_at: '2024-01-01T00:00:00+00:00' },
      },
    ])
  })
})

describe('disambiguation', () => {
  it('answers 300 PGRST201 when two foreign keys lead to the same table', async () => {
    const { error, status } = await db.from('rest_tasks').select('id, rest_people(name)')
    expect(status).toBe(300)
    expect(error).toEqual({
      code: 'PGRST201',
      message: "Could not embed because more than one relationship was found for 'rest_tasks' and 'rest_people'",
      details: [
        {
          cardinality: 'many-to-one',
          embedding: 'rest_tasks with rest_people',
          relationship: 'rest_tasks_owner_fkey using rest_tasks(owner_id) and rest_people(id)',
        },
        {
          cardinality: 'many-to-one',
          embedding: 'rest_tasks with rest_people',
          relationship: 'rest_tasks_reviewer_fkey using rest_tasks(reviewer_id) and rest_people(id)',
        },
      ],
      hint: "Try changing 'rest_people' to one of the following: 'rest_people!rest_tasks_owner_fkey', 'rest_people!rest_tasks_reviewer_fkey'. Find the desired relationship in the 'details' key.",
    })
  })

  it('takes !fk_name and !column hints, with aliases', async () => {
    const { data, error } = await db
      .from('rest_tasks')
      .select('id, owner:rest_people!rest_tasks_owner_fkey(name), reviewer:rest_people!reviewer_id(name)')
      .in('id', [1, 3])
      .order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { id: 1, owner: { name: 'Ada' }, reviewer: { name: 'Bo' } },
      { id: 3, owner: { name: 'Cy' }, reviewer: null },
    ])
  })

  it('embeds by FK column name as target (many-to-one)', async () => {
    const { data } = await db.from('rest_tasks').select('id, owner_id(name)').eq('id', 2)
    expect(data).toEqual([{ id: 2, owner_id: { name: 'Cy' } }])
  })

  it('reads a self reference both ways', async () => {
    const { data, error } = await db
      .from('rest_people')
      .select('name, mentor:mentor_id(name), mentees:rest_people(name)')
      .in('id', [1, 2])
      .order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { name: 'Ada', mentor: null, mentees: [{ name: 'Bo' }, { name: 'Cy' }] },
      { name: 'Bo', mentor: { name: 'Ada' }, mentees: [{ name: 'Di, "the welder"' }] },
    ])
  })

  it('answers 400 PGRST200 when there is no relationship', async () => {
    const { error, status } = await db.from('rest_teams').select('name, rest_labels(name)')
    expect(status).toBe(400)
    expect(error).toMatchObject({
      code: 'PGRST200',
      message: "Could not find a relationship between 'rest_teams' and 'rest_labels' in the schema cache",
      details:
        "Searched for a foreign key relationship between 'rest_teams' and 'rest_labels' in the schema 'public', but no matches were found.",
    })
    const typo = await db.from('rest_teams').select('name, rest_peple(name)')
    expect(typo.error?.hint).toBe("Perhaps you meant 'rest_people' instead of 'rest_peple'.")
  })
})

describe('embedded filters, order and limits', () => {
  it('filters embedded rows without touching the parents', async () => {
    const { data } = await db.from('rest_teams').select('name, rest_people(name)').gt('rest_people.age', 30).order('id')
    expect(data).toEqual([
      { name: 'Cutting', rest_people: [{ name: 'Ada' }] },
      { name: 'Welding', rest_people: [] },
      { name: 'Paint', rest_people: [] },
    ])
  })

  it('filters parents with !inner, and counts them', async () => {
    const { data, count } = await db
      .from('rest_teams')
      .select('name, rest_people!inner(name)', { count: 'exact' })
      .eq('rest_people.name', 'Cy')
    expect(data).toEqual([{ name: 'Welding', rest_people: [{ name: 'Cy' }] }])
    expect(count).toBe(1)
  })

  it('filters with an embed used only for filtering (no columns)', async () => {
    const { data } = await db
      .from('rest_tasks')
      .select('id, rest_labels!inner()')
      .eq('rest_labels.name', 'small')
      .order('id')
    expect(data).toEqual([{ id: 1 }, { id: 4 }])
  })

  it('filters on whether an embed found rows (is.null / not.is.null)', async () => {
    const without = await db
      .from('rest_teams')
      .select('name, rest_team_settings(theme)')
      .is('rest_team_settings', null)
      .order('id')
    expect(without.data?.map((r) => r.name)).toEqual(['Welding', 'Paint'])
    const withIt = await db
      .from('rest_teams')
      .select('name, rest_team_settings(theme)')
      .not('rest_team_settings', 'is', null)
    expect(withIt.data?.map((r) => r.name)).toEqual(['Cutting'])
    const bad = await db.from('rest_teams').select('name, rest_team_settings(theme)').eq('rest_team_settings', 'x')
    expect(bad.status).toBe(400)
    expect(bad.error?.code).toBe('PGRST120')
  })

  it('orders and limits embedded rows', async () => {
    const { data } = await db
      .from('rest_teams')
      .select('name, rest_people(name)')
      .eq('id', 1)
      .order('name', { referencedTable: 'rest_people', ascending: false })
      .limit(1, { referencedTable: 'rest_people' })
    expect(data).toEqual([{ name: 'Cutting', rest_people: [{ name: 'Bo' }] }])
  })

  it('applies embedded or trees', async () => {
    const { data } = await db
      .from('rest_teams')
      .select('name, rest_people(name)')
      .eq('id', 1)
      .or('name.eq.Bo,age.gt.100', { referencedTable: 'rest_people' })
    expect(data).toEqual([{ name: 'Cutting', rest_people: [{ name: 'Bo' }] }])
  })

  it('uses aliases as the key for embedded filters', async () => {
    const { data } = await db
      .from('rest_teams')
      .select('name, crew:rest_people(name)')
      .eq('crew.name', 'Ada')
      .eq('id', 1)
    expect(data).toEqual([{ name: 'Cutting', crew: [{ name: 'Ada' }] }])
  })

  it('rejects filters on resources that are not embedded (PGRST108)', async () => {
    const { error, status } = await db.from('rest_teams').select('name').eq('rest_people.name', 'Ada')
    expect(status).toBe(400)
    expect(error).toMatchObject({
      code: 'PGRST108',
      message: "'rest_people' is not an embedded resource in this request",
      hint: "Verify that 'rest_people' is included in the 'select' query parameter.",
    })
  })

  it('orders parents by a to-one embed column', async () => {
    const r = await rest(t, 'rest_tasks?select=id,owner:rest_people!owner_id(name)&order=owner(name).desc,id')
    expect(r.status).toBe(200)
    expect((await r.json()).map((x: { id: number }) => x.id)).toEqual([2, 3, 4, 1, 5])
    const bad = await rest(t, 'rest_teams?select=id,rest_people(name)&order=rest_people(name)')
    expect(bad.status).toBe(400)
    expect((await bad.json()).code).toBe('PGRST118')
  })
})

describe('views', () => {
  it('follows foreign keys through views, renamed columns included', async () => {
    const m2o = await db.from('rest_people_public').select('name, rest_teams(name)').eq('id', 2)
    expect(m2o.error).toBeNull()
    expect(m2o.data).toEqual([{ name: 'Bo', rest_teams: { name: 'Cutting' } }])
    const o2m = await db.from('rest_people').select('name, rest_open_tasks(title)').eq('id', 3)
    expect(o2m.data).toEqual([{ name: 'Cy', rest_open_tasks: [{ title: 'Weld frame' }, { title: 'Paint frame' }] }])
  })

  it('joins a view to a view over a view', async () => {
    const { data, error } = await db.from('rest_open_tasks').select('title, rest_people_names(name)').eq('id', 1)
    expect(error).toBeNull()
    expect(data).toEqual([{ title: 'Cut brackets', rest_people_names: { name: 'Ada' } }])
  })

  it('embeds a view over a table in a schema that is not exposed', async () => {
    const { data, error } = await db.from('rest_teams').select('name, rest_machines(name)').in('id', [1, 3]).order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { name: 'Cutting', rest_machines: [{ name: 'Laser' }, { name: 'Press brake' }] },
      { name: 'Paint', rest_machines: [] },
    ])
    const back = await db.from('rest_machines').select('name, rest_teams(slug)').eq('id', 3)
    expect(back.data).toEqual([{ name: 'MIG welder', rest_teams: { slug: 'welding' } }])
  })
})

describe('legacy count', () => {
  it('counts embedded rows with rel(count) and rows with select=count', async () => {
    const { data, error } = await db.from('rest_teams').select('name, rest_people(count)').order('id')
    expect(error).toBeNull()
    expect(data).toEqual([
      { name: 'Cutting', rest_people: [{ count: 2 }] },
      { name: 'Welding', rest_people: [{ count: 1 }] },
      { name: 'Paint', rest_people: [{ count: 0 }] },
    ])
    const grouped = await db.from('rest_tasks').select('status, count').order('status')
    expect(grouped.data).toEqual([
      { status: 'todo', count: 2 },
      { status: 'doing', count: 1 },
      { status: 'done', count: 2 },
    ])
  })
})

describe('nesting and spreading', () => {
  it('nests embeds', async () => {
    const { data, error } = await db
      .from('rest_tasks')
      .select('title, owner:rest_people!owner_id(name, rest_teams(name, rest_team_settings(theme)))')
      .eq('id', 1)
      .single()
    expect(error).toBeNull()
    expect(data).toEqual({
      title: 'Cut brackets',
      owner: { name: 'Ada', rest_teams: { name: 'Cutting', rest_team_settings: { theme: 'dark' } } },
    })
  })

  it('spreads a to-one embed into its parent', async () => {
    const { data, error } = await db.from('rest_people').select('name, ...rest_teams(team:name, slug)').eq('id', 2)
    expect(error).toBeNull()
    expect(data).toEqual([{ name: 'Bo', team: 'Cutting', slug: 'cutting' }])
  })

  it('spreads a to-many embed as one array per column (PostgREST 13+; see rest-parity)', async () => {
    const many = await db.from('rest_teams').select('team:name, ...rest_people(name)').order('id')
    expect(many.error).toBeNull()
    expect(many.data).toEqual([
      { team: 'Cutting', name: ['Ada', 'Bo'] },
      { team: 'Welding', name: ['Cy'] },
      { team: 'Paint', name: [] },
    ])
  })
})
