/**
 * npm run bench (bench/floor.ts) — the floor API under 20 tablets at once: each tablet loops
 * scan → action → advance through the route handlers (app/api/disco/**, called in-process with
 * Request objects, exactly as Next calls them) against a local stack with the real migrations and
 * demo seed. Reported beside the trivial authenticated route (/api/disco/ping: same wrapper, auth
 * and one PostgREST round trip) at the same concurrency, same stack, same run; the ratio is what
 * the floor work costs over the floor of the stack itself.
 * Env: BENCH_TABLETS (20), BENCH_FLOWS per tablet (14), BENCH_MAX_SECONDS per phase (60); TEST_PG_URL
 * adds Postgres to PGlite.
 */
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import WebSocket from 'ws'
import * as actions from '../app/api/disco/actions/route'
import * as advance from '../app/api/disco/items/[id]/advance/route'
import * as ping from '../app/api/disco/ping/route'
import * as scan from '../app/api/disco/scan/route'
import * as sessions from '../app/api/disco/sessions/route'
import type { StackConfig } from '../supabase/local/config'
import { openPglite } from '../supabase/local/db/pglite'
import { openPostgres } from '../supabase/local/db/postgres'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { formatRow } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const TABLETS = Number(process.env.BENCH_TABLETS ?? 20)
const FLOWS = Number(process.env.BENCH_FLOWS ?? 14) // two batches through all 7 stages per tablet
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 60)
const ORG = '20000000-0000-4000-8000-000000000001'
const STAGES = ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping']
const _root = path.resolve(import.meta.dirname, '..')

