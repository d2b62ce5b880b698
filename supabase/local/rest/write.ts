/** POST (insert / upsert), PATCH (update) and DELETE on a table or view. */
import {
  baseHeaders,
  columnNotFound,
  findTable,
  type RestRequest,
  readPayload,
  reply,
  rootAlias,
  withFreshCache,
} from './context'
import { notImplemented, RestError } from './errors'
import { contentRange, execute, maxAffectedCheck, type StatementRow, singularCheck } from './execute'
import { ident, type QI } from './ident'
import { buildReadPlan, type ReadNode } from './plan'
import { parseQuery, type QueryParts, shouldCount } from './request'
import type { Table } from './schema-cache'
import { bodySql, nodeSql, Sql } from './sql-read'
import { deleteSql, insertSql, type Returning, updateSql } from './sql-write'

function invalidBody(details: string): RestError {
  return new RestError(400, 'PGRST102', 'Empty or invalid json', details)
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v)

/** The payload as rows, and the columns they write (?columns=, else the keys, which must agree). */
function payloadRows(
  body: { value: unknown } | undefined,
  q: QueryParts,
): { rows: Record<string, unknown>[]; columns: string[] } {
  if (body === undefined) throw invalidBody('The request body is empty')
  const rows = Array.isArray(body.value) ? body.value : [body.value]
  if (!rows.every(isObject)) throw invalidBody('The payload must be a JSON object or an array of JSON objects')
  if (q.columns) return { rows, columns: q.columns }
  const first = rows.length ? Object.keys(rows[0]) : []
  for (const row of rows) {
    const keys = Object.keys(row)
    if (keys.length !== first.length || !keys.every((k) => first.includes(k))) {
      throw new RestError(400, 'PGRST102', 'All object keys must match')
    }
  }
  return { rows, columns: first }
}

function checkColumns(table: Table, columns: string[]) {
  for (const c of columns) if (!table.columns.some((x) => x.name === c)) throw columnNotFound(table, c)
}

interface Prepared {
  table: Table
  root: ReadNode
}

async function prepare(
  r: RestRequest,
  name: string,
  q: QueryParts,
  columns: string[],
  skipRootFilters: boolean,
): Promise<Prepared> {
  const qi: QI = { schema: r.schema, name }
  return withFreshCache(r, (snap) => {
    const table = findTable(snap, qi)
    checkColumns(table, columns)
    for (const c of q.onConflict ?? []) if (!table.columns.some((x) => x.name === c)) throw columnNotFound(table, c)
    // PostgREST 13 dropped limited updates/deletes: limit/offset (top level and embedded) are
    // ignored on writes, so every matching row is written; order only sorts the representation
    const root = buildReadPlan(snap, r.schema, qi, table, { ...q, ranges: [] }, { skipRootFilters })
    return { table, root }
  })
}

/** WITH pgrst_mutation AS (…) then the representation shaped by ?select= over the returned rows. */
function statement(sql: Sql, r: RestRequest, p: Prepared, mutation: string, ret: Returning, name: string): string {
  const parts = [`(SELECT count(*) FROM pgrst_mutation)::text AS page_total`, `NULL AS total`]
  const ctes = [`pgrst_mutation AS (${mutation})`]
  if (ret.rows) {
    const shaped: ReadNode = { ...p.root, where: [] }
    const source = '(SELECT (pgrst_row).* FROM pgrst_mutation)'
    ctes.push(`pgrst_source AS (${nodeSql(sql, shaped, rootAlias(name), { source })})`)
    const wantsBody = r.prefs.return === 'representation'
    parts.push(`${wantsBody ? bodySql(r.media, 'pgrst_source') : 'NULL'} AS body`)
    parts.push(
      ret.insertedFlag
        ? `(SELECT count(*) FILTER (WHERE pgrst_inserted) FROM pgrst_mutation)::text AS inserted`
        : 'NULL AS inserted',
    )
    if (r.prefs.return === 'headers-only' && p.table.pk.length) {
      const pk = p.table.pk.map(ident).join(', ')
      parts.push(
        `(SELECT row_to_json(pgrst_pk)::text FROM (SELECT ${pk} FROM ${source} AS pgrst_r LIMIT 1) AS pgrst_pk) AS location`,
      )
    }
  } else {
    parts.push('NULL AS body')
  }
  return `WITH ${ctes.join(', ')} SELECT ${parts.join(', ')}`
}

