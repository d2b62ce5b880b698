/**
 * npm run bench (bench/dashboard.ts) — GET /api/dashboard/overview (issue 17, spec 03 §7.2 "load
 * test dashboard endpoints with 1000+ records"), in process through the route handler, beside the
 * trivial authenticated route GET /api/disco/ping measured in the same run:
 *
 *  1. the last 30 days with 1 000+ records (batch moves and PIN-ins of the demo workshop plus
 *     BENCH_RECENT generated ones): cold (cache emptied before each call) and cached;
 *  2. a year of history for 50 operators (a PIN-in a day each and BENCH_EVENTS_PER_DAY batch moves
 *     per operator per day), after the backfill the production-metrics job would have done: a
 *     custom 366-day range, cold and cached. The backfill itself is timed too.
 *
 * Generated rows go in with triggers off (session_replication_role = replica): the bench measures
 * reading them. Postgres when TEST_PG_URL names a cluster (a scratch database), else PGlite.
 * Env: BENCH_RECENT (1 200), BENCH_EVENTS_PER_DAY (4), BENCH_ITERATIONS (40), BENCH_MAX_SECONDS (20).
 */
import { createClient } from '@supabase/supabase-js'
import * as overview from '../app/api/dashboard/overview/route'
import * as ping from '../app/api/disco/ping/route'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const ORG = '20000000-0000-4000-8000-000000000001'
const RECENT = Number(process.env.BENCH_RECENT ?? 1_200)
const PER_DAY = Number(process.env.BENCH_EVENTS_PER_DAY ?? 4)
const OPERATORS = 50
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 40)
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 20)

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>

async function get(handler: Handler, token: string, path: string): Promise<void> {
  const res = await handler(
    new Request(`http://floorline.bench${path}`, {
      headers: { authorization: `Bearer ${token}`, 'x-device-id': 'bench' },
    }),
    { params: Promise.resolve({}) },
  )
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  await res.arrayBuffer()
}

/** BENCH_OPERATORS members with a PIN-in a day and PER_DAY batch moves each, over `days` days back from `from` days ago. */
async function generate(db: Db, tag: string, days: number, fromDaysAgo: number, eventsPerDay: number): Promise<number> {
  await db.exec(`
    set session_replication_role = replica;
    insert into public.stations (id, org_id, location_id, name, secret_hash)
    select md5('bench-dash-station')::uuid, '${ORG}', (select id from public.locations where org_id = '${ORG}' limit 1),
           'Bench tablet', md5('bench-dash-station') || md5('bench-dash-station-2')
    on conflict do nothing;
    insert into public.members (id, org_id, user_id, role, display_name)
    select md5('bench-dash-member-${tag}-' || m)::uuid, '${ORG}', gen_random_uuid(), 'operator', 'Bench ${tag} ' || m
    from generate_series(1, ${OPERATORS}) m on conflict do nothing;
    insert into public.operator_sessions (org_id, station_id, member_id, user_id, started_at, last_seen_at, ended_at, end_reason)
    select '${ORG}', md5('bench-dash-station')::uuid, md5('bench-dash-member-${tag}-' || m)::uuid,
           gen_random_uuid(), d + interval '6 hours' + make_interval(mins => m), d + interval '14 hours',
           d + interval '14 hours' + make_interval(mins => m % 90), 'pin_out'
    from generate_series(1, ${OPERATORS}) m,
         generate_series(date_trunc('day', now()) - interval '${fromDaysAgo} days' - interval '${days - 1} days',
                         date_trunc('day', now()) - interval '${fromDaysAgo} days', interval '1 day') d;
    insert into public.batch_events (org_id, batch_id, kind, from_stage, to_stage, member_id, at)
    select '${ORG}', b.id, case when e % 10 = 0 then 'returned'::public.batch_event_kind else 'advanced' end,
           'Sanding', 'Finishing', md5('bench-dash-member-${tag}-' || m)::uuid,
           d + interval '7 hours' + make_interval(mins => e * 37 % 400)
    from generate_series(1, ${OPERATORS}) m,
         generate_series(date_trunc('day', now()) - interval '${fromDaysAgo} days' - interval '${days - 1} days',
                         date_trunc('day', now()) - interval '${fromDaysAgo} days', interval '1 day') d,
         generate_series(1, ${eventsPerDay}) e,
         lateral (select id from public.batches where org_id = '${ORG}' order by id offset (m + e) % 5 limit 1) b;
    set session_replication_role = origin;
    analyze public.batch_events; analyze public.operator_sessions;
  `)
  const r = await db.query<{ n: string }>(
    `select ((select count(*) from public.batch_events where org_id = $1)
           + (select count(*) from public.operator_sessions where org_id = $1))::text as n`,
    [ORG],
  )
  return Number(r.rows[0]?.n ?? 0)
}

