/**
 * An idempotency key for one attempt of a write (the RPCs' p_client_id): a retry of the same
 * attempt reuses it and gets the first answer back. crypto.randomUUID exists only in secure
 * contexts, and a tablet on the workshop LAN may be on plain http.
 */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
