/**
 * npm run bench (bench/http.ts) — the floor API through the real server: `next build` once, then
 * `next start` in front of a local stack (its own process) on a scratch database in the Postgres
 * cluster at TEST_PG_URL. Tablets call it as a browser does (the session cookie, so proxy.ts and
 * the route's own identity check both run): the trivial authenticated route GET /api/disco/ping,
 * POST /api/disco/scan, and scan → action → advance, at 1 and BENCH_CLIENTS (20) concurrent clients;
 * req/s, p50, p99, the ratios to the trivial route, and the CPU share (% of one core) of next-server,
 * the stack and the Postgres backends of the scratch database. The in-process bench (bench/floor.ts)
 * skips the HTTP server; this one does not.
 * Env: TEST_PG_URL (required: skipped without it), BENCH_CLIENTS (20), BENCH_SECONDS per case (8),
 * BENCH_SKIP_BUILD=1 (reuse .next built by an earlier run with the same ports),
 * BENCH_HTTP_PORT (55160: stack; +1: app), BENCH_PROFILE_DIR (next-server writes a --cpu-prof there).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createServerClient } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import WebSocket from 'ws'
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../supabase/local/config'
import { formatRow } from './lib/measure'

const ROOT = path.resolve(import.meta.dirname, '..')
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 20)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8)
const STACK_PORT = Number(process.env.BENCH_HTTP_PORT ?? 55160)
const APP_PORT = STACK_PORT + 1
const STACK_URL = `http://127.0.0.1:${STACK_PORT}`
const APP_URL = `http://127.0.0.1:${APP_PORT}`
const ORG = '20000000-0000-4000-8000-000000000001'
const TYPE = 'b0000000-0000-4000-8000-000000000001'
const STAGES = ['Intake', 'Sanding', 'Finishing', 'Sub-Assembly', 'Final Assembly', 'Acoustic QC', 'Shipping']
const BIN = (name: string) => path.join(ROOT, 'node_modules', '.bin', name)
const TICK = 100 // USER_HZ of /proc/<pid>/stat on Linux

interface Tablet {
  cookie: string
  device: string
  session: string
  batch: { id: string; label: string }
  stage: number
}

interface Stats {
  requests: number
  perSecond: number
  p50: number
  p99: number
  failures: number
  cpu: Record<string, number>
}

const appEnv = {
  ...process.env,
  NODE_ENV: 'production' as const,
  NEXT_TELEMETRY_DISABLED: '1',
  NEXT_PUBLIC_SUPABASE_URL: STACK_URL,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: DEMO_ANON_KEY,
  SUPABASE_SERVICE_ROLE_KEY: DEMO_SERVICE_ROLE_KEY,
  SMS_GATEWAY_URL: STACK_URL,
  // the bench's build is local on purpose: it talks to the bench's own stack with its demo keys
  FLOORLINE_ALLOW_LOCAL_KEYS: '1',
  FLOORLINE_SKIP_BUILD_TYPECHECK: '1',
}

function build() {
  if (process.env.BENCH_SKIP_BUILD === '1') return
  const t0 = performance.now()
  const r = spawnSync(BIN('next'), ['build'], { cwd: ROOT, env: appEnv, stdio: ['ignore', 'pipe', 'inherit'] })
  if (r.status !== 0) {
    console.error(r.stdout.toString())
    throw new Error('next build failed')
  }
  console.log(`next build: ${((performance.now() - t0) / 1000).toFixed(0)} s`)
}

async function waitFor(url: string, child: ChildProcess, name: string) {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`)
    try {
      const r = await fetch(url)
      if (r.status < 500) return
    } catch {}
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${name} did not answer at ${url}`)
}

function start(cmd: string, args: string[], env: NodeJS.ProcessEnv, name: string): ChildProcess {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let tail = ''
  const keep = (b: Buffer) => {
    tail = (tail + b.toString()).slice(-4000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  child.on('exit', (code) => {
    if (code && code !== 0 && !stopping) console.error(`${name} exited ${code}:\n${tail}`)
  })
  return child
}

let stopping = false
function stop(child: ChildProcess | undefined) {
  if (child?.pid && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {}
  }
}

/** Every process in the tree under `pid` (next start forks next-server; tsx forks node). */
function tree(pid: number): number[] {
  const parents = new Map<number, number[]>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)])
    } catch {}
  }
  const out = [pid]
  for (let i = 0; i < out.length; i++) out.push(...(parents.get(out[i]) ?? []))
  return out
}

