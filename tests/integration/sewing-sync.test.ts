/**
 * Sewing on the station tablet through the floor's one offline path (issue 14, docs/garment.md "On
 * the tablet"): a Birch operator PINed in on a sewing-line tablet sends sewing_scan / sewing_defect
 * to POST /api/disco/sync. A start before its dependency is refused with the database's reason; the
 * same batch delivered twice (a tablet that lost the answer and sends its queue again) applies once:
 * one run, one start, one completion with the bundle's good units, one defect, the bundle moved into
 * sewing once; a start never turns into a completion.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as scan from '../../app/api/disco/scan/route'
import * as sessions from '../../app/api/disco/sessions/route'
import * as sync from '../../app/api/disco/sync/route'
import type { TestStack } from '../stack/harness'
import { type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { startAppStack } from './helpers'

const LINE_2 = '30000000-0000-4000-8000-000000000203' // polos
// Birch's polo operations (supabase/seed.sql): placket and shoulders first, the collar after both
const PLACKET = 'a5000000-0000-4000-8000-000000002001'
const SHOULDERS = 'a5000000-0000-4000-8000-000000002002'
const COLLAR = 'a5000000-0000-4000-8000-000000002003'

type OpAnswer = {
  index: number
  ok: boolean
  status: number
  outcome: string
  data?: { did?: string; replayed?: boolean; sewing?: { operations: Array<{ operation_id: string; state: string }> } }
  error?: { code: string; message: string }
}
type SyncBody = { results: OpAnswer[]; applied: number; duplicate: number; refused: number }

let t: TestStack
let sewer: Caller
let bundle: { id: string; number: number; good: number }

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  sewer = await pinnedIn(t, 'BIR-SEW-09', 'tablet-line-2', LINE_2, 'manager@birch.test')
  const [b] = await t.sql<{ id: string; bundle_number: number; good: number }>(
    `select b.id, b.bundle_number, b.quantity - b.rejected_quantity as good from bundles b
     join styles s on s.id = b.style_id where s.code = 'PL-PIQUE' and b.status = 'cut'
     order by b.bundle_number limit 1`,
  )
  bundle = { id: b.id, number: b.bundle_number, good: Number(b.good) }
}, 120_000)
afterAll(async () => t?.close())

const send = (ops: Array<{ op: string; client_id: string; args: Record<string, unknown> }>) =>
  call<SyncBody>(sync.POST, 'POST', '/api/disco/sync', { as: sewer, body: { ops } })
const scanOp = (client_id: string, operation_id: string, step: 'start' | 'complete', more = {}) => ({
  op: 'sewing_scan',
  client_id,
  args: { bundle_id: bundle.id, operation_id, step, ...more },
})

const runOps = () =>
  t.sql<{ operation_id: string; status: string; units_completed: number; defects_found: number; started_at: string }>(
    `select ro.operation_id, ro.status::text, ro.units_completed, ro.defects_found, ro.started_at::text
     from sewing_run_operations ro join sewing_runs r on r.id = ro.sewing_run_id where r.bundle_id = $1`,
    [bundle.id],
  )

describe('sewing writes through the sync route', () => {
  it('a start before its dependencies is refused with the database’s reason, and writes nothing', async () => {
    const r = await send([scanOp(randomUUID(), COLLAR, 'start')])
    expect(r.status).toBe(200)
    expect(r.body.results[0]).toMatchObject({
      ok: false,
      status: 422,
      outcome: 'refused',
      error: { code: 'OPERATION_DEPENDENCY_PENDING', message: expect.stringContaining('Make placket') },
    })
    expect(await runOps()).toHaveLength(0)
  })

  it('a queue delivered twice applies once', async () => {
    const ops = [
      scanOp(randomUUID(), PLACKET, 'start'),
      scanOp(randomUUID(), PLACKET, 'complete'),
      {
        op: 'sewing_defect',
        client_id: randomUUID(),
        args: { bundle_id: bundle.id, operation_id: PLACKET, defect_code: 'CROOKED_PLACKET' },
      },
      scanOp(randomUUID(), SHOULDERS, 'start'),
    ]
    const first = await send(ops)
    expect(first.status).toBe(200)
    expect(first.body.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'applied', 'applied'])
    expect(first.body.results.map((r) => r.data?.did ?? null)).toEqual(['started', 'completed', null, 'started'])
    const once = await runOps()

    // the answer was lost: the tablet sends the same entries again, with the same client ids
    const again = await send(ops)
    expect(again.body).toMatchObject({ applied: 0, duplicate: 4, refused: 0 })
    expect(await runOps()).toEqual(once)

    const placket = once.find((o) => o.operation_id === PLACKET)
    expect(placket).toMatchObject({ status: 'COMPLETED' })
    expect([Number(placket?.units_completed), Number(placket?.defects_found)]).toEqual([bundle.good, 1])
    expect(once.find((o) => o.operation_id === SHOULDERS)?.status).toBe('IN_PROGRESS')
    const runs = await t.sql<{ n: string }>('select count(*)::text n from sewing_runs where bundle_id = $1', [
      bundle.id,
    ])
    expect(runs[0].n).toBe('1')
    const moved = await t.sql<{ n: string }>(
      `select count(*)::text n from bundle_status_history where bundle_id = $1 and to_status = 'in_sewing'`,
      [bundle.id],
    )
    expect(moved[0].n).toBe('1')
  })

  it('a second Start (another client id) is refused, never a completion; units over the bundle are refused', async () => {
    const twice = await send([scanOp(randomUUID(), SHOULDERS, 'start')])
    expect(twice.body.results[0]).toMatchObject({ outcome: 'refused', error: { code: 'RUN_OPERATION_STATUS' } })
    const over = await send([scanOp(randomUUID(), SHOULDERS, 'complete', { units: bundle.good + 1 })])
    expect(over.body.results[0]).toMatchObject({
      outcome: 'refused',
      status: 422,
      error: {
        code: 'UNITS_EXCEED_BUNDLE',
        message: `The bundle has ${bundle.good} good units; ${bundle.good + 1} is more`,
      },
    })
    expect((await runOps()).find((o) => o.operation_id === SHOULDERS)?.status).toBe('IN_PROGRESS')
  })

  it('the answers and the card say where each operation stands', async () => {
    const done = await send([scanOp(randomUUID(), SHOULDERS, 'complete')])
    const states = done.body.results[0].data?.sewing?.operations.slice(0, 3).map((o) => o.state)
    expect(states).toEqual(['done', 'done', 'ready'])
    // the operator scans the bundle's number: its card says the same
    const started = await call<{ session: { id: string } }>(sessions.POST, 'POST', '/api/disco/sessions', {
      as: sewer,
      body: {},
    })
    expect(started.status).toBe(200)
    const card = await call<{ item: { bundle: { status: string; sewing: { operations: Array<{ state: string }> } } } }>(
      scan.POST,
      'POST',
      '/api/disco/scan',
      { as: sewer, body: { session_id: started.body.session.id, code: `BN-${bundle.number}` } },
    )
    expect(card.status).toBe(200)
    expect(card.body.item.bundle.status).toBe('in_sewing')
    expect(card.body.item.bundle.sewing.operations[2].state).toBe('ready')
  })
})
