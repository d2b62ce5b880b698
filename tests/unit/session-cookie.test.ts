/**
 * The Supabase session cookie's options (lib/supabase/cookie-options.ts, docs/security-cookies.md):
 * Secure by the request's scheme (or always), SameSite=Lax, readable by script, 7 days — and applied
 * on every write, because @supabase/ssr puts its own 400-day Max-Age on each one.
 */
import { createServerClient, serializeCookieHeader } from '@supabase/ssr'
import { describe, expect, it } from 'vitest'
import WebSocket from 'ws'
import {
  requestIsHttps,
  SESSION_MAX_AGE_SECONDS,
  secureFor,
  secureMode,
  sessionCookieOptions,
  withSessionPolicy,
} from '../../lib/supabase/cookie-options'

const h = (headers: Record<string, string>) => new Headers(headers)

describe('Secure follows the scheme, or is forced', () => {
  it('reads FLOORLINE_COOKIE_SECURE: auto by default, always on request, nonsense refused', () => {
    expect(secureMode({})).toBe('auto')
    expect(secureMode({ FLOORLINE_COOKIE_SECURE: 'Always' })).toBe('always')
    expect(() => secureMode({ FLOORLINE_COOKIE_SECURE: 'sometimes' })).toThrow(/FLOORLINE_COOKIE_SECURE/)
  })

  it('is https when the client-facing hop says so, else by the URL', () => {
    expect(requestIsHttps(h({ 'x-forwarded-proto': 'https' }))).toBe(true)
    expect(requestIsHttps(h({ 'x-forwarded-proto': 'https, http' }))).toBe(true) // proxies append
    expect(requestIsHttps(h({ 'x-forwarded-proto': 'http' }), 'https://x.test/')).toBe(false)
    expect(requestIsHttps(h({}), 'https://floorline.example/')).toBe(true)
    expect(requestIsHttps(h({}), 'http://192.168.1.20:3000/')).toBe(false) // the workshop LAN
    expect(requestIsHttps(h({}))).toBe(false)
  })

  it('auto: Secure over https only; always: Secure on plain http too', () => {
    expect(secureFor(h({ 'x-forwarded-proto': 'https' }), undefined, 'auto')).toBe(true)
    expect(secureFor(h({ 'x-forwarded-proto': 'http' }), undefined, 'auto')).toBe(false)
    expect(secureFor(h({ 'x-forwarded-proto': 'http' }), undefined, 'always')).toBe(true)
  })
})

describe('the options', () => {
  it('are Lax, path /, not HttpOnly (the browser client reads them), 7 days', () => {
    expect(sessionCookieOptions(true)).toEqual({
      path: '/',
      sameSite: 'lax',
      httpOnly: false,
      secure: true,
      maxAge: SESSION_MAX_AGE_SECONDS,
    })
    expect(SESSION_MAX_AGE_SECONDS).toBe(604_800)
  })

  it('replace what @supabase/ssr hands a write, keep a removal a removal', () => {
    const ssr = { path: '/', sameSite: 'lax' as const, httpOnly: false, maxAge: 400 * 24 * 60 * 60 }
    const written = serializeCookieHeader('sb-127-auth-token', 'base64-eyJ', withSessionPolicy(ssr, true))
    expect(written).toContain('Max-Age=604800')
    expect(written).toContain('Secure')
    expect(written).toMatch(/SameSite=Lax/i)
    expect(written).toContain('Path=/')
    expect(written).not.toMatch(/HttpOnly/i)
    const lan = serializeCookieHeader('sb-127-auth-token', 'v', withSessionPolicy(ssr, false))
    expect(lan).not.toContain('Secure')
    expect(withSessionPolicy({ ...ssr, maxAge: 0 }, true).maxAge).toBe(0)
    expect(withSessionPolicy(ssr, true, 12 * 3600).maxAge).toBe(43_200)
  })

  it('are needed on every write: @supabase/ssr ignores cookieOptions.maxAge', async () => {
    const written: { name: string; maxAge?: number }[] = []
    const now = Math.floor(Date.now() / 1000)
    const token = (payload: object) =>
      `${Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`
    const user = { id: '11111111-1111-4111-8111-111111111111', aud: 'authenticated', role: 'authenticated' }
    const supabase = createServerClient('http://127.0.0.1:1', 'anon', {
      cookieOptions: sessionCookieOptions(true),
      cookies: {
        getAll: () => [],
        setAll: (toSet) => {
          for (const c of toSet) written.push({ name: c.name, maxAge: c.options.maxAge })
        },
      },
      realtime: { transport: WebSocket as never },
      global: {
        fetch: async () =>
          new Response(
            JSON.stringify({
              access_token: token({ sub: user.id, role: 'authenticated', exp: now + 3600 }),
              token_type: 'bearer',
              expires_in: 3600,
              expires_at: now + 3600,
              refresh_token: 'refresh',
              user,
            }),
            { status: 200, headers: { 'content-type': 'application/json' } },
          ),
      },
    })
    const { error } = await supabase.auth.signInWithPassword({ email: 'a@b.test', password: 'x' })
    expect(error).toBeNull()
    await expect.poll(() => written.length).toBeGreaterThan(0)
    // what our setAll callbacks are handed: 400 days, whatever cookieOptions said
    expect(written[0].maxAge).toBe(400 * 24 * 60 * 60)
  })
})
