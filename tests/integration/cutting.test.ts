/**
 * The cutting room's server actions (lib/cutting/actions.ts), called as /[org]/cutting's forms call
 * them — through action() with a signed-in cookie session — against the test stack (real migrations,
 * Birch's demo seed): plan a lay, start / pause / resume / complete its cutting run, the bundles it
 * makes, and refusals from the database with their code and the form's field name.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { BIRCH, PASSWORD, startAppStack } from './helpers'
import { followRedirect, useStack } from './next-cookies'

const jar = vi.hoisted(() => ({ current: new Map<string, string>() }))
vi.mock('next/headers', async () => (await import('./next-cookies')).nextHeaders(jar))
vi.mock('next/cache', () => ({ revalidatePath: () => {}, revalidateTag: () => {} }))
vi.mock('server-only', () => ({}))

const { signIn } = await import('../../lib/auth/actions')
const { createLay, startCuttingRun, setCuttingRunStatus, completeCuttingRun, cutLayIntoBundles } = await import(
  '../../lib/cutting/actions'
)
const { newClientId } = await import('../../lib/client-id')

let t: TestStack
const browsers: Record<string, Map<string, string>> = {}
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

/** A cut order of the seeded tee style, made in SQL (the RPC path has its own pgTAP). */
async function cutOrder(): Promise<string> {
  const [row] = await t.sql<{ id: string }>(
    `insert into cut_orders (org_id, style_id) values ($1, 'a1000000-0000-4000-8000-000000000201') returning id`,
    [BIRCH],
  )
  return row.id
}

describe('cutting room actions', () => {
  it('plans a lay, runs it (pause, resume), completes it into bundles', async () => {
    await as('manager@birch.test')
    const cutOrderId = await cutOrder()
    const bad = await createLay({
      cutOrderId,
      fabric: 'Jersey',
      colour: 'Olive',
      shade: 'A',
      markerLengthM: 4,
      plies: 10,
      sizeRatio: 'M:0, L:1',
      bundleSize: 10,
    })
    expect(bad).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', status: 400 })
    expect(bad.ok ? null : Object.keys(bad.fieldErrors ?? {})).toEqual(['sizeRatio'])

    const lay = await createLay({
      cutOrderId,
      fabric: 'Jersey',
      colour: 'Olive',
      shade: 'A',
      markerLengthM: 4,
      plies: 10,
      sizeRatio: 'M:1, L:2',
      bundleSize: 10,
    })
    if (!lay.ok) throw new Error(lay.message)
    expect(lay.data.planned_units).toBe(30)

    const started = await startCuttingRun({ layId: lay.data.id, machine: 'Straight knife 2', clientId: newClientId() })
    if (!started.ok) throw new Error(started.message)
    expect(started.data).toMatchObject({
      status: 'IN_PROGRESS',
      machine: 'Straight knife 2',
      cutter: { display_name: 'Leo Cruz' },
    })
    const again = await startCuttingRun({ layId: lay.data.id })
    expect(again).toMatchObject({ ok: false, code: 'CUTTING_RUN_OPEN', status: 409 })

    const paused = await setCuttingRunStatus({ runId: started.data.id, status: 'PAUSED' })
    expect(paused).toMatchObject({ ok: true, data: { status: 'PAUSED' } })
    expect(await setCuttingRunStatus({ runId: started.data.id, status: 'IN_PROGRESS' })).toMatchObject({
      ok: true,
      data: { status: 'IN_PROGRESS' },
    })

    const tooMany = await completeCuttingRun({ runId: started.data.id, pliesCut: 11 })
    expect(tooMany).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fieldErrors: { pliesCut: [expect.any(String)] },
    })
    const waste = await completeCuttingRun({ runId: started.data.id, pliesCut: 10, fabricUsedKg: 3, wastageKg: 4 })
    expect(waste).toMatchObject({ ok: false, fieldErrors: { wastageKg: [expect.any(String)] } })

    const done = await completeCuttingRun({
      runId: started.data.id,
      pliesCut: 10,
      defectiveUnits: 1,
      fabricUsedKg: 5,
      wastageKg: 0.4,
      clientId: newClientId(),
    })
    if (!done.ok) throw new Error(done.message)
    expect(done.data.run).toMatchObject({ status: 'COMPLETED', units_cut: 30, defective_units: 1 })
    expect(Number(done.data.run.wastage_percent)).toBe(8)
    // 10 M, 20 L in bundles of 10, size order
    expect(done.data.bundles.map((b) => [b.size, b.quantity])).toEqual([
      ['M', 10],
      ['L', 10],
      ['L', 10],
    ])
    expect(await cutLayIntoBundles({ layId: lay.data.id })).toMatchObject({ ok: false, code: 'LAY_ALREADY_BUNDLED' })
  })

  it('is refused to someone outside the workshop, and for a run that does not exist', async () => {
    await as('manager@aurora.test')
    const [lay] = await t.sql<{ id: string }>(`select id from lays where org_id = $1 and status = 'planned' limit 1`, [
      BIRCH,
    ])
    expect(await startCuttingRun({ layId: lay.id })).toMatchObject({ ok: false, code: 'NOT_FOUND', status: 404 })
    expect(
      await setCuttingRunStatus({ runId: '00000000-0000-4000-8000-000000000000', status: 'PAUSED' }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' })
    expect(await startCuttingRun({ layId: 'not-a-uuid' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' })
  })
})