async function main() {
  const { db, name, cleanup } = await openBenchDatabase('dashboard')
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.url
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = cfg.anonKey
  try {
    const user = createClient(stack.url, cfg.anonKey, { auth: { persistSession: false, autoRefreshToken: false } })
    const { data, error } = await user.auth.signInWithPassword({
      email: 'manager@aurora.test',
      password: 'floorline-demo',
    })
    if (error || !data.session) throw new Error(`sign-in: ${error?.message}`)
    const token = data.session.access_token
    const opts = { warmup: 3, iterations: ITERATIONS, maxSeconds: MAX_SECONDS }
    const clear = () => db.query(`delete from public.dashboard_cache where org_id = $1`, [ORG])
    const path30 = `/api/dashboard/overview?org_id=${ORG}&range=30d`

    const trivial = await measure(() => get(ping.GET as Handler, token, '/api/disco/ping'), opts)

    // 1. the last 30 days, 1 000+ records
    const recentDays = 30
    const recent = await generate(db, 'recent', recentDays, 0, Math.max(1, Math.ceil(RECENT / recentDays / OPERATORS)))
    const cold30 = await measure(async () => {
      await clear()
      await get(overview.GET as Handler, token, path30)
    }, opts)
    const warm30 = await measure(() => get(overview.GET as Handler, token, path30), opts)

    // 2. a year for 50 operators, stored by the job's backfill first
    const year = await generate(db, 'year', 365, 31, PER_DAY)
    const t0 = performance.now()
    await db.query(`select public.recompute_production_metrics($1, current_date - 366, current_date - 1)`, [ORG])
    const backfill = (performance.now() - t0) / 1000
    const from = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10)
    const to = new Date().toISOString().slice(0, 10)
    const pathYear = `/api/dashboard/overview?org_id=${ORG}&range=custom&from=${from}&to=${to}`
    const coldYear = await measure(
      async () => {
        await clear()
        await get(overview.GET as Handler, token, pathYear)
      },
      { ...opts, iterations: Math.min(ITERATIONS, 10) },
    )
    const warmYear = await measure(() => get(overview.GET as Handler, token, pathYear), opts)

    console.log(
      `bench:dashboard — ${name}; ${recent} records in the last 30 days, then ${year} with a year for ${OPERATORS} operators` +
        ` (backfill of 366 days × shifts in ${backfill.toFixed(1)} s)`,
    )
    const widths = [-52, 7, 9, 9, 9, 10]
    console.log(`\n${formatRow(['', 'calls', 'calls/s', 'p50 ms', 'p99 ms', 'vs ping'], widths)}`)
    const row = (label: string, m: Measurement) =>
      console.log(
        formatRow(
          [
            label,
            m.ops,
            m.perSecond.toFixed(0),
            m.p50.toFixed(1),
            m.p99.toFixed(1),
            `${(m.p50 / trivial.p50).toFixed(1)}×`,
          ],
          widths,
        ),
      )
    row('GET /api/disco/ping (trivial, authenticated)', trivial)
    row('overview 30 d, cold (cache emptied each call)', cold30)
    row('overview 30 d, cached', warm30)
    row('overview 366 d, 50 operators, cold', coldYear)
    row('overview 366 d, 50 operators, cached', warmYear)
    console.log(
      `ratio: a cached overview costs ${(warm30.p50 / trivial.p50).toFixed(1)}× the trivial route at p50; a cold year ` +
        `${(coldYear.p50 / warm30.p50).toFixed(0)}× a cached answer (the cache is what the 5-minute TTL buys)`,
    )
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
  }
}

main().catch((e) => {
  console.error(`bench:dashboard failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
