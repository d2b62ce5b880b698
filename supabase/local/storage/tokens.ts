import type { Claims } from '../jwt'
import { TokenError, verifyToken } from './auth'
import { ERRORS } from './errors'

/**
 * Signed URLs as storage-api makes them: an HS256 JWT signed with the project's JWT secret, holding
 * `url` (`<bucket>/<path>`), `exp` and a `scope` so a download token never works for an upload and
 * the other way round. A user's own access token has no `url`, so it never passes as one.
 */
export const DOWNLOAD = 'download'
export const UPLOAD = 'upload'

export async function verifySigned(secret: string, token: string | null, scope: string, url: string): Promise<Claims> {
  let claims: Claims
  try {
    claims = await verifyToken(token ?? '', secret)
  } catch (e) {
    throw ERRORS.invalidJwt(e instanceof TokenError ? e.message : 'Invalid JWT')
  }
  // tokens from before scopes existed carry none and are download tokens
  const tokenScope = typeof claims.scope === 'string' ? claims.scope : DOWNLOAD
  if (tokenScope !== scope) throw ERRORS.invalidSignature(`Token is not scoped for ${scope}`)
  if (claims.url !== url) throw ERRORS.invalidSignature()
  if (typeof claims.exp === 'number' && claims.exp * 1000 < Date.now()) throw ERRORS.expiredSignature()
  return claims
}

export async function verifySignedUpload(
  secret: string,
  token: string | null,
  bucket: string,
  key: string,
): Promise<{ owner?: string; upsert: boolean }> {
  const claims = await verifySigned(secret, token, UPLOAD, `${bucket}/${key}`)
  return { owner: typeof claims.owner === 'string' ? claims.owner : undefined, upsert: claims.upsert === true }
}
