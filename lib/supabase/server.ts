import { createServerClient } from '@supabase/ssr'
import { cookies, headers } from 'next/headers'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { SESSION_MAX_AGE_SECONDS, secureFor, sessionCookieOptions, withSessionPolicy } from './cookie-options'

export interface ServerClientOptions {
  /** The station tablet's id, sent as `x-device-id` (recorded on attempts, sessions, the audit log). */
  deviceId?: string
  /** Max-Age of the session cookie it writes (a PINed-in tablet's is a shift, lib/station/cookies.ts). */
  maxAge?: number
}

/**
 * A Supabase client for Server Components, Server Actions and Route Handlers, acting as the
 * signed-in user (their session cookie) so Postgres RLS decides what they see. Create one per
 * request. Read identity with `supabase.auth.getClaims()` (or lib/orgs/queries.ts currentClaims()),
 * never `getSession()`.
 */
export async function createClient(opts: ServerClientOptions = {}) {
  const cookieStore = await cookies()
  // Secure when this request came over HTTPS (lib/supabase/cookie-options.ts, docs/security-cookies.md)
  const secure = secureFor(await headers())
  const maxAge = opts.maxAge ?? SESSION_MAX_AGE_SECONDS
  return createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookieOptions: { ...sessionCookieOptions(secure), maxAge },
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll(toSet) {
        try {
          for (const { name, value, options } of toSet) {
            cookieStore.set(name, value, withSessionPolicy(options, secure, maxAge))
          }
        } catch {
          // Server Components cannot set cookies; proxy.ts refreshes the session before render.
        }
      },
    },
    global: { headers: opts.deviceId ? { 'x-device-id': opts.deviceId } : {} },
    // Node 20 has no global WebSocket and supabase-js builds its realtime client eagerly.
    realtime: { transport: WebSocket as never },
  })
}

export type ServerClient = Awaited<ReturnType<typeof createClient>>
