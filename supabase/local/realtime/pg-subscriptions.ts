import { isPgError } from '../db/types'
import type { Capture, RealtimeDb } from './capture'
import { describeFilters, type Filter, FilterParseError, filterSql, parseFilters } from './filters'

/** One postgres_changes binding of a joined channel. */
export interface PgSubscription {
  id: number
  event: '*' | 'INSERT' | 'UPDATE' | 'DELETE'
  schema: string
  /** null: every published table of the schema (or of every schema when schema is '*') */
  table: string | null
  filters: Filter[]
  select: string[] | null
}

const EVENTS = new Set(['*', 'INSERT', 'UPDATE', 'DELETE'])

/**
 * The id Realtime gives a binding is :erlang.phash2 of its params: stable for equal params, in
 * 0..2^27. Any stable hash into that range serves the client, which only compares it.
 */
export function bindingId(params: Record<string, unknown>): number {
  const canon = JSON.stringify(params, Object.keys(params).sort())
  let h = 0x811c9dc5
  for (let i = 0; i < canon.length; i++) {
    h ^= canon.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h % 2 ** 27
}

export class SubscriptionError extends Error {}

const describeBinding = (p: Record<string, unknown>, filters: Filter[] | string) =>
  `[event: ${p.event ?? '*'}, schema: ${p.schema ?? 'public'}, table: ${p.table ?? '*'}, filters: ${
    typeof filters === 'string' ? filters : describeFilters(filters)
  }, select: ${Array.isArray(p.select) ? `[${p.select.map((c) => JSON.stringify(c)).join(', ')}]` : 'nil'}]`

/**
 * Checks the bindings as Realtime's subscription insert does (published table, readable filter
 * columns, castable values) and returns them ready for matching; throws SubscriptionError with
 * Realtime's wording otherwise.
 */
export async function prepareSubscriptions(
  rdb: RealtimeDb,
  capture: Capture,
  bindings: Record<string, unknown>[],
  role: string,
): Promise<PgSubscription[]> {
  const subs: PgSubscription[] = []
  let needSync = false
  for (const p of bindings) {
    const event = typeof p.event === 'string' ? p.event.toUpperCase() : '*'
    const schema = typeof p.schema === 'string' && p.schema ? p.schema : 'public'
    const table = typeof p.table === 'string' && p.table && p.table !== '*' ? p.table : null
    let filters: Filter[]
    try {
      filters = parseFilters(p.filter as string | undefined)
    } catch (e) {
      if (e instanceof FilterParseError) throw new SubscriptionError(e.message)
      throw e
    }
    const select = Array.isArray(p.select) ? p.select.map(String) : null
    if (!EVENTS.has(event)) {
      throw new SubscriptionError(
        `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: ${describeBinding(p, filters)}. Exception: invalid event ${event}`,
      )
    }
    const tables = await rdb.query<{ schemaname: string; tablename: string; captured: string }>(
      `select p.schemaname, p.tablename,
              exists(select 1 from pg_trigger t where t.tgrelid = format('%I.%I', p.schemaname, p.tablename)::regclass
                       and t.tgname = '_realtime_capture')::text as captured
         from pg_publication_tables p
        where p.pubname = 'supabase_realtime' and ($1 = '*' or p.schemaname = $1) and ($2::text is null or p.tablename = $2)`,
      [schema, table],
    )
    if (tables.length === 0) {
      throw new SubscriptionError(
        `Unable to subscribe to changes with given parameters. Please check Realtime is enabled for the given connect parameters: ${describeBinding(p, filters)}`,
      )
    }
    if (tables.some((t) => t.captured !== 'true')) needSync = true
    for (const t of tables) {
      const problem = await checkColumns(rdb, t.schemaname, t.tablename, role, filters, select)
      if (problem) {
        throw new SubscriptionError(
          `Unable to subscribe to changes with given parameters. An exception happened so please check your connect parameters: ${describeBinding(p, filters)}. Exception: ${problem}`,
        )
      }
    }
    subs.push({ id: bindingId(p), event: event as PgSubscription['event'], schema, table, filters, select })
  }
  // a table published after the stack started gets its trigger now rather than at the next start
  if (needSync) await capture.resync()
  return subs
}

/** Realtime's subscription_check_filters, as an error string (null when fine). */
async function checkColumns(
  rdb: RealtimeDb,
  schema: string,
  table: string,
  role: string,
  filters: Filter[],
  select: string[] | null,
): Promise<string | null> {
  if (!filters.length && !select) return null
  const cols = await rdb.query<{ name: string; type: string; typname: string }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, t.typname
       from pg_attribute a join pg_type t on t.oid = a.atttypid
      where a.attrelid = format('%I.%I', $1::text, $2::text)::regclass and a.attnum > 0 and not a.attisdropped
        and has_column_privilege($3, a.attrelid, a.attnum, 'SELECT')`,
    [schema, table, role],
  )
  const byName = new Map(cols.map((c) => [c.name, c]))
  for (const f of filters) {
    const col = byName.get(f.column)
    if (!col) return `ERROR P0001 (raise_exception) invalid column for filter ${f.column}`
    if (f.op === 'is' && f.value !== 'null' && col.typname !== 'bool') {
      return `ERROR P0001 (raise_exception) is ${f.value} filter requires a boolean column, got ${col.type}`
    }
    if (f.op === 'match' || f.op === 'imatch') {
      try {
        await rdb.query(`select '' ~ $1`, [f.value])
      } catch (e) {
        if (!isPgError(e)) throw e
        return `ERROR P0001 (raise_exception) invalid regular expression for ${f.op} filter: ${e.message}`
      }
    }
    // evaluate the operator once on the filter's own value: a bad cast or an operator the type
    // lacks surfaces here instead of at delivery time
    const params: unknown[] = []
    const expr = filterSql(f, `(${probeValue(f, params)})::${col.type}`, col.type, (v) => {
      params.push(v)
      return `$${params.length}`
    })
    try {
      await rdb.query(`select ${expr}`, params)
    } catch (e) {
      if (!isPgError(e)) throw e
      return `ERROR ${e.code} ${e.message}`
    }
  }
  for (const c of select ?? []) {
    if (!byName.has(c)) return `ERROR P0001 (raise_exception) invalid column for select ${c}`
  }
  return null
}

/** A sample left-hand value for the operator probe: the filter's own (first) value. */
function probeValue(f: Filter, params: unknown[]): string {
  const typed =
    f.op === 'in' ? (f.values?.[0] ?? null) : ['is', 'like', 'ilike', 'match', 'imatch'].includes(f.op) ? null : f.value
  params.push(typed)
  return `$${params.length}::text`
}

export function subscriptionMatches(s: PgSubscription, schema: string, table: string, op: string): boolean {
  return (
    (s.event === '*' || s.event === op) &&
    (s.schema === '*' || s.schema === schema) &&
    (s.table === null || s.table === table)
  )
}
