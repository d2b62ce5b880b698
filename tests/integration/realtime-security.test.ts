/**
 * Realtime as an attacker sees it, against the real migrations and demo seed: the tracking page's
 * private channel carries real stage changes and never a client's forged order_progress; an anon
 * postgres_changes subscriber hears nothing about tables it cannot read (20261203004100).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { BatchMove } from '../../lib/batches/types'
import type { OrderJson, TrackingLink } from '../../lib/orders/types'
import { PRIVATE_CHANNEL } from '../../lib/realtime/topics'
import { PROGRESS_EVENT, type PublicProgress } from '../../lib/tracking/types'
import type { TestStack } from '../stack/harness'
import { AURORA, type Client, client, signIn, startAppStack } from './helpers'

let t: TestStack
let manager: Client
let order: OrderJson
let link: TrackingLink
const opened: Client[] = []

beforeAll(async () => {
  t = await startAppStack()
  manager = await signIn(t, 'manager@aurora.test')
  const { data, error } = await manager.rpc('create_order', {
    p_org_id: AURORA,
    p_model_id: '80000000-0000-4000-8000-000000000103', // Verite
    p_wood_type: 'Cocobolo',
    p_customer: { name: 'Mallory Test', email: 'mallory@example.net' },
    p_price: 1999,
  })
  if (error) throw error
  ;({ order, tracking: link } = data as unknown as { order: OrderJson; tracking: TrackingLink })
}, 120_000)
afterAll(async () => {
  for (const c of opened) await c.removeAllChannels()
  await t?.close()
})

const anon = () => {
  const c = client(t)
  opened.push(c)
  return c
}

function joined(ch: ReturnType<Client['channel']>): Promise<void> {
  return new Promise((resolve, reject) =>
    ch.subscribe((status, err) =>
      status === 'SUBSCRIBED' ? resolve() : status === 'CHANNEL_ERROR' ? reject(err ?? new Error(status)) : null,
    ),
  )
}

describe("the tracking page's channel", () => {
  it('receives a real stage change, and never an anonymous forged order_progress', async () => {
    const page = anon()
    const { data } = await page.rpc('track_order', { p_token: link.token ?? '' })
    const topic = (data as unknown as PublicProgress).channel
    expect(topic).toMatch(/^track:[0-9a-f]{64}$/)
    const received: PublicProgress[] = []
    const ch = page.channel(topic, PRIVATE_CHANNEL)
    ch.on('broadcast', { event: PROGRESS_EVENT }, ({ payload }) => received.push(payload as PublicProgress))
    await joined(ch)

    // the attacker knows the channel name (say, from the customer's browser) and tries both ways in
    const attacker = anon()
    const push = attacker.channel(topic, { config: { private: true, broadcast: { ack: true } } })
    await joined(push)
    const forged = { ...(data as object), status: 'delivered', status_label: 'Delivered' }
    expect(await push.send({ type: 'broadcast', event: PROGRESS_EVENT, payload: forged }, { timeout: 800 })).toBe(
      'timed out',
    )
    const open = anon().channel(topic, { config: { private: false } })
    await joined(open)
    await open.send({ type: 'broadcast', event: PROGRESS_EVENT, payload: forged })

    const made = await manager.rpc('create_batch_from_orders', { p_org_id: AURORA, p_order_ids: [order.id] })
    expect(made.error).toBeNull()
    const batch = (made.data as unknown as BatchMove).batch
    await expect.poll(() => received.at(-1)?.status, { timeout: 5000 }).toBe('in_production')
    // the broadcast is under test, not the stage's floor work: a manager's recorded override
    const moved = await manager.rpc('advance_batch', {
      p_batch_id: batch.id,
      p_expected_stage: 'Intake',
      p_override_reason: 'test: realtime only',
    })
    expect(moved.error).toBeNull()
    await expect.poll(() => received.at(-1)?.current_stage, { timeout: 5000 }).toBe('Sanding')
    expect(received.map((p) => p.status)).not.toContain('delivered')
  })
})

describe('postgres_changes', () => {
  it('an anonymous subscriber on orders, batches and the floor tables receives nothing', async () => {
    const spy = anon()
    const events: unknown[] = []
    const ch = spy.channel('spy')
    for (const table of ['orders', 'batches', 'batch_orders', 'floor_queue_items', 'floor_sessions']) {
      ch.on('postgres_changes', { event: '*', schema: 'public', table }, (p) => events.push(p))
    }
    // the join succeeds or reports the tables unavailable; either way nothing about rows follows
    await new Promise<void>((resolve) =>
      ch.subscribe((s) => (s === 'SUBSCRIBED' || s === 'CHANNEL_ERROR' ? resolve() : null)),
    )

    const { data, error } = await manager.rpc('create_order', {
      p_org_id: AURORA,
      p_model_id: '80000000-0000-4000-8000-000000000103',
      p_wood_type: 'Cocobolo',
      p_customer: { name: 'Spy Target', email: 'target@example.net' },
      p_price: 1999,
    })
    expect(error).toBeNull()
    const made = await manager.rpc('create_batch_from_orders', {
      p_org_id: AURORA,
      p_order_ids: [(data as unknown as { order: OrderJson }).order.id],
    })
    expect(made.error).toBeNull()
    await t.sql(`update orders set updated_at = now() where org_id = $1`, [AURORA])
    await new Promise((r) => setTimeout(r, 1000))
    expect(events).toEqual([])
  })
})
