'use client'
import type { RealtimeClient } from '@supabase/realtime-js'
import { parseCookieHeader } from '@supabase/ssr'
import { sessionStorageKey, supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { readSessionCookie } from '@/lib/supabase/session-expiry'

/**
 * The tab's one Realtime connection for signed-in screens (components/common/use-live-topic.ts):
 * realtime-js alone, loaded on first use, not the whole supabase-js (auth, PostgREST, storage) that
 * those screens do not otherwise need. Private channels are joined with the person's access token,
 * read from the session cookie the server clients write: realtime-js asks for it on connect and on
 * every heartbeat (25 s), so a token the server rotated reaches the open channels.
 *
 * Nothing in the tab refreshes the session by itself any more (that was supabase-js's timer), so a
 * token with less than REFRESH_BEFORE_SECONDS left is refreshed through the server: any API request
 * does it (lib/route.ts: auth-js's 90 s margin, the new cookie on the answer), and GET
 * /api/disco/ping is the cheapest one. One refresh at a time per tab.
 */
const REFRESH_BEFORE_SECONDS = 75

let client: Promise<RealtimeClient> | undefined
let refreshing: Promise<unknown> | undefined

function cookie(name: string): string | undefined {
  return parseCookieHeader(document.cookie).find((c) => c.name === name)?.value
}

async function session() {
  const s = await readSessionCookie(sessionStorageKey(), cookie)
  const token = typeof s?.access_token === 'string' ? s.access_token : null
  return { token, expiresAt: typeof s?.expires_at === 'number' ? s.expires_at : undefined }
}

/** The person's access token for realtime-js (null: not signed in, channels join as anon and private ones are refused). */
export async function accessToken(): Promise<string | null> {
  const now = await session()
  if (!now.token || now.expiresAt === undefined || now.expiresAt - Date.now() / 1000 >= REFRESH_BEFORE_SECONDS) {
    return now.token
  }
  refreshing ??= fetch('/api/disco/ping', { credentials: 'same-origin', cache: 'no-store' })
    .catch(() => undefined)
    .finally(() => {
      refreshing = undefined
    })
  await refreshing
  return (await session()).token
}

export function realtimeClient(): Promise<RealtimeClient> {
  client ??= import('@supabase/realtime-js').then(
    ({ RealtimeClient }) =>
      new RealtimeClient(`${supabaseUrl().replace(/^http/i, 'ws')}/realtime/v1`, {
        params: { apikey: supabaseAnonKey() },
        accessToken,
      }),
  )
  return client
}
