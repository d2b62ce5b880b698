import type { IncomingMessage } from 'node:http'
import { header } from '../http'
import { AuthError } from './errors'
import type { AuthSettings } from './settings'

/**
 * GoTrue's per-IP limits (internal/api/options.go NewLimiterOptions): one token bucket per
 * endpoint group and client key, refilled at `limit / period` and holding at most `burst` requests
 * (tollbooth over x/time/rate). So an idle client may burst 30, then gets `limit` per period.
 *
 * | bucket  | endpoints                               | config.toml [auth.rate_limit] | period | burst |
 * |---------|-----------------------------------------|-------------------------------|--------|-------|
 * | token   | POST /token (password, refresh_token)   | token_refresh                 | 5 min  | 30    |
 * | verify  | GET/POST /verify                        | token_verifications           | 5 min  | 30    |
 * | signup  | POST /signup with an email or phone     | sign_in_sign_ups              | 5 min  | 30    |
 * | user    | PUT /user                               | sign_in_sign_ups              | 5 min  | 30    |
 *
 * Password sign-in counts against token_refresh, not sign_in_sign_ups: that is what GoTrue's
 * Token handler does (the dashboard's wording notwithstanding).
 */
export type Bucket = 'token' | 'verify' | 'signup' | 'user'

const PERIOD_S = 300
const BURST = 30

function limitOf(s: AuthSettings, bucket: Bucket): number | undefined {
  const r = s.rateLimit
  if (!r) return undefined
  if (bucket === 'token') return r.tokenRefresh
  if (bucket === 'verify') return r.tokenVerifications
  return r.signInSignUps
}

interface State {
  tokens: number
  at: number
}

export class RateLimiter {
  private readonly buckets = new Map<string, State>()
  constructor(private readonly now: () => number = Date.now) {}

  /** Takes one request from the bucket; false when it is empty. */
  take(key: string, perSecond: number, burst: number): boolean {
    const t = this.now()
    const s = this.buckets.get(key) ?? { tokens: burst, at: t }
    s.tokens = Math.min(burst, s.tokens + ((t - s.at) / 1000) * perSecond)
    s.at = t
    const allowed = s.tokens >= 1
    if (allowed) s.tokens -= 1
    this.buckets.set(key, s)
    if (this.buckets.size > 10_000) this.prune(t)
    return allowed
  }

  /** Buckets that would be full again are forgotten (GoTrue's limiters expire entries after an hour). */
  private prune(t: number) {
    for (const [k, s] of this.buckets) if (t - s.at > 3_600_000) this.buckets.delete(k)
  }
}

/**
 * GoTrue's rateLimitKey: the configured header's value when a trusted proxy sets one, else the
 * socket address. X-Forwarded-For is not trusted by default: nothing stands in front of the local
 * stack, so any client could write it and pick a fresh bucket per request.
 */
export function rateLimitKey(req: IncomingMessage, s: AuthSettings): string {
  if (s.rateLimitHeader) {
    const v = header(req, s.rateLimitHeader)?.split(',')[0].trim()
    if (v) return v
  }
  return req.socket.remoteAddress ?? ''
}

/** GoTrue's performRateLimiting: 429 over_request_rate_limit, no Retry-After (GoTrue sends none). */
export function enforceRateLimit(req: IncomingMessage, s: AuthSettings, limiter: RateLimiter, bucket: Bucket): void {
  const limit = limitOf(s, bucket)
  if (limit === undefined) return
  if (!limiter.take(`${bucket}:${rateLimitKey(req, s)}`, limit / PERIOD_S, BURST)) {
    throw new AuthError(429, 'over_request_rate_limit', 'Request rate limit reached')
  }
}
