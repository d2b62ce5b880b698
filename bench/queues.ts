/**
 * npm run bench (bench/queues.ts) — customer queues (issue 15, spec 05) on one database: Postgres when
 * TEST_PG_URL names a cluster (a scratch database there), else PGlite.
 *
 *  1. call_next on the seeded Front counter with 1 000 waiting among 100 000 tickets (each call in a
 *     transaction that is rolled back, so the line stays at 1 000: the pick, the update, the texts
 *     trigger and the three realtime sends all run), queue_waiting_list (the counter's list: position
 *     and wait range for all 1 000), queue_ticket (the customer's read of the last in line) — against a
 *     trivial call with the same round trips (begin, the service role's claims, `select 1`,
 *     rollback) in the same run: the ratio is what the queue work costs. Spec 05 asks < 100 ms.
 *  2. the wait estimate's error on seeded history: a simulated fortnight of the counter (2 counters,
 *     first come first served, per-type service times drawn log-normally) loaded as served tickets;
 *     for 300 of them, the estimate the live formula gives (Σ app.vq_service_minutes of the tickets
 *     waiting ahead at its join ÷ counters, with the medians the queue has now) against the real wait
 *     (called − joined): mean absolute error in minutes, and how often the real wait fell inside
 *     the shown range (floor(0.75·w)…ceil(1.25·w) in 5-minute steps).
 *
 * Bulk rows are written with triggers off (session_replication_role = replica), consistent by
 * construction. Env: BENCH_TICKETS (100 000), BENCH_ITERATIONS (300), BENCH_MAX_SECONDS (15).
 */
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000)
const WAITING = 1_000
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300)
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 15)
const AURORA = '20000000-0000-4000-8000-000000000001'
const QUEUE = '87000000-0000-4000-8000-000000000201' // the seed's Front counter
const COUNTER = '87000000-0000-4000-8000-000000000211'
const CLAIMS = `select set_config('request.jwt.claims', '{"role": "service_role"}', true)`

class Rollback extends Error {}

/** One transaction as the service role, rolled back: what `sql` does, without leaving it done. */
async function undone(db: Db, sql: string, params: unknown[] = []) {
  await db
    .transaction(async (tx) => {
      await tx.query(CLAIMS)
      await tx.query(sql, params)
      throw new Rollback()
    })
    .catch((e) => {
      if (!(e instanceof Rollback)) throw e
    })
}

/** A fortnight at the counter: arrivals, FIFO over 2 counters, log-normal service per type. */
function simulate(days: number) {
  let seed = 42
  const rand = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())
  const rows: { type: 'repair' | 'pickup'; joined: number; called: number; served: number }[] = []
  const dayMs = 86_400_000
  const start = Date.now() - (days + 1) * dayMs
  for (let d = 0; d < days; d++) {
    const open = start + d * dayMs + 9 * 3_600_000
    const free = [open, open]
    let t = open
    while (t < open + 8 * 3_600_000) {
      t += -Math.log(1 - rand()) * 4 * 60_000 // a customer every 4 minutes on average
      const type = rand() < 0.35 ? 'repair' : 'pickup'
      const median = type === 'repair' ? 9 : 3.5
      const service = median * Math.exp(0.45 * normal()) * 60_000
      const c = free[0] <= free[1] ? 0 : 1
      const called = Math.max(t, free[c])
      free[c] = called + service
      rows.push({ type, joined: t, called, served: called + service })
    }
  }
  return rows
}

