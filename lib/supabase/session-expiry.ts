import { combineChunks, stringFromBase64URL } from '@supabase/ssr'

/**
 * Seconds before expiry at which proxy.ts refreshes a session: more than auth-js's own margin
 * (EXPIRY_MARGIN_MS, 90 s, when getSession() refreshes by itself) plus the time a page takes to
 * render, so a Server Component never starts a refresh it cannot write back as a cookie (the
 * rotated refresh token would be lost, and the session with it).
 */
export const REFRESH_MARGIN_SECONDS = 120

/**
 * When the access token of the session cookie `key` (chunked `key.0`, `key.1` … and `base64-`
 * encoded as @supabase/ssr writes it) expires, read without verifying anything: it only decides
 * whether a refresh is due. null = no session cookie; undefined = a cookie this cannot read (the
 * caller lets supabase-js deal with it).
 */
export async function sessionExpiresAt(
  key: string,
  cookie: (name: string) => string | undefined,
): Promise<number | null | undefined> {
  const raw = await combineChunks(key, cookie)
  if (!raw) return null
  try {
    const json = raw.startsWith('base64-') ? stringFromBase64URL(raw.slice('base64-'.length)) : raw
    const session = JSON.parse(json) as { expires_at?: unknown }
    return typeof session.expires_at === 'number' ? session.expires_at : undefined
  } catch {
    return undefined
  }
}
