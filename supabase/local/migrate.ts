import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db } from './db/types'

const here = path.dirname(fileURLToPath(import.meta.url))

export async function bootstrap(db: Db): Promise<void> {
  await db.exec(await readFile(path.join(here, 'bootstrap.sql'), 'utf8'))
}

export interface MigrationFile {
  version: string
  name: string
  file: string
}

/** `<version>_<name>.sql`, sorted by version, as the Supabase CLI reads supabase/migrations. */
export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  return names
    .map((f) => /^(\d+)_(.+)\.sql$/.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: m[1], name: m[2], file: path.join(dir, m[0]) }))
    .sort((a, b) => a.version.localeCompare(b.version))
}

/**
 * Applies pending migrations, each in its own transaction, and records them in
 * supabase_migrations.schema_migrations exactly where `supabase migration list` looks.
 * Returns the versions applied.
 */
export async function migrate(db: Db, dir: string, log: (m: string) => void = () => {}): Promise<string[]> {
  const done = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map(
      (r) => r.version,
    ),
  )
  const applied: string[] = []
  for (const m of await listMigrations(dir)) {
    if (done.has(m.version)) continue
    const sql = await readFile(m.file, 'utf8')
    try {
      await db.transaction(async (tx) => {
        await tx.exec(sql)
        await tx.query(
          'insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)',
          [m.version, m.name, [sql]],
        )
      })
    } catch (e) {
      const err = e as Error & { position?: string }
      throw new Error(`migration ${path.basename(m.file)} failed: ${err.message}`)
    }
    log(`applied migration ${m.version}_${m.name}`)
    applied.push(m.version)
  }
  return applied
}

export async function seed(db: Db, file: string | undefined, log: (m: string) => void = () => {}): Promise<void> {
  if (!file) return
  let sql: string
  try {
    sql = await readFile(file, 'utf8')
  } catch {
    return
  }
  await db.transaction((tx) => tx.exec(sql))
  log(`seeded from ${path.basename(file)}`)
}

/** Drops everything the app, the bootstrap and the migrations created (DATABASE_URL reset). */
export async function dropAll(db: Db): Promise<void> {
  await db.exec(`
    do $$ declare s text; begin
      for s in select nspname from pg_namespace
               where nspname not like 'pg\\_%' and nspname <> 'information_schema' loop
        execute format('drop schema %I cascade', s);
      end loop;
      drop publication if exists supabase_realtime;
    end $$;
    create schema public;
  `)
}
