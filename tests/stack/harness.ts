/**
 * Starts the local stack for a contract test file, on the database named by STACK_TEST_DB:
 *   pglite   (default) a fresh in-memory PGlite
 *   postgres a fresh database created in the cluster at TEST_PG_URL
 * Migrations come from tests/stack/fixtures/migrations (a schema made to exercise the API, not the
 * app's), so the contract suite tests the stack and nothing else.
 */
import path from 'node:path'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import pg from 'pg'
import WebSocket from 'ws'
import { configFromEnv, type StackConfig } from '../../supabase/local/config'
import { openPglite } from '../../supabase/local/db/pglite'
import { openPostgres } from '../../supabase/local/db/postgres'
import type { Db } from '../../supabase/local/db/types'
import { type RunningStack, startStack } from '../../supabase/local/server'

export const FIXTURES = path.join(import.meta.dirname, 'fixtures')

export interface TestStack {
  url: string
  cfg: StackConfig
  db: Db
  stack: RunningStack
  /** A supabase-js client with the anon key (optionally signed in later). */
  anon(): SupabaseClient
  /** A supabase-js client with the service role key. */
  service(): SupabaseClient
  /** Creates a confirmed user through the admin API and returns a client signed in as them. */
  signedIn(
    email: string,
    password?: string,
    appMetadata?: Record<string, unknown>,
  ): Promise<{ client: SupabaseClient; userId: string }>
  /** Runs SQL as the superuser, outside RLS (fixtures, assertions). */
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>
  close(): Promise<void>
}

export const dbKind = (process.env.STACK_TEST_DB ?? 'pglite') as 'pglite' | 'postgres'

export async function startTestStack(
  opts: { migrationsDir?: string; seedFile?: string; cfg?: Partial<StackConfig> } = {},
): Promise<TestStack> {
  const cfg: StackConfig = {
    ...configFromEnv(path.join(import.meta.dirname, '..', '..'), {}),
    port: 0,
    dataDir: undefined,
    databaseUrl: undefined,
    migrationsDir: opts.migrationsDir ?? path.join(FIXTURES, 'migrations'),
    seedFile: opts.seedFile,
    storageDir: undefined,
    ...opts.cfg,
  }
  let db: Db
  let dropDb: (() => Promise<void>) | undefined
  if (dbKind === 'postgres') {
    const base = process.env.TEST_PG_URL
    if (!base) throw new Error('STACK_TEST_DB=postgres needs TEST_PG_URL (scripts/pg-cluster.sh start prints one)')
    const name = `stack_${process.pid}_${Math.random().toString(36).slice(2, 8)}`
    const admin = new pg.Client({ connectionString: base })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const u = new URL(base)
    u.pathname = `/${name}`
    cfg.databaseUrl = u.toString()
    db = await openPostgres(cfg.databaseUrl)
    dropDb = async () => {
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    }
  } else {
    db = await openPglite()
  }
  const stack = await startStack(cfg, { db, log: () => {} })
  const clients: SupabaseClient[] = []
  const make = (key: string) => {
    const c = createClient(stack.url, key, {
      auth: { persistSession: false, autoRefreshToken: false },
      realtime: { transport: WebSocket as never },
    })
    clients.push(c)
    return c
  }
  return {
    url: stack.url,
    cfg,
    db,
    stack,
    anon: () => make(cfg.anonKey),
    service: () => make(cfg.serviceRoleKey),
    async signedIn(email, password = 'correct-horse-battery', appMetadata) {
      const admin = make(cfg.serviceRoleKey)
      const { data, error } = await admin.auth.admin.createUser({
        email,
        password,
        email_confirm: true,
        app_metadata: appMetadata,
      })
      if (error) throw error
      const client = make(cfg.anonKey)
      const { error: e2 } = await client.auth.signInWithPassword({ email, password })
      if (e2) throw e2
      return { client, userId: data.user.id }
    },
    async sql(text, params) {
      return (await db.query(text, params)).rows as never
    },
    async close() {
      for (const c of clients) await c.removeAllChannels().catch(() => undefined)
      await stack.close()
      await db.close()
      await dropDb?.()
    },
  }
}
