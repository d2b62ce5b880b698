import pg from 'pg'
import { openPglite } from '../../supabase/local/db/pglite'
import { openPostgres } from '../../supabase/local/db/postgres'
import type { Db } from '../../supabase/local/db/types'

export interface BenchDatabase {
  db: Db
  /** 'pglite' or 'postgres': printed beside the figures, which differ by an order of magnitude. */
  name: string
  cleanup(): Promise<void>
}

/**
 * The database a bench runs on: embedded PGlite, or a fresh database of its own in the cluster at
 * TEST_PG_URL (dropped afterwards), so benches never share state with each other or with a dev stack.
 */
export async function openBenchDatabase(label: string): Promise<BenchDatabase> {
  const base = process.env.TEST_PG_URL
  if (!base) return { db: await openPglite(), name: 'pglite', cleanup: async () => {} }
  const name = `bench_${label}_${process.pid}`
  const admin = new pg.Client({ connectionString: base })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(base)
  url.pathname = `/${name}`
  return {
    db: await openPostgres(url.toString()),
    name: 'postgres',
    async cleanup() {
      const a = new pg.Client({ connectionString: base })
      await a.connect()
      await a.query(`drop database if exists ${name} with (force)`)
      await a.end()
    },
  }
}
