import type { CookieOptions } from '@supabase/ssr'

/**
 * The options of the Supabase session cookie (`sb-<ref>-auth-token`, chunked `.0`, `.1` …), set
 * deliberately instead of @supabase/ssr's defaults (no Secure, 400 days). Why each one:
 * docs/security-cookies.md.
 *
 *  - Secure when the request reached the app over HTTPS: FLOORLINE_COOKIE_SECURE=auto (default)
 *    follows the scheme (X-Forwarded-Proto from the platform or our proxy, else the URL: `next
 *    start` fills it from the socket), so every HTTPS deployment gets Secure and a workshop LAN served
 *    over plain http under `next start` still signs in (browsers drop Secure cookies set over http).
 *    FLOORLINE_COOKIE_SECURE=always: Secure whatever the scheme says (a TLS proxy that sends no
 *    X-Forwarded-Proto). In the browser the page's own scheme decides.
 *  - SameSite=Lax: sent on top-level navigations from elsewhere (an invitation or magic link in an
 *    e-mail arrives signed in), never on cross-site POSTs or subrequests.
 *  - Not HttpOnly: the browser client reads the session from this cookie to call PostgREST and
 *    Realtime from the page (the board, live views), and writes it when it refreshes the token.
 *  - Max-Age 7 days, sliding: the proxy re-sets the cookie whenever it refreshes the access token
 *    (hourly while in use), so a browser left unused for a week is signed out.
 */
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60

export type SecureMode = 'auto' | 'always'

export function secureMode(env: Record<string, string | undefined> = process.env): SecureMode {
  const raw = env.FLOORLINE_COOKIE_SECURE?.trim().toLowerCase()
  if (!raw || raw === 'auto') return 'auto'
  if (raw === 'always' || raw === 'true') return 'always'
  throw new Error(`FLOORLINE_COOKIE_SECURE must be auto or always, not "${env.FLOORLINE_COOKIE_SECURE}"`)
}

interface HeaderReader {
  get(name: string): string | null
}

/** Whether the request came over HTTPS: the first X-Forwarded-Proto (the client-facing hop), else the URL. */
export function requestIsHttps(headers: HeaderReader, url?: string): boolean {
  const forwarded = headers.get('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  if (forwarded) return forwarded === 'https'
  return url?.startsWith('https:') ?? false
}

/** Secure or not for this request, as FLOORLINE_COOKIE_SECURE says. */
export function secureFor(headers: HeaderReader, url?: string, mode: SecureMode = secureMode()): boolean {
  return mode === 'always' || requestIsHttps(headers, url)
}

/** The cookieOptions for createServerClient / createBrowserClient. */
export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { path: '/', sameSite: 'lax', httpOnly: false, secure, maxAge: SESSION_MAX_AGE_SECONDS }
}

/**
 * The options to write one cookie with. @supabase/ssr 0.12 puts its own 400-day maxAge on every
 * write whatever cookieOptions say, so each setAll applies the policy to what it is handed; a
 * removal (maxAge 0) stays a removal.
 */
export function withSessionPolicy(
  options: CookieOptions | undefined,
  secure: boolean,
  maxAge = SESSION_MAX_AGE_SECONDS,
): CookieOptions {
  const removal = options?.maxAge !== undefined && options.maxAge <= 0
  return { ...options, ...sessionCookieOptions(secure), maxAge: removal ? 0 : maxAge }
}
