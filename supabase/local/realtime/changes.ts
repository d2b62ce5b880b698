import type { Tx } from '../db/types'
import type { ChangeRow, RealtimeDb } from './capture'
import type { Channel } from './channel'
import { filterSql } from './filters'
import type { Hub } from './hub'
import { type PgSubscription, subscriptionMatches } from './pg-subscriptions'

/**
 * postgres_changes delivery, following Realtime's walrus (realtime.apply_rls):
 *  - filters are evaluated on the new row (INSERT/UPDATE) or on the old identity (DELETE; filters
 *    on columns outside the identity let the change through, as walrus does);
 *  - INSERT/UPDATE on an RLS table reach a subscriber only if, as the subscriber's role and claims,
 *    `select exists(… where pk = <captured pk>)` finds the row — against the table as it is when
 *    the check runs, which is what walrus does too (so a row deleted meanwhile is not delivered);
 *  - DELETE carries only the old identity (only the primary key when RLS is on) and is not
 *    RLS-checked (Postgres cannot evaluate policies on a row that is gone);
 *  - columns the role may not SELECT are left out of columns/record/old_record;
 *  - stricter than walrus: a subscriber who cannot SELECT the row gets nothing at all — no
 *    `Error 401: Unauthorized` (primary key not readable) or `Error 500` (policy raised) event, which
 *    would still tell them the table and commit time of every change; the stack log says why instead.
 */

export interface ColumnMeta {
  name: string
  type: string
  ftype: string
  pk: boolean
  ri: boolean
  anon: boolean
  authenticated: boolean
  service_role: boolean
}

export interface TableMeta {
  rel: string
  rls: boolean
  replident: 'd' | 'f' | 'i' | 'n'
  columns: ColumnMeta[]
}

/** Per-batch cache: catalog facts are read once per poll batch, so ALTER TABLE shows at the next batch. */
export type MetaCache = Map<string, TableMeta | null>

const MAX_RECORD_BYTES = 1024 * 1024

async function tableMeta(rdb: RealtimeDb, cache: MetaCache, schema: string, table: string): Promise<TableMeta | null> {
  const k = `${schema}.${table}`
  if (cache.has(k)) return cache.get(k) ?? null
  const [r] = await rdb.query<{ rel: string; rls: string; replident: string; columns: string }>(
    `select format('%I.%I', n.nspname, c.relname) as rel, c.relrowsecurity::text as rls, c.relreplident::text as replident,
            coalesce((select json_agg(json_build_object(
                'name', a.attname, 'type', t.typname, 'ftype', format_type(a.atttypid, a.atttypmod),
                'pk', coalesce(a.attnum = any(pk.conkey), false),
                'ri', coalesce(a.attnum = any(ri.indkey::int2[]), false),
                'anon', has_column_privilege('anon', c.oid, a.attnum, 'SELECT'),
                'authenticated', has_column_privilege('authenticated', c.oid, a.attnum, 'SELECT'),
                'service_role', has_column_privilege('service_role', c.oid, a.attnum, 'SELECT')) order by a.attnum)
               from pg_attribute a join pg_type t on t.oid = a.atttypid
              where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped), '[]')::text as columns
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
       left join pg_constraint pk on pk.conrelid = c.oid and pk.contype = 'p'
       left join pg_index ri on ri.indrelid = c.oid and ri.indisreplident
      where n.nspname = $1 and c.relname = $2`,
    [schema, table],
  )
  const meta: TableMeta | null = r
    ? {
        rel: r.rel,
        rls: r.rls === 'true',
        replident: r.replident as TableMeta['replident'],
        columns: JSON.parse(r.columns),
      }
    : null
  cache.set(k, meta)
  return meta
}

const quote = (id: string) => `"${id.replace(/"/g, '""')}"`
type Row = Record<string, unknown>

function pick(row: Row | null, keep: (c: ColumnMeta) => boolean, cols: ColumnMeta[]): Row {
  const out: Row = {}
  if (!row) return out
  for (const c of cols) if (keep(c) && c.name in row) out[c.name] = row[c.name]
  return out
}

/** The old-row columns WAL would carry for this table's REPLICA IDENTITY. */
function identity(meta: TableMeta): (c: ColumnMeta) => boolean {
  switch (meta.replident) {
    case 'f':
      return () => true
    case 'i':
      return (c) => c.ri
    case 'n':
      return () => false
    default:
      return (c) => c.pk
  }
}

