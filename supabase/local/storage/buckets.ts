import { send } from '../http'
import { ownerColumns, storageAuth } from './auth'
import { optionalString, readJsonBody, requireString } from './body'
import { asUser } from './db'
import { ERRORS, StorageError } from './errors'
import { globalFileSizeLimit, parseFileSize } from './limits'
import { decodePath, validBucket } from './paths'
import type { Call, StorageCtx } from './types'

/**
 * /bucket routes. Every statement runs as the caller, so storage.buckets' policies decide who may
 * list, create, change or delete buckets (service_role bypasses them), as on Supabase.
 */

const BUCKET_JSON = `json_build_object('id', id, 'name', name, 'owner', owner, 'public', public,
  'file_size_limit', file_size_limit, 'allowed_mime_types', allowed_mime_types,
  'created_at', created_at, 'updated_at', updated_at)`

const SORT_COLUMNS = new Set(['id', 'name', 'created_at', 'updated_at'])

/** GET /bucket (?limit, offset, sortColumn, sortOrder, search) */
export async function listBuckets(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const q = c.query
  const column = q.get('sortColumn') ?? 'name'
  const order = (q.get('sortOrder') ?? 'asc').toLowerCase()
  if (!SORT_COLUMNS.has(column))
    throw ERRORS.badRequest('querystring/sortColumn must be equal to one of the allowed values')
  if (order !== 'asc' && order !== 'desc') {
    throw ERRORS.badRequest('querystring/sortOrder must be equal to one of the allowed values')
  }
  const int = (name: string, min: number) => {
    const v = q.get(name)
    if (v === null) return null
    if (!/^\d+$/.test(v) || Number(v) < min) throw ERRORS.badRequest(`querystring/${name} must be integer >= ${min}`)
    return Number(v)
  }
  const limit = int('limit', 1)
  const offset = int('offset', 0) ?? 0
  const search = q.get('search')
  const { rows } = await asUser(s.db, auth, c.req, (tx) =>
    tx.query<{ j: string }>(
      `select coalesce(json_agg(j order by n), '[]')::text as j from (
         select row_number() over (order by ${column} ${order}) as n, ${BUCKET_JSON} as j
           from storage.buckets
          where $1::text is null or name ilike '%' || $1 || '%'
          order by ${column} ${order} limit $2::int offset $3::int) b`,
      [search, limit, offset],
    ),
  )
  send(c.res, 200, rows[0].j, { 'content-type': 'application/json; charset=utf-8' })
}

/** GET /bucket/{id} */
export async function getBucket(s: StorageCtx, c: Call, id: string): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { rows } = await asUser(s.db, auth, c.req, (tx) =>
    tx.query<{ j: string }>(`select ${BUCKET_JSON}::text as j from storage.buckets where id = $1`, [id]),
  )
  if (rows.length === 0) throw ERRORS.noSuchBucket()
  send(c.res, 200, rows[0].j, { 'content-type': 'application/json; charset=utf-8' })
}

/** file_size_limit from a request: bytes or "20MB"; 0 means none; never above the global limit. */
function sizeLimit(s: StorageCtx, v: unknown): number | null {
  const n = parseFileSize(v)
  if (!n) return null
  if (n > globalFileSizeLimit(s.cfg)) {
    throw new StorageError(
      422,
      'InvalidRequest',
      'max_file_size',
      'the requested max_file_size exceed the global limit',
    )
  }
  return n
}

function mimeTypes(v: unknown): string[] | null {
  if (v === undefined || v === null) return null
  if (!Array.isArray(v) || v.some((m) => typeof m !== 'string')) {
    throw ERRORS.badRequest('body/allowed_mime_types must be array of strings')
  }
  return (v as string[]).filter((m) => m)
}

function unsupportedBucketKinds(body: Record<string, unknown>): void {
  if (body.type != null && body.type !== 'STANDARD') {
    throw ERRORS.notImplemented(`Buckets of type ${String(body.type)} (analytics / vector buckets)`)
  }
  if (body.versioning_status != null) throw ERRORS.notImplemented('Object versioning (versioning_status)')
}

