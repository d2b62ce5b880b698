/** Minimal database surface the local stack needs, implemented over PGlite and node-postgres. */
export interface QueryResult<T = Record<string, unknown>> {
  rows: T[]
  /** Rows affected by INSERT/UPDATE/DELETE, when the driver reports it. */
  affectedRows: number
}

export interface Tx {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<T>>
  /** Runs several statements without parameters (migrations, bootstrap). */
  exec(sql: string): Promise<void>
}

export interface Db extends Tx {
  readonly kind: 'pglite' | 'postgres'
  /** One transaction on one connection: BEGIN, fn, COMMIT (ROLLBACK when fn throws). */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** Called after every committed transaction that went through this adapter (realtime polls then). */
  onCommit(listener: () => void): () => void
  close(): Promise<void>
}

/** The fields of a Postgres error that PostgREST and GoTrue pass to clients. */
export interface PgError extends Error {
  code: string
  detail?: string
  hint?: string
}

export function isPgError(e: unknown): e is PgError {
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string'
}
