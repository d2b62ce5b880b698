import { send } from '../http'
import { signToken, storageAuth } from './auth'
import { optionalInt, readJsonBody } from './body'
import { asUser, findObject, mustBucket } from './db'
import { ERRORS } from './errors'
import { SIGNED_UPLOAD_EXPIRY_SECONDS } from './limits'
import { bucketAndKey, decodePath, validBucket } from './paths'
import { serveObject } from './read'
import { DOWNLOAD, UPLOAD, verifySigned } from './tokens'
import { type Call, headerValue, type StorageCtx } from './types'
import { canUpload } from './upload'

function expiresIn(body: Record<string, unknown>): number {
  const v = optionalInt(body, 'expiresIn', 1)
  if (v === undefined) throw ERRORS.badRequest("body must have required property 'expiresIn'")
  return v
}

function rejectTransform(body: Record<string, unknown>): void {
  const t = body.transform
  if (t && typeof t === 'object' && Object.keys(t).length > 0) {
    throw ERRORS.notImplemented('Image transformation (signed URLs with `transform`)')
  }
}

/** POST /object/sign/{bucket}/{path} {expiresIn} → {signedURL}: the caller must be able to SELECT it. */
export async function signUrl(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { bucket, key } = bucketAndKey(c.rest)
  const body = await readJsonBody(c.req)
  const seconds = expiresIn(body)
  rejectTransform(body)
  if (body.versionId != null) throw ERRORS.notImplemented('Object versioning (versionId)')
  const row = await asUser(s.db, auth, c.req, (tx) => findObject(tx, bucket, key))
  if (!row) throw ERRORS.noSuchKey()
  const url = `${bucket}/${key}`
  const token = await signToken({ url, scope: DOWNLOAD }, s.cfg.jwtSecret, seconds)
  send(c.res, 200, { signedURL: `/object/sign/${url}?token=${token}` })
}

/** POST /object/sign/{bucket} {expiresIn, paths} → [{error, path, signedURL}] for what the caller can see. */
export async function signUrls(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const bucket = validBucket(decodePath(c.rest))
  const body = await readJsonBody(c.req)
  const seconds = expiresIn(body)
  const paths = body.paths
  if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string')) {
    throw ERRORS.badRequest("body must have required property 'paths' (an array of strings)")
  }
  const visible = await asUser(s.db, auth, c.req, (tx) =>
    tx.query<{ name: string }>('select name from storage.objects where bucket_id = $1 and name = any($2::text[])', [
      bucket,
      paths,
    ]),
  )
  const names = new Set(visible.rows.map((r) => r.name))
  const out = []
  for (const path of paths as string[]) {
    if (!names.has(path)) {
      out.push({ error: 'Either the object does not exist or you do not have access to it', path, signedURL: null })
      continue
    }
    const url = `${bucket}/${path}`
    const token = await signToken({ url, scope: DOWNLOAD }, s.cfg.jwtSecret, seconds)
    out.push({ error: null, path, signedURL: `/object/sign/${url}?token=${token}` })
  }
  send(c.res, 200, out)
}

/** GET/HEAD /object/sign/{bucket}/{path}?token=…: no JWT needed, the token is the permission. */
export async function getSigned(s: StorageCtx, c: Call, head: boolean): Promise<void> {
  const { bucket, key } = bucketAndKey(c.rest)
  const claims = await verifySigned(s.cfg.jwtSecret, c.query.get('token'), DOWNLOAD, `${bucket}/${key}`)
  const row = await findObject(s.db, bucket, key)
  if (!row) throw ERRORS.noSuchKey()
  const expires = typeof claims.exp === 'number' ? new Date(claims.exp * 1000).toUTCString() : undefined
  await serveObject(s, c, row, { head, expires })
}

/**
 * POST /object/upload/sign/{bucket}/{path} (x-upsert) → {url, token}: the caller must pass the
 * INSERT (or upsert) check now; whoever holds the URL may then upload once within two hours.
 */
export async function createSignedUpload(s: StorageCtx, c: Call): Promise<void> {
  const auth = await storageAuth(c.req, s.cfg.jwtSecret)
  const { bucket, key } = bucketAndKey(c.rest)
  const upsert = headerValue(c.req, 'x-upsert') === 'true'
  await mustBucket(s.db, bucket)
  await canUpload(s, auth, c.req, bucket, key, upsert ? 'upsert' : 'create')
  const url = `${bucket}/${key}`
  const token = await signToken(
    { owner: auth.owner, url, upsert, scope: UPLOAD },
    s.cfg.jwtSecret,
    SIGNED_UPLOAD_EXPIRY_SECONDS,
  )
  send(c.res, 200, { url: `/object/upload/sign/${url}?token=${token}`, token })
}
