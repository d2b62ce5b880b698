/**
 * proxy.ts refreshes a session only when it is due: an API request is left to lib/route.ts, a
 * token with time left passes without a client or a call, one near expiry (or a cookie it cannot
 * read) goes to supabase-js. Network calls are counted through a stubbed fetch.
 */
import { createChunks } from '@supabase/ssr'
import { NextRequest } from 'next/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { sessionStorageKey } from '@/lib/env'
import { updateSession } from '@/lib/supabase/proxy'
import { REFRESH_MARGIN_SECONDS, sessionExpiresAt } from '@/lib/supabase/session-expiry'

const KEY = sessionStorageKey()
const encode = (session: unknown) => `base64-${Buffer.from(JSON.stringify(session)).toString('base64url')}`

function request(path: string, expiresInSeconds: number | null, pad = 0): NextRequest {
  const headers = new Headers()
  if (expiresInSeconds !== null) {
    const session = {
      access_token: 'a.b.c',
      refresh_token: 'r',
      expires_at: Math.floor(Date.now() / 1000) + expiresInSeconds,
      user: { id: 'u', padding: 'x'.repeat(pad) },
    }
    const chunks = createChunks(KEY, encode(session))
    headers.set('cookie', chunks.map((c) => `${c.name}=${c.value}`).join('; '))
  }
  return new NextRequest(`http://127.0.0.1:3000${path}`, { headers })
}

afterEach(() => vi.unstubAllGlobals())

describe('sessionExpiresAt', () => {
  it('reads expires_at from a plain, a base64- and a chunked cookie; null without one', async () => {
    const at = 1_900_000_000
    expect(await sessionExpiresAt(KEY, (n) => (n === KEY ? JSON.stringify({ expires_at: at }) : undefined))).toBe(at)
    expect(await sessionExpiresAt(KEY, (n) => (n === KEY ? encode({ expires_at: at }) : undefined))).toBe(at)
    const chunks = createChunks(KEY, encode({ expires_at: at, pad: 'y'.repeat(8000) }))
    expect(chunks.length).toBeGreaterThan(1)
    expect(await sessionExpiresAt(KEY, (n) => chunks.find((c) => c.name === n)?.value)).toBe(at)
    expect(await sessionExpiresAt(KEY, () => undefined)).toBeNull()
    expect(await sessionExpiresAt(KEY, (n) => (n === KEY ? 'base64-%%%' : undefined))).toBeUndefined()
  })
})

describe('updateSession', () => {
  it('makes no call for an API request, no session, or a token with time left', async () => {
    const fetch = vi.fn(async () => new Response('{}'))
    vi.stubGlobal('fetch', fetch)
    for (const r of [
      request('/api/disco/ping', 5),
      request('/aurora/batches', null),
      request('/aurora/batches', REFRESH_MARGIN_SECONDS + 60),
      request('/aurora/batches', 3600, 6000),
    ]) {
      const res = await updateSession(r)
      expect(res.headers.get('set-cookie')).toBeNull()
    }
    expect(fetch).not.toHaveBeenCalled()
  })

  it('refreshes a token near expiry, once, and writes the rotated session back', async () => {
    const calls: string[] = []
    vi.stubGlobal('fetch', async (input: RequestInfo | URL) => {
      calls.push(String(input))
      const now = Math.floor(Date.now() / 1000)
      return Response.json({
        access_token: 'n.e.w',
        token_type: 'bearer',
        expires_in: 3600,
        expires_at: now + 3600,
        refresh_token: 'r2',
        user: { id: 'u' },
      })
    })
    // inside auth-js's own 90 s margin, and between that and the proxy's
    for (const left of [30, REFRESH_MARGIN_SECONDS - 10]) {
      calls.length = 0
      const res = await updateSession(request('/aurora/batches', left))
      expect(calls.filter((u) => u.includes('grant_type=refresh_token'))).toHaveLength(1)
      expect(res.headers.get('set-cookie')).toContain(KEY)
    }
  })
})
