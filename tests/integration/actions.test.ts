/**
 * The app's server actions themselves (lib/<area>/actions.ts), called as the forms call them —
 * through action() (zod → getClaims() → run → Result) with a signed-in cookie session — against
 * the test stack: what a form gets back is what these assert, including the one failure shape
 * (lib/errors.ts: machine code, status, field errors under the form's field names).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, PASSWORD, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))
// after(): Next runs it once the answer is sent; here it runs at once (the summary refresh after a move)
vi.mock('next/server', () => ({ after: (run: () => unknown) => void Promise.resolve().then(run) }))

const { signIn } = await import('../../lib/auth/actions')
const { createOrder, changeOrderStatus } = await import('../../lib/orders/actions')
const { createBatch, advanceBatch } = await import('../../lib/batches/actions')
const { changeMemberRole } = await import('../../lib/members/actions')
const { createLocation } = await import('../../lib/locations/actions')
const { savePreferences } = await import('../../lib/preferences/actions')
const { refreshSummary } = await import('../../lib/summary/actions')
const { DEFAULT_PREFERENCES } = await import('../../lib/preferences/schema')

const ATTICUS = '80000000-0000-4000-8000-000000000101'
let t: TestStack
const browsers: Record<string, Map<string, string>> = {}

/** Signs `email` in through the sign-in action in a browser of its own, and makes it the current one. */
async function as(email: string) {
  if (!browsers[email]) {
    browsers[email] = new Map()
    jar.current = browsers[email]
    const out = await followRedirect(() => signIn({ email, password: PASSWORD }))
    expect(out).toHaveProperty('redirectedTo')
  }
  jar.current = browsers[email]
}

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
}, 120_000)
afterAll(async () => t?.close())

const orderInput = {
  orgId: AURORA,
  modelId: ATTICUS,
  woodType: 'Walnut' as const,
  priority: 'standard' as const,
  customerName: 'Ada Actions',
  customerEmail: 'ada.actions@example.com',
}

describe('orders', () => {
  it('createOrder answers the parsed order and a tracking link; changeOrderStatus refuses a skipped status', async () => {
    await as('manager@aurora.test')
    const created = await createOrder({ ...orderInput, customizations: 'Engraving: A' })
    if (!created.ok) throw new Error(created.message)
    expect(created.data.order).toMatchObject({ status: 'pending', customizations: { Engraving: 'A' } })
    expect(created.data.link?.url).toMatch(/\/track\//)
    const skipped = await changeOrderStatus({ orderId: created.data.order.id, status: 'shipped' })
    expect(skipped).toMatchObject({ ok: false, status: expect.any(Number) })
    if (!skipped.ok) expect(skipped.code).toMatch(/^[A-Z][A-Z0-9_]+$/)
  })

  it('refuses what zod refuses before any call, under the form’s fields', async () => {
    await as('manager@aurora.test')
    const r = await createOrder({ ...orderInput, customerEmail: 'not-an-email' })
    expect(r).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      status: 400,
      fieldErrors: { customerEmail: ['That is not an email address'] },
    })
  })

  it('refuses a supervisor (managers+ create orders) with a 403-class code', async () => {
    await as('supervisor@aurora.test')
    const r = await createOrder(orderInput)
    expect(r).toMatchObject({ ok: false, status: 403 })
  })
})

describe('batches', () => {
  it('createBatch then advanceBatch with a client id; the replay answers the same move', async () => {
    await as('manager@aurora.test')
    const order = await createOrder({ ...orderInput, customerEmail: 'batch.actions@example.com' })
    if (!order.ok) throw new Error(order.message)
    const batch = await createBatch({ orgId: AURORA, orderIds: [order.data.order.id] })
    if (!batch.ok) throw new Error(batch.message)
    expect(batch.data).toMatchObject({ current_stage: 'Intake' })
    const clientId = crypto.randomUUID()
    const move = { batchId: batch.data.id, expectedStage: 'Intake' as const, clientId }
    const first = await advanceBatch(move)
    const again = await advanceBatch(move)
    expect(first.ok).toBe(again.ok)
    if (first.ok && again.ok)
      expect(again.data).toMatchObject({ batch: { current_stage: first.data.batch.current_stage } })
    // a stale expectation is refused with a machine code and a status, never thrown
    const stale = await advanceBatch({ batchId: batch.data.id, expectedStage: 'Intake', clientId: crypto.randomUUID() })
    if (first.ok) expect(stale).toMatchObject({ ok: false, status: expect.any(Number) })
  })
})

describe('members', () => {
  it('changeMemberRole by a supervisor is refused; by the owner it answers ok', async () => {
    const [{ id }] = await t.sql<{ id: string }>(
      `select m.id from members m join auth.users u on u.id = m.user_id
       where m.org_id = $1 and u.email = 'operator@aurora.test'`,
      [AURORA],
    )
    await as('supervisor@aurora.test')
    expect(await changeMemberRole({ memberId: id, role: 'supervisor' })).toMatchObject({ ok: false, status: 403 })
    await as('owner@aurora.test')
    expect(await changeMemberRole({ memberId: id, role: 'operator' })).toMatchObject({ ok: true })
  })
})

describe('locations', () => {
  it('createLocation; the same name again is a CONFLICT under the name field', async () => {
    await as('manager@aurora.test')
    const input = { orgId: AURORA, name: 'Action Bench', kind: 'workstation' as const, description: '' }
    const first = await createLocation(input)
    expect(first).toMatchObject({ ok: true })
    const again = await createLocation(input)
    expect(again).toMatchObject({
      ok: false,
      code: 'CONFLICT',
      status: 409,
      fieldErrors: { name: [expect.any(String)] },
    })
  })
})

describe('preferences', () => {
  it('savePreferences stores the person’s own row; a bad colour never reaches the database', async () => {
    await as('operator@aurora.test')
    expect(await savePreferences({ ...DEFAULT_PREFERENCES, colorScheme: 'dark' })).toMatchObject({ ok: true })
    const [row] = await t.sql<{ color_scheme: string }>(
      `select p.color_scheme::text from user_preferences p join auth.users u on u.id = p.user_id
       where u.email = 'operator@aurora.test'`,
    )
    expect(row?.color_scheme).toBe('dark')
    expect(await savePreferences({ ...DEFAULT_PREFERENCES, primaryColor: 'red' })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fieldErrors: { primaryColor: [expect.any(String)] },
    })
  })
})

describe('summary', () => {
  it('refreshSummary answers the parsed refresh status', async () => {
    await as('manager@aurora.test')
    const r = await refreshSummary({ force: false })
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
    expect(['refreshed', 'fresh', 'debounced', 'throttled', 'busy']).toContain(r.data.status)
  })

  it('answers NOT_SIGNED_IN without a session', async () => {
    jar.current = new Map()
    expect(await refreshSummary({ force: false })).toMatchObject({ ok: false, code: 'NOT_SIGNED_IN', status: 401 })
  })
})
