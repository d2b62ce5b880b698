import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { dbKind, startTestStack, type TestStack } from './harness'
import { closeClients, Inbox, mintToken, rtClient, subscribed } from './realtime-helpers'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterEach(closeClients)
afterAll(async () => {
  await t?.close()
})

let nextId = 1000
const id = () => ++nextId

describe('postgres_changes without RLS (rt_open, REPLICA IDENTITY FULL)', () => {
  it('delivers INSERT, UPDATE and DELETE with the payload realtime-js expects', async () => {
    const got = new Inbox()
    const c = await rtClient(t)
    await subscribed(
      c.channel('open-all').on('postgres_changes', { event: '*', schema: 'public', table: 'rt_open' }, got.push),
    )
    const k = id()
    await t.sql(`insert into rt_open (id, label, n) values ($1, 'a', 1)`, [k])
    const ins = await got.next((e) => e.eventType === 'INSERT' && e.new.id === k)
    expect(ins).toMatchObject({ schema: 'public', table: 'rt_open', eventType: 'INSERT', errors: null, old: {} })
    expect(ins.new).toMatchObject({ id: k, label: 'a', n: 1 })
    expect(ins.commit_timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)

    await t.sql(`update rt_open set label = 'b' where id = $1`, [k])
    const upd = await got.next((e) => e.eventType === 'UPDATE' && e.new.id === k)
    expect(upd.new).toMatchObject({ id: k, label: 'b', n: 1 })
    expect(upd.old).toMatchObject({ id: k, label: 'a', n: 1 }) // full: REPLICA IDENTITY FULL

    await t.sql(`delete from rt_open where id = $1`, [k])
    const del = await got.next((e) => e.eventType === 'DELETE' && e.old.id === k)
    expect(del.new).toEqual({})
    expect(del.old).toMatchObject({ id: k, label: 'b', n: 1 })
  })

  it('honours the event and the eq / neq / lt / lte / gt / gte / in filters', async () => {
    const c = await rtClient(t)
    const inbox: Record<string, Inbox> = {}
    let ch = c.channel('open-filters')
    const filters = ['n=eq.5', 'n=neq.5', 'n=lt.5', 'n=lte.5', 'n=gt.5', 'n=gte.5', 'label=in.(x,"y,z")']
    for (const f of filters) {
      inbox[f] = new Inbox()
      ch = ch.on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open', filter: f }, inbox[f].push)
    }
    const updates = new Inbox()
    ch = ch.on('postgres_changes', { event: 'UPDATE', schema: 'public', table: 'rt_open' }, updates.push)
    await subscribed(ch)
    const base = id()
    nextId += 10
    for (const [i, [n, label]] of [
      [4, 'x'],
      [5, 'y,z'],
      [6, 'w'],
    ].entries()) {
      await t.sql(`insert into rt_open (id, label, n) values ($1, $2, $3)`, [base + i, label, n])
    }
    await t.sql(`update rt_open set n = 7 where id = $1`, [base])
    await updates.next((e) => e.new.id === base)
    const ns = (f: string) => inbox[f].items.map((e) => e.new.n).sort()
    expect(ns('n=eq.5')).toEqual([5])
    expect(ns('n=neq.5')).toEqual([4, 6])
    expect(ns('n=lt.5')).toEqual([4])
    expect(ns('n=lte.5')).toEqual([4, 5])
    expect(ns('n=gt.5')).toEqual([6])
    expect(ns('n=gte.5')).toEqual([5, 6])
    expect(ns('label=in.(x,"y,z")')).toEqual([4, 5])
    // an INSERT binding never sees the UPDATE
    expect(inbox['n=eq.5'].items.every((e) => e.eventType === 'INSERT')).toBe(true)
  })

  it('delivers in commit order, rows of one transaction together', async () => {
    const got = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('open-order')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, got.push),
    )
    const base = id()
    nextId += 10
    await t.db.transaction(async (tx) => {
      for (let i = 0; i < 5; i++) await tx.query(`insert into rt_open (id, n) values ($1, $2)`, [base + i, i])
    })
    await t.sql(`insert into rt_open (id, n) values ($1, 5)`, [base + 5])
    await got.next((e) => e.new.id === base + 5)
    expect(got.items.filter((e) => e.new.id >= base).map((e) => e.new.n)).toEqual([0, 1, 2, 3, 4, 5])
  })

  it.runIf(dbKind === 'postgres')('picks up writes made by other connections (psql) on its timer', async () => {
    const got = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('open-external')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, got.push),
    )
    const other = new pg.Client({ connectionString: t.cfg.databaseUrl })
    await other.connect()
    const k = id()
    try {
      await other.query(`insert into rt_open (id, label) values ($1, 'external')`, [k])
    } finally {
      await other.end()
    }
    expect((await got.next((e) => e.new.id === k)).new.label).toBe('external')
  })

  it('captures a table published while the stack runs, from the first subscription on', async () => {
    await t.sql(`create table public.rt_late (id int primary key, v text)`)
    await t.sql(`alter publication supabase_realtime add table public.rt_late`)
    const got = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('late')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_late' }, got.push),
    )
    await t.sql(`insert into rt_late values (1, 'late')`)
    expect((await got.next()).new).toEqual({ id: 1, v: 'late' })
  })

  it("reports an unpublished table or a bad filter with Realtime's system error", async () => {
    const sys = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('unpublished')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'rt_unpublished' }, () => {})
        .on('system', {}, sys.push),
    )
    expect(await sys.next()).toMatchObject({
      extension: 'postgres_changes',
      status: 'error',
      message:
        'Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: [event: *, schema: public, table: rt_unpublished, filters: [], select: nil]',
    })
    const sys2 = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('bad-filter')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'rt_open', filter: 'nope=eq.1' }, () => {})
        .on('system', {}, sys2.push),
    )
    expect((await sys2.next()).message).toMatch(/invalid column for filter nope$/)
    const ok = new Inbox()
    await subscribed(
      (await rtClient(t))
        .channel('good')
        .on('postgres_changes', { event: '*', schema: 'public', table: 'rt_open' }, () => {})
        .on('system', {}, ok.push),
    )
    expect(await ok.next()).toMatchObject({
      extension: 'postgres_changes',
      status: 'ok',
      message: 'Subscribed to PostgreSQL',
    })
  })
})

