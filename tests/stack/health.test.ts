import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../supabase/local/db/types'
import { probeDatabase } from '../../supabase/local/health'
import { startTestStack, type TestStack } from './harness'

/**
 * The stack's database probe (supabase/local/health.ts): GET /health and start-up fail loudly when
 * the database cannot serve — as when pgcrypto's digest() failed for the life of a PGlite process.
 */
let t: TestStack
beforeAll(async () => {
  t = await startTestStack()
})
afterAll(async () => {
  await t?.close()
})

/** The same database, with one kind of statement failing the way the broken process did. */
function breaking(db: Db, pattern: RegExp): Db {
  const fail = () =>
    Promise.reject(Object.assign(new Error('Cannot use "sha256": Cipher cannot be initialized'), { code: '22023' }))
  const wrap = <T extends { query: Db['query'] }>(q: T): T => ({
    ...q,
    query: ((sql: string, params?: unknown[]) => (pattern.test(sql) ? fail() : q.query(sql, params))) as Db['query'],
  })
  return { ...wrap(db), transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) }
}

describe('GET /health', () => {
  it('answers 200 with every check passed on a healthy database', async () => {
    const r = await fetch(`${t.url}/health`)
    expect(r.status).toBe(200)
    const body = await r.json()
    expect(body.ok).toBe(true)
    expect(body.checks.map((c: { name: string }) => c.name)).toEqual(
      expect.arrayContaining([
        'query',
        'sha256',
        'pgcrypto digest (OpenSSL)',
        'pgcrypto crypt (bcrypt)',
        'request as anon',
      ]),
    )
    expect(body.checks.every((c: { ok: boolean }) => c.ok)).toBe(true)
  })

  it('names the failing check when sha256 or pgcrypto cannot serve', async () => {
    const h = await probeDatabase(breaking(t.db, /digest|sha256/))
    expect(h.ok).toBe(false)
    expect(h.checks.find((c) => c.name === 'sha256')).toMatchObject({
      ok: false,
      error: '22023 Cannot use "sha256": Cipher cannot be initialized',
    })
    expect(h.checks.find((c) => c.name === 'query')?.ok).toBe(true)
  })
})

describe('start-up', () => {
  it('refuses to start (and logs why) on a database that cannot serve', async () => {
    const logs: string[] = []
    const { startStack } = await import('../../supabase/local/server')
    await expect(
      startStack({ ...t.cfg, port: 0 }, { db: breaking(t.db, /crypt\(/), log: (m) => logs.push(m) }),
    ).rejects.toThrow(/database health check failed: pgcrypto crypt \(bcrypt\): 22023/)
    expect(logs.join('\n')).toMatch(/the database cannot serve requests: pgcrypto crypt/)
  })

  it('answers 503 once the database stops serving', async () => {
    const { startStack } = await import('../../supabase/local/server')
    let broken = false
    const db: Db = {
      ...t.db,
      query: (sql, params) => t.db.query(sql, params),
      transaction: (fn) =>
        t.db.transaction((tx) =>
          fn({
            ...tx,
            query: ((sql: string, params?: unknown[]) =>
              broken && /sha256/.test(sql)
                ? Promise.reject(new Error('Cipher cannot be initialized'))
                : tx.query(sql, params)) as Db['query'],
          }),
        ),
    }
    const logs: string[] = []
    const s = await startStack({ ...t.cfg, port: 0 }, { db, log: (m) => logs.push(m) })
    try {
      expect((await fetch(`${s.url}/health`)).status).toBe(200)
      broken = true
      const r = await fetch(`${s.url}/health`)
      expect(r.status).toBe(503)
      expect((await r.json()).checks.find((c: { name: string }) => c.name === 'sha256')).toMatchObject({ ok: false })
      expect(logs.join('\n')).toMatch(/health check failed: sha256: Cipher cannot be initialized/)
    } finally {
      await s.close()
    }
  })
})
