/**
 * Poison input and approver-PIN limits through the floor API's route handlers (issue 8):
 * - one offline op holding text Postgres cannot store (U+0000, a lone surrogate) among 19 good ones:
 *   the 19 apply, the bad one is refused alone with its reason, the call answers 200;
 * - the same text sent to the single-op routes answers 400 INVALID_TEXT, never 500;
 * - approvals: after 3 wrong approver PINs the badge waits (429 + Retry-After), without touching the
 *   approver's PIN-in lockout; one tablet spraying unknown badges is braked after 20 (429); the
 *   supervisor's floor notice lists it.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as actions from '../../app/api/disco/actions/route'
import * as scanHistory from '../../app/api/disco/scan/history/route'
import * as scan from '../../app/api/disco/scan/route'
import * as validate from '../../app/api/disco/scan/validate/route'
import * as updateSession from '../../app/api/disco/sessions/[id]/route'
import * as sessions from '../../app/api/disco/sessions/route'
import * as sync from '../../app/api/disco/sync/route'
import type { TestStack } from '../stack/harness'
import { AURORA_LABELS, type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { AURORA, signIn, startAppStack } from './helpers'

let t: TestStack
let olive: Caller
let oliveSession: string
const B5 = '83000000-0000-4000-8000-000000000005' // at Acoustic QC, waiting for its QC sign-off
const NUL = '\u0000'
const LONE = '\uD83C' // half of 🎧

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  olive = await pinnedIn(t, 'AUR-OP-1', 'tablet-poison')
  const started = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: olive, body: {} })
  expect(started.status).toBe(200)
  oliveSession = (started.body.session as { id: string }).id
}, 120_000)
afterAll(async () => t?.close())

const scansRecorded = async (ids: string[]) =>
  Number(
    (await t.sql<{ n: string }>('select count(*)::text n from floor_scans where client_id = any($1::uuid[])', [ids]))[0]
      .n,
  )

type OpResult = {
  index: number
  ok: boolean
  status: number
  outcome: string
  client_id: string | null
  error?: { code: string; message: string; details?: { field?: string } }
}

describe('one bad offline operation never blocks the others', () => {
  const goodOps = () =>
    Array.from({ length: 19 }, () => ({
      op: 'scan',
      client_id: randomUUID(),
      args: { session_id: oliveSession, code: AURORA_LABELS.B10 },
    }))

  for (const [name, poison, field] of [
    ['a NUL character', { code: `FL1:AUR:I:102GW${NUL}` }, 'args.code'],
    ['a lone surrogate', { code: AURORA_LABELS.B10, device_info: { model: `Tab ${LONE}` } }, 'args.device_info.model'],
  ] as const) {
    it(`${name} in one op of 20: 19 applied, 1 refused with the reason; resent, nothing twice`, async () => {
      const ops: Array<{ op: string; client_id: string; args: Record<string, unknown> }> = goodOps()
      const bad = { op: 'scan', client_id: randomUUID(), args: { session_id: oliveSession, ...poison } }
      ops.splice(7, 0, bad)
      const first = await call<{ results: OpResult[]; applied: number; refused: number }>(
        sync.POST,
        'POST',
        '/api/disco/sync',
        { as: olive, body: { ops } },
      )
      expect(first.status).toBe(200)
      expect(first.body).toMatchObject({ applied: 19, refused: 1, duplicate: 0, retry: 0, succeeded: 19, failed: 1 })
      expect(first.body.results).toHaveLength(20)
      expect(first.body.results[7]).toMatchObject({
        index: 7,
        ok: false,
        status: 400,
        outcome: 'refused',
        client_id: bad.client_id,
        error: { code: 'INVALID_TEXT', details: { field } },
      })
      expect(first.body.results.filter((r) => r.outcome === 'applied').map((r) => r.index)).toEqual(
        [...Array(20).keys()].filter((i) => i !== 7),
      )
      const good = ops.filter((o) => o !== bad).map((o) => o.client_id)
      expect(await scansRecorded(good)).toBe(19)
      expect(await scansRecorded([bad.client_id])).toBe(0)

      // the tablet resends (say, it lost the answer): the 19 are duplicates, the bad one refused again
      const again = await call<{ results: OpResult[] }>(sync.POST, 'POST', '/api/disco/sync', {
        as: olive,
        body: { ops },
      })
      expect(again.status).toBe(200)
      expect(again.body).toMatchObject({ applied: 0, duplicate: 19, refused: 1 })
      expect(await scansRecorded(good)).toBe(19)
    })
  }

  it('an unknown or malformed op is refused alone too; an invalid envelope is still a 400', async () => {
    const ok = { op: 'scan', client_id: randomUUID(), args: { session_id: oliveSession, code: AURORA_LABELS.B10 } }
    const r = await call<{ results: OpResult[] }>(sync.POST, 'POST', '/api/disco/sync', {
      as: olive,
      body: { ops: [{ op: 'explode', args: {} }, ok, { op: 'scan', client_id: 'nope', args: {} }, 42] },
    })
    expect(r.status).toBe(200)
    expect(r.body.results.map((x) => [x.outcome, x.error?.code])).toEqual([
      ['refused', 'VALIDATION_FAILED'],
      ['applied', undefined],
      ['refused', 'VALIDATION_FAILED'],
      ['refused', 'VALIDATION_FAILED'],
    ])
    expect((await call(sync.POST, 'POST', '/api/disco/sync', { as: olive, body: { ops: 'all' } })).status).toBe(400)
    expect((await call(sync.POST, 'POST', '/api/disco/sync', { as: olive, body: { ops: [] } })).status).toBe(400)
  })
})

describe('unstorable text on the single-op routes: 400 INVALID_TEXT, never 500', () => {
  it('in a scan code, action data, device info, a query string and a path parameter', async () => {
    const answers = await Promise.all([
      call(scan.POST, 'POST', '/api/disco/scan', {
        as: olive,
        body: { session_id: oliveSession, code: `B-10${NUL}` },
      }),
      call(validate.POST, 'POST', '/api/disco/scan/validate', { as: olive, body: { code: `B-10${LONE}` } }),
      call(actions.POST, 'POST', '/api/disco/actions', {
        as: olive,
        body: {
          session_id: oliveSession,
          item_id: B5,
          action_key: 'qc-signoff',
          data: { notes: `ok${NUL}`, x: [LONE] },
        },
      }),
      call(sessions.POST, 'POST', '/api/disco/sessions', { as: olive, body: { device_info: { camera: `c${NUL}` } } }),
      call(scanHistory.GET, 'GET', `/api/disco/scan/history?before=${encodeURIComponent(`2026${NUL}`)}`, { as: olive }),
      call(updateSession.PUT, 'PUT', '/api/disco/sessions/x', {
        as: olive,
        params: { id: `${oliveSession}${NUL}` },
        body: {},
      }),
    ])
    for (const a of answers) expect(a).toMatchObject({ status: 400, body: { code: 'INVALID_TEXT' } })
    expect(answers.map((a) => a.body.details?.field)).toEqual([
      'code',
      'code',
      'data.notes',
      'device_info.camera',
      'before',
      'id',
    ])
  })
})

describe('approver PIN limits', () => {
  const approve = (as: Caller, session: string, badge: string, pin: string) =>
    call(actions.POST, 'POST', '/api/disco/actions', {
      as,
      body: { session_id: session, item_id: B5, action_key: 'qc-signoff', approver_badge: badge, approver_pin: pin },
      headers: { 'idempotency-key': randomUUID() },
    })
  /** Whether the supervisor's PIN-in lockout is untouched (no failures counted, not locked). */
  const supervisorLockoutClean = async () =>
    (
      await t.sql<{ clean: string }>(
        `select (failed_auth_attempts = 0 and locked_until is null)::text as clean
         from members where org_id = $1 and badge_code = 'AUR-SUP-1'`,
        [AURORA],
      )
    )[0].clean

  it('3 wrong approver PINs: the badge waits (429 + Retry-After); the approver can still PIN in', async () => {
    for (const pin of ['9991', '9992', '9993']) {
      const r = await approve(olive, oliveSession, 'AUR-SUP-1', pin)
      expect(r).toMatchObject({ status: 403, body: { code: 'APPROVAL_DENIED' } })
    }
    const unknown = await approve(olive, oliveSession, 'AUR-NOBODY', '9991')
    expect(unknown.status).toBe(403)
    expect(unknown.body.message).toBe('Approver badge or PIN not recognised')
    const throttled = await approve(olive, oliveSession, 'AUR-SUP-1', '1234')
    expect(throttled).toMatchObject({ status: 429, body: { code: 'APPROVER_THROTTLED' } })
    const wait = Number(throttled.headers.get('retry-after'))
    expect(wait).toBeGreaterThan(0)
    expect(wait).toBeLessThanOrEqual(30)
    expect(throttled.body.details?.retry_after_seconds).toBe(wait)
    // none of it touched the supervisor's own PIN-in lockout
    expect(await supervisorLockoutClean()).toBe('true')
    await pinnedIn(t, 'AUR-SUP-1', 'tablet-sam')
  })

  it('one tablet trying 30 unknown approver badges is braked after 20; the supervisor’s floor notice says so', async () => {
    const kwame = await pinnedIn(t, 'AUR-OP-4', 'tablet-spray')
    const started = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: kwame, body: { takeover: true } })
    expect(started.status).toBe(200)
    const session = (started.body.session as { id: string }).id
    const statuses: number[] = []
    let last: Awaited<ReturnType<typeof approve>> | undefined
    for (let i = 1; i <= 30; i++) {
      last = await approve(kwame, session, `SPRAY-${i}`, '1234')
      statuses.push(last.status)
    }
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(403))
    expect(statuses.slice(20)).toEqual(Array(10).fill(429))
    expect(last?.body.code).toBe('STATION_THROTTLED')
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(200)

    const sam = await signIn(t, 'supervisor@aurora.test')
    const { data, error } = await sam.rpc('floor_approval_alerts', { p_org_id: AURORA })
    expect(error).toBeNull()
    const alerts = data as {
      approvers: Array<{ badge_code: string; failures: number; throttled_until: string | null }>
      tablets: Array<{ station_name: string; unknown_badges: number; braked: number }>
    }
    expect(alerts.approvers).toEqual([expect.objectContaining({ badge_code: 'AUR-SUP-1', failures: 3 })])
    expect(alerts.tablets).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ station_name: 'Tablet tablet-spray', unknown_badges: 20, braked: 10 }),
      ]),
    )
    // and the attempts themselves, by RLS
    const { count } = await sam
      .from('floor_approval_attempts')
      .select('id', { count: 'exact', head: true })
      .eq('reason', 'wrong_pin')
    expect(count).toBe(3)
  })
})
