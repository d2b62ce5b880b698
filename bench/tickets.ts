/**
 * npm run bench (bench/tickets.ts) — the state-machine engine with tickets at scale (issue 11, spec 05),
 * on one database: Postgres when TEST_PG_URL names a cluster (a scratch database there), else PGlite.
 *
 *  1. the transition check: transition_ticket (row lock, app.fsm_require on the type's fsm_schema,
 *     the ticket trigger's app.fsm_guard and custom-data check, the history row) with 1 000 tickets
 *     in the table, then with 100 000 — the ratio should be flat (≈ 1×): nothing in the check grows
 *     with the number of tickets;
 *  2. spec 05's queue monitoring query (one queue, one state, newest first) over a queue of 1 000
 *     tickets, alone in the table and then among 100 000 in 100 queues — spec 05 asks < 100 ms; the
 *     (queue_id, current_state, created_at desc) index keeps the ratio flat too.
 *
 * The bulk tickets are written with triggers off (session_replication_role = replica): consistent by
 * construction (the init state, version 1); the measured transitions run with every trigger on.
 * Env: BENCH_TICKETS (100 000), BENCH_ITERATIONS (300), BENCH_MAX_SECONDS (20).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { openBenchDatabase } from './lib/database'
import { formatRow, type Measurement, measure } from './lib/measure'
import { benchStackConfig } from './lib/stack'

const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000)
const PER_QUEUE = 1_000
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 300)
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 20)

const _ROOT = path.resolve(import.meta.dirname, '..')
const AURORA = '20000000-0000-4000-8000-000000000001'
const TYPE_ID = '7e000000-0000-4000-8000-000000000001'
const queueId = (q: number) => `7e100000-0000-4000-8000-${String(q).padStart(12, '0')}`

// A ticket type that cycles (open ⇄ working), so every measured call is a real transition.
const CYCLE = {
  init: 'open',
  states: ['open', 'working'],
  terminal: [],
  transitions: [
    { name: 'start', from: 'open', to: 'working' },
    { name: 'pause', from: 'working', to: 'open' },
  ],
}
const CUSTOM_FIELDS = {
  type: 'object',
  properties: { serial: { type: 'string', maxLength: 40 }, rush: { type: 'boolean' } },
  required: ['serial'],
}

/** Tickets first..last (1-based), PER_QUEUE per queue, in the cycle type's init state. */
async function loadTickets(db: Db, first: number, last: number): Promise<void> {
  await db.exec(`
    set session_replication_role = replica;
    insert into public.tickets (id, org_id, ticket_number, queue_id, type_definition_id, type_version, current_state,
                                custom_data, created_at, updated_at)
    select md5('bench-ticket-' || i)::uuid, '${AURORA}', i,
           ('7e100000-0000-4000-8000-' || lpad(((i - 1) / ${PER_QUEUE})::text, 12, '0'))::uuid,
           '${TYPE_ID}', 1, case when i % 2 = 0 then 'working' else 'open' end,
           jsonb_build_object('serial', 'SN-' || i, 'rush', i % 7 = 0), now() - make_interval(secs => i), now()
    from generate_series(${first}, ${last}) i;
    set session_replication_role = origin;
    analyze public.tickets;
  `)
}

const MONITOR = `select t.id, t.ticket_number, t.current_state, t.created_at, t.estimated_wait_minutes
  from public.tickets t
  where t.queue_id = $1 and t.current_state = $2
  order by t.created_at desc`

// transitions on tickets of queue 0 in turn (each ticket alternates open ⇄ working), across both runs
const state = new Map<number, string>()
let k = 0

async function measureBoth(db: Db, tickets: number): Promise<{ transition: Measurement; monitor: Measurement }> {
  const transition = await measure(
    async () => {
      const i = 1 + (k++ % Math.min(tickets, PER_QUEUE))
      const now = state.get(i) ?? (i % 2 === 0 ? 'working' : 'open')
      await db.query(`select public.transition_ticket(md5('bench-ticket-' || $1)::uuid, $2, null, $3)`, [
        i,
        now === 'open' ? 'start' : 'pause',
        now,
      ])
      state.set(i, now === 'open' ? 'working' : 'open')
    },
    { warmup: 20, iterations: ITERATIONS, maxSeconds: MAX_SECONDS },
  )
  const monitor = await measure(() => db.query(MONITOR, [queueId(0), 'open']), {
    warmup: 10,
    iterations: ITERATIONS,
    maxSeconds: MAX_SECONDS,
  })
  return { transition, monitor }
}

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'floorline-bench-tickets-'))
  const { db, name, cleanup } = await openBenchDatabase('tickets')
  const cfg = benchStackConfig()
  const stack = await startStack(cfg, { db, log: () => {} })
  try {
    const queues = Math.ceil(TICKETS / PER_QUEUE)
    await db.query(
      `insert into public.floor_queues (id, org_id, name)
       select ('7e100000-0000-4000-8000-' || lpad(q::text, 12, '0'))::uuid, $1, 'Bench counter ' || q
       from generate_series(0, $2 - 1) q`,
      [AURORA, queues],
    )
    await db.query(
      `insert into public.type_definitions (id, org_id, subject, type_code, type_name, fsm_schema, custom_fields_schema)
       values ($1, $2, 'ticket', 'bench-cycle', 'Bench cycle', $3, $4)`,
      [TYPE_ID, AURORA, JSON.stringify(CYCLE), JSON.stringify(CUSTOM_FIELDS)],
    )

    await loadTickets(db, 1, PER_QUEUE)
    const small = await measureBoth(db, PER_QUEUE)
    const loadStart = performance.now()
    await loadTickets(db, PER_QUEUE + 1, TICKETS)
    const loaded = (performance.now() - loadStart) / 1000
    const large = await measureBoth(db, TICKETS)
    const [{ n }] = (await db.query<{ n: string }>('select count(*)::text as n from public.tickets')).rows
    const { rows: shown } = await db.query(MONITOR, [queueId(0), 'open'])

    console.log(
      `bench:tickets — ${name}, ${n} tickets in ${queues} queues (the 99 000 loaded in ${loaded.toFixed(1)} s)`,
    )
    const widths = [-46, 7, 9, 9, 9]
    console.log(`\n${formatRow(['', 'calls', 'calls/s', 'p50 ms', 'p99 ms'], widths)}`)
    for (const [label, m] of [
      [`transition_ticket, ${PER_QUEUE} tickets in the table`, small.transition],
      [`transition_ticket, ${n} tickets in the table`, large.transition],
      [`queue monitor (${shown.length} rows), queue alone`, small.monitor],
      [`queue monitor (${shown.length} rows), among ${n}`, large.monitor],
    ] as const) {
      console.log(formatRow([label, m.ops, m.perSecond.toFixed(0), m.p50.toFixed(2), m.p99.toFixed(2)], widths))
    }
    console.log(
      `ratio: the transition check at ${n} vs ${PER_QUEUE} tickets is ${(large.transition.p50 / small.transition.p50).toFixed(2)}× at p50` +
        ` (flat = 1×); the queue monitor among ${n} vs alone ${(large.monitor.p50 / small.monitor.p50).toFixed(2)}× at p50` +
        ` (p99 ${large.monitor.p99.toFixed(1)} ms; spec 05 asks < 100 ms)`,
    )
  } finally {
    await stack.close()
    await db.close()
    await cleanup()
    await rm(tmp, { recursive: true, force: true })
  }
}

main().catch((e) => {
  console.error(`bench:tickets failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
