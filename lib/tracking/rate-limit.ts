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
 * Where the client's address comes from (docs/production.md §6, "Client addresses"). Every
 * X-Forwarded-For entry left of what our own proxies wrote is whatever the client sent, so only
 * these are trusted:
 *   FLOORLINE_CLIENT_IP_HEADER    a header the platform sets itself, replacing any the client sent
 *                                 (x-real-ip on Vercel — the default when VERCEL is set —,
 *                                 cf-connecting-ip behind Cloudflare, fly-client-ip on Fly.io);
 *   FLOORLINE_TRUSTED_PROXY_HOPS  otherwise, how many reverse proxies in front of `next start` append
 *                                 to X-Forwarded-For (nginx, Caddy, a load balancer): the client is the
 *                                 entry that many from the right. 0 (default): no proxy — the
 *                                 address `next start` took from the socket, which it writes into
 *                                 X-Forwarded-For (rightmost) when the request has none.
 */
export interface ClientIpPolicy {
  header: string | null
  hops: number
}

export function clientIpPolicy(env: Record<string, string | undefined> = process.env): ClientIpPolicy {
  const header = env.FLOORLINE_CLIENT_IP_HEADER?.trim().toLowerCase() || (env.VERCEL ? 'x-real-ip' : null)
  const raw = env.FLOORLINE_TRUSTED_PROXY_HOPS?.trim()
  const hops = raw ? Number(raw) : 0
  if (!Number.isInteger(hops) || hops < 0 || hops > 20) {
    throw new Error(`FLOORLINE_TRUSTED_PROXY_HOPS must be a whole number from 0 to 20, not "${raw}"`)
  }
  return { header, hops }
}

/** The client's address as the policy trusts it (IPv6 grouped by /64: one host holds a whole /64). */
export function clientIp(headers: Headers, policy: ClientIpPolicy): string {
  if (policy.header) {
    // the platform replaced the header; the rightmost entry is its own even if it appended
    return normalise(entries(headers.get(policy.header)).at(-1)) ?? 'unknown'
  }
  const forwarded = entries(headers.get('x-forwarded-for'))
  if (!forwarded.length) return 'unknown'
  // fewer entries than proxies: one of them did not append; the leftmost is the farthest we know
  const at = Math.max(0, forwarded.length - Math.max(1, policy.hops))
  return normalise(forwarded[at]) ?? 'unknown'
}

const entries = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)

/** 203.0.113.9:5123 → 203.0.113.9, [2001:db8::1]:443 and ::ffff:… handled; junk → null. */
export function normalise(entry: string | undefined): string | null {
  if (!entry) return null
  let e = entry.replace(/^"|"$/g, '')
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(e)
  if (v4port) e = v4port[1]
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(e)
  if (bracketed) e = bracketed[1]
  e = e.toLowerCase().replace(/^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/, '$1')
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(e)) return e
  if (/^[0-9a-f:]+$/.test(e) && e.includes(':')) return ipv6Prefix(e)
  return null
}

function ipv6Prefix(address: string): string | null {
  const [head, tail, ...rest] = address.split('::')
  if (rest.length) return null
  const left = head ? head.split(':') : []
  const right = tail !== undefined && tail ? tail.split(':') : []
  const missing = 8 - left.length - right.length
  if (tail === undefined ? missing !== 0 : missing < 1) return null
  const groups = [...left, ...Array(tail === undefined ? 0 : missing).fill('0'), ...right]
  if (groups.length !== 8 || groups.some((g) => g.length > 4)) return null
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
