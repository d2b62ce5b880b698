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
  const { data, error } = await verifier().getClaims(token)
  if (data?.claims) return { ok: true, claims: data.claims }
  return { ok: false, unavailable: isAuthRetryableFetchError(error), message: error?.message ?? 'no claims' }
}
