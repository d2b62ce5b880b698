import { send } from '../http'
import { storageAuth } from './auth'
import { optionalInt, optionalString, readJsonBody } from './body'
import { asUser } from './db'
import { ERRORS } from './errors'
import { decodePath, validBucket } from './paths'
import type { Call, StorageCtx } from './types'

const SORT_COLUMNS = new Set(['name', 'updated_at', 'created_at', 'last_accessed_at'])

/** LIKE pattern that matches `text` literally as a prefix. */
const likePrefix = (text: string) => `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`

/**
 * POST /object/list/{bucket} {prefix, limit, offset, sortBy, search}: one level of the bucket under
 * `prefix`, as storage-api's storage.search answers it — "folders" (the next path segment of deeper
 * objects: `id`/`metadata` null) and files, names relative to the prefix, `search` narrowing by
 * name prefix, case-insensitively. Sorted by name, folders and files interleave (case-insensitive,
 * byte order); sorted by a date, folders come first. Runs as the caller, so RLS picks the rows.
 */
export async function listObjects(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const bucket = validBucket(decodePath(c.rest))
  const body = await readJsonBody(c.req)
  let prefix = optionalString(body, 'prefix') ?? ''
  if (prefix.length > 0 && !prefix.endsWith('/')) prefix = `${prefix}/`
  const search = optionalString(body, 'search') ?? ''
  const limit = Math.min(optionalInt(body, 'limit', 1) ?? 100, 1500)
  const offset = optionalInt(body, 'offset', 0) ?? 0
  const sortBy = (body.sortBy ?? {}) as Record<string, unknown>
  if (typeof sortBy !== 'object' || Array.isArray(sortBy)) throw ERRORS.badRequest('body/sortBy must be object')
  const column = sortBy.column ?? 'name'
  const order = sortBy.order ?? 'asc'
  if (typeof column !== 'string' || !SORT_COLUMNS.has(column)) {
    throw ERRORS.badRequest('body/sortBy/column must be equal to one of the allowed values')
  }
  if (order !== 'asc' && order !== 'desc') {
    throw ERRORS.badRequest('body/sortBy/order must be equal to one of the allowed values')
  }
  const dir = order === 'asc' ? 'asc' : 'desc'
  const orderBy =
    column === 'name'
      ? `lower(name) collate "C" ${dir}, name collate "C" ${dir}`
      : `is_folder desc, case when is_folder then lower(name) end collate "C" ${dir}, ${column} ${dir} nulls last, name`
  const sql = `
    with matched as (
      select o.id, o.updated_at, o.created_at, o.last_accessed_at, o.metadata, substr(o.name, $3::int + 1) as rel
        from storage.objects o
       where o.bucket_id = $1 and o.name ilike $2 escape '\\'
    ), entries as (
      select split_part(rel, '/', 1) as name, null::uuid as id, null::timestamptz as updated_at,
             null::timestamptz as created_at, null::timestamptz as last_accessed_at, null::jsonb as metadata,
             true as is_folder
        from matched where strpos(rel, '/') > 0 group by 1
      union all
      select rel, id, updated_at, created_at, last_accessed_at, metadata, false
        from matched where strpos(rel, '/') = 0
    ), page as (
      select row_number() over (order by ${orderBy}) as n, *
        from entries order by ${orderBy} limit $4::int offset $5::int
    )
    select coalesce(json_agg(json_build_object('name', name, 'id', id, 'updated_at', updated_at,
             'created_at', created_at, 'last_accessed_at', last_accessed_at, 'metadata', metadata) order by n),
           '[]')::text as j
      from page`
  const { rows } = await asUser(s.db, auth, c.req, (tx) =>
    tx.query<{ j: string }>(sql, [bucket, likePrefix(prefix + search), [...prefix].length, limit, offset]),
  )
  send(c.res, 200, rows[0].j, { 'content-type': 'application/json; charset=utf-8' })
}
