import { createServerClient } from '@supabase/ssr'
import { type NextRequest, NextResponse } from 'next/server'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { secureFor, sessionCookieOptions, withSessionPolicy } from './cookie-options'

/**
 * Refreshes the Supabase session before a page renders (root proxy.ts calls it on every page
 * request). Server Components cannot write cookies, so an expiring access token is rotated here
 * and the new cookies go both to the page being rendered (request) and to the browser (response).
 */
export async function updateSession(request: NextRequest): Promise<NextResponse> {
  let response = NextResponse.next({ request })
  // Secure when this request came over HTTPS; Max-Age re-set on each refresh (docs/security-cookies.md)
  const secure = secureFor(request.headers, request.nextUrl.href)
  const supabase = createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookieOptions: sessionCookieOptions(secure),
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll(toSet, headers) {
        for (const { name, value } of toSet) request.cookies.set(name, value)
        response = NextResponse.next({ request })
        for (const { name, value, options } of toSet) {
          response.cookies.set(name, value, withSessionPolicy(options, secure))
        }
        // no-store headers: a response that sets a session cookie must never be cached and replayed
        for (const [key, value] of Object.entries(headers ?? {})) response.headers.set(key, value)
      },
    },
    realtime: { transport: WebSocket as never },
  })
  // getClaims() validates the token and refreshes it when expired; nothing may run between
  // creating the client and this call, or a refreshed session can be lost.
  await supabase.auth.getClaims()
  return response
}
