/**
 * Orders as the order screens read and write them (lib/orders), against the real migrations and
 * demo seed: create with the model's woods, list with search/filters/keyset pages, detail with
 * history and staff-only notes, edit, status changes, cancel, and tracking links.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { dbFail } from '../../lib/errors'
import { CreateOrderInput, ORDER_FIELDS } from '../../lib/orders/schema'
import type { OrderJson, OrderRow, TrackingLink } from '../../lib/orders/types'
import type { TestStack } from '../stack/harness'
import { AURORA, type Client, client, signIn, startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { listOrders, getOrder } = await import('../../lib/orders/queries')

let t: TestStack
let manager: Client
let supervisor: Client
const ATTICUS = '80000000-0000-4000-8000-000000000101'
const CALDERA = '80000000-0000-4000-8000-000000000105'
const TODAY = new Date().toISOString().slice(0, 10)

beforeAll(async () => {
  t = await startAppStack()
  manager = await signIn(t, 'manager@aurora.test')
  supervisor = await signIn(t, 'supervisor@aurora.test')
}, 120_000)
afterAll(async () => t?.close())

/** The order form's input, parsed as the server action parses it, then the RPC it calls. */
async function create(c: Client, fields: Record<string, string>) {
  const input = CreateOrderInput.parse({
    orgId: AURORA,
    modelId: ATTICUS,
    woodType: 'Walnut',
    priority: 'standard',
    customerName: 'Mia Chen',
    customerEmail: 'mia.chen@example.com',
    ...fields,
  })
  return c.rpc('create_order', {
    p_org_id: input.orgId,
    p_model_id: input.modelId,
    p_wood_type: input.woodType,
    p_customer: { name: input.customerName, email: input.customerEmail, phone: input.customerPhone ?? null },
    p_priority: input.priority,
    p_due_date: input.dueDate,
    p_customizations: input.customizations,
    p_notes: input.notes,
    p_internal_notes: input.internalNotes,
    p_price: input.price,
  })
}

let created: OrderJson
let link: TrackingLink