describe('postgres_changes with RLS (rt_notes: owners read their own rows)', () => {
  it('delivers a change only to subscribers whose SELECT policy lets them see the row', async () => {
    const [alice, bob] = [randomUUID(), randomUUID()]
    const events = { alice: new Inbox(), bob: new Inbox(), anon: new Inbox() }
    const watch = async (who: keyof typeof events, token?: string) =>
      subscribed(
        (await rtClient(t, token))
          .channel(`notes-${who}`)
          .on('postgres_changes', { event: '*', schema: 'public', table: 'rt_notes' }, events[who].push)
          .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, events[who].push),
      )
    await watch('alice', await mintToken(t, alice))
    await watch('bob', await mintToken(t, bob))
    await watch('anon')

    const [{ id: a1 }] = await t.sql<{ id: string }>(
      `insert into rt_notes (owner, body) values ($1, 'alice note') returning id::text`,
      [alice],
    )
    const [{ id: b1 }] = await t.sql<{ id: string }>(
      `insert into rt_notes (owner, body) values ($1, 'bob note') returning id::text`,
      [bob],
    )
    const mark = id()
    await t.sql(`insert into rt_open (id, label) values ($1, 'marker')`, [mark])
    // everyone gets the marker, committed last: per-connection delivery is in commit order
    for (const inbox of Object.values(events)) await inbox.next((e) => e.table === 'rt_open' && e.new.id === mark)

    const notes = (who: keyof typeof events) =>
      events[who].items.filter((e) => e.table === 'rt_notes').map((e) => e.new.body)
    expect(notes('alice')).toEqual(['alice note'])
    expect(notes('bob')).toEqual(['bob note'])
    expect(notes('anon')).toEqual([])
    const seen = events.alice.items.find((e) => e.table === 'rt_notes')
    expect(seen.new).toMatchObject({ id: Number(a1), owner: alice, body: 'alice note', n: 0 })

    // UPDATE: default replica identity → old carries the primary key only
    await t.sql(`update rt_notes set n = 1 where id = $1`, [a1])
    const upd = await events.alice.next((e) => e.eventType === 'UPDATE')
    expect(upd.old).toEqual({ id: Number(a1) })
    expect(upd.new).toMatchObject({ id: Number(a1), n: 1 })

    // DELETE: not RLS-checked (the row is gone) and reduced to the primary key, as in Supabase
    await t.sql(`delete from rt_notes where id = $1`, [b1])
    const del = await events.bob.next((e) => e.eventType === 'DELETE')
    expect(del.old).toEqual({ id: Number(b1) })
  })

  it('follows a supabase.auth session (signInWithPassword) without any manual token', async () => {
    const { client, userId } = await t.signedIn(`rt-${randomUUID()}@example.com`)
    const got = new Inbox()
    await subscribed(
      client
        .channel('session')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_notes' }, got.push),
    )
    await t.sql(`insert into rt_notes (owner, body) values ($1, 'mine')`, [userId])
    expect((await got.next()).new).toMatchObject({ owner: userId, body: 'mine' })
    // a write through the REST API, as the user: capture runs for the API roles too
    const open = new Inbox()
    await subscribed(
      client
        .channel('session-open')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, open.push),
    )
    const k = id()
    const { error } = await client.from('rt_open').insert({ id: k, label: 'via rest' })
    expect(error).toBeNull()
    expect((await open.next((e) => e.new.id === k)).new.label).toBe('via rest')
    await client.removeAllChannels()
  })

  it('applies a filter and RLS together', async () => {
    const alice = randomUUID()
    const got = new Inbox()
    await subscribed(
      (await rtClient(t, await mintToken(t, alice)))
        .channel('notes-filtered')
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_notes', filter: 'n=gte.10' }, got.push)
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, got.push),
    )
    await t.sql(`insert into rt_notes (owner, body, n) values ($1, 'low', 1), ($1, 'high', 10), ($2, 'other', 99)`, [
      alice,
      randomUUID(),
    ])
    const mark = id()
    await t.sql(`insert into rt_open (id) values ($1)`, [mark])
    await got.next((e) => e.table === 'rt_open' && e.new.id === mark)
    expect(got.items.filter((e) => e.table === 'rt_notes').map((e) => e.new.body)).toEqual(['high'])
  })

  it('uses the token given with setAuth() for later changes', async () => {
    const alice = randomUUID()
    const c = await rtClient(t)
    const got = new Inbox()
    const ch = await subscribed(
      c
        .channel('notes-setauth', { config: { broadcast: { ack: true } } })
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_notes' }, got.push)
        .on('postgres_changes', { event: 'INSERT', schema: 'public', table: 'rt_open' }, got.push),
    )
    await t.sql(`insert into rt_notes (owner, body) values ($1, 'before')`, [alice])
    const mark = id()
    await t.sql(`insert into rt_open (id) values ($1)`, [mark])
    await got.next((e) => e.table === 'rt_open' && e.new.id === mark) // 'before' has been judged by now
    await c.realtime.setAuth(await mintToken(t, alice))
    // a socket's frames are handled in order: once this is acknowledged, the new token is in force
    expect(await ch.send({ type: 'broadcast', event: 'sync', payload: {} })).toBe('ok')
    await t.sql(`insert into rt_notes (owner, body) values ($1, 'after')`, [alice])
    await got.next((e) => e.new.body === 'after')
    expect(got.items.filter((e) => e.table === 'rt_notes').map((e) => e.new.body)).toEqual(['after'])
  })
})