async function main() {
  const { db, name, cleanup } = await openBenchDatabase('queues')
  const stack = await startStack(benchStackConfig(), { db, log: () => {} })
  try {
    const types = (
      await db.query<{ id: string; type_code: string }>(
        `select id, type_code from public.type_definitions where org_id is null and subject = 'ticket'`,
      )
    ).rows
    const typeId = (code: string) => types.find((t) => t.type_code === code)?.id ?? ''
    const history = simulate(14)
    const started = performance.now()
    await db.exec('set session_replication_role = replica')
    // the counter's history (served tickets, one queue_day per day) …
    await db.query(
      `insert into public.tickets (org_id, queue_id, type_definition_id, type_version, current_state, custom_data,
                                   created_at, updated_at, queue_status, display_number, queue_day, counter_id,
                                   called_at, served_at, ttl_minutes, ticket_number)
       select $1, $2, case when h.type = 'repair' then $3::uuid else $4::uuid end, 1, 'received', '{}',
              to_timestamp(h.joined / 1000.0), to_timestamp(h.served / 1000.0), 'served',
              'H-' || lpad((row_number() over (order by h.joined))::text, 6, '0'),
              (to_timestamp(h.joined / 1000.0))::date, $5, to_timestamp(h.called / 1000.0), to_timestamp(h.served / 1000.0), 240,
              2000000 + row_number() over (order by h.joined)
       from jsonb_to_recordset($6::jsonb) h (type text, joined float8, called float8, served float8)`,
      [AURORA, QUEUE, typeId('repair'), typeId('pickup'), COUNTER, JSON.stringify(history)],
    )
    // … the rest of the 100 000: other queues' tickets (not customer-queue tickets) …
    const others = TICKETS - history.length - WAITING
    await db.query(
      `insert into public.floor_queues (id, org_id, name)
       select ('7f100000-0000-4000-8000-' || lpad(q::text, 12, '0'))::uuid, $1, 'Bench other ' || q from generate_series(0, 99) q`,
      [AURORA],
    )
    await db.query(
      `insert into public.tickets (org_id, queue_id, type_definition_id, type_version, current_state, custom_data, created_at,
                                   updated_at, ticket_number)
       select $1, ('7f100000-0000-4000-8000-' || lpad((i % 100)::text, 12, '0'))::uuid, $2, 1, 'received', '{}',
              now() - make_interval(mins => i), now(), 3000000 + i
       from generate_series(1, $3) i`,
      [AURORA, typeId('pickup'), others],
    )
    // … and 1 000 waiting now (the seed's A-001 is one of them)
    await db.query(
      `insert into public.tickets (org_id, queue_id, type_definition_id, type_version, current_state, custom_data,
                                   created_at, updated_at, queue_status, display_number, queue_day, ttl_minutes, phone_e164,
                                   ticket_number)
       select $1, $2, case when i % 3 = 0 then $3::uuid else $4::uuid end, 1, 'received', '{}',
              now() - make_interval(secs => ${WAITING} - i), now(), 'waiting', 'W-' || lpad(i::text, 4, '0'),
              current_date, 240, case when i % 4 = 0 then '+6391755' || lpad(i::text, 5, '0') end, 4000000 + i
       from generate_series(1, $5) i`,
      [AURORA, QUEUE, typeId('repair'), typeId('pickup'), WAITING - 1],
    )
    await db.exec('set session_replication_role = origin; analyze public.tickets;')
    const loaded = (performance.now() - started) / 1000
    // a real join at the back of the line, for the customer's read
    const joined =
      (await db.transaction(async (tx) => {
        await tx.query(CLAIMS)
        return (
          await tx.query<{ v: string }>(
            `select public.join_queue('demo-aurora-front-counter', $1, '{"order_reference": "B-1"}') ->> 'ticket_token' as v`,
            [typeId('pickup')],
          )
        ).rows[0]?.v
      })) ?? ''
    const [{ n, waiting }] = (
      await db.query<{ n: string; waiting: string }>(
        `select count(*)::text as n, count(*) filter (where queue_id = $1 and queue_status = 'waiting')::text as waiting
         from public.tickets`,
        [QUEUE],
      )
    ).rows

    const opts = { warmup: 10, iterations: ITERATIONS, maxSeconds: MAX_SECONDS }
    const results: [string, Measurement][] = [
      ['trivial (begin, claims, select 1, rollback)', await measure(() => undone(db, 'select 1'), opts)],
      [
        `call_next, ${waiting} waiting among ${n}`,
        await measure(() => undone(db, 'select public.call_next($1, $2)', [QUEUE, COUNTER]), opts),
      ],
      [
        `queue_waiting_list (${waiting} with waits)`,
        await measure(() => undone(db, 'select public.queue_waiting_list($1)', [QUEUE]), opts),
      ],
      [
        `queue_ticket, position ${waiting}`,
        await measure(() => undone(db, 'select public.queue_ticket($1)', [joined]), opts),
      ],
    ]

    // the estimate's error on the history
    const { rows: err } = await db.query<{ mae: string; bias: string; inside: string; sample: string }>(
      `with s as (select * from public.tickets where queue_id = $1 and display_number like 'H-%' order by md5(id::text) limit 300),
       per_type as (select d.id as type_id, app.vq_service_minutes($1, d.id) as m from public.type_definitions d where d.id in ($2, $3)),
       est as (
         select s.id, extract(epoch from s.called_at - s.created_at) / 60 as real,
                (select coalesce(sum(p.m), 0) from public.tickets a join per_type p on p.type_id = a.type_definition_id
                 where a.queue_id = $1 and a.display_number like 'H-%' and a.created_at < s.created_at
                   and a.called_at > s.created_at) / 2.0 + (select m from per_type where type_id = s.type_definition_id) / 2.0 as w
         from s)
       select round(avg(abs(real - w))::numeric, 2)::text as mae, round(avg(w - real)::numeric, 2)::text as bias,
              round(100.0 * avg(case when real between floor(w * 0.75 / 5) * 5
                                       and greatest(floor(w * 0.75 / 5) * 5 + 5, ceil(w * 1.25 / 5) * 5) then 1 else 0 end), 0)::text as inside,
              count(*)::text as sample
       from est`,
      [QUEUE, typeId('repair'), typeId('pickup')],
    )

    console.log(
      `bench:queues — ${name}, ${n} tickets (${history.length} served history, loaded in ${loaded.toFixed(1)} s)`,
    )
    const widths = [-46, 7, 9, 9, 9, 8]
    console.log(`\n${formatRow(['', 'calls', 'calls/s', 'p50 ms', 'p99 ms', '× triv'], widths)}`)
    const base = results[0]?.[1].p50 ?? 1
    for (const [label, m] of results) {
      console.log(
        formatRow(
          [label, m.ops, m.perSecond.toFixed(0), m.p50.toFixed(2), m.p99.toFixed(2), (m.p50 / base).toFixed(1)],
          widths,
        ),
      )
    }
    const e = err[0]
    console.log(
      `wait estimate on ${e?.sample} served tickets of the history: mean absolute error ${e?.mae} min (bias ${e?.bias} min),` +
        ` real wait inside the shown range ${e?.inside}% of the time. Spec 05: the queue reads < 100 ms.`,
    )
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
  }
}

main().catch((e) => {
  console.error(`bench:queues failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