interface Target {
  ch: Channel
  subs: PgSubscription[]
}

/** Says once per (table, role, reason) why a subscriber got nothing, so a silent screen can be explained. */
const said = new Set<string>()
function explain(log: (m: string) => void, key: string, message: string): void {
  if (said.has(key)) return
  said.add(key)
  log(`realtime: ${message}`)
}

export async function deliverChange(
  rdb: RealtimeDb,
  hub: Hub,
  row: ChangeRow,
  cache: MetaCache,
  log: (m: string) => void = () => {},
): Promise<void> {
  const { schema_name: schema, table_name: table, op } = row
  const targets: Target[] = []
  for (const ch of hub.channels) {
    const subs = ch.pgSubs.filter((s) => subscriptionMatches(s, schema, table, op))
    if (subs.length) targets.push({ ch, subs })
  }
  if (!targets.length) return
  const meta = await tableMeta(rdb, cache, schema, table)
  if (!meta) return
  const rec = row.record ? (JSON.parse(row.record) as Row) : null
  const oldIdentity = row.old_record ? pick(JSON.parse(row.old_record), identity(meta), meta.columns) : null
  const compared = op === 'DELETE' ? (oldIdentity ?? {}) : (rec ?? {})
  const pkCols = meta.columns.filter((c) => c.pk)

  // one rolled-back transaction per change: filters as the superuser, then each distinct
  // (role, claims) of the remaining subscribers for RLS
  const verdict = await rdb.rolledBack(async (tx) => {
    const passed = await evaluateFilters(tx, meta, targets, compared)
    const rls = new Map<string, 'yes' | 'no' | 'error'>()
    if (op !== 'DELETE' && meta.rls && rec && pkCols.length) {
      for (const t of targets) {
        if (!t.subs.some((s) => passed.get(s))) continue
        const key = groupKey(t.ch)
        if (rls.has(key) || !pkCols.every((c) => c[t.ch.auth.role as 'anon'])) continue
        rls.set(key, await canSee(tx, meta, pkCols, t.ch, rec))
      }
    }
    return { passed, rls }
  })

  for (const t of targets) {
    const subs = t.subs.filter((s) => verdict.passed.get(s))
    if (!subs.length) continue
    const role = t.ch.auth.role as 'anon' | 'authenticated' | 'service_role'
    const bare = { schema, table, commit_timestamp: row.commit_timestamp, type: op }
    const fail = (msg: string) =>
      t.ch.push('postgres_changes', { ids: subs.map((s) => s.id), data: { ...bare, errors: [msg] } })
    const pkReadable = pkCols.length ? pkCols.every((c) => c[role]) : meta.columns.some((c) => c[role])
    const rel = `${schema}.${table}`
    if (op === 'DELETE') {
      if (!pkReadable) continue // not allowed on the table: nothing to say (stricter than walrus)
    } else if (!pkCols.length) {
      // without a key the row cannot be checked against RLS: say so only to whoever may read it all
      if (meta.rls || !pkReadable) {
        explain(log, `nopk:${rel}:${role}`, `${rel} has no primary key: its changes go to no ${role} subscriber`)
        continue
      }
      fail('Error 400: Bad Request, no primary key')
      continue
    } else if (!pkReadable) {
      // walrus sends `Error 401: Unauthorized` with the table and commit time: we send nothing
      explain(log, `401:${rel}:${role}`, `${role} may not select the primary key of ${rel}: its changes are not sent`)
      continue
    } else if (meta.rls) {
      const v = verdict.rls.get(groupKey(t.ch))
      if (v === 'error') {
        explain(log, `500:${rel}:${role}`, `a policy on ${rel} raised for a ${role} subscriber: change not sent`)
      }
      if (v !== 'yes') continue
    }
    // one message per distinct `select` list, carrying the ids of every binding it satisfies
    const bySelect = new Map<string, PgSubscription[]>()
    for (const s of subs) {
      const k = s.select ? [...s.select].sort().join(',') : ''
      bySelect.set(k, [...(bySelect.get(k) ?? []), s])
    }
    for (const group of bySelect.values()) {
      const sel = group[0].select
      const visible = (c: ColumnMeta) => c[role] && (!sel || sel.includes(c.name) || c.pk)
      const data: Row = {
        ...bare,
        columns: meta.columns.filter(visible).map((c) => ({ name: c.name, type: c.type })),
        errors: null,
      }
      if (op !== 'DELETE') data.record = pick(rec, visible, meta.columns)
      if (op === 'UPDATE') data.old_record = pick(oldIdentity, visible, meta.columns)
      if (op === 'DELETE') data.old_record = pick(oldIdentity, (c) => visible(c) && (!meta.rls || c.pk), meta.columns)
      t.ch.push('postgres_changes', { ids: group.map((s) => s.id), data: capSize(data) })
    }
  }
}

