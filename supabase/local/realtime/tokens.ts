import { decodeJwt, jwtVerify } from 'jose'
import { type Claims, verificationKey } from '../jwt'

/** Roles the local stack will run realtime checks as (the same three PostgREST accepts here). */
export const REALTIME_ROLES = new Set(['anon', 'authenticated', 'service_role'])

export type TokenErrorKind = 'malformed' | 'signature' | 'expired' | 'missing_claims' | 'role'

/** Why a token was refused, with the wording Realtime uses (join reason = `${code}: ${message}`). */
export class TokenError extends Error {
  constructor(
    readonly kind: TokenErrorKind,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
  /** The reason a join reply carries. */
  get reason(): string {
    return `${this.code}: ${this.message}`
  }
}

export interface VerifiedToken {
  token: string
  claims: Claims
  role: string
  /** seconds since epoch */
  exp: number
}

/**
 * Verifies a token as RealtimeWeb.ChannelsAuthorization.authorize_conn does: HS256 with the
 * project's secret or ES256 with one of its signing keys (jwt.ts), `role` and `exp` required, expired tokens refused with the seconds elapsed.
 */
export async function verifyRealtimeToken(token: string, secret: string): Promise<VerifiedToken> {
  const clean = token.replace(/\s/g, '')
  let claims: Claims
  try {
    claims = decodeJwt(clean) as Claims
  } catch {
    throw new TokenError('malformed', 'MalformedJWT', 'The token provided is not a valid JWT')
  }
  try {
    await jwtVerify(clean, verificationKey(secret), { algorithms: ['HS256', 'HS384', 'HS512', 'ES256'] })
  } catch (e) {
    // jose checks the signature before the claims: an expired token here is a genuine one
    if ((e as { code?: string }).code !== 'ERR_JWT_EXPIRED') {
      throw new TokenError('signature', 'JwtSignatureError', 'Failed to validate JWT signature')
    }
  }
  if (typeof claims.role !== 'string' || typeof claims.exp !== 'number') {
    throw new TokenError('missing_claims', 'InvalidJWTToken', 'Fields `role` and `exp` are required in JWT')
  }
  const now = Math.floor(Date.now() / 1000)
  if (claims.exp <= now) {
    throw new TokenError('expired', 'InvalidJWTToken', `Token has expired ${now - Math.floor(claims.exp)} seconds ago`)
  }
  if (!REALTIME_ROLES.has(claims.role)) {
    throw new TokenError(
      'role',
      'InvalidJWTToken',
      `role "${claims.role}" is not supported by the Floorline local stack (only anon, authenticated, service_role)`,
    )
  }
  return { token: clean, claims, role: claims.role, exp: claims.exp }
}