/** utime + stime of each process still alive (a pid gone by the end of a case counts nothing). */
function cpuTicks(pids: number[]): Map<number, number> {
  const ticks = new Map<number, number>()
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ticks.set(pid, Number(f[11]) + Number(f[12]))
    } catch {}
  }
  return ticks
}

function ticksSince(before: Map<number, number>, after: Map<number, number>): number {
  let sum = 0
  for (const [pid, t] of after) if (before.has(pid)) sum += t - (before.get(pid) ?? 0)
  return sum
}

const percentile = (s: number[], q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN

async function call(t: Tablet, method: string, url: string, body?: unknown) {
  const headers: Record<string, string> = { cookie: t.cookie, 'x-device-id': t.device }
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${APP_URL}${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json().catch(() => null)) as Record<string, unknown> | null
  return { status: res.status, json }
}

/** `each` per tablet in a loop for SECONDS; the CPU of each process group over the same window. */
async function phase(
  tablets: Tablet[],
  groups: Record<string, () => number[]>,
  each: (t: Tablet, time: (ms: number) => void) => Promise<boolean>,
): Promise<Stats> {
  const samples: number[] = []
  let failures = 0
  const pids = Object.fromEntries(Object.entries(groups).map(([k, f]) => [k, f()]))
  const before = Object.fromEntries(Object.entries(pids).map(([k, p]) => [k, cpuTicks(p)]))
  const started = performance.now()
  const deadline = started + SECONDS * 1000
  await Promise.all(
    tablets.map(async (t) => {
      while (performance.now() < deadline) {
        if (!(await each(t, (ms) => samples.push(ms)))) failures++
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  const cpu = Object.fromEntries(
    Object.entries(pids).map(([k, p]) => [k, (ticksSince(before[k], cpuTicks(p)) / TICK / seconds) * 100]),
  )
  samples.sort((a, b) => a - b)
  return {
    requests: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    failures,
    cpu,
  }
}

async function timed<T>(time: (ms: number) => void, run: () => Promise<T>): Promise<T> {
  const t0 = performance.now()
  const r = await run()
  time(performance.now() - t0)
  return r
}

/** A browser's session cookie for `email`, as @supabase/ssr writes it. */
async function signIn(email: string): Promise<string> {
  const jar = new Map<string, string>()
  const client = createServerClient(STACK_URL, DEMO_ANON_KEY, {
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (toSet) => {
        for (const { name, value } of toSet) jar.set(name, value)
      },
    },
    realtime: { transport: WebSocket as never },
  })
  const { error } = await client.auth.signInWithPassword({ email, password: 'floorline-bench' })
  if (error) throw new Error(`sign-in ${email}: ${error.message}`)
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ')
}

async function setUp(db: pg.Client): Promise<Tablet[]> {
  await db.query(`
    insert into public.type_definitions (id, org_id, subject, type_code, type_name, fsm_schema)
      select '${TYPE}', '${ORG}', 'batch', 'bench', 'Bench', t.fsm_schema
      from public.type_definitions t where t.id = app.batch_type_id('headphone-build');
    insert into public.floor_stage_actions (org_id, type_definition_id, stage, action_key, action_type, label, required, item_kinds)
      select '${ORG}', '${TYPE}', s, 'bench-note', 'note', 'Bench note', true, '{batch}'
      from unnest(array[${STAGES.map((s) => `'${s}'`).join(',')}]) s;`)
  const admin = createClient(STACK_URL, DEMO_SERVICE_ROLE_KEY, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  })
  const tablets: Tablet[] = []
  for (let i = 0; i < CLIENTS; i++) {
    const email = `bench-http-${i}@aurora.test`
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
    const t: Tablet = {
      cookie: await signIn(email),
      device: `bench-http-${i}`,
      session: '',
      batch: await newBatch(db, i),
      stage: 0,
    }
    const r = await call(t, 'POST', '/api/disco/sessions', { org_id: ORG })
    if (r.status !== 200) throw new Error(`start session: ${r.status} ${JSON.stringify(r.json)}`)
    t.session = (r.json as { session: { id: string } }).session.id
    tablets.push(t)
  }
  return tablets
}

let batchSeq = 0
async function newBatch(db: pg.Client, i: number) {
  const r = await db.query<{ id: string; label: string }>(
    `with b as (insert into public.batches (org_id, batch_number, type_definition_id)
                values ($1, $2, '${TYPE}') returning id)
     select b.id, app.floor_label_text($1, 'I', app.floor_mint_label($1, 'item',
              (select f.item_id from app.floor_resolve_item($1, b.id, true) f))) as label from b`,
    [ORG, `BENCH-HTTP-${i}-${batchSeq++}`],
  )
  return r.rows[0]
}

async function main() {
  const base = process.env.TEST_PG_URL
  if (!base) {
    console.log('bench:http skipped — set TEST_PG_URL=postgres://… (a cluster where it may create a scratch database)')
    return
  }
  const dbName = `bench_http_${process.pid}`
  const adminDb = new pg.Client({ connectionString: base })
  await adminDb.connect()
  await adminDb.query(`create database ${dbName}`)
  const url = new URL(base)
  url.pathname = `/${dbName}`
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'bench-http-'))
  let stack: ChildProcess | undefined
  let app: ChildProcess | undefined
  const db = new pg.Client({ connectionString: url.toString() })
  try {
    const settings = await adminDb.query<{ name: string; setting: string }>(
      `select name, setting from pg_settings where name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name`,
    )
    console.log(
      `bench:http — ${CLIENTS} clients, ${SECONDS} s per case, through next start (production build) over Postgres` +
        ` (${settings.rows.map((r) => `${r.name}=${r.setting}`).join(', ')})`,
    )
    build()
    stack = start(
      BIN('tsx'),
      ['supabase/local/main.ts', '--reset'],
      {
        ...process.env,
        DATABASE_URL: url.toString(),
        SUPABASE_API_PORT: String(STACK_PORT),
        FLOORLINE_STORAGE_DIR: path.join(tmp, 'storage'),
        SUPABASE_AUTH_RATE_LIMIT_TOKEN_REFRESH: '1000000',
        SUPABASE_AUTH_RATE_LIMIT_SIGN_IN_SIGN_UPS: '1000000',
      },
      'stack',
    )
    await waitFor(`${STACK_URL}/auth/v1/health`, stack, 'stack')
    // the Node that runs this bench runs the server too (npm run: node_modules/.bin/node, Node 24)
    const profile = process.env.BENCH_PROFILE_DIR
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`]
      : []
    app = start(
      process.execPath,
      [
        ...profile,
        path.join(ROOT, 'node_modules/next/dist/bin/next'),
        'start',
        '-H',
        '127.0.0.1',
        '-p',
        String(APP_PORT),
      ],
      appEnv,
      'next start',
    )
    await waitFor(`${APP_URL}/login`, app, 'next start')
    await db.connect()
    const tablets = await setUp(db)

    const backends = async () =>
      (await adminDb.query<{ pid: number }>('select pid from pg_stat_activity where datname = $1', [dbName])).rows.map(
        (r) => r.pid,
      )
    const pgPids = await backends()
    const groups = {
      'next-server': () => tree(app?.pid ?? 0),
      stack: () => tree(stack?.pid ?? 0),
      postgres: () => pgPids,
    }
    const ping = async (t: Tablet, time: (ms: number) => void) =>
      (await timed(time, () => call(t, 'GET', '/api/disco/ping'))).status === 200
    const scan = async (t: Tablet, time: (ms: number) => void) =>
      (await timed(time, () => call(t, 'POST', '/api/disco/scan', { session_id: t.session, code: t.batch.label })))
        .status === 200
    const flow = async (t: Tablet, time: (ms: number) => void) => {
      if (t.stage >= STAGES.length) {
        t.batch = await newBatch(db, 0)
        t.stage = 0
      }
      const stage = STAGES[t.stage]
      const body = { session_id: t.session }
      const s = await timed(time, () => call(t, 'POST', '/api/disco/scan', { ...body, code: t.batch.label }))
      const a = await timed(time, () =>
        call(t, 'POST', '/api/disco/actions', {
          ...body,
          item_id: t.batch.id,
          action_key: 'bench-note',
          data: { notes: `done at ${stage}` },
        }),
      )
      const v = await timed(time, () =>
        call(t, 'POST', `/api/disco/items/${t.batch.id}/advance`, { ...body, expected_stage: stage }),
      )
      t.stage++
      return s.status === 200 && a.status === 200 && v.status === 200
    }
    // warm-up: JIT, connection pools, PostgREST's schema cache, auth-js's JWKS cache
    for (const t of tablets) await ping(t, () => {})
    for (const t of tablets.slice(0, 2)) await scan(t, () => {})

    const rows: Array<[string, Stats]> = []
    for (const [label, each] of [
      ['ping', ping],
      ['scan', scan],
      ['scan→action→advance', flow],
    ] as const) {
      for (const n of [1, CLIENTS]) {
        pgPids.splice(0, pgPids.length, ...(await backends()))
        rows.push([`${label} ×${n}`, await phase(tablets.slice(0, n), groups, each)])
      }
    }
    const widths = [-24, 8, 8, 8, 8, 5, 12, 7, 9, 13]
    console.log(
      formatRow(
        ['case', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'fail', 'next-server', 'stack', 'postgres', 'next CPU/req'],
        widths,
      ),
    )
    for (const [label, s] of rows) {
      console.log(
        formatRow(
          [
            label,
            s.requests,
            s.perSecond.toFixed(0),
            s.p50.toFixed(1),
            s.p99.toFixed(1),
            s.failures,
            `${s.cpu['next-server'].toFixed(0)}%`,
            `${s.cpu.stack.toFixed(0)}%`,
            `${s.cpu.postgres.toFixed(0)}%`,
            `${((s.cpu['next-server'] * 10) / s.perSecond).toFixed(1)} ms`,
          ],
          widths,
        ),
      )
      if (s.failures > 0) process.exitCode = 1
    }
    const by = Object.fromEntries(rows)
    for (const n of [1, CLIENTS]) {
      const trivial = by[`ping ×${n}`]
      for (const other of ['scan', 'scan→action→advance']) {
        const s = by[`${other} ×${n}`]
        console.log(
          `${other} ÷ ping at ${n}: req/s ${(s.perSecond / trivial.perSecond).toFixed(2)}×, p50 ${(s.p50 / trivial.p50).toFixed(2)}×, p99 ${(s.p99 / trivial.p99).toFixed(2)}×`,
        )
      }
    }
    console.log(
      'CPU = % of one core over the case (2 cores = 200%); next CPU/req = next-server CPU time per request, the figure least moved by other load on the machine; the load generator is this process',
    )
  } finally {
    stopping = true
    stop(app)
    stop(stack)
    await db.end().catch(() => {})
    await new Promise((r) => setTimeout(r, 500))
    await adminDb.query(`drop database if exists ${dbName} with (force)`).catch(() => {})
    await adminDb.end()
    await rm(tmp, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(`bench:http failed: ${e instanceof Error ? e.stack : e}`)
  stopping = true
  process.exit(1)
})
