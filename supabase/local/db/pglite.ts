import { PGlite } from '@electric-sql/pglite'
import { citext } from '@electric-sql/pglite/contrib/citext'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto'
import { uuid_ossp } from '@electric-sql/pglite/contrib/uuid_ossp'
import { CommitListeners } from './commit-listeners'
import type { Db, QueryResult, Tx } from './types'

/**
 * PGlite is a single Postgres session. Every request gets the whole session for the length of its
 * transaction: work is queued here, so two requests never interleave statements, and settings made
 * with set_config(..., true) cannot leak from one request into the next.
 */
export async function openPglite(dataDir?: string): Promise<Db> {
  const pg = await PGlite.create({
    dataDir,
    extensions: { pgcrypto, uuid_ossp, pg_trgm, citext },
  })
  // Hand back every built-in type as the text Postgres prints, exactly as db/postgres.ts does, so
  // code above this layer behaves the same on both databases (user types are text already).
  const builtin = await pg.query<{ oid: number }>('select oid::int as oid from pg_type where oid < 10000')
  const parsers = Object.fromEntries(builtin.rows.map((r) => [r.oid, (v: string) => v]))
  let queue: Promise<unknown> = Promise.resolve()
  const commits = new CommitListeners()

  function serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = queue.then(fn, fn)
    queue = run.catch(() => undefined)
    return run
  }

  const raw: Tx = {
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const r = await pg.query<T>(sql, params as unknown[] | undefined, { parsers })
      return { rows: r.rows, affectedRows: r.affectedRows ?? 0 }
    },
    async exec(sql: string) {
      await pg.exec(sql)
    },
  }

  return {
    kind: 'pglite',
    query: (sql, params) =>
      serial(async () => {
        const r = await raw.query(sql, params)
        commits.fire()
        return r
      }) as never,
    exec: (sql) => serial(() => raw.exec(sql)),
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      serial(async () => {
        await pg.exec('begin')
        try {
          const out = await fn(raw)
          await pg.exec('commit')
          commits.fire()
          return out
        } catch (e) {
          await pg.exec('rollback').catch(() => undefined)
          throw e
        }
      }),
    onCommit: (l) => commits.add(l),
    close: () => serial(() => pg.close()),
  }
}
