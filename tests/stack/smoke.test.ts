import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestStack, type TestStack } from './harness'

let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await t?.close()
})

describe('stack boot', () => {
  it('applies fixture migrations and records them where the Supabase CLI looks', async () => {
    const rows = await t.sql<{ version: string }>(
      'select version from supabase_migrations.schema_migrations order by 1',
    )
    expect(rows.length).toBeGreaterThan(0)
  })
  it('answers 501 with a clear message outside the implemented subset', async () => {
    const r = await fetch(`${t.url}/graphql/v1`, { method: 'POST' })
    expect(r.status).toBe(501)
    expect((await r.json()).message).toMatch(/outside what the Floorline local stack implements/)
  })
})
