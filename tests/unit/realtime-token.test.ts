/**
 * The live screens' Realtime token (lib/supabase/realtime.ts): the access token of the session
 * cookie as @supabase/ssr writes it (chunked, base64-), and a refresh through the server when it is
 * about to expire — one request however many channels ask at once.
 */
import { createChunks } from '@supabase/ssr'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { sessionStorageKey } from '@/lib/env'

const encode = (session: unknown) => `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`
const jar = { cookie: '' }

function signIn(token: string, expiresInSeconds: number, pad = 0) {
  const session = {
    access_token: token,
    refresh_token: 'r',
    expires_at: Math.floor(Date.now() / 1000) + expiresInSeconds,
    user: { id: 'u', padding: 'x'.repeat(pad) },
  }
  jar.cookie = createChunks(sessionStorageKey(), encode(session))
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ')
}

let accessToken: typeof import('@/lib/supabase/realtime').accessToken
const fetch = vi.fn()

beforeEach(async () => {
  vi.stubGlobal('document', jar)
  vi.stubGlobal('fetch', fetch)
  fetch.mockReset()
  vi.resetModules()
  accessToken = (await import('@/lib/supabase/realtime')).accessToken
})

afterEach(() => {
  vi.unstubAllGlobals()
  jar.cookie = ''
})

describe('accessToken (Realtime on signed-in screens)', () => {
  it('is the session cookie’s access token, chunked or not, with no request', async () => {
    signIn('token-1', 3600)
    expect(await accessToken()).toBe('token-1')
    signIn('token-2', 3600, 5000) // several chunks
    expect(jar.cookie).toContain('.1=')
    expect(await accessToken()).toBe('token-2')
    expect(fetch).not.toHaveBeenCalled()
  })

  it('is null without a session cookie (channels then join as anon)', async () => {
    expect(await accessToken()).toBeNull()
    jar.cookie = `${sessionStorageKey()}=not-a-session`
    expect(await accessToken()).toBeNull()
    expect(fetch).not.toHaveBeenCalled()
  })

  it('near expiry, asks the server once to refresh and answers the rotated token', async () => {
    signIn('old', 30)
    fetch.mockImplementation(async () => {
      await new Promise((r) => setTimeout(r, 5))
      signIn('new', 3600) // the answer's Set-Cookie, as the browser applies it
      return new Response('{}')
    })
    expect(await Promise.all([accessToken(), accessToken(), accessToken()])).toEqual(['new', 'new', 'new'])
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenCalledWith('/api/disco/ping', expect.objectContaining({ credentials: 'same-origin' }))
  })

  it('offline, keeps the token it has (realtime-js asks again on the next heartbeat)', async () => {
    signIn('old', 30)
    fetch.mockRejectedValue(new TypeError('Failed to fetch'))
    expect(await accessToken()).toBe('old')
  })
})
