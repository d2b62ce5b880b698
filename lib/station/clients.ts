import { createServerClient } from '@supabase/ssr'
import { createClient as createPlainClient, type SupabaseClient } from '@supabase/supabase-js'
import { cookies, headers } from 'next/headers'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { secureFor, sessionCookieOptions, withSessionPolicy } from '@/lib/supabase/cookie-options'
import type { Database } from '@/types/database'
import { FLOOR_SESSION_MAX_AGE_SECONDS } from './cookies'

// Station clients differ from lib/supabase/server.ts in one way: every request carries the
// tablet's `x-device-id`, which the database records on attempts, sessions and the audit log.

const realtime = { transport: WebSocket as never }

/** The tablet between PIN-ins: anon, no session, proving itself with the station secret. */
export function tabletClient(deviceId: string | undefined): SupabaseClient<Database> {
  return createPlainClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    global: { headers: deviceId ? { 'x-device-id': deviceId } : {} },
    realtime,
  })
}

/** The tablet's cookie session (the operator after PIN-in), like lib/supabase/server.ts plus the device id. */
export async function sessionClient(deviceId: string | undefined): Promise<SupabaseClient<Database>> {
  const store = await cookies()
  const secure = secureFor(await headers())
  return createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookieOptions: sessionCookieOptions(secure),
    cookies: {
      getAll: () => store.getAll(),
      setAll(toSet) {
        try {
          for (const { name, value, options } of toSet)
            store.set(name, value, withSessionPolicy(options, secure, FLOOR_SESSION_MAX_AGE_SECONDS))
        } catch {
          // rendering a Server Component: proxy.ts refreshes sessions
        }
      },
    },
    global: { headers: deviceId ? { 'x-device-id': deviceId } : {} },
    realtime,
  })
}
