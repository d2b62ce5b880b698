/** Shared bits of the /rest/v1 contract tests. */
import { randomUUID } from 'node:crypto'
import { createClient, type SupabaseClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { signJwt } from '../../supabase/local/jwt'
import type { TestStack } from './harness'

/**
 * A supabase-js client acting as a signed-in user, with a token minted like GoTrue's (so these
 * tests do not depend on the auth module).
 */
export async function asUser(t: TestStack, sub: string = randomUUID(), extra: Record<string, unknown> = {}) {
  const token = await signJwt(
    { sub, role: 'authenticated', aud: 'authenticated', exp: Math.floor(Date.now() / 1000) + 600, ...extra },
    t.cfg.jwtSecret,
  )
  return { client: withToken(t, token), sub, token }
}

/** A supabase-js client (anon key) sending `token` as its bearer. */
export function withToken(t: TestStack, token: string): SupabaseClient {
  return createClient(t.url, t.cfg.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    global: { headers: { Authorization: `Bearer ${token}` } },
    realtime: { transport: WebSocket as never },
  })
}

/** A raw request to /rest/v1 with the given key (what supabase-js cannot express). */
export function rest(t: TestStack, path: string, init: RequestInit & { key?: string } = {}) {
  const key = init.key ?? t.cfg.serviceRoleKey
  const headers = new Headers(init.headers)
  if (!headers.has('apikey')) headers.set('apikey', key)
  if (!headers.has('authorization')) headers.set('authorization', `Bearer ${key}`)
  return fetch(`${t.url}/rest/v1/${path}`, { ...init, headers })
}
