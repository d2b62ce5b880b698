/**
 * Customer queues under real contention, on real Postgres only (PGlite has one connection, so nothing
 * races there): 100 customers join at once and get 100 different numbers in one unbroken run; then
 * 3 counters × 50 simultaneous "Call next" on the waiting line — each ticket is called exactly once,
 * to one counter, none is skipped, and the calls beyond the line find nobody.
 *
 *   STACK_TEST_DB=postgres TEST_PG_URL=postgres://postgres@127.0.0.1:54329/postgres \
 *     node_modules/.bin/vitest run tests/integration/queue-concurrency.test.ts
 *
 * Each call is its own transaction on its own connection (a pool of 30), as the service role — the
 * skip-locked pick in call_next is the same for every caller.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbKind, type TestStack } from '../stack/harness'
import { startAppStack } from './helpers'

const QUEUE = '87000000-0000-4000-8000-000000000201'
const COUNTERS = [
  '87000000-0000-4000-8000-000000000211',
  '87000000-0000-4000-8000-000000000212',
  '87000000-0000-4000-8000-000000000213',
]
let t: TestStack
let pool: pg.Pool

async function asService<T>(sql: string, params: unknown[]): Promise<T> {
  const c = await pool.connect()
  try {
    await c.query('begin')
    await c.query(`select set_config('request.jwt.claims', '{"role": "service_role"}', true)`)
    await c.query('set local role service_role')
    const r = await c.query(sql, params)
    await c.query('commit')
    return r.rows[0]?.v as T
  } catch (error) {
    await c.query('rollback').catch(() => undefined)
    throw error
  } finally {
    c.release()
  }
}

describe.runIf(dbKind === 'postgres')('customer queue contention on Postgres', () => {
  beforeAll(async () => {
    t = await startAppStack()
    const url = t.cfg.databaseUrl
    if (!url) throw new Error('no database URL: STACK_TEST_DB=postgres needs TEST_PG_URL')
    pool = new pg.Pool({ connectionString: url, max: 30 })
    await t.sql(
      `insert into customer_queue_counters (id, org_id, queue_id, label)
       values ($1, '20000000-0000-4000-8000-000000000001', $2, '3')`,
      [COUNTERS[2], QUEUE],
    )
  }, 180_000)

  afterAll(async () => {
    await pool?.end()
    await t?.close()
  })

  it('100 simultaneous joins get 100 different numbers, none missing', async () => {
    const pickup = (
      await t.sql<{ id: string }>(`select id from type_definitions where org_id is null and type_code = 'pickup'`)
    )[0]?.id
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        asService<{ ticket: { number: string } }>(
          `select public.join_queue_from('demo-aurora-front-counter', $1, '{}', null, $2::inet) as v`,
          [pickup, `10.9.${Math.floor(i / 10)}.${i % 10}`],
        ),
      ),
    )
    const numbers = answers.map((a) => a.ticket.number)
    expect(new Set(numbers).size).toBe(100)
    // the seed's waiting customer is A-001: the joins took A-002..A-101, each once
    expect([...numbers].sort()).toEqual(Array.from({ length: 100 }, (_, i) => `A-${String(i + 2).padStart(3, '0')}`))
    const [{ n }] = await t.sql<{ n: number }>(
      `select count(*)::int as n from tickets where queue_id = $1 and queue_status = 'waiting'`,
      [QUEUE],
    )
    expect(Number(n)).toBe(101)
  }, 120_000)

  it('3 counters × 50 simultaneous call-next: each waiting ticket called once, none skipped', async () => {
    const calls = COUNTERS.flatMap((counter) => Array.from({ length: 50 }, () => counter))
    const answers = await Promise.all(
      calls.map((counter) =>
        asService<{ ticket: { id: string; counter_id: string } | null }>('select public.call_next($1, $2) as v', [
          QUEUE,
          counter,
        ]).then((v) => ({ counter, ticket: v.ticket })),
      ),
    )
    const called = answers.filter((a) => a.ticket)
    expect(called).toHaveLength(101)
    expect(answers.filter((a) => !a.ticket)).toHaveLength(49)
    const ids = called.map((a) => a.ticket?.id)
    expect(new Set(ids).size).toBe(101)
    for (const a of called) expect(a.ticket?.counter_id).toBe(a.counter)
    const rows = await t.sql<{ queue_status: string; n: number; counters: number }>(
      `select queue_status, count(*)::int as n, count(distinct counter_id)::int as counters
       from tickets where queue_id = $1 group by queue_status`,
      [QUEUE],
    )
    expect(rows.map((r) => ({ ...r, n: Number(r.n), counters: Number(r.counters) }))).toEqual([
      { queue_status: 'called', n: 101, counters: 3 },
    ])
  }, 120_000)
})
