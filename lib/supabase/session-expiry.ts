import { combineChunks, stringFromBase64URL } from '@supabase/ssr'

/**
 * Seconds before expiry at which proxy.ts refreshes a session: more than auth-js's own margin
 * (EXPIRY_MARGIN_MS, 90 s, when getSession() refreshes by itself) plus the time a page takes to
 * render, so a Server Component never starts a refresh it cannot write back as a cookie (the
 * rotated refresh token would be lost, and the session with it).
 */
export const REFRESH_MARGIN_SECONDS = 120

export interface CookieSession {
  access_token?: unknown
  expires_at?: unknown
}

/**
 * The session in cookie `key` (chunked `key.0`, `key.1` … and `base64-` encoded as @supabase/ssr
 * writes it), read without verifying anything. null = no session cookie; undefined = a cookie this
 * cannot read.
 */
export async function readSessionCookie(
  key: string,
  cookie: (name: string) => string | undefined,
): Promise<CookieSession | null | undefined> {
  const raw = await combineChunks(key, cookie)
  if (!raw) return null
  try {
    const json = raw.startsWith('base64-') ? stringFromBase64URL(raw.slice('base64-'.length)) : raw
    const session: unknown = JSON.parse(json)
    return session && typeof session === 'object' ? (session as CookieSession) : undefined
  } catch {
    return undefined
  }
}

/**
 * When the session cookie's access token expires: it only decides whether a refresh is due.
 * null = no session cookie; undefined = a cookie this cannot read (the caller lets supabase-js deal
 * with it).
 */
export async function sessionExpiresAt(
  key: string,
  cookie: (name: string) => string | undefined,
): Promise<number | null | undefined> {
  const session = await readSessionCookie(key, cookie)
  if (!session) return session
  return typeof session.expires_at === 'number' ? session.expires_at : undefined
}
