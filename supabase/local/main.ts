/**
 * The Floorline local Supabase stack (dev/test only): `npm run stack`.
 *   --reset       rebuild the database from migrations + seed, then serve
 *   --reset-only  rebuild and exit (npm run db:reset)
 * Env: DATABASE_URL (use a real Postgres instead of embedded PGlite), SUPABASE_API_PORT,
 * SUPABASE_JWT_SECRET, FLOORLINE_DATA_DIR, FLOORLINE_CRON_MINUTE_MS / FLOORLINE_NET_POLL_MS (the
 * pg_cron / pg_net emulation, scheduler/), SMS_GATEWAY_CALLBACK_DELAY_MS (the fake SMS gateway).
 * GET /health probes the database (health.ts): 200 {ok: true, checks}, else 503 and a log line. The
 * same probe runs before listening: a database that cannot serve exits the process with status 1.
 */
import { configFromEnv } from './config'
import { applyConfigToml } from './config-toml'
import { openDb, prepareDb, startStack } from './server'

const args = new Set(process.argv.slice(2))
// supabase/config.toml's [auth] settings apply here too, so the app behaves alike on both stacks
const cfg = applyConfigToml(configFromEnv(), process.cwd())
const log = (m: string) => console.log(`[stack] ${m}`)

async function main() {
  if (args.has('--reset-only')) {
    const db = await openDb(cfg, true)
    await prepareDb(db, cfg, log)
    await db.close()
    log(`database rebuilt (${cfg.databaseUrl ? 'DATABASE_URL' : cfg.dataDir})`)
    return
  }
  const started = Date.now()
  const stack = await startStack(cfg, { reset: args.has('--reset'), log })
  console.log(`
  Floorline local Supabase stack — ${cfg.databaseUrl ? 'Postgres (DATABASE_URL)' : `embedded PGlite at ${cfg.dataDir}`}
  API URL:          ${stack.url}
  anon key:         ${cfg.anonKey}
  service_role key: ${cfg.serviceRoleKey}
  JWT secret:       ${cfg.jwtSecret}
  SMS outbox:       ${stack.url}/sms/v1/outbox   (fake Semaphore/Twilio/Movider at this URL)
  pg_cron/pg_net:   ${stack.scheduler.cronEmulated ? `emulated, run by this process (minute = ${stack.scheduler.minuteMs} ms)` : "the database's own"}
  ready in ${Date.now() - started} ms
`)
  const stop = async () => {
    await stack.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((e) => {
  console.error(`[stack] failed to start: ${e instanceof Error ? e.message : e}`)
  process.exit(1)
})
