import { createServerClient } from '@supabase/ssr'
import { cookies } from 'next/headers'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'

/**
 * A Supabase client for Server Components, Server Actions and Route Handlers, acting as the
 * signed-in user (their session cookie) so Postgres RLS decides what they see. Create one per
 * request. Read identity with `supabase.auth.getClaims()`, never `getSession()`.
 */
export async function createClient() {
  const cookieStore = await cookies()
  return createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(toSet) {
        try {
          for (const { name, value, options } of toSet) cookieStore.set(name, value, options)
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