describe('creating an order', () => {
  it('makes a pending order at the model’s price, with its customer and a tracking link', async () => {
    const { data, error } = await create(manager, {
      customerEmail: 'Mia.Chen@Example.com',
      dueDate: '2026-12-24',
      customizations: 'Engraving: For Mia',
      internalNotes: 'Pays on pickup',
      priority: 'high',
    })
    expect(error).toBeNull()
    const answer = data as unknown as { order: OrderJson; tracking: TrackingLink }
    created = answer.order
    link = answer.tracking
    expect(created).toMatchObject({
      status: 'pending',
      priority: 'high',
      model_name: 'Atticus',
      wood_type: 'Walnut',
      price: 499,
      due_date: '2026-12-24',
      customizations: { Engraving: 'For Mia' },
      internal_notes: 'Pays on pickup',
      customer: { name: 'Mia Chen', email: 'mia.chen@example.com' },
      batch: null,
    })
    expect(created.order_number).toMatch(/^ORD-\d+$/)
    expect(link.token).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(link.path).toBe(`/track/${link.token}`)
  })

  it('puts a wood the model is not made in under the wood field, in the database’s words', async () => {
    const { error } = await create(manager, { woodType: 'Ziricote' })
    expect(dbFail(error, ORDER_FIELDS)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      status: 400,
      message: 'Invalid wood type for this model: Atticus is not made in Ziricote',
      fieldErrors: { woodType: ['Invalid wood type for this model: Atticus is not made in Ziricote'] },
    })
  })

  it('is for managers: a supervisor is refused', async () => {
    const { error } = await create(supervisor, {})
    expect(dbFail(error, ORDER_FIELDS)).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})

describe('the order list', () => {
  it('finds orders by customer name prefix (full text), e-mail and order number', async () => {
    const byName = await listOrders(AURORA, { q: 'mia ch' }, TODAY, supervisor)
    expect(byName.rows.map((r) => r.id)).toContain(created.id)
    const byMail = await listOrders(AURORA, { q: 'Mia.Chen@example.com' }, TODAY, supervisor)
    expect(byMail.rows.map((r) => r.id)).toEqual([created.id])
    const byLocalPart = await listOrders(AURORA, { q: 'mia.chen' }, TODAY, supervisor)
    expect(byLocalPart.rows.map((r) => r.id)).toContain(created.id)
    expect((await listOrders(AURORA, { q: 'mia.chen@elsewhere.com' }, TODAY, supervisor)).rows).toEqual([])
    const byNumber = await listOrders(AURORA, { q: created.order_number }, TODAY, supervisor)
    expect(byNumber.rows.map((r) => r.order_number)).toEqual([created.order_number])
    expect((await listOrders(AURORA, { q: 'zzzz-nobody' }, TODAY, supervisor)).rows).toEqual([])
  })

  it('filters by status, model and wood, and by priority and due date on top', async () => {
    const pending = await listOrders(
      AURORA,
      { statuses: ['pending'], modelId: ATTICUS, wood: 'Walnut' },
      TODAY,
      supervisor,
    )
    expect(pending.rows.length).toBeGreaterThan(0)
    expect(
      pending.rows.every((r) => r.status === 'pending' && r.model_name === 'Atticus' && r.wood_type === 'Walnut'),
    ).toBe(true)

    const rush = await listOrders(AURORA, { priority: 'rush' }, TODAY, supervisor)
    const [{ n }] = await t.sql<{ n: string }>(
      `select count(*)::text as n from orders where org_id = $1 and priority = 'rush'`,
      [AURORA],
    )
    expect(rush.rows.every((r) => r.priority === 'rush')).toBe(true)
    expect(rush.rows.length).toBe(Math.min(30, Number(n)))

    const overdue = await listOrders(AURORA, { due: 'overdue' }, TODAY, supervisor)
    expect(overdue.rows.every((r) => r.due_date !== null && r.due_date < TODAY)).toBe(true)
  })

  it('pages newest first with a cursor, every order exactly once', async () => {
    const seen: OrderRow[] = []
    let cursor: string | undefined
    for (let i = 0; i < 20; i++) {
      const page = await listOrders(AURORA, { cursor }, TODAY, supervisor)
      seen.push(...page.rows)
      if (!page.nextCursor) break
      cursor = page.nextCursor
    }
    const [{ n }] = await t.sql<{ n: string }>(`select count(*)::text as n from orders where org_id = $1`, [AURORA])
    expect(seen).toHaveLength(Number(n))
    expect(new Set(seen.map((r) => r.id)).size).toBe(Number(n))
    const times = seen.map((r) => r.created_at)
    expect([...times].sort().reverse()).toEqual(times)
  })

  it('starts over when a cursor in the URL is garbage', async () => {
    const page = await listOrders(AURORA, { cursor: 'garbage|x' }, TODAY, supervisor)
    expect(page.rows.length).toBe(30)
  })
})

describe('an order’s page', () => {
  it('shows its customer, history with who and why, and the staff-only note', async () => {
    const detail = await getOrder(AURORA, created.id, supervisor)
    expect(detail?.order).toMatchObject({
      order_number: created.order_number,
      internal_notes: 'Pays on pickup',
      customer: { name: 'Mia Chen' },
    })
    expect(detail?.history).toEqual([
      expect.objectContaining({
        old_status: null,
        new_status: 'pending',
        changed_by_name: 'Marco Bell',
        source: 'manual',
      }),
    ])
    expect(detail?.tokens).toEqual([expect.objectContaining({ id: link.token_id, revoked_at: null })])
    expect(await getOrder(AURORA, 'not-a-uuid', supervisor)).toBeNull()
    expect(await getOrder(AURORA, '82000000-0000-4000-8000-999999999999', supervisor)).toBeNull()
  })

  it('keeps the note from anyone without the role (another organisation sees no order at all)', async () => {
    const birch = await signIn(t, 'manager@birch.test')
    expect(await getOrder(AURORA, created.id, birch)).toBeNull()
    const { data } = await client(t).from('orders').select('id').eq('id', created.id)
    expect(data ?? []).toEqual([])
  })
})

describe('changing an order', () => {
  it('edits a pending order, model and wood included, and clears the note when emptied', async () => {
    const { data, error } = await manager.rpc('update_order', {
      p_order_id: created.id,
      p_changes: { model_id: CALDERA, wood_type: 'Ziricote', priority: 'rush', internal_notes: '' },
    })
    expect(error).toBeNull()
    expect((data as unknown as { order: OrderJson }).order).toMatchObject({
      model_name: 'Caldera',
      wood_type: 'Ziricote',
      priority: 'rush',
      internal_notes: null,
    })
  })

  it('puts an order on hold (with a reason) and back by hand, but not into production', async () => {
    const noReason = await manager.rpc('update_order', { p_order_id: created.id, p_changes: { status: 'on_hold' } })
    expect(dbFail(noReason.error, ORDER_FIELDS)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      status: 400,
      fieldErrors: { reason: ['Say why the order is put on hold'] },
    })
    expect(
      (
        await manager.rpc('update_order', {
          p_order_id: created.id,
          p_changes: { status: 'on_hold' },
          p_reason: 'Waiting for the customer to confirm the wood',
        })
      ).error,
    ).toBeNull()
    expect(
      (await manager.rpc('update_order', { p_order_id: created.id, p_changes: { status: 'pending' } })).error,
    ).toBeNull()
    const { error } = await manager.rpc('update_order', {
      p_order_id: created.id,
      p_changes: { status: 'in_production' },
    })
    expect(dbFail(error, ORDER_FIELDS)).toMatchObject({ ok: false, code: 'STATUS_NOT_BY_HAND', status: 409 })
  })

  it('fixes model and wood once production starts, at the model field', async () => {
    const inProduction = (
      await t.sql<{ id: string }>(`select id from orders where org_id = $1 and status = 'in_production' limit 1`, [
        AURORA,
      ])
    )[0].id
    const { error } = await manager.rpc('update_order', {
      p_order_id: inProduction,
      p_changes: { wood_type: 'Cherry' },
    })
    expect(dbFail(error, ORDER_FIELDS)).toMatchObject({
      ok: false,
      code: 'ORDER_IN_PRODUCTION',
      status: 409,
      fieldErrors: { modelId: [error?.message] },
    })
  })

  it('cancels with a reason, taking the order out of its unfinished batch', async () => {
    const [row] = await t.sql<{ id: string; batch_number: string }>(
      `select o.id, b.batch_number from orders o join batch_orders bo on bo.order_id = o.id and not bo.batch_is_complete
       join batches b on b.id = bo.batch_id where o.org_id = $1 limit 1`,
      [AURORA],
    )
    const noReason = await manager.rpc('cancel_order', { p_order_id: row.id, p_reason: '' })
    expect(dbFail(noReason.error, ORDER_FIELDS).fieldErrors).toEqual({ reason: [noReason.error?.message] })
    const { data, error } = await manager.rpc('cancel_order', {
      p_order_id: row.id,
      p_reason: 'Customer changed their mind',
    })
    expect(error).toBeNull()
    expect(data).toMatchObject({ order: { status: 'cancelled', batch: null } })
    const detail = await getOrder(AURORA, row.id, supervisor)
    expect(detail?.history[0]).toMatchObject({ new_status: 'cancelled', reason: 'Customer changed their mind' })
  })
})

describe('tracking links', () => {
  it('issues more links for an order, each working until revoked on its own', async () => {
    const second = await supervisor.rpc('issue_tracking_token', { p_order_id: created.id, p_label: 'QR at pickup' })
    expect(second.error).toBeNull()
    const fresh = second.data as unknown as TrackingLink
    const anon = client(t)
    expect((await anon.rpc('track_order', { p_token: link.token ?? '' })).data).toMatchObject({
      order_number: created.order_number,
    })
    expect((await supervisor.rpc('revoke_tracking_token', { p_token_id: link.token_id })).error).toBeNull()
    expect((await anon.rpc('track_order', { p_token: link.token ?? '' })).data).toBeNull()
    expect((await anon.rpc('track_order', { p_token: fresh.token ?? '' })).data).toMatchObject({
      order_number: created.order_number,
    })
    const detail = await getOrder(AURORA, created.id, supervisor)
    expect(detail?.tokens.map((x) => [x.label, x.revoked_at === null])).toEqual([
      ['QR at pickup', true],
      ['created with the order', false],
    ])
  })
})
