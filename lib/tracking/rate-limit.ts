/**
 * A small in-memory rate limiter for the public tracking page: a token bucket per client IP.
 * Per process (one `next start`, or one serverless instance): enough to stop someone walking
 * token space from one address; a fleet would put this in the edge or a shared store.
 */
export interface Limiter {
  /** Takes one token for `key`; false when the bucket is empty. */
  take(key: string, now?: number): { allowed: boolean; retryAfterSeconds: number }
}

export function createLimiter({
  capacity,
  refillPerSecond,
  maxKeys = 10_000,
}: {
  capacity: number
  refillPerSecond: number
  maxKeys?: number
}): Limiter {
  const buckets = new Map<string, { tokens: number; at: number }>()
  return {
    take(key, now = Date.now()) {
      let b = buckets.get(key)
      if (b) {
        b.tokens = Math.min(capacity, b.tokens + ((now - b.at) / 1000) * refillPerSecond)
        b.at = now
        buckets.delete(key) // re-insert: the Map's order is least recently used first
      } else {
        b = { tokens: capacity, at: now }
      }
      buckets.set(key, b)
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value as string)
      if (b.tokens >= 1) {
        b.tokens -= 1
        return { allowed: true, retryAfterSeconds: 0 }
      }
      // the epsilon keeps float error (0.6666… tokens) from adding a whole second
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / refillPerSecond - 1e-9)) }
    },
  }
}

/**
 * The client's address: the first X-Forwarded-For entry (set by the platform's proxy; `next start`
 * fills it from the socket when absent), else X-Real-IP.
 */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown'
}
