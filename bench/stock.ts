/**
 * npm run bench (bench/stock.ts) — stock counts at their sizes (issue 16), on one database: Postgres
 * when TEST_PG_URL names a cluster (a scratch database there), else PGlite. Every figure is also a
 * ratio to a trivial RPC on the same database (`select public.available_transitions(…)`), so the
 * numbers travel between machines.
 *
 *  1. posting a 3 000-line count (open-mSupply's stocktake figure: 500 ms for 3 000 items):
 *     count_post in one transaction — one ledger adjustment per non-zero variance (a third of the
 *     lines), each through the on-hand trigger and the live-count movement trigger, the lines'
 *     adjustment ids, items' last_counted_at, the count's move and its analytics periods;
 *  2. the analytics over a year: variance_analytics_report (daily periods and the worst items of
 *     365 posted counts of 50 lines), and a full recompute of that year (every daily, weekly and
 *     monthly period from scratch).
 *
 * Counts are made through the RPCs as the trusted database owner; the counted quantities of the
 * 3 000 lines are written in one statement (the entries' path is count_record's, timed by pgTAP and
 * the integration tests, not here). The year of history is loaded with triggers off: posted counts
 * consistent by construction. Env: BENCH_LINES (3000), BENCH_POSTS (3), BENCH_ITERATIONS (50).
 */
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const LINES = Number(process.env.BENCH_LINES ?? 3000)
const POSTS = Number(process.env.BENCH_POSTS ?? 3)
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 50)
const ORG = '20000000-0000-4000-8000-000000000001'
const LOC = '30000000-0000-4000-8000-000000000105' // Acoustic lab: no demo stock there

