/**
 * Runs one generated statement for a request: one transaction as the JWT role (withAuth), with
 * PostgREST's search_path, read-only when PostgREST would be, and `Prefer: tx=rollback` honoured.
 */
import type { IncomingMessage } from 'node:http'
import { type RequestAuth, withAuth } from '../context'
import type { Db } from '../db/types'
import { RestError } from './errors'
import type { Preferences } from './request'

export interface StatementRow {
  total: string | null
  page_total: string
  body: string | null
  inserted?: string | null
  location?: string | null
  /** the planner's row estimate of the count query (ExecOptions.explain) */
  planned?: number
}

export interface ExecOptions {
  db: Db
  auth: RequestAuth
  req: IncomingMessage
  schema: string
  prefs: Preferences
  readOnly: boolean
  /** checks that must roll the transaction back when they fail (singular object, max-affected) */
  check?: (row: StatementRow) => void
  /**
   * `Prefer: count=planned|estimated`: a count query to EXPLAIN after the main statement, in the
   * same transaction; its "Plan Rows" land in `StatementRow.planned`.
   */
  explain?: { text: string; params: unknown[] }
}

/**
 * `set_config('response.status', '423', true)` / `response.headers` set by SQL during the request,
 * as PostgREST honours them: the transaction commits and the answer carries that status/headers.
 * Keyed by the request so reply() can apply them without threading them through every handler.
 */
export const responseOverrides = new WeakMap<IncomingMessage, { status?: number; headers: Record<string, string> }>()

async function readResponseGucs(
  tx: { query: <T>(sql: string, params?: unknown[]) => Promise<{ rows: T[] }> },
  req: IncomingMessage,
): Promise<void> {
  const { rows } = await tx.query<{ status: string | null; headers: string | null }>(
    `select nullif(current_setting('response.status', true), '') as status,
            nullif(current_setting('response.headers', true), '') as headers`,
  )
  const g = rows[0]
  if (!g?.status && !g?.headers) return
  const out: { status?: number; headers: Record<string, string> } = { headers: {} }
  const status = Number(g.status)
  if (g.status && Number.isInteger(status) && status >= 100 && status <= 599) out.status = status
  else if (g.status) throw new RestError(500, 'PGRST112', 'Status code must be a positive integer')
  if (g.headers) {
    let parsed: unknown
    try {
      parsed = JSON.parse(g.headers)
    } catch {
      throw new RestError(
        500,
        'PGRST111',
        'response.headers guc must be a JSON array composed of objects with a single key and a string value',
      )
    }
    if (!Array.isArray(parsed)) {
      throw new RestError(
        500,
        'PGRST111',
        'response.headers guc must be a JSON array composed of objects with a single key and a string value',
      )
    }
    for (const h of parsed) {
      for (const [k, v] of Object.entries(h as Record<string, unknown>)) out.headers[k.toLowerCase()] = String(v)
    }
  }
  responseOverrides.set(req, out)
}

/** Thrown inside the transaction to roll it back while keeping the computed result. */
class RollbackWith extends Error {
  constructor(readonly row: StatementRow) {
    super('rollback requested')
  }
}

/** PostgREST's search_path: the request's schema, then Supabase's extra search path. */
function searchPath(schema: string): string {
  return [...new Set([schema, 'public', 'extensions'])].map((s) => `"${s.replace(/"/g, '""')}"`).join(', ')
}

export async function execute(o: ExecOptions, text: string, params: unknown[]): Promise<StatementRow> {
  try {
    return await withAuth(
      o.db,
      o.auth,
      async (tx) => {
        if (o.readOnly) await tx.query('set transaction read only')
        await tx.query(
          `select set_config('search_path', $1, true)${o.prefs.timezone ? `, set_config('timezone', $2, true)` : ''}`,
          o.prefs.timezone ? [searchPath(o.schema), o.prefs.timezone] : [searchPath(o.schema)],
        )
        const { rows } = await tx.query<StatementRow>(text, params)
        const row: StatementRow = rows[0] ?? { total: null, page_total: '0', body: null }
        o.check?.(row)
        if (o.explain) row.planned = await planRows(tx, o.explain)
        await readResponseGucs(tx, o.req)
        if (o.prefs.tx === 'rollback') throw new RollbackWith(row)
        return row
      },
      o.req,
    )
  } catch (e) {
    if (e instanceof RollbackWith) return e.row
    throw e
  }
}

/** PostgREST's explain count: `EXPLAIN (FORMAT JSON)` of the count query, its top "Plan Rows". */
async function planRows(
  tx: { query: <T>(sql: string, params?: unknown[]) => Promise<{ rows: T[] }> },
  q: { text: string; params: unknown[] },
): Promise<number | undefined> {
  const { rows } = await tx.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${q.text}`, q.params)
  const raw = rows[0] ? Object.values(rows[0])[0] : undefined
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: unknown } }[] | undefined
  const n = plan?.[0]?.Plan?.['Plan Rows']
  return typeof n === 'number' && Number.isFinite(n) ? Math.round(n) : undefined
}

/** `Prefer: handling=strict, max-affected=N`: more rows than N is 400 PGRST124 (and a rollback). */
export function maxAffectedCheck(max: number, row: StatementRow): void {
  const n = Number(row.page_total)
  if (n > max) {
    throw new RestError(
      400,
      'PGRST124',
      'Query result exceeds max-affected preference constraint',
      `The query affects ${n} rows`,
    )
  }
}

/** `Accept: application/vnd.pgrst.object+json` needs exactly one row. */
export function singularCheck(n: number): void {
  if (n !== 1) {
    throw new RestError(
      406,
      'PGRST116',
      'Cannot coerce the result to a single JSON object',
      `The result contains ${n} rows`,
    )
  }
}

/** Content-Range as PostgREST writes it: `0-9/123`, `*\/0`, `0-9/*`. */
export function contentRange(lower: number, upper: number, total: number | undefined): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*'
  return `${range}/${total === undefined ? '*' : total}`
}

/** 200, 206 (a part of a counted total) or 416 (offset past the end), as rangeStatusHeader does. */
export function rangeStatus(lower: number, pageTotal: number, total: number | undefined): number {
  if (total === undefined) return 200
  const upper = lower + pageTotal - 1
  if (lower > total) return 416
  if (1 + upper - lower < total) return 206
  return 200
}
