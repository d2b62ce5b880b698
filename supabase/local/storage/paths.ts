import { ERRORS } from './errors'

/**
 * Bucket ids as storage-api accepts them (limits.ts isValidBucketName, mirrored in storage-js):
 * S3-safe characters, 1–100 long, no slashes, no surrounding spaces.
 */
export function validBucket(id: unknown): string {
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > 100 ||
    id.trim() !== id ||
    !/^[\w!.*'() &$@=;:+,?-]+$/.test(id) ||
    id === '.' ||
    id === '..'
  ) {
    throw ERRORS.invalidBucketName()
  }
  return id
}

/**
 * Object names: storage-api takes any S3 key; this stack also refuses what could ever be read as a
 * file-system path — `.`/`..` segments, empty segments, a leading slash, backslashes and control
 * characters (NUL included) — with storage-api's InvalidKey. Names never reach the file system here
 * (bytes are stored by version id), so this is defence in depth and keeps keys portable to S3.
 */
export function validKey(key: unknown): string {
  if (typeof key !== 'string') throw ERRORS.badRequest('object name must be a string')
  const bad =
    key.length === 0 ||
    Buffer.byteLength(key) > 1024 ||
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
    /[\u0000-\u001f\u007f\\]/.test(key) ||
    key.split('/').some((s) => s === '' || s === '.' || s === '..')
  if (bad) throw ERRORS.invalidKey(key)
  return key
}

/** Percent-decodes a path piece; malformed escapes are a 400, not a crash. */
export function decodePath(raw: string): string {
  try {
    return decodeURIComponent(raw)
  } catch {
    throw ERRORS.badRequest(`malformed percent-encoding in ${raw}`)
  }
}

/** `bucket/some/key` (still percent-encoded, as the client sent it) → validated bucket and key. */
export function bucketAndKey(rest: string): { bucket: string; key: string } {
  const slash = rest.indexOf('/')
  if (slash <= 0) throw ERRORS.badRequest('expected /<bucket>/<object path>')
  const bucket = validBucket(decodePath(rest.slice(0, slash)))
  const key = validKey(decodePath(rest.slice(slash + 1)))
  return { bucket, key }
}
