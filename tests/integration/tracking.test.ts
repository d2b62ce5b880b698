/**
 * The customer's tracking page data (lib/tracking/queries.ts → track_order) against the real
 * migrations and demo seed: only public fields, nothing private anywhere in the answer, the same
 * minimum time for unknown tokens, and live progress on the order's broadcast channel.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { BatchMove } from '../../lib/batches/types'
import type { OrderJson, TrackingLink } from '../../lib/orders/types'
import type { PublicProgress } from '../../lib/tracking/types'
import { PROGRESS_EVENT } from '../../lib/tracking/types'
import type { TestStack } from '../stack/harness'
import { AURORA, type Client, client, signIn, startAppStack } from './helpers'

vi.mock('server-only', () => ({}))
const { trackOrder, MIN_RESPONSE_MS } = await import('../../lib/tracking/queries')

let t: TestStack
let manager: Client
let order: OrderJson
let link: TrackingLink

beforeAll(async () => {
  t = await startAppStack()
  process.env.NEXT_PUBLIC_SUPABASE_URL = t.url
  manager = await signIn(t, 'manager@aurora.test')
  const { data, error } = await manager.rpc('create_order', {
    p_org_id: AURORA,
    p_model_id: '80000000-0000-4000-8000-000000000103', // Verite
    p_wood_type: 'Cocobolo',
    p_customer: { name: 'Priya Raman', email: 'priya.raman@example.net', phone: '+44 20 7946 0018' },
    p_notes: 'Left cup grain slightly darker, customer OK with it',
    p_internal_notes: 'VIP: owner’s friend, 20% discount approved by Ada',
    p_price: 1999,
    p_customizations: { Engraving: 'PR' },
  })
  if (error) throw error
  ;({ order, tracking: link } = data as unknown as { order: OrderJson; tracking: TrackingLink })
}, 120_000)
afterAll(async () => t?.close())

const PUBLIC_KEYS = [
  'channel',
  'current_stage',
  'current_stage_label',
  'estimate_basis',
  'estimated_completion',
  'estimated_completion_range',
  'milestones',
  'model',
  'order_number',
  'stages',
  'status',
  'status_label',
  'updated_at',
  'wood',
  'workshop',
]

/** Every string anywhere in a JSON value, keys included. */
const strings = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : Array.isArray(v)
      ? v.flatMap(strings)
      : v && typeof v === 'object'
        ? Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)])
        : [String(v)]

