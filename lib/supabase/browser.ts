'use client'
import { createBrowserClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import type { SupabaseClient } from '@supabase/supabase-js'
import { sessionStorageKey, supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { sessionCookieOptions, withSessionPolicy } from './cookie-options'

let client: SupabaseClient<Database> | undefined

/**
 * The browser's Supabase client: one per tab, sharing the session cookie that the server
 * clients read, so a sign-in here is seen by Server Components on the next request.
 *
 * The cookie is written here with the same options as on the server (docs/security-cookies.md):
 * Secure exactly when the page is served over HTTPS (a browser refuses Secure cookies from an http
 * page, and an https page must never write one without), SameSite=Lax, 7 days. Never HttpOnly: this
 * client reads the session from it. The cookie methods are ours because @supabase/ssr would write
 * its own 400-day Max-Age.
 */
export function createClient(): SupabaseClient<Database> {
  if (client) return client
  const secure = typeof location !== 'undefined' && location.protocol === 'https:'
  client = createBrowserClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    // the URL may be the page's host (lib/env.ts); the cookie keeps the name the server clients use
    cookieOptions: { ...sessionCookieOptions(secure), name: sessionStorageKey() },
    cookies: {
      getAll: () =>
        typeof document === 'undefined'
          ? []
          : parseCookieHeader(document.cookie).map((c) => ({ name: c.name, value: c.value ?? '' })),
      setAll(toSet) {
        if (typeof document === 'undefined') return
        for (const { name, value, options } of toSet) {
          // biome-ignore lint/suspicious/noDocumentCookie: the session cookie is written by script by design
          document.cookie = serializeCookieHeader(name, value, withSessionPolicy(options, secure))
        }
      },
    },
  })
  return client
}
