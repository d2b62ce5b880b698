import { createServer, type Server } from 'node:http'
import { createAuth } from './auth'
import { DEMO_SIGNING_KEY, reachableHost, type StackConfig } from './config'
import { openPglite } from './db/pglite'
import { openPostgres } from './db/postgres'
import type { Db } from './db/types'
import { describeFailure, probeDatabase } from './health'
import { CORS_HEADERS, HttpError, send } from './http'
import { registerSigningKeys } from './jwt'
import { bootstrap, dropAll, migrate, seed } from './migrate'
import { createRealtime } from './realtime'
import { createRest } from './rest'
import { Scheduler } from './scheduler'
import { cronRoutes } from './scheduler/routes'
import { createSmsGateway, type SmsGateway } from './sms-gateway'
import type { ApiModule, StackContext } from './stack'
import { createStorage } from './storage'

export interface RunningStack {
  url: string
  port: number
  db: Db
  server: Server
  /** The fake SMS gateway on the same listener (sms-gateway/index.ts). */
  smsGateway: SmsGateway
  /** pg_cron / pg_net emulation's runner (scheduler/index.ts). */
  scheduler: Scheduler
  close(): Promise<void>
}

export interface StartOptions {
  /** Drop everything first (PGlite: a fresh data dir; Postgres: drop all schemas). */
  reset?: boolean
  /** Do not listen; just prepare the database (db:reset). */
  prepareOnly?: boolean
  log?: (msg: string) => void
  /** An already open database (tests pass an in-memory PGlite). */
  db?: Db
}

export async function openDb(cfg: StackConfig, reset = false): Promise<Db> {
  if (cfg.databaseUrl) {
    const db = await openPostgres(cfg.databaseUrl)
    if (reset) await dropAll(db)
    return db
  }
  if (cfg.dataDir && reset) {
    const { rm } = await import('node:fs/promises')
    await rm(cfg.dataDir, { recursive: true, force: true })
    // the embedded database owns its storage folder: object bytes of a dropped database go with it
    if (cfg.storageDir) await rm(cfg.storageDir, { recursive: true, force: true })
  }
  if (cfg.dataDir) {
    const { mkdir } = await import('node:fs/promises')
    await mkdir(cfg.dataDir, { recursive: true })
  }
  return openPglite(cfg.dataDir)
}

/** Bootstrap, migrate, and seed when the database had no migrations applied before. */
export async function prepareDb(db: Db, cfg: StackConfig, log: (m: string) => void): Promise<void> {
  await bootstrap(db)
  const fresh =
    (await db.query<{ n: string }>('select count(*)::text as n from supabase_migrations.schema_migrations')).rows[0]
      .n === '0'
  await migrate(db, cfg.migrationsDir, log)
  if (fresh) await seed(db, cfg.seedFile, log)
}

export async function startStack(cfg: StackConfig, opts: StartOptions = {}): Promise<RunningStack> {
  const log = opts.log ?? ((m: string) => console.log(`[stack] ${m}`))
  const db = opts.db ?? (await openDb(cfg, opts.reset))
  await prepareDb(db, cfg, log)

  // user access tokens are signed ES256 and published as JWKS, as hosted Auth does (jwt.ts)
  await registerSigningKeys(cfg.jwtSecret, cfg.signingKeys ?? [DEMO_SIGNING_KEY])
  const ctx: StackContext = { cfg, db, log }
  const smsGateway = createSmsGateway(ctx)
  const scheduler = new Scheduler(db, { minuteMs: cfg.cronMinuteMs, netPollMs: cfg.netPollMs, log })
  const modules: ApiModule[] = [
    createAuth(ctx),
    createRest(ctx),
    createRealtime(ctx),
    createStorage(ctx),
    // Semaphore /api/v4, Twilio /2010-04-01, Movider /v1 and the gateway's own /sms/v1
    ...smsGateway.modules,
    cronRoutes(ctx, scheduler),
  ]
  for (const m of modules) await m.start?.()

  // a database that cannot serve (see health.ts) stops the stack here, loudly, not request by request
  const health = await probeDatabase(db)
  if (!health.ok) {
    const why = describeFailure(health)
    log(`the database cannot serve requests: ${why}`)
    for (const m of modules) await m.close?.()
    if (!opts.db) await db.close()
    throw new Error(`database health check failed: ${why}`)
  }
  if (health.checks.some((c) => !c.ok)) log(`warning: ${describeFailure(health)}`)
  // hosted Supabase's pg_cron and pg_net, emulated when the database has neither (bootstrap.sql)
  await scheduler.start()

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', cfg.apiUrl)
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS)
      res.end()
      return
    }
    const mod = modules.find((m) => url.pathname === m.prefix || url.pathname.startsWith(`${m.prefix}/`))
    try {
      if (url.pathname === '/health') {
        // the database is probed on every call: 503 (and a log line) as soon as it cannot serve
        const h = await probeDatabase(db)
        if (h.checks.some((c) => !c.ok)) log(`health check failed: ${describeFailure(h)}`)
        return send(res, h.ok ? 200 : 503, { ...h })
      }
      if (!mod) {
        throw new HttpError(501, {
          message: `${url.pathname} is outside what the Floorline local stack implements (auth/v1, rest/v1, realtime/v1, storage/v1, and the fake SMS gateway: sms/v1)`,
        })
      }
      await mod.handle(req, res, url)
    } catch (e) {
      // the client went away mid-body (a tab closed, a fetch aborted): no one is left to answer or to
      // tell, so it is not logged as an error of the stack. Not req.destroyed: a request whose body was
      // read to the end is auto-destroyed too, and it still needs its answer (a 422 for a bad body).
      if (res.destroyed) return
      if (e instanceof HttpError) return send(res, e.status, e.body, e.headers)
      log(`unhandled error on ${req.method} ${url.pathname}: ${(e as Error).stack ?? e}`)
      send(res, 500, { message: 'Internal error in the local stack (see its log)' })
    }
  })
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', cfg.apiUrl)
    const mod = modules.find((m) => m.upgrade && url.pathname.startsWith(`${m.prefix}/`))
    if (!mod?.upgrade) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n')
      return
    }
    mod.upgrade(req, socket, head)
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(cfg.port, cfg.host, () => resolve())
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : cfg.port
  const url = `http://${reachableHost(cfg.host)}:${port}`
  // with port 0 (tests) the real address is only known now; modules read cfg.apiUrl lazily
  cfg.apiUrl = url
  cfg.port = port
  return {
    url,
    port,
    db,
    server,
    smsGateway,
    scheduler,
    async close() {
      await scheduler.close()
      for (const m of modules) await m.close?.()
      server.closeAllConnections()
      await new Promise<void>((r) => server.close(() => r()))
      if (!opts.db) await db.close()
    },
  }
}
