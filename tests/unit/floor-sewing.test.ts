import { describe, expect, it } from 'vitest'
import { sewingView, stateText } from '@/lib/floor/sewing'
import type { SewingCardOperation } from '@/lib/floor/types'
import type { SyncEntry } from '@/lib/sync/queue'

// A bundle's card as app.floor_bundle_sewing answers it: shoulders ready, sleeves waiting for them.
const BUNDLE = '00000000-0000-4000-8000-000000000b01'
const ME = { member_id: 'm-1', display_name: 'Ines Ramos' }
const op = (o: Partial<SewingCardOperation> & Pick<SewingCardOperation, 'operation_id' | 'name'>) =>
  ({
    run_operation_id: null,
    sequence_number: 1,
    machine_type: 'OVERLOCK',
    standard_minutes: 0.5,
    has_qc_checkpoint: false,
    defect_codes: [{ code: 'OPEN_SEAM', label: 'Open seam' }],
    status: 'PENDING',
    state: 'ready',
    blocked_by: [],
    depends_on: [],
    max_units: 10,
    operator: null,
    machine_id: null,
    units_completed: 0,
    defects_found: 0,
    rework_units: 0,
    defect_tally: {},
    efficiency: null,
    started_at: null,
    completed_at: null,
    ...o,
  }) satisfies SewingCardOperation
const CARD = [
  op({ operation_id: 'op-a', name: 'Join shoulders' }),
  op({
    operation_id: 'op-b',
    name: 'Set sleeves',
    sequence_number: 2,
    state: 'blocked',
    blocked_by: ['Join shoulders'],
  }),
]

let seq = 0
const entry = (operation: SyncEntry['operation'], payload: Record<string, unknown>, patch: Partial<SyncEntry> = {}) =>
  ({
    id: `c-${++seq}`,
    owner: 'o',
    seq,
    operation,
    entity_type: 'item',
    entity_id: 'item-1',
    payload: { bundle_id: BUNDLE, item_id: 'item-1', ...payload },
    label: 'x',
    created_at: '2026-12-04T10:00:00Z',
    retry_count: 0,
    max_retries: 3,
    status: 'pending',
    error: null,
    next_attempt_at: null,
    synced_at: null,
    ...patch,
  }) satisfies SyncEntry

describe('sewingView: the card with this tablet’s waiting sewing writes', () => {
  it('is the card itself when nothing waits', () => {
    const v = sewingView(CARD, [], BUNDLE, ME)
    expect(v.map((o) => [o.state, o.waiting, o.refusal])).toEqual([
      ['ready', null, null],
      ['blocked', null, null],
    ])
  })

  it('a waiting start shows the operation in progress by the operator', () => {
    const v = sewingView(CARD, [entry('sewing_scan', { operation_id: 'op-a', step: 'start' })], BUNDLE, ME)
    expect(v[0]).toMatchObject({ state: 'in_progress', operator: ME, waiting: 'start' })
    expect(v[1].state).toBe('blocked')
    expect(stateText(v[0], ME).detail).toBe('By you · waiting to sync')
  })

  it('a waiting completion after it: done with its units, and the dependent is no longer blocked here', () => {
    const v = sewingView(
      CARD,
      [
        entry('sewing_scan', { operation_id: 'op-a', step: 'start' }),
        entry('sewing_scan', { operation_id: 'op-a', step: 'complete', units: 9 }),
      ],
      BUNDLE,
      ME,
    )
    expect(v[0]).toMatchObject({ state: 'done', units_completed: 9, waiting: 'complete' })
    expect(v[1]).toMatchObject({ state: 'ready', blocked_by: [] })
  })

  it('a completion without units shows the prefilled maximum', () => {
    const started = [{ ...CARD[0], state: 'in_progress' as const, status: 'IN_PROGRESS' as const, operator: ME }]
    const v = sewingView(started, [entry('sewing_scan', { operation_id: 'op-a', step: 'complete' })], BUNDLE, ME)
    expect(v[0]).toMatchObject({ state: 'done', units_completed: 10 })
  })

  it('a start never completes: a second start of an operation in progress changes nothing', () => {
    const started = [{ ...CARD[0], state: 'in_progress' as const, status: 'IN_PROGRESS' as const, operator: ME }]
    const v = sewingView(started, [entry('sewing_scan', { operation_id: 'op-a', step: 'start' })], BUNDLE, ME)
    expect(v[0]).toMatchObject({ state: 'in_progress', waiting: null })
  })

  it('taps count defects by code and rework, and an undo takes one back', () => {
    const v = sewingView(
      CARD,
      [
        entry('sewing_defect', { operation_id: 'op-a', defect_code: 'OPEN_SEAM' }),
        entry('sewing_defect', { operation_id: 'op-a', defect_code: 'OPEN_SEAM' }),
        entry('sewing_defect', { operation_id: 'op-a', defect_code: 'OPEN_SEAM', count: -1 }),
        entry('sewing_defect', { operation_id: 'op-a', rework: true }),
      ],
      BUNDLE,
      ME,
    )
    expect(v[0]).toMatchObject({ defects_found: 1, rework_units: 1, defect_tally: { OPEN_SEAM: 1 }, waiting: 'tap' })
  })

  it('a refused write is not laid over: its reason shows under the operation', () => {
    const refused = entry(
      'sewing_scan',
      { operation_id: 'op-b', step: 'start' },
      {
        status: 'failed',
        error: {
          kind: 'refused',
          status: 422,
          code: 'OPERATION_DEPENDENCY_PENDING',
          message: 'Finish Join shoulders first: this operation depends on it',
          at: '2026-12-04T10:01:00Z',
        },
        retry_count: 1,
      },
    )
    const v = sewingView(CARD, [refused], BUNDLE, ME)
    expect(v[1]).toMatchObject({
      state: 'blocked',
      waiting: null,
      refusal: 'Finish Join shoulders first: this operation depends on it',
    })
  })

  it('synced entries and other bundles’ entries are left out (the card already has them)', () => {
    const v = sewingView(
      CARD,
      [
        entry('sewing_scan', { operation_id: 'op-a', step: 'start' }, { status: 'synced', synced_at: 'x' }),
        entry('sewing_scan', { operation_id: 'op-a', step: 'start', bundle_id: 'another' }),
      ],
      BUNDLE,
      ME,
    )
    expect(v[0].state).toBe('ready')
  })
})

describe('stateText', () => {
  it('says what blocks, who works and what was done', () => {
    const [a, b] = sewingView(CARD, [], BUNDLE, ME)
    expect(stateText(b, ME)).toEqual({ word: 'Blocked', detail: 'Waits for Join shoulders' })
    expect(stateText(a, ME)).toEqual({ word: 'Ready', detail: 'Up to 10 pcs' })
    const done = {
      ...a,
      state: 'done' as const,
      units_completed: 10,
      defects_found: 2,
      operator: { member_id: 'm-2', display_name: 'Jun Bautista' },
    }
    expect(stateText(done, ME)).toEqual({ word: 'Done', detail: '10 pcs by Jun Bautista · 2 defects' })
  })
})
