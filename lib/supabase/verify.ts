import { GoTrueClient, isAuthRetryableFetchError, type JwtPayload } from '@supabase/supabase-js'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'

export type Verified = { ok: true; claims: JwtPayload } | { ok: false; unavailable: boolean; message: string }

// One auth-only client per project URL: it holds nothing of any caller (no session, no storage
// of its own), only auth-js's JWKS cache, which it shares with every client of the process.
const verifiers = new Map<string, GoTrueClient>()

function verifier(): GoTrueClient {
  const url = supabaseUrl()
  let client = verifiers.get(url)
  if (!client) {
    const key = supabaseAnonKey()
    client = new GoTrueClient({
      url: `${url}/auth/v1`,
      headers: { apikey: key, authorization: `Bearer ${key}` },
      persistSession: false,
      autoRefreshToken: false,
      detectSessionInUrl: false,
    })
    verifiers.set(url, client)
  }
  return client
}

/**
 * Verifies an access token as Supabase Auth's getClaims() does: signature against the project's
 * JWKS (fetched once, cached for 10 minutes), expiry — no call to Auth for the ES256 tokens it
 * issues (a legacy HS256 token falls back to GET /user). `unavailable`: Auth could not be reached
 * for the keys (a 503, not a sign-in problem).
 */
export async function verifyAccessToken(token: string): Promise<Verified> {
  const known = verifiedTokens.get(token)
  if (known && known.exp > Date.now() / 1000) return { ok: true, claims: known.claims }
  const { data, error } = await verifier().getClaims(token)
  if (data?.claims) {
    remember(token, data.claims)
    return { ok: true, claims: data.claims }
  }
  return { ok: false, unavailable: isAuthRetryableFetchError(error), message: error?.message ?? 'no claims' }
}

/**
 * Tokens already verified, until they expire: a tablet sends the same access token with every
 * request for up to an hour, and the exact string (signature included) verified once verifies
 * again. Bounded; the oldest entries go first. Expiry is checked on every hit, so a cached token
 * is never accepted past its `exp` (a signed-out session's token stays valid until then, as it
 * does for getClaims() and PostgREST — Supabase access tokens are not revocable).
 */
const verifiedTokens = new Map<string, { exp: number; claims: JwtPayload }>()
const MAX_VERIFIED = 5000

function remember(token: string, claims: JwtPayload) {
  if (typeof claims.exp !== 'number') return
  if (verifiedTokens.size >= MAX_VERIFIED) {
    const oldest = verifiedTokens.keys().next().value
    if (oldest !== undefined) verifiedTokens.delete(oldest)
  }
  verifiedTokens.set(token, { exp: claims.exp, claims })
}
