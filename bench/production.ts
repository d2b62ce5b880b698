/**
 * npm run bench (bench/production.ts) — workshop production at scale, on one database: Postgres
 * when TEST_PG_URL names a cluster (a scratch database there), else in-memory PGlite.
 *
 *  1. production summary of an organisation with BENCH_ORDERS orders (default 100 000) in ~3 500
 *     batches: read through production_summary() (materialized views) vs the same aggregate run on
 *     the base tables (the views' own definitions, filtered to the organisation) — ratio;
 *  2. advance_batch through the local stack (REST + JWT + RLS, supabase-js) by 20 concurrent
 *     clients, each moving its own batch, p50/p99 — against a `select 1` RPC from the same clients.
 *
 * Loopback only; bounded by counts and BENCH_MAX_SECONDS per case. Env: BENCH_ORDERS, BENCH_CLIENTS
 * (20), BENCH_ITERATIONS (summary reads, 200), BENCH_ADVANCES (per client, 60), BENCH_MAX_SECONDS (20).
 */
import { mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const ORDERS = Number(process.env.BENCH_ORDERS ?? 100_000)
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const READS = Number(process.env.BENCH_ITERATIONS ?? 200)
const ADVANCES = Number(process.env.BENCH_ADVANCES ?? 60)
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 20)

const ROOT = path.resolve(import.meta.dirname, '..')
const AURORA = '20000000-0000-4000-8000-000000000001'
const STAGES = ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping'] as const

// The baseline RPC: as little as an RPC can do, granted like the production RPCs.
const PING_MIGRATION = `
create function public.bench_ping() returns integer language sql stable set search_path = '' as $$ select 1 $$;
revoke execute on function public.bench_ping() from public, anon;
grant execute on function public.bench_ping() to authenticated;`

/** The app's migrations plus the baseline RPC, in a folder of their own (links, not copies). */
async function migrationsWithPing(tmp: string): Promise<string> {
  const dir = path.join(tmp, 'migrations')
  const source = path.join(ROOT, 'supabase', 'migrations')
  await import('node:fs/promises').then((fs) => fs.mkdir(dir))
  for (const f of await readdir(source)) if (f.endsWith('.sql')) await symlink(path.join(source, f), path.join(dir, f))
  await writeFile(path.join(dir, '29991231000000_bench_ping.sql'), PING_MIGRATION)
  return dir
}

/**
 * ORDERS orders for Aurora: 30 % waiting, 50 % in open batches of 20 spread over the stages, 20 %
 * shipped in completed batches, with stage-move and completion events over the last four weeks.
 * Written with triggers off (session_replication_role = replica): consistent by construction, and
 * 100 000 rows through every audit and history trigger would benchmark the loader, not the reads.
 */
async function loadVolume(db: Db): Promise<void> {
  const pending = Math.floor(ORDERS * 0.3)
  const open = Math.floor(ORDERS * 0.5)
  const openBatches = Math.ceil(open / 20)
  await db.exec(`
    set session_replication_role = replica;
    create temporary table bench_models as
      select row_number() over (order by name) - 1 as k, id, wood_types[1] as wood, base_price
      from public.headphone_models where org_id = '${AURORA}';
    create temporary table bench_flow as
      select s.type_definition_id, t.version as type_version, s.position, s.stage, s.order_status
      from public.batch_settings w join app.batch_type_states s on s.type_definition_id = w.default_type_id
      join public.type_definitions t on t.id = s.type_definition_id
      where w.org_id = '${AURORA}';

    insert into public.orders (id, org_id, order_number, model_id, wood_type, status, priority, due_date, price,
                               created_at, updated_at)
    select md5('bench-order-' || i)::uuid, '${AURORA}', 'BENCH-' || i, m.id, m.wood,
           case when i <= ${pending} then 'pending'::public.order_status
                when i <= ${pending + open} then f.order_status else 'shipped' end,
           (array['low', 'standard', 'standard', 'high', 'rush'])[1 + i % 5]::public.batch_priority,
           current_date + (i % 40) - 10, m.base_price, now() - make_interval(hours => i % 900), now()
    from generate_series(1, ${ORDERS}) i
    join bench_models m on m.k = i % 5
    left join bench_flow f on f.position = 1 + ((i - ${pending} - 1) / 20) % 7;

    insert into public.batches (id, org_id, batch_number, type_definition_id, type_version, priority, current_stage, quality_status,
                                is_complete, target_completion, stage_entered_at, completed_at, actual_completion,
                                created_at, updated_at)
    select md5('bench-batch-' || b)::uuid, '${AURORA}', 'BB-' || b, f.type_definition_id, f.type_version,
           (array['low', 'standard', 'high', 'rush'])[1 + b % 4]::public.batch_priority,
           case when b < ${openBatches} then f.stage else 'Shipping' end, 'good', b >= ${openBatches},
           current_date + (b % 30) - 8, now() - make_interval(hours => b % 300),
           case when b >= ${openBatches} then now() - make_interval(hours => b % 640) end,
           case when b >= ${openBatches} then current_date - (b % 26) end, now() - interval '30 days', now()
    from generate_series(0, ${Math.ceil((ORDERS - pending) / 20) - 1}) b
    join bench_flow f on f.position = 1 + b % 7;

    insert into public.batch_orders (org_id, batch_id, order_id, batch_is_complete)
    select '${AURORA}'::uuid, md5('bench-batch-' || ((i - ${pending} - 1) / 20))::uuid, md5('bench-order-' || i)::uuid,
           (i - ${pending} - 1) / 20 >= ${openBatches}
    from generate_series(${pending + 1}, ${ORDERS}) i;

    insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, at)
    select '${AURORA}'::uuid, md5('bench-batch-' || b)::uuid, 'advanced'::public.batch_event_kind,
           'Intake'::public.production_stage, 'Sanding'::public.production_stage, now() - make_interval(hours => b % 640)
    from generate_series(0, ${Math.ceil((ORDERS - pending) / 20) - 1}) b
    union all
    select '${AURORA}'::uuid, md5('bench-batch-' || b)::uuid, 'completed', 'Shipping', null, now() - make_interval(hours => b % 640)
    from generate_series(${openBatches}, ${Math.ceil((ORDERS - pending) / 20) - 1}) b;

    set session_replication_role = origin;
    analyze;
  `)
  await db.query('select public.refresh_production_summary(true)')
}