type Handler = (req: Request, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>

interface Tablet {
  token: string
  device: string
  session: string
  batches: Array<{ id: string; label: string }>
}

interface Stats {
  requests: number
  seconds: number
  perSecond: number
  p50: number
  p99: number
  failures: number
}

async function call(
  h: Handler,
  t: Tablet,
  method: string,
  url: string,
  body?: unknown,
  params: Record<string, string> = {},
) {
  const headers: Record<string, string> = { authorization: `Bearer ${t.token}`, 'x-device-id': t.device }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await h(
    new Request(`http://bench.local${url}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  )
  const json = (await res.json()) as Record<string, unknown>
  return { status: res.status, json }
}

const stats = (samples: number[], seconds: number, failures: number): Stats => {
  const s = [...samples].sort((a, b) => a - b)
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
  return { requests: s.length, seconds, perSecond: s.length / seconds, p50: at(0.5), p99: at(0.99), failures }
}

/** Runs `each(tablet, i)` for every tablet concurrently, `count` times each, within the deadline. */
async function phase(
  tablets: Tablet[],
  count: number,
  each: (t: Tablet, i: number, time: (ms: number) => void) => Promise<boolean>,
) {
  const samples: number[] = []
  let failures = 0
  const started = performance.now()
  const deadline = started + MAX_SECONDS * 1000
  await Promise.all(
    tablets.map(async (t) => {
      for (let i = 0; i < count && performance.now() < deadline; i++) {
        const ok = await each(t, i, (ms) => samples.push(ms))
        if (!ok) failures++
      }
    }),
  )
  return stats(samples, (performance.now() - started) / 1000, failures)
}

async function timed<T>(time: (ms: number) => void, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  const r = await run()
  time(performance.now() - t0)
  return r
}

/** A bench batch type (a copy of the 7-stage Headphone build, one required note each), TABLETS supervisors and their batches. */
async function setUp(db: Db, url: string, cfg: StackConfig): Promise<Tablet[]> {
  const batchesPerTablet = Math.ceil(FLOWS / STAGES.length)
  await db.exec(`
    insert into public.type_definitions (id, org_id, subject, type_code, type_name, fsm_schema)
      select 'b0000000-0000-4000-8000-000000000001', '${ORG}', 'batch', 'bench', 'Bench', t.fsm_schema
      from public.type_definitions t where t.id = app.batch_type_id('headphone-build');
    insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, required, item_kinds)
      select '${ORG}', 'b0000000-0000-4000-8000-000000000001', s, 'bench-note', 'note', 'Bench note', true, '{batch}'
      from unnest(array[${STAGES.map((s) => `'${s}'`).join(',')}]) s;
  `)
  const admin = createClient(url, cfg.serviceRoleKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  })
  const tablets: Tablet[] = []
  for (let i = 0; i < TABLETS; i++) {
    const email = `bench-${i}@aurora.test`
    const { data, error } = await admin.auth.admin.createUser({
      email,
      password: 'floorline-bench',
      email_confirm: true,
    })
    if (error || !data.user) throw new Error(`createUser: ${error?.message}`)
    await db.query(
      `insert into public.members (org_id, user_id, role, display_name) values ($1, $2, 'supervisor', $3)`,
      [ORG, data.user.id, `Bench ${i}`],
    )
    const batches: Tablet['batches'] = []
    for (let k = 0; k < batchesPerTablet; k++) {
      const r = await db.query<{ id: string; label: string }>(
        `with b as (insert into public.batches (org_id, batch_number, type_definition_id)
                    values ($1, $2, 'b0000000-0000-4000-8000-000000000001') returning id)
         select b.id, app.floor_label_text($1, 'I', app.floor_mint_label($1, 'item',
                  (select f.item_id from app.floor_resolve_item($1, b.id, true) f))) as label from b`,
        [ORG, `BENCH-${i}-${k}`],
      )
      batches.push(r.rows[0])
    }
    const user = createClient(url, cfg.anonKey, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    })
    const signedIn = await user.auth.signInWithPassword({ email, password: 'floorline-bench' })
    if (signedIn.error || !signedIn.data.session) throw new Error(`sign-in: ${signedIn.error?.message}`)
    tablets.push({ token: signedIn.data.session.access_token, device: `bench-tablet-${i}`, session: '', batches })
  }
  for (const t of tablets) {
    const r = await call(sessions.POST as Handler, t, 'POST', '/api/disco/sessions', { org_id: ORG })
    if (r.status !== 200) throw new Error(`start session: ${JSON.stringify(r.json)}`)
    t.session = (r.json.session as { id: string }).id
  }
  return tablets
}

async function benchOne(name: string, open: () => Promise<{ db: Db; cleanup(): Promise<void> }>) {
  const { db, cleanup } = await open()
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  process.env.NEXT_PUBLIC_SUPABASE_URL = stack.url
  process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY = cfg.anonKey
  try {
    const tablets = await setUp(db, stack.url, cfg)
    // warm up both paths (connections, plans, JIT of the handlers)
    for (const t of tablets.slice(0, 2)) await call(ping.GET as Handler, t, 'GET', '/api/disco/ping')

    const trivial = await phase(tablets, FLOWS * 3, async (t, _i, time) => {
      const r = await timed(time, () => call(ping.GET as Handler, t, 'GET', '/api/disco/ping'))
      return r.status === 200
    })

    let flows = 0
    const floor = await phase(tablets, FLOWS, async (t, i, time) => {
      const b = t.batches[Math.floor(i / STAGES.length)]
      const stage = STAGES[i % STAGES.length]
      const s = await timed(time, () =>
        call(scan.POST as Handler, t, 'POST', '/api/disco/scan', { session_id: t.session, code: b.label }),
      )
      const a = await timed(time, () =>
        call(actions.POST as Handler, t, 'POST', '/api/disco/actions', {
          session_id: t.session,
          item_id: b.id,
          action_key: 'bench-note',
          data: { notes: `done at ${stage}` },
        }),
      )
      const v = await timed(time, () =>
        call(
          advance.POST as Handler,
          t,
          'POST',
          `/api/disco/items/${b.id}/advance`,
          { session_id: t.session, expected_stage: stage },
          { id: b.id },
        ),
      )
      const ok = s.status === 200 && a.status === 200 && v.status === 200
      if (!ok && flows === 0)
        console.error('first failing flow:', s.status, a.status, v.status, JSON.stringify(v.json).slice(0, 300))
      if (ok) flows++
      return ok
    })
    const [done] = (
      await db.query<{
        n: string
      }>(`select count(*)::text n from public.batch_events where kind in ('advanced', 'completed')
        and batch_id in (select id from public.batches where batch_number like 'BENCH-%')`)
    ).rows
    return { name, trivial, floor, flows, moves: Number(done.n) }
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
  }
}

async function scratchPostgres(base: string) {
  const dbName = `bench_floor_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${dbName}`)
  await admin.end()
  const u = new URL(base)
  u.pathname = `/${dbName}`
  return {
    db: await openPostgres(u.toString()),
    async cleanup() {
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`drop database if exists ${dbName} with (force)`)
      await a.end()
    },
  }
}

async function main() {
  const targets: Array<[string, () => Promise<{ db: Db; cleanup(): Promise<void> }>]> = [
    ['pglite', async () => ({ db: await openPglite(), cleanup: async () => {} })],
  ]
  const pgUrl = process.env.TEST_PG_URL
  if (pgUrl) targets.push(['postgres', () => scratchPostgres(pgUrl)])
  console.log(
    `bench:floor — ${TABLETS} tablets at once, ${FLOWS} scan → action → advance flows each, route handlers in-process`,
  )
  const widths = [-8, -28, 9, 8, 8, 8, 6]
  console.log(formatRow(['db', 'case', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'fail'], widths))
  for (const [name, open] of targets) {
    const r = await benchOne(name, open)
    for (const [label, s] of [
      ['trivial route (GET /ping)', r.trivial],
      ['scan → action → advance', r.floor],
    ] as Array<[string, Stats]>) {
      console.log(
        formatRow(
          [name, label, s.requests, s.perSecond.toFixed(0), s.p50.toFixed(1), s.p99.toFixed(1), s.failures],
          widths,
        ),
      )
    }
    console.log(
      formatRow(
        [
          name,
          'floor ÷ trivial',
          '',
          `${(r.floor.perSecond / r.trivial.perSecond).toFixed(2)}×`,
          `${(r.floor.p50 / r.trivial.p50).toFixed(2)}×`,
          `${(r.floor.p99 / r.trivial.p99).toFixed(2)}×`,
          '',
        ],
        widths,
      ),
    )
    console.log(
      `${name}: ${r.flows} flows (${(r.flows / r.floor.seconds).toFixed(1)} items advanced/s), ${r.moves} stage moves recorded`,
    )
    if (r.floor.failures > 0 || r.trivial.failures > 0) process.exitCode = 1
  }
  console.log('req/s and latencies are per HTTP request (a flow is 3); ratio = floor ÷ trivial on the same stack')
  if (!pgUrl) console.log('(set TEST_PG_URL=postgres://… to include Postgres)')
}

main().catch((e) => {
  console.error(`bench:floor failed: ${e instanceof Error ? e.stack : e}`)
  process.exit(1)
})