function checks(r: RestRequest, countsAffected: boolean) {
  return (row: StatementRow) => {
    if (r.media.kind === 'object') singularCheck(Number(row.page_total))
    if (countsAffected && r.prefs.handling === 'strict' && r.prefs.maxAffected !== undefined) {
      maxAffectedCheck(r.prefs.maxAffected, row)
    }
  }
}

function returning(r: RestRequest): Returning {
  return { rows: r.prefs.return === 'representation' || r.prefs.return === 'headers-only', insertedFlag: false }
}

export async function handleInsert(r: RestRequest, name: string): Promise<void> {
  const q = parseQuery(r.url.searchParams)
  const body = await readPayload(r.req)
  const { rows, columns } = payloadRows(body, q)
  const p = await prepare(r, name, q, columns, true)
  const ret = returning(r)
  const merge = r.prefs.resolution === 'merge-duplicates'
  ret.insertedFlag = ret.rows && merge && !p.table.isView
  const sql = new Sql()
  const mutation = insertSql(sql, rootAlias(name), {
    table: p.table,
    columns,
    payload: body?.text ?? '[]',
    rows,
    missingDefault: r.prefs.missing === 'default',
    conflict: r.prefs.resolution ? { columns: q.onConflict ?? p.table.pk, resolution: r.prefs.resolution } : undefined,
    returning: ret,
  })
  const row = await execute(
    { db: r.db, auth: r.auth, req: r.req, schema: r.schema, prefs: r.prefs, readOnly: false, check: checks(r, false) },
    statement(sql, r, p, mutation, ret, name),
    sql.params,
  )
  const n = Number(row.page_total)
  const status = merge && row.inserted !== null && row.inserted !== undefined && Number(row.inserted) === 0 ? 200 : 201
  const headers: Record<string, string> = {
    ...baseHeaders(r, r.prefs.return === 'representation', 'insert', {
      resolution: p.table.pk.length > 0 || q.onConflict !== undefined,
    }),
    'content-range': contentRange(1, 0, shouldCount(r.prefs) ? n : undefined),
  }
  if (row.location && n === 1) {
    const pk = JSON.parse(row.location) as Record<string, unknown>
    const qs = Object.entries(pk).map(([k, v]) => `${encodeURIComponent(k)}=eq.${encodeURIComponent(String(v))}`)
    headers.location = `/${name}?${qs.join('&')}`
  }
  reply(r, status, r.prefs.return === 'representation' ? (row.body ?? '[]') : null, headers)
}

export async function handleUpdate(r: RestRequest, name: string): Promise<void> {
  const q = parseQuery(r.url.searchParams)
  const body = await readPayload(r.req)
  if (Array.isArray(body?.value)) throw notImplemented('PATCH with a JSON array payload (bulk update)')
  if (body !== undefined && !isObject(body.value)) throw invalidBody('The payload must be a JSON object')
  const columns = q.columns ?? Object.keys(body?.value ?? {})
  const p = await prepare(r, name, q, columns, false)
  const ret = returning(r)
  const sql = new Sql()
  const mutation = updateSql(sql, rootAlias(name), p.table, columns, body?.text ?? '{}', p.root, ret)
  const row = await execute(
    { db: r.db, auth: r.auth, req: r.req, schema: r.schema, prefs: r.prefs, readOnly: false, check: checks(r, true) },
    statement(sql, r, p, mutation, ret, name),
    sql.params,
  )
  const n = Number(row.page_total)
  const headers = {
    ...baseHeaders(r, r.prefs.return === 'representation', 'update'),
    'content-range': contentRange(0, n - 1, shouldCount(r.prefs) ? n : undefined),
  }
  if (r.prefs.return === 'representation') reply(r, 200, row.body ?? '[]', headers)
  else reply(r, 204, null, headers)
}

export async function handleDelete(r: RestRequest, name: string): Promise<void> {
  const q = parseQuery(r.url.searchParams)
  const p = await prepare(r, name, q, [], false)
  const ret = returning(r)
  const sql = new Sql()
  const mutation = deleteSql(sql, rootAlias(name), p.table, p.root, ret)
  const row = await execute(
    { db: r.db, auth: r.auth, req: r.req, schema: r.schema, prefs: r.prefs, readOnly: false, check: checks(r, true) },
    statement(sql, r, p, mutation, ret, name),
    sql.params,
  )
  const n = Number(row.page_total)
  const headers = {
    ...baseHeaders(r, r.prefs.return === 'representation', 'delete'),
    'content-range': contentRange(1, 0, shouldCount(r.prefs) ? n : undefined),
  }
  if (r.prefs.return === 'representation') reply(r, 200, row.body ?? '[]', headers)
  else reply(r, 204, null, headers)
}