/** POST /bucket {id?, name, public?, file_size_limit?, allowed_mime_types?} → {name} */
export async function createBucket(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const body = await readJsonBody(c.req)
  unsupportedBucketKinds(body)
  const name = validBucket(requireString(body, 'name'))
  const id = validBucket(optionalString(body, 'id') ?? name)
  if (body.public != null && typeof body.public !== 'boolean') throw ERRORS.badRequest('body/public must be boolean')
  const limit = body.file_size_limit === undefined ? null : sizeLimit(s, body.file_size_limit)
  const [owner, ownerId] = ownerColumns(auth.owner)
  await asUser(s.db, auth, c.req, (tx) =>
    tx.query(
      `insert into storage.buckets (id, name, owner, owner_id, public, file_size_limit, allowed_mime_types)
       values ($1, $2, $3::uuid, $4, $5::boolean, $6::bigint, $7::text[])`,
      [id, name, owner, ownerId, body.public === true, limit, mimeTypes(body.allowed_mime_types)],
    ),
  )
  send(c.res, 200, { name })
}

/** PUT /bucket/{id} {public?, file_size_limit?, allowed_mime_types?}: only the fields sent change. */
export async function updateBucket(s: StorageCtx, c: Call, id: string): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const body = await readJsonBody(c.req)
  unsupportedBucketKinds(body)
  if (body.public != null && typeof body.public !== 'boolean') throw ERRORS.badRequest('body/public must be boolean')
  const hasLimit = body.file_size_limit !== undefined
  const hasMimes = body.allowed_mime_types !== undefined
  const limit = hasLimit ? sizeLimit(s, body.file_size_limit) : null
  const mimes = hasMimes ? mimeTypes(body.allowed_mime_types) : null
  const r = await asUser(s.db, auth, c.req, (tx) =>
    tx.query(
      `update storage.buckets
          set public = coalesce($2::boolean, public),
              file_size_limit = case when $3::boolean then $4::bigint else file_size_limit end,
              allowed_mime_types = case when $5::boolean then $6::text[] else allowed_mime_types end,
              updated_at = now()
        where id = $1`,
      [id, typeof body.public === 'boolean' ? body.public : null, hasLimit, limit, hasMimes, mimes],
    ),
  )
  if (r.affectedRows === 0) throw ERRORS.noSuchBucket()
  send(c.res, 200, { message: 'Successfully updated' })
}

/** DELETE /bucket/{id}: only an empty bucket (objects counted as superuser, as storage-api does). */
export async function deleteBucket(s: StorageCtx, c: Call, id: string): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { rows } = await s.db.query<{ n: string }>(
    'select count(*)::text as n from storage.objects where bucket_id = $1',
    [id],
  )
  await asUser(s.db, auth, c.req, async (tx) => {
    const found = await tx.query('select 1 from storage.buckets where id = $1', [id])
    if (found.rows.length === 0) throw ERRORS.noSuchBucket()
    if (rows[0].n !== '0') throw ERRORS.bucketNotEmpty()
    const r = await tx.query('delete from storage.buckets where id = $1', [id])
    if (r.affectedRows === 0) throw ERRORS.noSuchBucket()
  })
  send(c.res, 200, { message: 'Successfully deleted' })
}

/**
 * POST /bucket/{id}/empty: deletes every object the caller may delete. What stays visible but could
 * not be deleted is reported afterwards, as storage-api reports it (the deletions stand).
 */
export async function emptyBucket(s: StorageCtx, c: Call, id: string): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { versions, left } = await asUser(s.db, auth, c.req, async (tx) => {
    const found = await tx.query('select 1 from storage.buckets where id = $1', [id])
    if (found.rows.length === 0) throw ERRORS.noSuchBucket()
    const del = await tx.query<{ version: string | null }>(
      'delete from storage.objects where bucket_id = $1 returning version',
      [id],
    )
    const rest = await tx.query<{ name: string }>(
      'select name from storage.objects where bucket_id = $1 order by name limit 20',
      [id],
    )
    return { versions: del.rows.map((r) => r.version), left: rest.rows.map((r) => r.name) }
  })
  await s.blobs.remove(...versions)
  if (left.length > 0) {
    throw ERRORS.unableToEmptyBucket(
      `Cannot delete: ${left.join(' ,')}, you may have SELECT but not DELETE permissions`,
    )
  }
  send(c.res, 200, { message: 'Successfully emptied' })
}

export function bucketId(raw: string): string {
  return validBucket(decodePath(raw))
}
