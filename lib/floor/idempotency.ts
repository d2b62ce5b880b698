import { createHash } from 'node:crypto'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The RPCs take their idempotency key as `p_client_id uuid`. A request names it in the
 * `Idempotency-Key` header or a `client_id` field. A uuid key is used as it is (the tablet's outbox
 * makes uuids, so an offline replay through /sync and an online retry meet on the same row). Any
 * other key (1–255 printable characters, as the IETF draft allows) is hashed with the caller's token
 * subject into a uuid, so two people choosing the same key never collide.
 */
export function clientIdFrom(key: string | null | undefined, scope: string): string | undefined | { error: string } {
  if (key == null || key === '') return undefined
  const k = key.trim()
  if (UUID.test(k)) return k.toLowerCase()
  if (k.length > 255 || !/^[\x21-\x7e]+$/.test(k)) {
    return { error: 'Idempotency-Key is a uuid or 1–255 printable ASCII characters' }
  }
  const h = createHash('sha256').update(`${scope}\0${k}`).digest('hex')
  // shaped as a version-8 (custom) uuid
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((Number.parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** The subject of a JWT without verifying it (PostgREST verifies it on every call): only scopes keys. */
export function unverifiedSubject(token: string | undefined): string {
  if (!token) return 'anonymous'
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      sub?: unknown
    }
    return typeof payload.sub === 'string' ? payload.sub : 'anonymous'
  } catch {
    return 'anonymous'
  }
}
