/**
 * Catalogue editing through the real server actions (lib/models/actions.ts, as the model form calls
 * them): a Birch manager — an organisation with no models — adds one with its stages and checks,
 * the database's refusals land under the form's fields (a taken name, a taken SKU prefix), an
 * archived model keeps its order and cannot be ordered, and a supervisor is refused.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { BIRCH, PASSWORD, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))
// after() needs Next's request scope: run the deferred work (the summary refresh) right away
vi.mock('next/server', async (original) => ({
  ...(await original<typeof import('next/server')>()),
  after: (task: () => unknown) => void Promise.resolve().then(task),
}))

const { signIn: signInAction } = await import('../../lib/auth/actions')
const { saveModel, setModelActive } = await import('../../lib/models/actions')
const { createOrder } = await import('../../lib/orders/actions')

let t: TestStack

async function signInAs(email: string) {
  jar.current = new Map()
  const out = await followRedirect(() => signInAction({ email, password: PASSWORD }))
  expect(out).toHaveProperty('redirectedTo')
}

// Birch & Bobbin's workflow is the system batch type 'Garment': its stages are the model's stages
const STAGES = ['Cutting', 'Printing', 'Sewing', 'QC', 'Packing'] as const

function model(name: string, skuPrefix: string) {
  return {
    orgId: BIRCH,
    name,
    skuPrefix,
    complexity: 'low' as const,
    woods: ['Walnut' as const, 'Cherry' as const],
    price: '249.50',
    description: '',
    baseHours: '',
    stages: STAGES.map((stage) => ({
      stage,
      estimated_hours: stage === 'Sewing' ? '2.5' : '0.5',
      quality_checklist: stage === 'QC' ? [{ label: 'Seams flat', required: true }] : [],
    })),
    clientId: randomUUID(),
  }
}

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  await signInAs('manager@birch.test')
}, 120_000)
afterAll(async () => t?.close())

describe('catalogue editing', () => {
  let modelId = ''

  it('a Birch manager adds a model with its stages and checks', async () => {
    const result = await saveModel(model('Bobbin Tote', 'tote'))
    expect(result).toMatchObject({
      ok: true,
      data: { created: true, model: { name: 'Bobbin Tote', sku_prefix: 'TOTE' } },
    })
    if (!result.ok) return
    modelId = result.data.model.id
    const rows = await t.sql<{ stage: string; estimated_hours: string; quality_checklist: string }>(
      `select stage::text, estimated_hours::text, quality_checklist::text from model_production_stages
       where model_id = $1 order by display_order`,
      [modelId],
    )
    expect(rows.map((r) => r.stage)).toEqual([...STAGES])
    expect(JSON.parse(rows.find((r) => r.stage === 'QC')?.quality_checklist ?? 'null')).toEqual([
      { key: 'seams-flat', label: 'Seams flat', required: true },
    ])
    const [m] = await t.sql<{ base_production_hours: string }>(
      `select base_production_hours::text from headphone_models where id = $1`,
      [modelId],
    )
    expect(Number(m.base_production_hours)).toBe(4.5) // the sum of the stage hours
  })

  it('puts the database’s refusals under their fields: a taken name, a taken SKU prefix', async () => {
    const name = await saveModel(model('bobbin tote', 'OTHER'))
    expect(name).toMatchObject({
      ok: false,
      code: 'MODEL_NAME_TAKEN',
      status: 409,
      fieldErrors: { name: [expect.any(String)] },
    })
    const sku = await saveModel(model('Another', 'TOTE'))
    expect(sku).toMatchObject({ ok: false, code: 'SKU_PREFIX_TAKEN', fieldErrors: { skuPrefix: [expect.any(String)] } })
    // the form's own checks answer before the database is asked
    const invalid = await saveModel({ ...model('Third', 'T-1'), woods: [] })
    expect(invalid).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
    expect(invalid.ok === false && Object.keys(invalid.fieldErrors ?? {}).sort()).toEqual(['skuPrefix', 'woods'])
  })

  it('edits the model: new price, a stage’s hours, a check removed', async () => {
    const edited = model('Bobbin Tote', 'TOTE')
    edited.price = '299'
    edited.stages = edited.stages.map((s) => ({ ...s, quality_checklist: [], estimated_hours: '1' }))
    const result = await saveModel({ ...edited, modelId })
    expect(result).toMatchObject({ ok: true, data: { created: false } })
    const [m] = await t.sql<{ base_price: string; checks: string }>(
      `select m.base_price::text,
              (select count(*)::text from model_production_stages s, jsonb_array_elements(s.quality_checklist)
               where s.model_id = m.id) as checks
       from headphone_models m where m.id = $1`,
      [modelId],
    )
    expect(m).toEqual({ base_price: '299.00', checks: '0' })
  })

  it('archived: keeps its order, cannot be ordered; restored: can', async () => {
    const order = await createOrder({
      orgId: BIRCH,
      modelId,
      woodType: 'Walnut',
      priority: 'standard',
      customerName: 'Mia Lopez',
      customerEmail: `mia-${randomUUID().slice(0, 8)}@customers.test`,
      clientId: randomUUID(),
    })
    expect(order).toMatchObject({ ok: true })

    expect(await setModelActive({ modelId, isActive: false, clientId: randomUUID() })).toMatchObject({
      ok: true,
      data: { is_active: false, order_count: 1 },
    })
    const refused = await createOrder({
      orgId: BIRCH,
      modelId,
      woodType: 'Walnut',
      priority: 'standard',
      customerName: 'Mia Lopez',
      customerEmail: 'mia@customers.test',
      clientId: randomUUID(),
    })
    expect(refused).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fieldErrors: { modelId: [expect.any(String)] },
    })
    const [kept] = await t.sql<{ n: string }>(`select count(*)::text as n from orders where model_id = $1`, [modelId])
    expect(kept.n).toBe('1')

    expect(await setModelActive({ modelId, isActive: true, clientId: randomUUID() })).toMatchObject({
      ok: true,
      data: { is_active: true },
    })
  })

  it('refuses a supervisor', async () => {
    await signInAs('supervisor@aurora.test')
    const result = await saveModel({ ...model('Not mine', 'NOPE'), orgId: '20000000-0000-4000-8000-000000000001' })
    expect(result).toMatchObject({ ok: false, code: 'FORBIDDEN', status: 403 })
    const archive = await setModelActive({ modelId, isActive: false, clientId: randomUUID() })
    expect(archive).toMatchObject({ ok: false, code: 'FORBIDDEN' })
  })
})
