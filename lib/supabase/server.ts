import { createServerClient } from '@supabase/ssr'
import { cookies, headers } from 'next/headers'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { secureFor, sessionCookieOptions, withSessionPolicy } from './cookie-options'

/**
 * A Supabase client for Server Components, Server Actions and Route Handlers, acting as the
 * signed-in user (their session cookie) so Postgres RLS decides what they see. Create one per
 * request. Read identity with `supabase.auth.getClaims()`, never `getSession()`.
 */
export async function createClient() {
  const cookieStore = await cookies()
  // Secure when this request came over HTTPS (lib/supabase/cookie-options.ts, docs/security-cookies.md)
  const secure = secureFor(await headers())
  return createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookieOptions: sessionCookieOptions(secure),
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(toSet) {
        try {
          for (const { name, value, options } of toSet) cookieStore.set(name, value, withSessionPolicy(options, secure))
        } catch {
          // Server Components cannot set cookies; proxy.ts refreshes the session before render.
        }
      },
    },
    // Node 20 has no global WebSocket and supabase-js builds its realtime client eagerly.
    realtime: { transport: WebSocket as never },
  })
}

/** The verified JWT claims of the caller, or null when signed out. */
export async function getClaims() {
  const supabase = await createClient()
  const { data, error } = await supabase.auth.getClaims()
  if (error || !data) return null
  return data.claims
}
