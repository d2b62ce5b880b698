/**
 * The board's advance through the real server action (lib/batches/actions.ts, as the board calls it):
 * a batch whose stage still has required floor actions is refused with the database's own code,
 * message and context — the stage trigger's, the same the tablet gets from floor_advance_item — and
 * with the actions out of the way (a supervisor's recorded override here) the same action moves it.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestStack } from '../stack/harness'
import { AURORA, PASSWORD, signIn, startAppStack } from './helpers'
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
const { advanceBatch } = await import('../../lib/batches/actions')

let t: TestStack
let batch: { id: string; current_stage: string; batch_number: string }

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  // an unfinished Aurora batch whose stage still has required actions open (seeded part-way)
  const rows = await t.sql<{ id: string; current_stage: string; batch_number: string }>(
    `select b.id, b.current_stage::text, b.batch_number from batches b
     where b.org_id = $1 and not b.is_complete and b.quality_status <> 'failed'
       and app.stage_position(b.type_definition_id, b.current_stage) < app.stage_position(b.type_definition_id, app.last_stage(b.type_definition_id))
       and exists (select 1 from app.floor_blocking_actions(b.id))
     order by b.batch_number limit 1`,
    [AURORA],
  )
  batch = rows[0]
  const out = await followRedirect(() => signInAction({ email: 'supervisor@aurora.test', password: PASSWORD }))
  expect(out).toHaveProperty('redirectedTo')
}, 120_000)
afterAll(async () => t?.close())

describe('advancing on the board', () => {
  it('shows REQUIRED_ACTIONS_PENDING with the database’s message while the stage’s actions are open', async () => {
    expect(batch).toBeDefined()
    const result = await advanceBatch({ batchId: batch.id, expectedStage: batch.current_stage as never })
    // what the database answers the same person (read, not re-worded)
    const supervisor = await signIn(t, 'supervisor@aurora.test')
    const { error } = await supervisor.rpc('advance_batch', {
      p_batch_id: batch.id,
      p_expected_stage: batch.current_stage as never,
    })
    expect(error).toMatchObject({ code: 'PT422', details: 'REQUIRED_ACTIONS_PENDING' })
    expect(result).toMatchObject({
      ok: false,
      code: 'REQUIRED_ACTIONS_PENDING',
      status: 422,
      message: error?.message,
      details: { stage: batch.current_stage },
    })
    expect(result.ok === false && Array.isArray(result.details?.pending)).toBe(true)
    expect(result.ok === false && result.message).toMatch(/required action\(s\) still to do at /)
    const [row] = await t.sql<{ current_stage: string }>(`select current_stage::text from batches where id = $1`, [
      batch.id,
    ])
    expect(row.current_stage).toBe(batch.current_stage) // nothing moved
  })

  it('moves it with the board’s “move on anyway”: the supervisor’s override through the action, recorded', async () => {
    const blank = await advanceBatch({
      batchId: batch.id,
      expectedStage: batch.current_stage as never,
      overrideReason: '  ',
    })
    expect(blank).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      fieldErrors: { overrideReason: expect.any(Array) },
    })
    const result = await advanceBatch({
      batchId: batch.id,
      expectedStage: batch.current_stage as never,
      overrideReason: 'Integration: skipped on purpose',
    })
    expect(result.ok).toBe(true)
    const [event] = await t.sql<{ reason: string; skipped: string }>(
      `select reason, (skipped_actions ->> 'count') as skipped from batch_events
       where batch_id = $1 and kind = 'advanced' order by id desc limit 1`,
      [batch.id],
    )
    expect(event.reason).toBe('Integration: skipped on purpose')
    expect(Number(event.skipped)).toBeGreaterThan(0)
  })

  it('refuses the override to an operator, whatever path they take', async () => {
    const [b] = await t.sql<{ id: string; current_stage: string }>(
      `select b.id, b.current_stage::text from batches b
       where b.org_id = $1 and not b.is_complete and b.id <> $2 and exists (select 1 from app.floor_blocking_actions(b.id))
       order by b.batch_number limit 1`,
      [AURORA, batch.id],
    )
    const operator = await signIn(t, 'operator@aurora.test')
    const { error } = await operator.rpc('advance_batch', {
      p_batch_id: b.id,
      p_expected_stage: b.current_stage as never,
      p_override_reason: 'I am sure',
    })
    expect(error).not.toBeNull()
  })
})
