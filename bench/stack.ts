/**
 * npm run bench:stack — what the local stack costs over the database it fronts.
 * For each database (PGlite in memory; Postgres too when TEST_PG_URL names a cluster), starts the
 * stack on loopback, fills a table with BENCH_ROWS rows (default 10 000), and measures, one
 * request at a time, (1) a filtered select through /rest/v1 with supabase-js and (2) an RPC,
 * each beside the same SQL run directly on the same Db: requests/s, p50/p99 and the ratio.
 * Env: BENCH_ROWS, BENCH_ITERATIONS (default 1000), BENCH_MAX_SECONDS (per case, default 10).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { createClient } from '@supabase/supabase-js'
import pg from 'pg'
import WebSocket from 'ws'
import { configFromEnv, type StackConfig } from '../supabase/local/config'
import { openPglite } from '../supabase/local/db/pglite'
import { openPostgres } from '../supabase/local/db/postgres'
import type { Db } from '../supabase/local/db/types'
import { startStack } from '../supabase/local/server'
import { formatRow, type Measurement, measure } from './lib/measure'

const ROWS = Number(process.env.BENCH_ROWS ?? 10_000)
const OPTS = {
  iterations: Number(process.env.BENCH_ITERATIONS ?? 1000),
  maxSeconds: Number(process.env.BENCH_MAX_SECONDS ?? 10),
}
const CATEGORY = 7
const MAX_PRICE = 50

const SELECT_SQL = `select coalesce(json_agg(t), '[]')::text as body from (
  select id, name, price from public.bench_items where category = $1 and price < $2 order by id limit 20) t`
const RPC_SQL = 'select public.bench_category_total($1)::text as total'

interface Target {
  name: string
  open(): Promise<{ db: Db; cleanup(): Promise<void> }>
}

const targets: Target[] = [{ name: 'pglite', open: async () => ({ db: await openPglite(), cleanup: async () => {} }) }]
const pgUrl = process.env.TEST_PG_URL
if (pgUrl) targets.push({ name: 'postgres', open: () => scratchDatabase(pgUrl) })

/** A database of its own in the cluster, dropped afterwards. */
async function scratchDatabase(base: string) {
  const name = `bench_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  const db = await openPostgres(url.toString())
  return {
    db,
    async cleanup() {
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}

async function benchOne(target: Target, seedFile: string) {
  const { db, cleanup } = await target.open()
  const cfg: StackConfig = {
    ...configFromEnv(path.resolve(import.meta.dirname, '..'), {}),
    host: '127.0.0.1',
    port: 0,
    dataDir: undefined,
    databaseUrl: undefined,
    migrationsDir: path.join(import.meta.dirname, 'fixtures', 'migrations'),
    seedFile,
    storageDir: undefined,
  }
  const stack = await startStack(cfg, { db, log: () => {} })
  const supabase = createClient(stack.url, cfg.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
  })
  try {
    // the stack and the direct query must agree, or the comparison means nothing
    const viaStack = await supabase
      .from('bench_items')
      .select('id,name,price')
      .eq('category', CATEGORY)
      .lt('price', MAX_PRICE)
      .order('id')
      .limit(20)
    if (viaStack.error) throw new Error(`select through the stack failed: ${viaStack.error.message}`)
    const direct = await db.query<{ body: string }>(SELECT_SQL, [CATEGORY, MAX_PRICE])
    const directRows = JSON.parse(direct.rows[0].body) as unknown[]
    if (viaStack.data.length !== directRows.length || viaStack.data.length === 0) {
      throw new Error(`stack returned ${viaStack.data.length} rows, direct SQL ${directRows.length}`)
    }
    const rpc = await supabase.rpc('bench_category_total', { p_category: CATEGORY })
    if (rpc.error) throw new Error(`rpc through the stack failed: ${rpc.error.message}`)

    const results: Array<[string, Measurement, Measurement]> = []
    results.push([
      'filtered select',
      await measure(async () => {
        const r = await supabase
          .from('bench_items')
          .select('id,name,price')
          .eq('category', CATEGORY)
          .lt('price', MAX_PRICE)
          .order('id')
          .limit(20)
        if (r.error) throw new Error(r.error.message)
      }, OPTS),
      await measure(() => db.query(SELECT_SQL, [CATEGORY, MAX_PRICE]), OPTS),
    ])
    results.push([
      'rpc',
      await measure(async () => {
        const r = await supabase.rpc('bench_category_total', { p_category: CATEGORY })
        if (r.error) throw new Error(r.error.message)
      }, OPTS),
      await measure(() => db.query(RPC_SQL, [CATEGORY]), OPTS),
    ])
    return results
  } finally {
    await supabase.removeAllChannels()
    await stack.close()
    await db.close()
    await cleanup()
  }
}

async function main() {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'floorline-bench-'))
  const seedFile = path.join(tmp, 'seed.sql')
  await writeFile(
    seedFile,
    `insert into public.bench_items (id, category, name, price)
     select i, i % 50, 'item ' || i, ((i * 7919) % 10000) / 100.0 from generate_series(1, ${ROWS}) as i;
     analyze public.bench_items;`,
  )
  const widths = [-8, -15, 11, 7, 7, 10, 7, 7, 6]
  console.log(`bench:stack — ${ROWS} rows, up to ${OPTS.iterations} sequential requests per case (loopback)`)
  console.log(
    formatRow(['db', 'case', 'stack req/s', 'p50 ms', 'p99 ms', 'direct q/s', 'p50 ms', 'p99 ms', 'ratio'], widths),
  )
  try {
    for (const target of targets) {
      for (const [name, stack, direct] of await benchOne(target, seedFile)) {
        console.log(
          formatRow(
            [
              target.name,
              name,
              stack.perSecond.toFixed(0),
              stack.p50.toFixed(2),
              stack.p99.toFixed(2),
              direct.perSecond.toFixed(0),
              direct.p50.toFixed(2),
              direct.p99.toFixed(2),
              `${(stack.perSecond / direct.perSecond).toFixed(2)}×`,
            ],
            widths,
          ),
        )
      }
    }
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
  console.log('ratio = stack requests/s ÷ direct queries/s on the same database in the same run')
  if (!process.env.TEST_PG_URL) console.log('(set TEST_PG_URL=postgres://… to include Postgres)')
}

main().catch((e) => {
  console.error(`bench:stack failed: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
