import type { IncomingMessage } from 'node:http'
import { withAuth } from '../context'
import type { Db, Tx } from '../db/types'
import type { StorageAuth } from './auth'
import { ERRORS } from './errors'

/**
 * The statements Storage runs. Like storage-api, most run as the request's role (withAuth) so the
 * policies on storage.objects / storage.buckets decide; the few "as superuser" reads (a bucket's
 * limits, public buckets, signed URLs) use the stack's own connection, which bypasses RLS. Those
 * never run while a request transaction is open (PGlite is one session).
 */

export interface BucketRow {
  id: string
  public: boolean
  fileSizeLimit: string | null
  allowedMimeTypes: string[] | null
}

/** storage.objects as storage-api's `Obj`: metadata holds size / mimetype / eTag / cacheControl. */
export interface ObjectRow {
  id: string
  name: string
  bucket_id: string
  version: string | null
  metadata: ObjectMetadata | null
  user_metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export interface ObjectMetadata {
  eTag: string
  size: number
  mimetype: string
  cacheControl: string
  lastModified: string
  contentLength: number
  httpStatusCode: number
  contentEncoding?: string
}

/** A bucket as the superuser sees it (storage-api's `asSuperUser().findBucketById`). */
export async function adminBucket(db: Db, id: string): Promise<BucketRow | null> {
  const { rows } = await db.query<{ public: string; limit: string | null; mimes: string }>(
    `select public::text as public, file_size_limit::text as limit, to_json(allowed_mime_types)::text as mimes
       from storage.buckets where id = $1`,
    [id],
  )
  if (rows.length === 0) return null
  const r = rows[0]
  return { id, public: r.public === 'true', fileSizeLimit: r.limit, allowedMimeTypes: JSON.parse(r.mimes) }
}

export async function mustBucket(db: Db, id: string): Promise<BucketRow> {
  const b = await adminBucket(db, id)
  if (!b) throw ERRORS.noSuchBucket()
  return b
}

const OBJECT_JSON = `json_build_object('id', id, 'name', name, 'bucket_id', bucket_id, 'version', version,
  'metadata', metadata, 'user_metadata', user_metadata, 'created_at', created_at, 'updated_at', updated_at)::text`

/** One object, seen through whatever role `q` runs as (RLS applies inside withAuth). */
export async function findObject(q: Tx, bucket: string, key: string): Promise<ObjectRow | null> {
  const { rows } = await q.query<{ j: string }>(
    `select ${OBJECT_JSON} as j from storage.objects where bucket_id = $1 and name = $2`,
    [bucket, key],
  )
  return rows.length ? (JSON.parse(rows[0].j) as ObjectRow) : null
}

export async function mustObject(q: Tx, bucket: string, key: string): Promise<ObjectRow> {
  const o = await findObject(q, bucket, key)
  if (!o) throw ERRORS.noSuchKey()
  return o
}

/** The full row as storage-api returns it from remove/copy (everything but path_tokens). */
export const OBJECT_ROW_JSON = `(to_jsonb(o) - 'path_tokens')`

export function asUser<T>(db: Db, auth: StorageAuth, req: IncomingMessage, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return withAuth(db, auth, fn, req)
}

const ROLLBACK = Symbol('rollback')

/**
 * storage-api's testPermission: run statements as the user and roll them back, so a policy
 * violation (or a duplicate) is reported before any upload body is read.
 */
export async function testPermission(
  db: Db,
  auth: StorageAuth,
  req: IncomingMessage,
  fn: (tx: Tx) => Promise<void>,
): Promise<void> {
  try {
    await asUser(db, auth, req, async (tx) => {
      await fn(tx)
      throw ROLLBACK
    })
  } catch (e) {
    if (e !== ROLLBACK) throw e
  }
}
