/**
 * INSERT / UPDATE / DELETE statements. The JSON payload is one bind parameter, turned into rows
 * of the target's type by json_populate_record, so Postgres does every type conversion.
 * Mutations return whole rows (`RETURNING alias AS pgrst_row`) only when the client asked for a
 * representation: a bare `RETURNING 1` keeps SELECT policies out of insert-only RLS setups,
 * exactly as PostgREST's return=minimal does.
 */
import type { LogicTree } from './ast'
import { notImplemented } from './errors'
import { fromQi, ident } from './ident'
import { embedsOf, type ReadNode } from './plan'
import type { Table } from './schema-cache'
import { type Sql, whereSql } from './sql-read'

export interface Returning {
  rows: boolean
  /** xmax = 0 per row, to tell inserted from merged rows (tables only) */
  insertedFlag: boolean
}

function returningSql(alias: string, ret: Returning): string {
  if (!ret.rows) return 'RETURNING 1'
  return `RETURNING ${alias} AS pgrst_row${ret.insertedFlag ? `, (${alias}.xmax = 0) AS pgrst_inserted` : ''}`
}

export interface InsertSpec {
  table: Table
  columns: string[]
  /** the payload as sent: one object or an array of objects */
  payload: string
  /** the same, parsed (which keys each row has) */
  rows: Record<string, unknown>[]
  /** Prefer: missing=default — keys absent from a row take the column default, not NULL */
  missingDefault: boolean
  conflict?: { columns: string[]; resolution: 'merge-duplicates' | 'ignore-duplicates' }
  returning: Returning
}

export function insertSql(sql: Sql, alias: string, s: InsertSpec): string {
  const target = fromQi(s.table)
  const cols = s.columns.map(ident)
  const p = sql.p(s.payload)
  const payload = `(CASE WHEN json_typeof(${p}::json) = 'array' THEN ${p}::json ELSE json_build_array(${p}::json) END)`
  let out = `INSERT INTO ${target} AS ${alias}`
  const ragged = s.missingDefault && s.rows.some((row) => s.columns.some((c) => !(c in row)))
  if (s.columns.length === 0) {
    out += ` SELECT FROM json_array_elements(${payload})`
  } else if (ragged && s.rows.length > 0) {
    // per-row DEFAULT needs VALUES; each present cell is read from its row's record
    const values = s.rows.map(
      (row, i) =>
        `(${s.columns
          .map((c) =>
            c in row ? `(json_populate_record(NULL::${target}, ${payload} -> ${i})).${ident(c)}` : 'DEFAULT',
          )
          .join(', ')})`,
    )
    out += ` (${cols.join(', ')}) VALUES ${values.join(', ')}`
  } else {
    out += ` (${cols.join(', ')}) SELECT ${cols.map((c) => `pgrst_body.${c}`).join(', ')} FROM json_array_elements(${payload}) WITH ORDINALITY AS pgrst_e(v, i) CROSS JOIN LATERAL json_populate_record(NULL::${target}, pgrst_e.v) AS pgrst_body ORDER BY pgrst_e.i`
  }
  if (s.conflict) {
    const target = s.conflict.columns.length ? ` (${s.conflict.columns.map(ident).join(', ')})` : ''
    if (s.conflict.resolution === 'ignore-duplicates' || cols.length === 0) out += ` ON CONFLICT${target} DO NOTHING`
    else out += ` ON CONFLICT${target} DO UPDATE SET ${cols.map((c) => `${c} = EXCLUDED.${c}`).join(', ')}`
  }
  return `${out} ${returningSql(alias, s.returning)}`
}

/** WHERE conditions of a mutation: the root's filters (embed filters make no sense here). */
function mutationWhere(sql: Sql, root: ReadNode, alias: string): string[] {
  if (!root.where.length) return []
  const probe: ReadNode = { ...root, items: root.items.filter((i) => i.kind !== 'embed') }
  const uses = (t: LogicTree): boolean =>
    t.kind === 'filter'
      ? !t.filter.field.jsonPath.length &&
        embedsOf(root).some((e) => e.name === t.filter.field.name || e.key === t.filter.field.name)
      : t.children.some(uses)
  if (root.where.some(uses)) throw notImplemented('null-embed filters (rel=is.null) on PATCH/DELETE')
  return whereSql(sql, probe, alias)
}

/** `payload` is the JSON object as sent. */
export function updateSql(
  sql: Sql,
  alias: string,
  table: Table,
  columns: string[],
  payload: string,
  root: ReadNode,
  ret: Returning,
): string {
  const target = fromQi(table)
  const where = mutationWhere(sql, root, alias)
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : ''
  if (columns.length === 0) {
    // an empty payload updates nothing (PostgREST answers with no rows)
    return `SELECT ${ret.rows ? `${alias} AS pgrst_row` : '1'} FROM ${target} AS ${alias} WHERE FALSE`
  }
  const sets = columns.map((c) => `${ident(c)} = pgrst_body.${ident(c)}`).join(', ')
  return `UPDATE ${target} AS ${alias} SET ${sets} FROM json_populate_record(NULL::${target}, ${sql.p(payload)}::json) AS pgrst_body${whereSql} ${returningSql(alias, { ...ret, insertedFlag: false })}`
}

export function deleteSql(sql: Sql, alias: string, table: Table, root: ReadNode, ret: Returning): string {
  const where = mutationWhere(sql, root, alias)
  const whereSql = where.length ? ` WHERE ${where.join(' AND ')}` : ''
  return `DELETE FROM ${fromQi(table)} AS ${alias}${whereSql} ${returningSql(alias, { ...ret, insertedFlag: false })}`
}
