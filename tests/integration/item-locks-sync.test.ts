/**
 * Item locks through the floor API (issue 12): while one tablet holds an item's lock, another
 * tablet's offline action on it — replayed by POST /api/disco/sync — is answered `conflict`
 * (ITEM_LOCKED, naming the holder) and writes nothing; the holder's own action applies; once the
 * lock is gone the same entry, sent again under its client id, applies once.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as sessions from '../../app/api/disco/sessions/route'
import * as sync from '../../app/api/disco/sync/route'
import type { TestStack } from '../stack/harness'
import { B10, type Caller, call, pinnedIn, useStack } from './disco-helpers'
import { startAppStack } from './helpers'

let t: TestStack
let holder: Caller
let other: Caller
let holderSession: string
let otherSession: string

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  holder = await pinnedIn(t, 'AUR-OP-1', 'tablet-lock-1')
  other = await pinnedIn(t, 'AUR-OP-3', 'tablet-lock-2')
  for (const [who, set] of [
    [holder, (id: string) => (holderSession = id)],
    [other, (id: string) => (otherSession = id)],
  ] as const) {
    const r = await call(sessions.POST, 'POST', '/api/disco/sessions', { as: who, body: { takeover: true } })
    expect(r.status).toBe(200)
    set((r.body.session as { id: string }).id)
  }
}, 120_000)
afterAll(async () => t?.close())

type Result = {
  outcome: string
  status: number
  error?: { code: string; message: string; details?: Record<string, unknown> }
}
let unit: string // a unit (order) of B-10 at Sanding: its cup wall is measured per unit
const action = (session: string, client_id: string) => ({
  op: 'complete_action',
  client_id,
  args: { session_id: session, item_id: unit, action_key: 'wall-thickness', data: { value: 6 } },
})
const recorded = async (id: string) =>
  Number((await t.sql<{ n: string }>('select count(*)::text n from floor_actions where client_id = $1', [id]))[0].n)

describe('a locked item through the sync queue', () => {
  it('another tablet gets a conflict naming the holder; the holder writes; after release it applies once', async () => {
    ;[{ unit }] = await t.sql<{ unit: string }>(
      'select order_id unit from batch_orders where batch_id = $1 order by order_id limit 1',
      [B10],
    )
    // the holder's tablet holds that unit (as item_lock_acquire would make it)
    await t.sql(
      `insert into item_locks (org_id, item_id, session_id, locked_by, user_id, device_id, reason, expires_at)
       select s.org_id, r.item_id, s.id, s.member_id, s.user_id, s.device_id, 'offline_sync', now() + interval '10 minutes'
       from floor_sessions s, app.floor_resolve_item(s.org_id, $2::uuid, true) r where s.id = $1`,
      [holderSession, unit],
    )
    const [{ name }] = await t.sql<{ name: string }>(
      'select m.display_name name from floor_sessions s join members m on m.id = s.member_id where s.id = $1',
      [holderSession],
    )

    const mine = randomUUID()
    const first = await call<{ results: Result[]; conflict: number }>(sync.POST, 'POST', '/api/disco/sync', {
      as: other,
      body: { ops: [action(otherSession, mine)] },
    })
    expect(first.status).toBe(200)
    expect(first.body.results[0]).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'ITEM_LOCKED' } })
    expect(first.body.results[0].error?.message).toContain(name)
    expect(first.body.results[0].error?.details).toMatchObject({ holder: name })
    expect(await recorded(mine)).toBe(0)

    const theirs = randomUUID()
    const own = await call<{ results: Result[] }>(sync.POST, 'POST', '/api/disco/sync', {
      as: holder,
      body: { ops: [action(holderSession, theirs)] },
    })
    expect(own.body.results[0]).toMatchObject({ outcome: 'applied' })

    await t.sql('delete from item_locks where session_id = $1', [holderSession])
    for (let i = 0; i < 2; i++) {
      const again = await call<{ results: Result[] }>(sync.POST, 'POST', '/api/disco/sync', {
        as: other,
        body: { ops: [action(otherSession, mine)] },
      })
      expect(again.body.results[0].outcome).toBe(i === 0 ? 'applied' : 'duplicate')
    }
    expect(await recorded(mine)).toBe(1)
  })
})
