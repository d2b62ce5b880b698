/**
 * npm run bench (bench/sewing.ts) — the sewing line board's read, sewing_dashboard (issue 14, spec 03
 * §7.2 "load test dashboard endpoints with 1000+ records"), as /[org]/sewing and GET
 * /api/sewing/dashboard call it: an authenticated RPC through the stack's PostgREST as the Birch
 * manager, beside a trivial authenticated RPC on the same path (my_organisations), so the figures are
 * ratios that travel between machines:
 *
 *  1. the demo workshop as seeded: four weeks of Birch history (3 500+ run operations, 14 bundles
 *     part-way down line 2): all lines, and one line (team);
 *  2. ~100 000 run operations: the seeded sewn runs copied BENCH_COPIES times (new bundles, runs and
 *     run operations, moved back 12 days a copy, so a year of history), the open runs as seeded — the
 *     board reads today's completions and the unfinished runs, and must not slow down with history.
 *
 * Copies go in with triggers off (session_replication_role = replica): the bench measures reading.
 * Postgres when TEST_PG_URL names a cluster (a scratch database), else PGlite.
 * Env: BENCH_COPIES (30), BENCH_ITERATIONS (60), BENCH_MAX_SECONDS (15).
 */
import { createClient } from '@supabase/supabase-js'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import type { Database } from '../types/database'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const BIRCH = '20000000-0000-4000-8000-000000000002'
const LINE_B = '40000000-0000-4000-8000-000000000203'
const COPIES = Number(process.env.BENCH_COPIES ?? 30)
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 60)
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 15)

async function runOperations(db: Db): Promise<number> {
  const r = await db.query<{ n: string }>(
    'select count(*)::text as n from public.sewing_run_operations where org_id = $1',
    [BIRCH],
  )
  return Number(r.rows[0]?.n ?? 0)
}

/** BENCH_COPIES copies of the seeded sewn runs (bundle, run, operations), each 12 days further back. */
async function copyHistory(db: Db, copies: number): Promise<void> {
  await db.exec(`
    set session_replication_role = replica;
    create temporary table bench_src as
      select r.id as run_id, r.bundle_id from public.sewing_runs r
      join public.bundles b on b.id = r.bundle_id
      where r.org_id = '${BIRCH}' and r.status = 'COMPLETED' and b.status = 'sewn';
    insert into public.bundles
    select (jsonb_populate_record(null::public.bundles, to_jsonb(b) || jsonb_build_object(
             'id', md5('bench-sew-b-' || k || b.id)::uuid,
             'bundle_number', 100000 + k * 1000 + b.bundle_number,
             'created_at', b.created_at - make_interval(days => 12 * k)))).*
    from public.bundles b join bench_src s on s.bundle_id = b.id cross join generate_series(1, ${copies}) k;
    insert into public.sewing_runs
    select (jsonb_populate_record(null::public.sewing_runs, to_jsonb(r) || jsonb_build_object(
             'id', md5('bench-sew-r-' || k || r.id)::uuid,
             'bundle_id', md5('bench-sew-b-' || k || r.bundle_id)::uuid,
             'run_number', 100000 + k * 1000 + (r.run_number - 1000),
             'created_at', r.created_at - make_interval(days => 12 * k),
             'started_at', r.started_at - make_interval(days => 12 * k),
             'completed_at', r.completed_at - make_interval(days => 12 * k)))).*
    from public.sewing_runs r join bench_src s on s.run_id = r.id cross join generate_series(1, ${copies}) k;
    insert into public.sewing_run_operations (org_id, sewing_run_id, operation_id, operator_id, machine_id, units_completed,
      actual_minutes, standard_minutes, piece_rate, defects_found, rework_units, defect_tally, status, started_at,
      completed_at, work_date, updated_at)
    select o.org_id, md5('bench-sew-r-' || k || o.sewing_run_id)::uuid, o.operation_id, o.operator_id, o.machine_id,
           o.units_completed, o.actual_minutes, o.standard_minutes, o.piece_rate, o.defects_found, o.rework_units,
           o.defect_tally, o.status, o.started_at - make_interval(days => 12 * k),
           o.completed_at - make_interval(days => 12 * k), o.work_date - 12 * k, o.updated_at
    from public.sewing_run_operations o join bench_src s on s.run_id = o.sewing_run_id
    cross join generate_series(1, ${copies}) k;
    set session_replication_role = origin;
    drop table bench_src;
    analyze public.bundles; analyze public.sewing_runs; analyze public.sewing_run_operations;
  `)
}

async function main() {
  const { db, name, cleanup } = await openBenchDatabase('sewing')
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  try {
    const user = createClient<Database>(stack.url, cfg.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
    })
    const { error } = await user.auth.signInWithPassword({ email: 'manager@birch.test', password: 'floorline-demo' })
    if (error) throw new Error(`sign-in: ${error.message}`)
    const call = async (fn: () => PromiseLike<{ error: { message: string } | null }>) => {
      const r = await fn()
      if (r.error) throw new Error(r.error.message)
    }
    const opts = { warmup: 5, iterations: ITERATIONS, maxSeconds: MAX_SECONDS }
    const trivial = () => measure(() => call(() => user.rpc('my_organisations')), opts)
    const all = () => measure(() => call(() => user.rpc('sewing_dashboard', { p_org_id: BIRCH })), opts)
    const line = () =>
      measure(() => call(() => user.rpc('sewing_dashboard', { p_org_id: BIRCH, p_team_id: LINE_B })), opts)

    const seeded = await runOperations(db)
    const t1 = await trivial()
    const a1 = await all()
    const l1 = await line()
    await copyHistory(db, COPIES)
    const large = await runOperations(db)
    const t2 = await trivial()
    const a2 = await all()
    const l2 = await line()

    console.log(
      `bench:sewing — ${name}; sewing_dashboard as the Birch manager through PostgREST, ${seeded} run operations as ` +
        `seeded, then ${large} (${COPIES} copies of the sewn history, a year back)`,
    )
    const widths = [-56, 7, 9, 9, 10]
    console.log(`\n${formatRow(['', 'calls', 'p50 ms', 'p99 ms', '× trivial'], widths)}`)
    const row = (label: string, m: Measurement, base: Measurement) =>
      console.log(
        formatRow([label, m.ops, m.p50.toFixed(1), m.p99.toFixed(1), `${(m.p50 / base.p50).toFixed(1)}×`], widths),
      )
    row(`my_organisations (trivial, authenticated)`, t1, t1)
    row(`sewing_dashboard, all lines, ${seeded} run operations`, a1, t1)
    row(`sewing_dashboard, Line B, ${seeded} run operations`, l1, t1)
    row(`my_organisations (trivial), at ${large}`, t2, t2)
    row(`sewing_dashboard, all lines, ${large} run operations`, a2, t2)
    row(`sewing_dashboard, Line B, ${large} run operations`, l2, t2)
    console.log(
      `ratio: the board's read costs ${(a1.p50 / t1.p50).toFixed(1)}× a trivial RPC at ${seeded} run operations and ` +
        `${(a2.p50 / t2.p50).toFixed(1)}× at ${large}; ${large} vs ${seeded}: ${(a2.p50 / a1.p50).toFixed(2)}×`,
    )
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
  }
}

main().catch((e) => {
  console.error(`bench:sewing failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
