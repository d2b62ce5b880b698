/**
 * An idempotency key for one attempt of a write (the RPCs' p_client_id, the floor API's
 * Idempotency-Key): a retry of the same attempt reuses it and gets the first answer back.
 * crypto.randomUUID exists only in secure contexts, and a tablet on the workshop LAN is often on
 * plain http: there a version-4 uuid is built from crypto.getRandomValues (available everywhere).
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  return uuidFromBytes(crypto.getRandomValues(new Uint8Array(16)))
}

/** 16 random bytes → a version-4, RFC 4122 variant uuid. */
export function uuidFromBytes(bytes: Uint8Array): string {
  const b = Uint8Array.from(bytes)
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
