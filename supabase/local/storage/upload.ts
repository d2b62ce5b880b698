import { createHash, randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Tx } from '../db/types'
import { send } from '../http'
import { ownerColumns, type StorageAuth, storageAuth } from './auth'
import { type IncomingFile, readUpload } from './body'
import { asUser, mustBucket, type ObjectMetadata, testPermission } from './db'
import { ERRORS } from './errors'
import { checkMimeType, uploadLimit } from './limits'
import { bucketAndKey } from './paths'
import { verifySignedUpload } from './tokens'
import { type Call, headerValue, type StorageCtx } from './types'

/** create: plain upload; upsert: x-upsert: true; update: PUT /object (the object must exist). */
export type WriteMode = 'create' | 'upsert' | 'update'

interface RowValues {
  id: string
  bucket: string
  key: string
  owner?: string
  version: string | null
  metadata: ObjectMetadata | null
  userMetadata: Record<string, unknown> | null
}

/**
 * The statement behind every upload. Insert-only uploads need only an INSERT policy (no RETURNING,
 * which would also demand SELECT); upserts go through ON CONFLICT DO UPDATE, so Postgres asks for
 * SELECT and UPDATE as well — the permissions Supabase documents for each. Returns rows touched.
 */
export async function writeObjectRow(tx: Tx, mode: WriteMode, v: RowValues): Promise<number> {
  const [owner, ownerId] = ownerColumns(v.owner)
  const metadata = v.metadata && JSON.stringify(v.metadata)
  const userMetadata = v.userMetadata && JSON.stringify(v.userMetadata)
  if (mode === 'update') {
    const r = await tx.query(
      `update storage.objects set owner = $3::uuid, owner_id = $4, version = $5, metadata = $6::jsonb,
              user_metadata = $7::jsonb, last_accessed_at = now()
        where bucket_id = $1 and name = $2`,
      [v.bucket, v.key, owner, ownerId, v.version, metadata, userMetadata],
    )
    return r.affectedRows
  }
  const params = [v.id, v.bucket, v.key, owner, ownerId, v.version, metadata, userMetadata]
  const conflict =
    mode === 'upsert'
      ? `on conflict (bucket_id, name) do update set owner = excluded.owner, owner_id = excluded.owner_id,
           version = excluded.version, metadata = excluded.metadata, user_metadata = excluded.user_metadata,
           last_accessed_at = now()`
      : ''
  const r = await tx.query(
    `insert into storage.objects (id, bucket_id, name, owner, owner_id, version, metadata, user_metadata)
     values ($1::uuid, $2, $3, $4::uuid, $5, $6, $7::jsonb, $8::jsonb) ${conflict}`,
    params,
  )
  return r.affectedRows
}

/** The system metadata storage-api keeps for an object (what S3 reports after the upload). */
export function systemMetadata(file: IncomingFile): ObjectMetadata {
  return {
    eTag: `"${createHash('md5').update(file.bytes).digest('hex')}"`,
    size: file.bytes.length,
    mimetype: file.mimeType,
    cacheControl: file.cacheControl,
    lastModified: new Date().toISOString(),
    contentLength: file.bytes.length,
    httpStatusCode: 200,
    ...(file.contentEncoding ? { contentEncoding: file.contentEncoding } : {}),
  }
}

/** storage-api's canUpload: the write as the user, rolled back (a probe row without bytes). */
export async function canUpload(
  s: StorageCtx,
  auth: StorageAuth,
  req: IncomingMessage,
  bucket: string,
  key: string,
  mode: WriteMode,
): Promise<void> {
  await testPermission(s.db, auth, req, async (tx) => {
    const n = await writeObjectRow(tx, mode, {
      id: randomUUID(),
      bucket,
      key,
      owner: auth.owner,
      version: randomUUID(),
      metadata: null,
      userMetadata: null,
    })
    if (n === 0) throw ERRORS.noSuchKey()
  })
}

/**
 * Stores an upload: the row is written first, as `auth` (or as the stack's own role for a signed
 * upload), and the bytes only once that statement succeeded, inside the same transaction. If the
 * transaction fails the new file is removed; once it commits, the replaced version's file goes.
 */
export async function storeUpload(
  s: StorageCtx,
  req: IncomingMessage,
  as: StorageAuth | 'superuser',
  target: { bucket: string; key: string; owner?: string; mode: WriteMode },
  file: IncomingFile,
): Promise<{ id: string }> {
  const { bucket, key, mode } = target
  const previous = await s.db.query<{ version: string | null }>(
    'select version from storage.objects where bucket_id = $1 and name = $2',
    [bucket, key],
  )
  const version = randomUUID()
  const run = async (tx: Tx) => {
    const n = await writeObjectRow(tx, mode, {
      id: randomUUID(),
      bucket,
      key,
      owner: target.owner,
      version,
      metadata: systemMetadata(file),
      userMetadata: file.userMetadata,
    })
    if (n === 0) throw ERRORS.noSuchKey()
    await s.blobs.write(version, file.bytes)
  }
  try {
    if (as === 'superuser') await s.db.transaction(run)
    else await asUser(s.db, as, req, run)
  } catch (e) {
    await s.blobs.remove(version)
    throw e
  }
  const old = previous.rows[0]?.version
  if (old && old !== version) await s.blobs.remove(old)
  const { rows } = await s.db.query<{ id: string }>(
    'select id::text as id from storage.objects where bucket_id = $1 and name = $2',
    [bucket, key],
  )
  return { id: rows[0]?.id ?? '' }
}

/** POST /object/{bucket}/{path} (x-upsert) and PUT /object/{bucket}/{path}. */
export async function uploadObject(s: StorageCtx, c: Call, method: 'POST' | 'PUT'): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { bucket, key } = bucketAndKey(c.rest)
  const mode: WriteMode = method === 'PUT' ? 'update' : headerValue(c.req, 'x-upsert') === 'true' ? 'upsert' : 'create'
  const b = await mustBucket(s.db, bucket)
  await canUpload(s, auth, c.req, bucket, key, mode)
  const file = await readUpload(c.req, uploadLimit(s.cfg, b.fileSizeLimit))
  checkMimeType(file.mimeType, b.allowedMimeTypes)
  const { id } = await storeUpload(s, c.req, auth, { bucket, key, owner: auth.owner, mode }, file)
  send(c.res, 200, { Id: id, Key: `${bucket}/${key}` })
}

/**
 * PUT /object/upload/sign/{bucket}/{path}?token=…: the token (from createSignedUploadUrl, whose
 * caller passed the INSERT check) is the authorisation, so the write runs as the stack itself,
 * with the owner and upsert flag the token carries — as storage-api does.
 */
export async function uploadToSignedUrl(s: StorageCtx, c: Call): Promise<void> {
  const { bucket, key } = bucketAndKey(c.rest)
  const token = await verifySignedUpload(s.cfg.jwtSecret, c.query.get('token'), bucket, key)
  const b = await mustBucket(s.db, bucket)
  const file = await readUpload(c.req, uploadLimit(s.cfg, b.fileSizeLimit))
  checkMimeType(file.mimeType, b.allowedMimeTypes)
  const mode: WriteMode = token.upsert ? 'upsert' : 'create'
  await storeUpload(s, c.req, 'superuser', { bucket, key, owner: token.owner, mode }, file)
  send(c.res, 200, { Key: `${bucket}/${key}` })
}