const groupKey = (ch: Channel) => `${ch.auth.role}\u0000${JSON.stringify(ch.auth.claims)}`

/** Which subscriptions' filters the compared row satisfies (unfiltered ones always do). */
async function evaluateFilters(
  tx: Tx,
  meta: TableMeta,
  targets: Target[],
  compared: Row,
): Promise<Map<PgSubscription, boolean>> {
  const out = new Map<PgSubscription, boolean>()
  const params: unknown[] = [JSON.stringify(compared)]
  const exprs: string[] = []
  const bySub = new Map<PgSubscription, number[]>()
  const types = new Map(meta.columns.map((c) => [c.name, c.ftype]))
  for (const { subs } of targets) {
    for (const s of subs) {
      const idx: number[] = []
      for (const f of s.filters) {
        // a filter on a column the compared row does not carry (DELETE outside the identity) passes
        if (!(f.column in compared) || !types.has(f.column)) continue
        exprs.push(
          filterSql(f, `rec.${quote(f.column)}`, types.get(f.column) as string, (v) => {
            params.push(v)
            return `$${params.length}`
          }),
        )
        idx.push(exprs.length - 1)
      }
      bySub.set(s, idx)
    }
  }
  let results: Record<string, string> = {}
  if (exprs.length) {
    const cols = exprs.map((e, i) => `(${e})::text as f${i}`).join(', ')
    const r = await tx.query<Record<string, string>>(
      `select ${cols} from jsonb_populate_record(null::${meta.rel}, $1::jsonb) rec`,
      params,
    )
    results = r.rows[0]
  }
  for (const [s, idx] of bySub)
    out.set(
      s,
      idx.every((i) => results[`f${i}`] === 'true'),
    )
  return out
}

/** RLS as the subscriber: can they SELECT the changed row (by primary key) right now? */
async function canSee(
  tx: Tx,
  meta: TableMeta,
  pkCols: ColumnMeta[],
  ch: Channel,
  rec: Row,
): Promise<'yes' | 'no' | 'error'> {
  await tx.query('savepoint realtime_rls')
  try {
    await tx.query(`select set_config('role', $1, true), set_config('request.jwt.claims', $2, true)`, [
      ch.auth.role,
      JSON.stringify(ch.auth.claims),
    ])
    const lhs = pkCols.map((c) => `x.${quote(c.name)}`).join(', ')
    const rhs = pkCols.map((c) => `r.${quote(c.name)}`).join(', ')
    const r = await tx.query<{ ok: string }>(
      `select exists(select 1 from ${meta.rel} x
                      where (${lhs}) = (select ${rhs} from jsonb_populate_record(null::${meta.rel}, $1::jsonb) r))::text as ok`,
      [JSON.stringify(rec)],
    )
    await tx.query('release savepoint realtime_rls')
    return r.rows[0]?.ok === 'true' ? 'yes' : 'no'
  } catch {
    await tx.query('rollback to savepoint realtime_rls')
    return 'error'
  }
}

/** walrus's 1 MB cap: oversize records keep only values of at most 64 bytes and carry a 413. */
function capSize(data: Row): Row {
  if (JSON.stringify(data).length <= MAX_RECORD_BYTES) return data
  const trim = (r: unknown) =>
    Object.fromEntries(Object.entries((r as Row) ?? {}).filter(([, v]) => JSON.stringify(v ?? null).length <= 64))
  return {
    ...data,
    ...(data.record ? { record: trim(data.record) } : {}),
    ...(data.old_record ? { old_record: trim(data.old_record) } : {}),
    errors: ['Error 413: Payload Too Large'],
  }
}