/** Each client's own batch at the first stage, made through the real RPC (triggers on). */
async function makeClientBatches(db: Db): Promise<string[]> {
  const ids: string[] = []
  for (let c = 0; c < CLIENTS; c++) {
    const orders = Array.from({ length: 5 }, (_, k) => `BENCH-${1 + c * 5 + k}`)
    const { rows } = await db.query<{ id: string }>(
      `select (public.create_batch_from_orders($1, array(select id from public.orders
                where org_id = $1 and order_number = any($2::text[]))) -> 'batch' ->> 'id') as id`,
      [AURORA, orders],
    )
    ids.push(rows[0].id)
  }
  return ids
}

interface Concurrent extends Measurement {
  clients: number
}

/**
 * `clients` loops at once, each doing up to `each` operations (after a short warm-up), until the
 * deadline. An operation that returns a number reports its own time (to leave set-up out of it).
 */
async function concurrently(
  clients: number,
  each: number,
  op: (client: number) => Promise<number | undefined>,
): Promise<Concurrent> {
  await Promise.all(Array.from({ length: clients }, (_, c) => op(c).then(() => op(c))))
  const samples: number[] = []
  const started = performance.now()
  const deadline = started + MAX_SECONDS * 1000
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < each && performance.now() < deadline; i++) {
        const t = performance.now()
        const own = await op(c)
        samples.push(own ?? performance.now() - t)
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  samples.sort((a, b) => a - b)
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))]
  return { clients, ops: samples.length, seconds, perSecond: samples.length / seconds, p50: at(0.5), p99: at(0.99) }
}

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'floorline-bench-production-'))
  const { db, name, cleanup } = await openBenchDatabase('production')
  const cfg = benchStackConfig(await migrationsWithPing(tmp))
  const loadStart = performance.now()
  const stack = await startStack(cfg, { db, log: () => {} })
  const clients: SupabaseClient[] = []
  try {
    await loadVolume(db)
    const [{ n }] = (
      await db.query<{ n: string }>(`select count(*)::text as n from public.orders where org_id = $1`, [AURORA])
    ).rows
    console.log(
      `bench:production — ${name}, ${n} orders in one organisation (loaded in ${((performance.now() - loadStart) / 1000).toFixed(1)} s)`,
    )

    // ---------------------------------------------------------------- 1. summary: function vs base tables
    const views = await db.query<{ summary: string; throughput: string }>(
      `select pg_get_viewdef('app.production_summary'::regclass) as summary,
              pg_get_viewdef('app.production_throughput'::regclass) as throughput`,
    )
    const strip = (sql: string) => sql.trim().replace(/;$/, '')
    const BASE_SUMMARY = `select coalesce(jsonb_agg(s), '[]')::text as body from (${strip(views.rows[0].summary)}) s where s.org_id = $1`
    const BASE_THROUGHPUT = `select coalesce(jsonb_agg(t), '[]')::text as body from (${strip(views.rows[0].throughput)}) t where t.org_id = $1`
    const FUNCTION = 'select public.production_summary($1)::text as body'

    // both must describe the same production, or the ratio means nothing
    const fn = JSON.parse((await db.query<{ body: string }>(FUNCTION, [AURORA])).rows[0].body)
    const base = JSON.parse((await db.query<{ body: string }>(BASE_SUMMARY, [AURORA])).rows[0].body) as {
      bucket: string
      order_count: number
    }[]
    const baseOrders = base.filter((r) => r.bucket !== 'pending').reduce((s, r) => s + r.order_count, 0)
    if (fn.stale || fn.totals.orders_in_progress !== baseOrders || baseOrders < ORDERS * 0.4) {
      throw new Error(`summary mismatch: function ${fn.totals.orders_in_progress} orders, base tables ${baseOrders}`)
    }
    const opts = { warmup: 5, iterations: READS, maxSeconds: MAX_SECONDS }
    const viaFunction = await measure(() => db.query(FUNCTION, [AURORA]), opts)
    const onBase = await measure(
      async () => {
        await db.query(BASE_SUMMARY, [AURORA])
        await db.query(BASE_THROUGHPUT, [AURORA])
      },
      { ...opts, iterations: Math.max(10, Math.floor(READS / 10)) },
    )
    const widths = [-34, 7, 9, 9, 9]
    console.log(`\n${formatRow(['summary read (direct SQL)', 'reads', 'reads/s', 'p50 ms', 'p99 ms'], widths)}`)
    for (const [label, m] of [
      ['production_summary() (views)', viaFunction],
      ['same aggregate on base tables', onBase],
    ] as const) {
      console.log(formatRow([label, m.ops, m.perSecond.toFixed(1), m.p50.toFixed(2), m.p99.toFixed(2)], widths))
    }
    console.log(
      `ratio: the function is ${(onBase.p50 / viaFunction.p50).toFixed(1)}× faster at p50 (base p50 ÷ function p50)`,
    )

    // ---------------------------------------------------------------- 2. advance_batch, 20 clients, through the stack
    const batches = await makeClientBatches(db)
    const login = createClient(stack.url, cfg.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    })
    clients.push(login)
    const { data: session, error } = await login.auth.signInWithPassword({
      email: 'manager@aurora.test',
      password: 'floorline-demo',
    })
    if (error || !session.session) throw new Error(`sign-in failed: ${error?.message}`)
    const token = session.session.access_token
    const people = Array.from({ length: CLIENTS }, () => {
      const c = createClient(stack.url, cfg.anonKey, {
        accessToken: async () => token,
        realtime: { transport: WebSocket as never },
      })
      clients.push(c)
      return c
    })
    const where = batches.map(() => 0)
    let returns = 0

    const ping = await concurrently(CLIENTS, ADVANCES, async (c) => {
      const r = await people[c].rpc('bench_ping' as never)
      if (r.error) throw new Error(`bench_ping: ${r.error.message}`)
      return undefined
    })
    const advance = await concurrently(CLIENTS, ADVANCES, async (c) => {
      if (where[c] === STAGES.length - 1) {
        // back to the start for the next lap (not timed: only advances are)
        const back = await people[c].rpc('return_batch', {
          p_batch_id: batches[c],
          p_to_stage: 'Intake',
          p_reason: 'bench lap',
          p_expected_stage: 'Shipping',
        })
        if (back.error) throw new Error(`return_batch: ${back.error.message}`)
        where[c] = 0
        returns++
      }
      const t = performance.now()
      const r = await people[c].rpc('advance_batch', { p_batch_id: batches[c], p_expected_stage: STAGES[where[c]] })
      const ms = performance.now() - t
      if (r.error) throw new Error(`advance_batch: ${r.error.message}`)
      where[c]++
      return ms
    })
    const cw = [-34, 8, 7, 9, 9, 9]
    console.log(
      `\n${formatRow([`through the stack, ${CLIENTS} concurrent clients`, 'clients', 'calls', 'calls/s', 'p50 ms', 'p99 ms'], cw)}`,
    )
    for (const [label, m] of [
      ['select 1 RPC (bench_ping)', ping],
      ['advance_batch RPC', advance],
    ] as const) {
      console.log(formatRow([label, m.clients, m.ops, m.perSecond.toFixed(0), m.p50.toFixed(2), m.p99.toFixed(2)], cw))
    }
    console.log(
      `ratio: advance_batch p50 ${(advance.p50 / ping.p50).toFixed(1)}× and p99 ${(advance.p99 / ping.p99).toFixed(1)}× the select-1 RPC` +
        ` (${returns} laps sent back to Intake between advances, untimed)`,
    )
    if (!process.env.TEST_PG_URL)
      console.log('(PGlite is one session: concurrent calls queue; set TEST_PG_URL=postgres://… for Postgres)')
  } finally {
    for (const c of clients) await c.removeAllChannels().catch(() => undefined)
    await stack.close()
    await db.close()
    await cleanup()
    await rm(tmp, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(`bench:production failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
