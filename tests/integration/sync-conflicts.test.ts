/**
 * Conflicts through the floor API (issue 12): a tablet working an item takes its lock through
 * POST /api/disco/items/:id/lock and a second tablet is refused with the holder's name (online, and
 * as a sync conflict recorded in the database); an offline action made on a card the server has
 * since changed comes back as a conflict with both versions; a supervisor resolves both, the
 * device learns it from GET /api/disco/sync/resolutions, and its next delivery applies once (keep
 * mine) or settles without applying (keep server).
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as lock from '../../app/api/disco/items/[id]/lock/route'
import * as sessions from '../../app/api/disco/sessions/route'
import * as resolutions from '../../app/api/disco/sync/resolutions/route'
import * as sync from '../../app/api/disco/sync/route'
import type { TestStack } from '../stack/harness'
import { B10, type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { type Client, signIn, startAppStack } from './helpers'

let t: TestStack
let holder: Caller
let other: Caller
let sup: Client
const sessionOf: Record<string, string> = {}

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  holder = await pinnedIn(t, 'AUR-OP-1', 'tablet-c1')
  other = await pinnedIn(t, 'AUR-OP-3', 'tablet-c2')
  for (const who of [holder, other]) {
    const r = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: who, body: { takeover: true } })
    expect(r.status).toBe(200)
    sessionOf[who.device] = (r.body.session as { id: string }).id
  }
  sup = await signIn(t, 'supervisor@aurora.test')
}, 120_000)
afterAll(async () => t?.close())

type Result = {
  outcome: string
  status: number
  data?: Record<string, unknown>
  error?: { code: string; message: string; details?: Record<string, unknown> }
}
const recorded = async (id: string) =>
  Number((await t.sql<{ n: string }>('select count(*)::text n from floor_actions where client_id = $1', [id]))[0].n)
const syncOne = async (who: Caller, op: Record<string, unknown>) =>
  (await call<{ results: Result[] }>(sync.POST, 'POST', '/api/disco/sync', { as: who, body: { ops: [op] } })).body
    .results[0]

describe('conflicts, decided in the database', () => {
  it('the tablet working an item holds it; the other tablet is refused with the holder named, then a supervisor decides', async () => {
    // a unit (order) of B-10 at Sanding: its cup wall is measured per unit
    const [{ unit }] = await t.sql<{ unit: string }>(
      'select order_id unit from batch_orders where batch_id = $1 order by order_id limit 1',
      [B10],
    )
    const taken = await call<{ holder: string; expires_at: string }>(
      lock.POST,
      'POST',
      `/api/disco/items/${unit}/lock`,
      {
        as: holder,
        params: { id: unit },
        body: { session_id: sessionOf[holder.device] },
      },
    )
    expect(taken.status).toBe(200)
    const name = taken.body.holder
    expect(name).toBeTruthy()

    const refused = await call(lock.POST, 'POST', `/api/disco/items/${unit}/lock`, {
      as: other,
      params: { id: unit },
      body: { session_id: sessionOf[other.device] },
    })
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ code: 'ITEM_LOCKED', details: { holder: name } })

    const mine = randomUUID()
    const op = {
      op: 'complete_action',
      client_id: mine,
      args: { session_id: sessionOf[other.device], item_id: unit, action_key: 'wall-thickness', data: { value: 6 } },
    }
    const first = await syncOne(other, op)
    expect(first).toMatchObject({ outcome: 'conflict', error: { code: 'ITEM_LOCKED' } })
    expect(first.error?.message).toContain(name)
    const conflictId = first.error?.details?.conflict_id as string
    expect(conflictId).toBeTruthy()
    expect(await recorded(mine)).toBe(0)

    const open = await call<{ resolutions: { resolution: string | null }[] }>(
      resolutions.GET,
      'GET',
      `/api/disco/sync/resolutions?client_ids=${mine}`,
      { as: other },
    )
    expect(open.body.resolutions).toMatchObject([{ resolution: null }])

    // the holder lets go; the supervisor keeps the device's change; the device sends it again, once
    const released = await call(
      lock.DELETE,
      'DELETE',
      `/api/disco/items/${unit}/lock?session_id=${sessionOf[holder.device]}`,
      {
        as: holder,
        params: { id: unit },
      },
    )
    expect(released.body).toMatchObject({ released: true })
    const { error } = await sup.rpc('sync_conflict_resolve', { p_conflict_id: conflictId, p_resolution: 'keep_mine' })
    expect(error).toBeNull()
    const decided = await call<{ resolutions: { resolution: string | null }[] }>(
      resolutions.GET,
      'GET',
      `/api/disco/sync/resolutions?client_ids=${mine}`,
      { as: other },
    )
    expect(decided.body.resolutions).toMatchObject([{ resolution: 'keep_mine' }])
    expect((await syncOne(other, op)).outcome).toBe('applied')
    expect((await syncOne(other, op)).outcome).toBe('duplicate')
    expect(await recorded(mine)).toBe(1)
  })

  it('an action on a card the server has since changed is a conflict with both versions; keep server settles it unapplied', async () => {
    const [{ stage }] = await t.sql<{ stage: string }>('select current_stage stage from batches where id = $1', [B10])
    const id = randomUUID()
    const op = {
      op: 'complete_action',
      client_id: id,
      args: {
        session_id: sessionOf[other.device],
        item_id: B10,
        action_key: 'sanding-check',
        status: 'skipped',
        seen: { stage, stage_entered_at: '2026-01-01T00:00:00Z' },
      },
    }
    const r = await syncOne(other, op)
    expect(r).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'ITEM_CHANGED' } })
    expect(r.error?.details?.theirs).toMatchObject({ item: { current_stage: stage } })
    const { data: list } = await sup.rpc('sync_conflicts_list', { p_org_id: '20000000-0000-4000-8000-000000000001' })
    const row = (list as { client_id: string; id: string; device_change: unknown }[]).find((c) => c.client_id === id)
    expect(row?.device_change).toMatchObject({ op: 'complete_action', args: { action_key: 'sanding-check' } })
    const { error } = await sup.rpc('sync_conflict_resolve', {
      p_conflict_id: row?.id ?? '',
      p_resolution: 'keep_server',
    })
    expect(error).toBeNull()
    const settled = await syncOne(other, op)
    expect(settled).toMatchObject({ outcome: 'resolved', data: { resolution: 'keep_server' } })
    expect(await recorded(id)).toBe(0)
  })

  it('refuses malformed input with a reason and changes nothing', async () => {
    const bad = await call(resolutions.GET, 'GET', '/api/disco/sync/resolutions?client_ids=nope', { as: other })
    expect(bad.status).toBe(400)
    const long = await call(lock.POST, 'POST', `/api/disco/items/${B10}/lock`, {
      as: holder,
      params: { id: B10 },
      body: { session_id: sessionOf[holder.device], minutes: 16 },
    })
    expect(long.status).toBe(400)
  })
})