/** The one value `v` of a one-row query (json answers arrive as text from some adapters). */
async function one<T>(db: Db, sql: string, params: unknown[] = []): Promise<T> {
  const v = (await db.query<Record<string, unknown>>(sql, params)).rows[0]?.v
  return (typeof v === 'string' && /^[{[]/.test(v) ? JSON.parse(v) : v) as T
}

/** A started count over the bench items with every line counted (a third off by −1…+1). */
async function countedCount(db: Db, n: number): Promise<string> {
  const id = await one<string>(
    db,
    `select (public.count_create($1, gen_random_uuid(), 'Bench ' || $2, 'locations', 'blind', array[$3::uuid]) ->> 'id') v`,
    [ORG, n, LOC],
  )
  await db.query('select public.count_start($1)', [id])
  await db.query(
    `update public.count_lines set counted_qty = greatest(0, expected_qty + (hashtext(id::text) % 3)),
            movement_at_count = movement_qty, status = 'counted', counted_at = now(), entry_count = 1
     where count_id = $1`,
    [id],
  )
  await db.query('select public.count_submit($1)', [id])
  await db.query(`select public.count_set_reason($1, 'miscount')`, [id])
  return id
}

async function main() {
  const { db, name, cleanup } = await openBenchDatabase('stock')
  const stack = await startStack(benchStackConfig(), { db, log: () => {} })
  try {
    const typeId = await one<string>(
      db,
      `select id::text v from public.type_definitions where type_code = 'stock-count'`,
    )
    const trivial = await measure(() => db.query(`select public.available_transitions($1, 'draft')`, [typeId]), {
      warmup: 20,
      iterations: 300,
      maxSeconds: 10,
    })

    // 1. LINES items with stock at the bench location
    await db.query(
      `insert into public.stock_items (org_id, code, name, category, unit, unit_cost, abc_class)
       select $1, 'BENCH-' || lpad(i::text, 5, '0'), 'Bench item ' || i, 'Bench ' || (i % 7), 'pcs', 1 + (i % 13), 'C'
       from generate_series(1, $2) i`,
      [ORG, LINES],
    )
    await db.query(
      `insert into public.stock_ledger (org_id, stock_item_id, location_id, kind, quantity, unit_cost)
       select $1, i.id, $2, 'receipt', 20 + (hashtext(i.code) & 31), i.unit_cost
       from public.stock_items i where i.org_id = $1 and i.code like 'BENCH-%'`,
      [ORG, LOC],
    )
    const posts: number[] = []
    let adjustments = 0
    for (let k = 0; k < POSTS; k++) {
      const id = await countedCount(db, k)
      const t0 = performance.now()
      const answer = await one<{ adjustment_count: number }>(db, 'select public.count_post($1) v', [id])
      posts.push(performance.now() - t0)
      adjustments = answer.adjustment_count
    }
    const post = [...posts].sort((a, b) => a - b)[Math.floor(posts.length / 2)]

    // 2. a year of posted counts (one a day, 50 lines each, one in five off), then its analytics
    await db.exec(`
      set session_replication_role = replica;
      insert into public.count_sessions (id, org_id, count_number, title, type_definition_id, type_version, status, scope,
        location_ids, mode, started_at, snapshot_at, submitted_at, posted_at, created_at, updated_at)
      select md5('bench-year-' || d)::uuid, '${ORG}', 100000 + d, 'Year ' || d, '${typeId}', 1, 'posted', 'locations',
             array['${LOC}'::uuid], 'blind', now() - make_interval(days => d, hours => 1), now() - make_interval(days => d, hours => 1),
             now() - make_interval(days => d), now() - make_interval(days => d), now() - make_interval(days => d, hours => 2), now()
      from generate_series(1, 365) d;
      insert into public.count_lines (org_id, count_id, stock_item_id, location_id, expected_qty, unit_cost, counted_qty,
        movement_at_count, status, counted_at)
      select '${ORG}', md5('bench-year-' || d)::uuid, i.id, '${LOC}', 20, i.unit_cost,
             20 + case when hashtext(d || i.code) % 5 = 0 then (hashtext(i.code || d) % 3) else 0 end, 0, 'counted',
             now() - make_interval(days => d)
      from generate_series(1, 365) d
      cross join lateral (select id, code, unit_cost from public.stock_items
                          where org_id = '${ORG}' and code like 'BENCH-%' order by md5(code || d) limit 50) i;
      set session_replication_role = origin;
      analyze public.count_sessions; analyze public.count_lines;
    `)
    const from = await one<string>(db, `select (current_date - 366)::text v`)
    const to = await one<string>(db, `select current_date::text v`)
    const t1 = performance.now()
    const rows = await one<{ rows: number }>(db, 'select public.variance_analytics_recompute($1, $2, $3) v', [
      ORG,
      from,
      to,
    ])
    const recompute = performance.now() - t1
    const report: Measurement = await measure(
      () => db.query(`select public.variance_analytics_report($1, 'daily', $2, $3)`, [ORG, from, to]),
      { warmup: 3, iterations: ITERATIONS, maxSeconds: 20 },
    )
    const weekly: Measurement = await measure(
      () => db.query(`select public.variance_analytics_report($1, 'weekly', $2, $3)`, [ORG, from, to]),
      { warmup: 3, iterations: ITERATIONS, maxSeconds: 20 },
    )

    console.log(`bench:stock — ${name}; trivial RPC (available_transitions) p50 ${trivial.p50.toFixed(2)} ms`)
    const widths = [-58, 10, 10]
    console.log(`\n${formatRow(['', 'p50 ms', '× trivial'], widths)}`)
    for (const [label, ms] of [
      [`count_post, ${LINES} lines, ${adjustments} adjustments (median of ${POSTS})`, post],
      [`variance_analytics_report daily, a year (365 counts)`, report.p50],
      [`variance_analytics_report weekly, a year`, weekly.p50],
      [`variance_analytics_recompute, a year (${rows.rows} periods)`, recompute],
    ] as const) {
      console.log(formatRow([label, ms.toFixed(1), (ms / trivial.p50).toFixed(0)], widths))
    }
    console.log(`posting ${LINES} lines: ${post.toFixed(0)} ms (open-mSupply: 500 ms for 3 000 items)`)
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
  }
}

main().catch((e) => {
  console.error(`bench:stock failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
