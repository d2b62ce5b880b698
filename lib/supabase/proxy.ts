import { createServerClient } from '@supabase/ssr'
import { type NextRequest, NextResponse } from 'next/server'
import WebSocket from 'ws'
import { sessionStorageKey, supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { secureFor, sessionCookieOptions, withSessionPolicy } from './cookie-options'
import { REFRESH_MARGIN_SECONDS, sessionExpiresAt } from './session-expiry'

/**
 * Refreshes the Supabase session before a page renders (root proxy.ts calls it for every request
 * it matches). Server Components cannot write cookies, so an access token near its expiry is
 * rotated here and the new cookies go both to the page being rendered (request) and to the
 * browser (response).
 *
 * Only when needed: a token with more than REFRESH_MARGIN_SECONDS left passes untouched — no
 * client, no call — because identity is verified where it is used (getClaims() in pages and
 * actions, locally against the cached JWKS; PostgREST on every query). API routes are skipped
 * altogether: lib/route.ts refreshes and verifies the caller itself and writes the cookie back
 * on its answer, so no request is refreshed twice.
 */
export async function updateSession(request: NextRequest): Promise<NextResponse> {
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next({ request })
  const expiresAt = await sessionExpiresAt(sessionStorageKey(), (name) => request.cookies.get(name)?.value)
  if (expiresAt === null) return NextResponse.next({ request })
  if (expiresAt !== undefined && expiresAt - Date.now() / 1000 >= REFRESH_MARGIN_SECONDS) {
    return NextResponse.next({ request })
  }

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
  // Nothing may run between creating the client and these calls, or a refreshed session can be
  // lost. getSession() refreshes by itself inside auth-js's 90 s margin (or clears a cookie it
  // cannot use); between that and REFRESH_MARGIN_SECONDS the rotation is asked for here, so a
  // Server Component never has to start one mid-render. At most one refresh either way.
  const { data } = await supabase.auth.getSession()
  const left = data.session?.expires_at
  if (left !== undefined && left - Date.now() / 1000 < REFRESH_MARGIN_SECONDS) await supabase.auth.refreshSession()
  return response
}