describe('what the tracking page gets', () => {
  it('is the order’s public progress and nothing else', async () => {
    const p = (await trackOrder(link.token ?? '')) as PublicProgress
    expect(Object.keys(p).sort()).toEqual(PUBLIC_KEYS)
    expect(p).toMatchObject({
      order_number: order.order_number,
      workshop: 'Aurora Audio',
      model: 'Verite',
      wood: 'Cocobolo',
      status: 'pending',
      current_stage: null,
    })
    expect(p.stages.map((s) => s.state)).toEqual(Array(7).fill('upcoming'))
    expect(p.milestones.map((m) => m.label)).toEqual(['Order received'])
    expect(p.channel).toMatch(/^track:[0-9a-f]{64}$/)
    expect(p.channel).not.toContain(link.token)

    const text = strings(p).join('\n')
    for (const secret of [
      'Priya',
      'priya.raman@example.net',
      '7946',
      'VIP',
      'discount',
      'grain slightly darker',
      'Engraving',
      '1999',
      'Marco', // the manager who created it
      order.id,
      order.customer?.id ?? '-',
      AURORA,
      link.token_id,
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('never shows staff names, reasons, batch numbers, prices or the customer, even with a cancellation reason', async () => {
    const [demo] = await t.sql<{ id: string }>(`select id from orders where order_number = '#1046'`)
    await manager
      .rpc('cancel_order', { p_order_id: demo.id, p_reason: 'Test: customer moved to Mars' })
      .then(() => undefined)
    const p = await trackOrder('demo-aurora-track-0001')
    expect(p).not.toBeNull()
    const text = strings(p).join('\n')
    for (const secret of ['Mars', 'B-7', 'Sam Ortiz', 'Marco Bell', '499', 'Ben Dubois', demo.id])
      expect(text).not.toContain(secret)
    expect(p?.status).toBe('cancelled')
    expect(p?.estimated_completion).toBeNull()
    expect(p?.estimated_completion_range).toBeNull()
    expect(p?.estimate_basis).toBeNull()
  })

  it('answers null for unknown, malformed, empty and revoked tokens', async () => {
    for (const token of ['nope', 'x'.repeat(5000), '', "' or 1=1 --", link.token?.slice(0, -1) ?? '']) {
      expect(await trackOrder(token)).toBeNull()
    }
    const spare = await manager.rpc('issue_tracking_token', { p_order_id: order.id })
    const spareLink = spare.data as unknown as TrackingLink
    expect(await trackOrder(spareLink.token ?? '')).not.toBeNull()
    await manager.rpc('revoke_tracking_token', { p_token_id: spareLink.token_id })
    expect(await trackOrder(spareLink.token ?? '')).toBeNull()
  })

  it('takes at least the same minimum time whether or not the token exists', async () => {
    const time = async (token: string) => {
      const s = performance.now()
      await trackOrder(token)
      return performance.now() - s
    }
    for (let i = 0; i < 3; i++) {
      expect(await time(link.token ?? '')).toBeGreaterThanOrEqual(MIN_RESPONSE_MS)
      expect(await time(`unknown-${i}`)).toBeGreaterThanOrEqual(MIN_RESPONSE_MS)
    }
  })

  it('is readable anonymously only through the function: anon sees no table', async () => {
    const anon = client(t)
    for (const table of ['orders', 'order_tracking_tokens', 'customers', 'order_internal_notes'] as const) {
      const { data } = await anon.from(table).select('org_id').limit(1)
      expect(data ?? []).toEqual([])
    }
  })
})

describe('following an order live', () => {
  it('receives the new progress on the private channel as the batch moves', async () => {
    const anon = client(t)
    const { data: initial } = await anon.rpc('track_order', { p_token: link.token ?? '' })
    const channelName = (initial as unknown as PublicProgress).channel
    const received: PublicProgress[] = []
    const channel = anon.channel(channelName, { config: { broadcast: { self: false }, private: true } })
    await new Promise<void>((resolve, reject) => {
      channel
        .on('broadcast', { event: PROGRESS_EVENT }, ({ payload }) => received.push(payload as PublicProgress))
        .subscribe((status) => (status === 'SUBSCRIBED' ? resolve() : status === 'CHANNEL_ERROR' ? reject() : null))
    })

    const made = await manager.rpc('create_batch_from_orders', { p_org_id: AURORA, p_order_ids: [order.id] })
    expect(made.error).toBeNull()
    const batch = (made.data as unknown as BatchMove).batch
    await expect.poll(() => received.at(-1)?.status, { timeout: 5000 }).toBe('in_production')
    expect(received.at(-1)?.current_stage).toBe('Intake')

    // the tracking broadcast is under test, not the stage's floor work: a manager's recorded override
    const moved = await manager.rpc('advance_batch', {
      p_batch_id: batch.id,
      p_expected_stage: 'Intake',
      p_override_reason: 'test: tracking broadcast only',
    })
    expect(moved.error).toBeNull()
    await expect.poll(() => received.at(-1)?.current_stage, { timeout: 5000 }).toBe('Sanding')
    const last = received.at(-1) as PublicProgress
    expect(last.current_stage_label).toBe('Shaping the wood')
    expect(last.stages.slice(0, 2).map((s) => s.state)).toEqual(['done', 'current'])
    expect(last.milestones.map((m) => m.label)).toContain('Shaping the wood')
    expect(last.estimated_completion).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    // a range around the likeliest date, and words saying what it rests on
    const range = last.estimated_completion_range
    const likeliest = last.estimated_completion ?? ''
    expect(range).toBeTruthy()
    expect(range !== null && range.earliest <= likeliest && likeliest <= range.latest).toBe(true)
    expect(last.estimate_basis).toMatch(/^based on /)
    expect(Object.keys(last).sort()).toEqual(PUBLIC_KEYS)
    expect(strings(received).join('\n')).not.toContain(batch.batch_number)
    await anon.removeChannel(channel)
  })
})
