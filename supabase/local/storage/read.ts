import { send } from '../http'
import { storageAuth } from './auth'
import { adminBucket, asUser, findObject, type ObjectRow } from './db'
import { ERRORS, StorageError } from './errors'
import { bucketAndKey } from './paths'
import { type Call, headerValue, type StorageCtx } from './types'

/** How a read route authorises (storage-api's getObject / getPublicObject / getObjectInfo). */
export type Access = 'public' | 'authenticated' | 'optional'

/**
 * Finds the object a read route names. The bucket is looked up as superuser; a public bucket's
 * objects are read as superuser too (no policy needed), a private bucket's through RLS as the
 * caller — and only for a caller with a valid JWT. Mirrors storage-api's requestHandler.
 */
export async function lookupForRead(s: StorageCtx, c: Call, access: Access): Promise<ObjectRow> {
  if (c.query.has('versionId')) throw ERRORS.notImplemented('Object versioning (versionId)')
  const { bucket, key } = bucketAndKey(c.rest)
  const auth = access === 'public' ? null : await storageAuth(c.req, s.cfg.jwtSecret, access === 'optional')
  const b = await adminBucket(s.db, bucket)
  if (!b) throw ERRORS.noSuchBucket()
  if (access === 'public' || !auth?.authenticated) {
    if (!b.public) throw ERRORS.noSuchBucket()
  }
  const row =
    b.public || !auth
      ? await findObject(s.db, bucket, key)
      : await asUser(s.db, auth, c.req, (tx) => findObject(tx, bucket, key))
  if (!row) throw ERRORS.noSuchKey()
  return row
}

/** The file behind a row; a row whose bytes are gone is storage-api's renderer "not found". */
async function bytesOf(s: StorageCtx, row: ObjectRow): Promise<Buffer> {
  const bytes = row.version ? await s.blobs.read(row.version) : null
  if (!bytes) throw new StorageError(404, 'NoSuchKey', 'Not found', 'The resource was not found')
  return bytes
}

/** storage-api never serves HTML as HTML from a bucket. */
const safeContentType = (mime: string | undefined) =>
  mime?.includes('text/html') ? 'text/plain' : (mime ?? 'application/octet-stream')

/** Content-Disposition for `?download` / `?download=name`, worded as storage-api's renderer. */
function disposition(download: string | null): Record<string, string> {
  if (download === null) return {}
  if (download === '') return { 'content-disposition': 'attachment;' }
  const name = encodeURIComponent(download)
  return { 'content-disposition': `attachment; filename=${name}; filename*=UTF-8''${name};` }
}

/** A single `bytes=a-b` range; anything else that is not satisfiable is InvalidRange. */
function parseRange(h: string | undefined, size: number): [number, number] | null {
  if (!h) return null
  const m = /^bytes=(\d*)-(\d*)$/.exec(h.trim())
  if (!m || (m[1] === '' && m[2] === '')) throw ERRORS.invalidRange()
  let start: number
  let end: number
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]))
    end = size - 1
  } else {
    start = Number(m[1])
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1)
  }
  if (start > end || start >= size) throw ERRORS.invalidRange()
  return [start, end]
}

/**
 * Answers with the object's bytes (or only its headers for HEAD): content type, length, ETag,
 * Last-Modified, Cache-Control (or Expires for signed URLs), Range and If-None-Match support.
 */
export async function serveObject(
  s: StorageCtx,
  c: Call,
  row: ObjectRow,
  opts: { head: boolean; expires?: string },
): Promise<void> {
  const bytes = await bytesOf(s, row)
  const meta = row.metadata
  const etag = meta?.eTag
  const headers: Record<string, string> = {
    'content-type': safeContentType(meta?.mimetype),
    'accept-ranges': 'bytes',
    ...(etag ? { etag } : {}),
    ...(meta?.lastModified ? { 'last-modified': new Date(meta.lastModified).toUTCString() } : {}),
    ...(opts.expires ? { expires: opts.expires } : { 'cache-control': meta?.cacheControl || 'no-cache' }),
    ...(meta?.contentEncoding ? { 'content-encoding': meta.contentEncoding } : {}),
    ...disposition(c.query.get('download')),
  }
  if (etag && headerValue(c.req, 'if-none-match') === etag) {
    c.res.writeHead(304, headers)
    c.res.end()
    return
  }
  const range = parseRange(headerValue(c.req, 'range'), bytes.length)
  const body = range ? bytes.subarray(range[0], range[1] + 1) : bytes
  if (range) headers['content-range'] = `bytes ${range[0]}-${range[1]}/${bytes.length}`
  headers['content-length'] = String(body.length)
  if (opts.head) {
    send(c.res, range ? 206 : 200, null, headers)
    return
  }
  send(c.res, range ? 206 : 200, body, headers)
}

/** GET/HEAD /object/{bucket}/{path}, /object/authenticated/…, /object/public/… */
export async function downloadObject(s: StorageCtx, c: Call, access: Access, head: boolean): Promise<void> {
  const row = await lookupForRead(s, c, access)
  await serveObject(s, c, row, { head })
}

/** GET /object/info/… : storage-api's InfoRenderer body. */
export async function objectInfo(s: StorageCtx, c: Call, access: Access): Promise<void> {
  const row = await lookupForRead(s, c, access)
  const m = row.metadata
  send(
    c.res,
    200,
    {
      id: row.id,
      name: row.name,
      version: row.version,
      bucket_id: row.bucket_id,
      size: m?.size ?? null,
      content_type: m?.mimetype ?? null,
      cache_control: m?.cacheControl ?? null,
      etag: m?.eTag ?? null,
      metadata: row.user_metadata,
      last_modified: row.updated_at,
      created_at: row.created_at,
    },
    {
      ...(m?.eTag ? { etag: m.eTag } : {}),
      ...(m?.cacheControl ? { 'cache-control': m.cacheControl } : {}),
    },
  )
}
