/**
 * The app's per-account sign-in brake through the API, on the real migrations (PGlite, and
 * Postgres with STACK_TEST_DB=postgres): what the sign-in server action calls, with the service key
 * and as the account that signed in; anon may not feed or read it. Numbers: docs/security.md, migration 20261203001000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { client, PASSWORD, signIn, startAppStack } from '../integration/helpers'
import type { TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startAppStack()
})
afterAll(async () => {
  await t?.close()
})

describe('per-account sign-in brake', () => {
  it('is fed by the app server only: anon can neither count failures nor ask', async () => {
    const anon = client(t)
    expect((await anon.rpc('sign_in_failed', { p_email: 'owner@aurora.test' })).error).toMatchObject({ code: '42501' })
    expect((await anon.rpc('sign_in_allowed', { p_email: 'owner@aurora.test' })).error).toMatchObject({ code: '42501' })
  })

  it('blocks an address after 10 failures with a retry-after', async () => {
    const anon = client(t, 'service')
    const addr = `brake-${Date.now()}@example.com`
    for (let i = 1; i <= 9; i++) {
      const { data, error } = await anon.rpc('sign_in_failed', { p_email: addr })
      expect(error).toBeNull()
      expect(data).toMatchObject({ failures: i, retry_after_seconds: 0 })
    }
    const tenth = await anon.rpc('sign_in_failed', { p_email: addr.toUpperCase() })
    expect(tenth.data).toMatchObject({ failures: 10, retry_after_seconds: 30 })
    const gate = await anon.rpc('sign_in_allowed', { p_email: ` ${addr} ` })
    expect(gate.data).toMatchObject({ allowed: false })
  })

  it('anon cannot clear a streak; the account holder clears only their own', async () => {
    const cleared = await client(t).rpc('sign_in_succeeded')
    const anon = client(t, 'service')
    expect(cleared.error).not.toBeNull()
    // the demo owner (seed) fails 10 times, then signs in for real
    const owner = 'owner@aurora.test'
    for (let i = 0; i < 10; i++) await anon.rpc('sign_in_failed', { p_email: owner })
    expect((await anon.rpc('sign_in_allowed', { p_email: owner })).data).toMatchObject({ allowed: false })
    const session = await signIn(t, owner, PASSWORD)
    expect((await session.rpc('sign_in_succeeded')).error).toBeNull()
    expect((await anon.rpc('sign_in_allowed', { p_email: owner })).data).toMatchObject({ allowed: true })
  })

  it('the attempts table is not reachable through the API', async () => {
    const { error } = await client(t)
      .schema('app' as never)
      .from('sign_in_attempts')
      .select('*')
    expect(error).not.toBeNull()
  })
})
