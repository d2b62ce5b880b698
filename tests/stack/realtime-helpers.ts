/** Helpers for the Realtime contract tests: supabase-js clients with minted tokens, and waiting. */
import { createClient, type RealtimeChannel, type SupabaseClient } from '@supabase/supabase-js'
import WebSocket from 'ws'
import { signJwt } from '../../supabase/local/jwt'
import type { TestStack } from './harness'

export async function mintToken(
  t: TestStack,
  sub: string,
  expiresIn = 3600,
  extra: Record<string, unknown> = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  return signJwt(
    { sub, role: 'authenticated', aud: 'authenticated', exp: now + expiresIn, iat: now, ...extra },
    t.cfg.jwtSecret,
  )
}

const made: SupabaseClient[] = []

/**
 * A client whose realtime runs as the given token (anon key when none). supabase-js hands the
 * accessToken to realtime asynchronously; a channel subscribed in the same tick joins without it
 * (realtime-js then believes the token was sent and never pushes it), so callers await a turn of
 * the event loop before subscribing — as an app does between createClient and its first subscribe.
 */
export async function rtClient(t: TestStack, token?: string | (() => string)): Promise<SupabaseClient> {
  const c = createClient(t.url, t.cfg.anonKey, {
    auth: { persistSession: false, autoRefreshToken: false },
    realtime: { transport: WebSocket as never },
    ...(token ? { accessToken: async () => (typeof token === 'function' ? token() : token) } : {}),
  })
  made.push(c)
  await new Promise((r) => setImmediate(r))
  return c
}

export async function closeClients(): Promise<void> {
  await Promise.all(made.splice(0).map((c) => c.removeAllChannels().catch(() => undefined)))
}

/** Subscribes and resolves on SUBSCRIBED; rejects with the error on CHANNEL_ERROR / TIMED_OUT. */
export function subscribed(ch: RealtimeChannel, timeout = 10_000): Promise<RealtimeChannel> {
  return new Promise((resolve, reject) => {
    ch.subscribe((status, err) => {
      if (status === 'SUBSCRIBED') resolve(ch)
      else if (status === 'CHANNEL_ERROR' || status === 'TIMED_OUT') reject(err ?? new Error(status))
    }, timeout)
  })
}

/** A list that fills as events arrive, with a way to wait for a matching one. */
// biome-ignore lint/suspicious/noExplicitAny: events are asserted field by field in the tests
export class Inbox<T = any> {
  readonly items: T[] = []
  private waiters: Array<{ test: (x: T) => boolean; resolve: (x: T) => void }> = []
  push = (x: T) => {
    this.items.push(x)
    for (const w of [...this.waiters]) {
      if (w.test(x)) {
        this.waiters.splice(this.waiters.indexOf(w), 1)
        w.resolve(x)
      }
    }
  }
  next(test: (x: T) => boolean = () => true, timeout = 5000): Promise<T> {
    const found = this.items.find(test)
    if (found) return Promise.resolve(found)
    return new Promise((resolve, reject) => {
      const w = { test, resolve }
      this.waiters.push(w)
      setTimeout(() => {
        const i = this.waiters.indexOf(w)
        if (i >= 0) {
          this.waiters.splice(i, 1)
          reject(new Error(`no matching event within ${timeout} ms; got ${JSON.stringify(this.items).slice(0, 500)}`))
        }
      }, timeout)
    })
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
