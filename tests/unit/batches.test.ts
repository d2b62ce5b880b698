/**
 * Which RPC a drop on the board asks for (lib/batches/rules.ts) and the batch forms' schemas. The
 * refusals' words are the database's: tests/integration/batches.test.ts reads them from its answer.
 */
import { describe, expect, it } from 'vitest'
import { daysUntil, shortDate, since } from '../../lib/batches/format'
import { COMPLETED, planMove } from '../../lib/batches/rules'
import { CreateBatchInput, ReturnBatchInput, SetQualityInput } from '../../lib/batches/schema'
import type { BoardStage, Stage } from '../../lib/batches/types'
import { newClientId } from '../../lib/client-id'

const NAMES: Stage[] = ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping']
// out of order on purpose: the rules sort by position
const STAGES: BoardStage[] = NAMES.map((stage, i) => ({
  stage,
  name: stage,
  position: i + 1,
  is_quality_gate: stage === 'Acoustic QC',
  order_status: 'in_production' as const,
})).reverse()

const batch = (current_stage: Stage, is_complete = false) => ({ current_stage, is_complete })

describe('planMove', () => {
  it('advances to the next stage only', () => {
    expect(planMove(STAGES, batch('Sanding'), 'Finishing')).toEqual({
      kind: 'advance',
      from: 'Sanding',
      to: 'Finishing',
    })
  })

  it('asks for no skip, and says where the batch can go instead', () => {
    expect(planMove(STAGES, batch('Sanding'), 'Sub-Assembly')).toEqual({ kind: 'blocked', next: 'Finishing' })
  })

  it('sends back to any earlier stage (a reason is asked for next)', () => {
    expect(planMove(STAGES, batch('Acoustic QC'), 'Sanding')).toEqual({
      kind: 'return',
      from: 'Acoustic QC',
      to: 'Sanding',
    })
  })

  it('completes only from the last stage', () => {
    expect(planMove(STAGES, batch('Shipping'), COMPLETED)).toEqual({ kind: 'complete', from: 'Shipping' })
    expect(planMove(STAGES, batch('Final Assembly'), COMPLETED)).toEqual({ kind: 'blocked', next: 'Acoustic QC' })
    expect(planMove(STAGES, batch('Shipping'), 'Intake')).toEqual({ kind: 'return', from: 'Shipping', to: 'Intake' })
  })

  it('does nothing on the same column, and a completed batch no longer moves', () => {
    expect(planMove(STAGES, batch('Intake'), 'Intake')).toEqual({ kind: 'none' })
    expect(planMove(STAGES, batch('Shipping', true), COMPLETED)).toEqual({ kind: 'none' })
    expect(planMove(STAGES, batch('Shipping', true), 'Intake')).toEqual({ kind: 'blocked', next: null })
  })
})

describe('batch schemas', () => {
  const id = '83000000-0000-4000-8000-000000000007'

  it('asks for a real reason to send a batch back', () => {
    const r = ReturnBatchInput.safeParse({ batchId: id, expectedStage: 'Finishing', toStage: 'Sanding', reason: '  ' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0]).toMatchObject({ path: ['reason'], message: 'Say why, in a few words' })
  })

  it('needs a reason for a failed quality verdict only', () => {
    expect(SetQualityInput.safeParse({ batchId: id, quality: 'warning' }).success).toBe(true)
    const failed = SetQualityInput.safeParse({ batchId: id, quality: 'failed', reason: '' })
    expect(failed.error?.issues[0]).toMatchObject({ path: ['reason'], message: 'Say what failed' })
  })

  it('takes each order once and leaves empty optional fields out', () => {
    const dup = CreateBatchInput.safeParse({ orgId: id, orderIds: [id, id] })
    expect(dup.error?.issues[0].message).toBe('Each order once, please')
    expect(
      CreateBatchInput.parse({ orgId: id, orderIds: [id], priority: '', targetCompletion: '', notes: ' ' }),
    ).toEqual({
      orgId: id,
      orderIds: [id],
      priority: undefined,
      targetCompletion: undefined,
      notes: undefined,
    })
  })
})

describe('formatting and ids', () => {
  it('makes version-4 uuids, also without crypto.randomUUID', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    expect(newClientId()).toMatch(uuid)
    const original = crypto.randomUUID
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
      expect(newClientId()).toMatch(uuid)
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: original, configurable: true })
    }
  })

  it('writes dates and durations short', () => {
    expect(shortDate('2026-12-04', '2026-11-22')).toBe('Dec 4')
    expect(shortDate('2027-01-04', '2026-11-22')).toBe('Jan 4, 2027')
    expect(shortDate(null)).toBe('—')
    expect(daysUntil('2026-11-20', '2026-11-22')).toBe(-2)
    const now = Date.parse('2026-11-22T12:00:00Z')
    expect(since('2026-11-22T11:59:30Z', now)).toBe('just now')
    expect(since('2026-11-22T09:00:00Z', now)).toBe('3h')
    expect(since('2026-11-19T12:00:00Z', now)).toBe('3d')
  })
})
