/**
 * Stock counts through the count tablet's sync route (issue 16, docs/stock.md): two counters on one
 * blind count contend for a line's lock (the second is answered `conflict`, ITEM_LOCKED naming the
 * first); an offline entry on a line another counter counted meanwhile is a `conflict` (CONFLICT,
 * recorded in the count's conflict_items) until it is sent again forced ("keep mine"), once; and
 * the expected quantities of a blind count never leave the server, not even through PostgREST.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as countSync from '../../app/api/stock/counts/sync/route'
import type { TestStack } from '../stack/harness'
import { type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { AURORA, type Client, signIn, startAppStack } from './helpers'

const ASSEMBLY = '30000000-0000-4000-8000-000000000104'
let t: TestStack
let sup: Client
let olive: Caller
let rosa: Caller
let countId: string
let lines: { id: string; code: string }[]

type Result = {
  outcome: string
  status: number
  error?: { code: string; message: string; details?: Record<string, unknown> }
}
const entry = (lineId: string, quantity: number, extra: Record<string, unknown> = {}) => ({
  client_id: randomUUID(),
  args: {
    count_id: countId,
    item_id: lineId,
    quantity,
    method: 'keypad',
    entered_at: new Date().toISOString(),
    seen_entry_id: null,
    force: false,
    ...extra,
  },
})
const sync = (as: Caller, ops: unknown[]) =>
  call<{ results: Result[] }>(countSync.POST, 'POST', '/api/stock/counts/sync', { as, body: { ops } })

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  sup = await signIn(t, 'supervisor@aurora.test')
  olive = await pinnedIn(t, 'AUR-OP-1', 'tablet-count-1')
  rosa = await pinnedIn(t, 'AUR-OP-3', 'tablet-count-2')
  const created = await sup.rpc('count_create', {
    p_org_id: AURORA,
    p_client_id: randomUUID(),
    p_title: 'Assembly, integration',
    p_scope: 'locations',
    p_mode: 'blind',
    p_location_ids: [ASSEMBLY],
  })
  expect(created.error).toBeNull()
  countId = (created.data as { id: string }).id
  expect((await sup.rpc('count_start', { p_count_id: countId })).error).toBeNull()
  lines = await t.sql<{ id: string; code: string }>(
    `select l.id, i.code from count_lines l join stock_items i on i.id = l.stock_item_id
     where l.count_id = $1 order by i.code`,
    [countId],
  )
  expect(lines.length).toBeGreaterThan(3)
}, 120_000)
afterAll(async () => t?.close())

describe('two counters on one count', () => {
  it('the second is refused the line the first is counting, and told who has it', async () => {
    const first = await sync(olive, [entry(lines[0].id, 5)])
    expect(first.status).toBe(200)
    expect(first.body.results[0]).toMatchObject({ outcome: 'applied' })
    const second = await sync(rosa, [entry(lines[0].id, 6)])
    expect(second.body.results[0]).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'ITEM_LOCKED' } })
    expect(second.body.results[0].error?.message).toContain('Olive Park')
    const [{ n, qty }] = await t.sql<{ n: string; qty: string }>(
      'select count(*)::text n, max(quantity)::text qty from count_entries where count_line_id = $1',
      [lines[0].id],
    )
    expect([n, Number(qty)]).toEqual(['1', 5])
  })
})

describe('an offline count synced with a conflict on the same line', () => {
  it("is a conflict until kept, then applies once and clears the count's conflict", async () => {
    const line = lines[1]
    expect((await sync(olive, [entry(line.id, 9)])).body.results[0].outcome).toBe('applied')
    // Olive moved on: her lock lapsed (15 minutes); Rosa's tablet had counted it offline, unaware
    await t.sql(
      `update item_locks set locked_at = now() - interval '20 minutes', expires_at = now() - interval '5 minutes'
                 where count_id = $1`,
      [countId],
    )
    const offline = entry(line.id, 7, { entered_at: new Date(Date.now() - 120_000).toISOString() })
    const r1 = await sync(rosa, [offline])
    expect(r1.body.results[0]).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'CONFLICT' } })
    expect(r1.body.results[0].error?.message).toContain('Olive Park')
    const [before] = await t.sql<{ items: string; sync: string }>(
      "select array_to_string(conflict_items, ',') items, sync_status::text sync from count_sessions where id = $1",
      [countId],
    )
    expect(before).toEqual({ items: line.code, sync: 'conflict' })

    // "keep mine": the same entry (same client id) sent again, forced — applies once
    const keep = { ...offline, args: { ...offline.args, force: true } }
    expect((await sync(rosa, [keep])).body.results[0].outcome).toBe('applied')
    expect((await sync(rosa, [keep])).body.results[0].outcome).toBe('duplicate')
    const [after] = await t.sql<{ items: string; sync: string; qty: string; n: string }>(
      `select array_to_string(s.conflict_items, ',') items, s.sync_status::text sync, l.counted_qty::text qty,
              (select count(*)::text from count_entries e where e.count_line_id = l.id) n
       from count_sessions s join count_lines l on l.count_id = s.id where l.id = $1`,
      [line.id],
    )
    expect(after).toEqual({ items: '', sync: 'synced', qty: '7.000', n: '2' })
  })
})

describe('blind mode through PostgREST', () => {
  it('a counter cannot select expected quantities; the sheet carries none', async () => {
    const rest = (path: string, init: RequestInit = {}) =>
      fetch(`${t.url}/rest/v1/${path}`, {
        ...init,
        headers: { apikey: t.cfg.anonKey, authorization: `Bearer ${olive.token}`, 'content-type': 'application/json' },
      })
    const denied = await rest(`count_lines?select=expected_qty&count_id=eq.${countId}`)
    expect(denied.status).toBeGreaterThanOrEqual(400)
    expect(((await denied.json()) as { code?: string }).code).toBe('42501')
    const variance = await rest(`count_lines?select=id,variance_qty&count_id=eq.${countId}`)
    expect(variance.status).toBeGreaterThanOrEqual(400)
    const allowed = await rest(`count_lines?select=id,status,counted_qty&count_id=eq.${countId}`)
    expect(allowed.status).toBe(200)
    const sheet = await rest('rpc/count_sheet', { method: 'POST', body: JSON.stringify({ p_count_id: countId }) })
    expect(sheet.status).toBe(200)
    const body = (await sheet.json()) as { lines: Record<string, unknown>[] }
    expect(body.lines.length).toBe(lines.length)
    expect(body.lines.every((l) => l.expected_qty === null || l.expected_qty === undefined)).toBe(true)
    const hand = await rest('stock_on_hand?select=quantity')
    expect(await hand.json()).toEqual([])
    const review = await rest('rpc/count_review', { method: 'POST', body: JSON.stringify({ p_count_id: countId }) })
    expect(review.status).toBe(403)
  })
})

describe('stock found with no line, added offline', () => {
  it('the line and its quantity in one batch, in order; sent again, both are duplicates', async () => {
    // Olive found cables at Assembly where the count has none of them: a line with the tablet's id
    const [item] = await t.sql<{ id: string }>(
      `select i.id from stock_items i where i.org_id = $1 and i.is_active
         and not exists (select 1 from count_lines l where l.count_id = $2 and l.stock_item_id = i.id)
       order by i.code limit 1`,
      [AURORA, countId],
    )
    expect(item).toBeDefined()
    const lineId = randomUUID()
    const add = {
      client_id: lineId,
      op: 'count_add_line',
      args: { count_id: countId, item_id: lineId, stock_item_id: item.id, location_id: ASSEMBLY },
    }
    const qty = entry(lineId, 4)
    const first = await sync(olive, [add, qty])
    expect(first.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied'])
    const again = await sync(olive, [add, qty])
    expect(again.body.results.map((r) => r.outcome)).toEqual(['duplicate', 'duplicate'])
    const [line] = await t.sql<{ qty: string; added: string; n: string }>(
      `select l.counted_qty::text qty, (l.added_at is not null)::text added,
              (select count(*)::text from count_entries e where e.count_line_id = l.id) n
       from count_lines l where l.id = $1`,
      [lineId],
    )
    expect(line).toEqual({ qty: '4.000', added: 'true', n: '1' })
    // the same item there again, under another id: refused with its reason, not a 500
    const twice = { ...add, client_id: randomUUID() }
    twice.args = { ...add.args, item_id: twice.client_id }
    const refused = await sync(olive, [twice])
    expect(refused.body.results[0]).toMatchObject({
      outcome: 'refused',
      status: 400,
      error: { code: 'VALIDATION_FAILED' },
    })
  })
})
