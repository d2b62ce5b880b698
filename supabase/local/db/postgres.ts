import pg from 'pg'
import { CommitListeners } from './commit-listeners'
import type { Db, QueryResult, Tx } from './types'

// Return every value as Postgres prints it: the API layers build JSON in SQL and never rely on
// driver-side parsing, so PGlite and Postgres answer byte-for-byte alike.
const asText = (v: string) => v
const types = { getTypeParser: () => asText } as unknown as pg.CustomTypesConfig

export async function openPostgres(connectionString: string, max = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max, types })
  // A connection the server ends (database dropped at the end of a test, Postgres restarting) emits
  // 'error' on an idle client; unhandled, that event takes the whole stack process down. The pool
  // drops such a client and the next query opens a new connection or fails with its own error.
  pool.on('error', () => {})
  // fail early with a clear message when the URL is wrong
  await pool.query('select 1')
  const commits = new CommitListeners()

  const wrap = (c: pg.Pool | pg.PoolClient): Tx => ({
    async query<T>(sql: string, params?: unknown[]): Promise<QueryResult<T>> {
      const r = await c.query(sql, params as unknown[] | undefined)
      return { rows: r.rows as T[], affectedRows: r.rowCount ?? 0 }
    },
    async exec(sql: string) {
      await c.query(sql)
    },
  })
  const direct = wrap(pool)

  return {
    kind: 'postgres',
    query: async (sql, params) => {
      const r = await direct.query(sql, params)
      commits.fire()
      return r as never
    },
    exec: direct.exec,
    async transaction(fn) {
      const client = await pool.connect()
      // the same for a connection ended while checked out: the query in flight rejects with the cause
      // (and released as broken, so the pool destroys it instead of handing it out again)
      let broken: Error | undefined
      const ignore = (e: Error) => {
        broken = e
      }
      client.on('error', ignore)
      try {
        await client.query('begin')
        const out = await fn(wrap(client))
        await client.query('commit')
        commits.fire()
        return out
      } catch (e) {
        await client.query('rollback').catch(() => undefined)
        throw e
      } finally {
        client.off('error', ignore)
        client.release(broken)
      }
    },
    onCommit: (l) => commits.add(l),
    close: () => pool.end(),
  }
}
