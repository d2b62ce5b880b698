import { createServerClient, parseCookieHeader, serializeCookieHeader } from '@supabase/ssr'
import { createClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import type { Database } from '@/types/database'
import { secureFor, withSessionPolicy } from './cookie-options'
import type { AppClient } from './types'

const realtime = { transport: WebSocket as never }

export interface RequestCaller {
  supabase: AppClient
  /** The Bearer token, when the request brought one. */
  token?: string
  /** The caller is the session cookie (its access token may need a refresh: getSession()). */
  cookie: boolean
}

/**
 * A client acting as the caller of a route handler (lib/route.ts), from the request itself: an
 * `Authorization: Bearer <access token>` or the Supabase session cookie; null when the request
 * carries neither. A refreshed session goes back with the answer through `setCookies`, under the
 * session cookie policy. `deviceId` goes out as `x-device-id`.
 */
export function createRequestClient(
  request: Request,
  opts: { deviceId?: string; setCookies: string[] },
): RequestCaller | null {
  const headers: Record<string, string> = opts.deviceId ? { 'x-device-id': opts.deviceId } : {}
  const auth = request.headers.get('authorization')
  const bearer = auth ? /^Bearer\s+(\S+)$/i.exec(auth)?.[1] : undefined
  if (bearer) {
    const supabase = createClient<Database>(supabaseUrl(), supabaseAnonKey(), {
      accessToken: async () => bearer,
      global: { headers },
      realtime,
    })
    return { supabase, token: bearer, cookie: false }
  }
  const cookies = parseCookieHeader(request.headers.get('cookie') ?? '')
  if (!cookies.some((c) => c.name.startsWith('sb-') && c.name.includes('-auth-token'))) return null
  const supabase = createServerClient<Database>(supabaseUrl(), supabaseAnonKey(), {
    cookies: {
      getAll: () => cookies.map((c) => ({ name: c.name, value: c.value ?? '' })),
      setAll(toSet) {
        const secure = secureFor(request.headers, request.url)
        for (const { name, value, options } of toSet) {
          opts.setCookies.push(serializeCookieHeader(name, value, withSessionPolicy(options, secure)))
        }
      },
    },
    global: { headers },
    realtime,
  })
  return { supabase, cookie: true }
}
