import { randomUUID } from 'node:crypto'
import { send } from '../http'
import { ownerColumns, storageAuth } from './auth'
import { optionalString, parseJsonObject, readJsonBody, requireString } from './body'
import { asUser, mustBucket, mustObject, OBJECT_ROW_JSON } from './db'
import { ERRORS } from './errors'
import { bucketAndKey, decodePath, validBucket, validKey } from './paths'
import { type Call, headerValue, type StorageCtx } from './types'
import { writeObjectRow } from './upload'

/** {bucketId, sourceKey, destinationKey, destinationBucket?} of move and copy, validated. */
async function transferBody(c: Call) {
  const body = await readJsonBody(c.req)
  if (body.sourceVersionId != null) throw ERRORS.notImplemented('Object versioning (sourceVersionId)')
  const bucket = validBucket(requireString(body, 'bucketId'))
  return {
    body,
    bucket,
    source: validKey(requireString(body, 'sourceKey')),
    destBucket: validBucket(optionalString(body, 'destinationBucket') ?? bucket),
    dest: validKey(requireString(body, 'destinationKey')),
  }
}

/**
 * POST /object/move: the row is renamed in place as the caller (SELECT + UPDATE, the update's
 * WITH CHECK seeing the new name — what Supabase documents for move). Bytes are stored by version,
 * so nothing moves on disk. The mover becomes the owner, as in storage-api.
 */
export async function moveObject(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { bucket, source, destBucket, dest } = await transferBody(c)
  await mustBucket(s.db, destBucket)
  const [owner, ownerId] = ownerColumns(auth.owner)
  const id = await asUser(s.db, auth, c.req, async (tx) => {
    const row = await mustObject(tx, bucket, source)
    if (bucket === destBucket && source === dest) return row.id
    const r = await tx.query(
      `update storage.objects set bucket_id = $3, name = $4, owner = $5::uuid, owner_id = $6
        where bucket_id = $1 and name = $2`,
      [bucket, source, destBucket, dest, owner, ownerId],
    )
    if (r.affectedRows === 0) throw ERRORS.noSuchKey()
    return row.id
  })
  send(c.res, 200, { message: 'Successfully moved', Id: id, Key: dest })
}

/**
 * POST /object/copy (x-upsert): reading the source needs SELECT, the new row INSERT (plus SELECT and
 * UPDATE when it upserts over an existing one). The bytes are copied inside the transaction.
 */
export async function copyObject(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { body, bucket, source, destBucket, dest } = await transferBody(c)
  await mustBucket(s.db, destBucket)
  const upsert = headerValue(c.req, 'x-upsert') === 'true'
  const previous = await s.db.query<{ version: string | null }>(
    'select version from storage.objects where bucket_id = $1 and name = $2',
    [destBucket, dest],
  )
  const version = randomUUID()
  let replaced: string | null | undefined
  try {
    await asUser(s.db, auth, c.req, async (tx) => {
      const src = await mustObject(tx, bucket, source)
      if (bucket === destBucket && source === dest) return
      const override =
        body.metadata && typeof body.metadata === 'object' ? (body.metadata as Record<string, unknown>) : {}
      const keep = body.copyMetadata !== false
      const metadata = src.metadata && {
        ...src.metadata,
        ...(keep ? {} : pick(override, ['cacheControl', 'mimetype'])),
        lastModified: new Date().toISOString(),
      }
      const xMeta = headerValue(c.req, 'x-metadata')
      const userMetadata = keep
        ? src.user_metadata
        : xMeta
          ? parseJsonObject(Buffer.from(xMeta, 'base64').toString('utf8'))
          : null
      await writeObjectRow(tx, upsert ? 'upsert' : 'create', {
        id: randomUUID(),
        bucket: destBucket,
        key: dest,
        owner: auth.owner,
        version,
        metadata,
        userMetadata,
      })
      if (!src.version) throw ERRORS.noSuchKey()
      await s.blobs.copy(src.version, version).catch(() => {
        throw ERRORS.noSuchKey()
      })
      replaced = previous.rows[0]?.version
    })
  } catch (e) {
    await s.blobs.remove(version)
    throw e
  }
  if (replaced && replaced !== version) await s.blobs.remove(replaced)
  const { rows } = await s.db.query<{ j: string }>(
    `select ${OBJECT_ROW_JSON}::text as j from storage.objects o where bucket_id = $1 and name = $2`,
    [destBucket, dest],
  )
  const row = rows.length ? (JSON.parse(rows[0].j) as Record<string, unknown>) : {}
  send(c.res, 200, { Id: row.id, Key: `${destBucket}/${dest}`, ...row })
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => typeof o[k] === 'string').map((k) => [k, o[k]]))
}

/** DELETE /object/{bucket} {prefixes}: deletes what the caller may SELECT and DELETE; answers the rows. */
export async function removeObjects(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const bucket = validBucket(decodePath(c.rest))
  const body = await readJsonBody(c.req)
  const prefixes = body.prefixes
  if (!Array.isArray(prefixes) || prefixes.length === 0 || prefixes.some((p) => typeof p !== 'string')) {
    throw ERRORS.badRequest('body/prefixes must be a non-empty array of strings')
  }
  const deleted = await asUser(s.db, auth, c.req, (tx) =>
    tx.query<{ j: string; version: string | null }>(
      `delete from storage.objects o where bucket_id = $1 and name = any($2::text[])
       returning ${OBJECT_ROW_JSON}::text as j, version`,
      [bucket, prefixes],
    ),
  )
  await s.blobs.remove(...deleted.rows.map((r) => r.version))
  send(c.res, 200, `[${deleted.rows.map((r) => r.j).join(',')}]`, { 'content-type': 'application/json; charset=utf-8' })
}

/** DELETE /object/{bucket}/{path} (storage-api's deleteObject). */
export async function deleteObject(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { bucket, key } = bucketAndKey(c.rest)
  const version = await asUser(s.db, auth, c.req, async (tx) => {
    await mustObject(tx, bucket, key)
    const r = await tx.query<{ version: string | null }>(
      'delete from storage.objects where bucket_id = $1 and name = $2 returning version',
      [bucket, key],
    )
    if (r.rows.length === 0) throw ERRORS.noSuchKey()
    return r.rows[0].version
  })
  await s.blobs.remove(version)
  send(c.res, 200, { message: 'Successfully deleted' })
}
