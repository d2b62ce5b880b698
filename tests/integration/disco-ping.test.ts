/**
 * GET /api/disco/ping says by its status whether the database answers: 200 while it does, 503 when
 * the database under a running stack is gone and when nothing answers at the stack's address (never 200
 * {ok: false}, which a monitor or the tablet's outbox would read as "fine").
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as ping from '../../app/api/disco/ping/route'
import type { TestStack } from '../stack/harness'
import { type Caller, call, signedIn, useStack } from './disco-helpers'
import { startAppStack } from './helpers'

let t: TestStack
let sam: Caller

beforeAll(async () => {
  t = await startAppStack()
  useStack(t)
  sam = await signedIn(t, 'supervisor@aurora.test', 'sam-phone')
}, 120_000)
// the database is closed by the last test already: closing it again may throw
afterAll(async () => t?.close().catch(() => undefined))

describe('GET /api/disco/ping', () => {
  it('answers 200 while the database answers, 401 for a bad token', async () => {
    const ok = await call(ping.GET, 'GET', '/api/disco/ping', { as: sam })
    expect(ok).toMatchObject({ status: 200, body: { ok: true } })
    const bad = await call(ping.GET, 'GET', '/api/disco/ping', { as: { token: 'x.y.z', device: 'd' } })
    expect(bad).toMatchObject({ status: 401, body: { code: 'NOT_SIGNED_IN' } })
  })

  it('answers 503 when the database is gone, and when the stack is down', async () => {
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      await t.db.close() // the stack keeps running; its database does not
      const noDb = await call(ping.GET, 'GET', '/api/disco/ping', { as: sam })
      expect(noDb).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } })
      process.env.NEXT_PUBLIC_SUPABASE_URL = 'http://127.0.0.1:9' // nothing listens: the stack is down
      const noStack = await call(ping.GET, 'GET', '/api/disco/ping', { as: sam })
      expect(noStack).toMatchObject({ status: 503, body: { code: 'UNAVAILABLE' } })
    } finally {
      quiet.mockRestore()
    }
  })
})
