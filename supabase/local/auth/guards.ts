import type { IncomingMessage } from 'node:http'
import { jwtVerify } from 'jose'
import type { Tx } from '../db/types'
import { header } from '../http'
import { ACCEPTED_ALGORITHMS, type Claims, verificationKey } from '../jwt'
import { badRequest, forbidden, unauthorized } from './errors'
import { findUser, isUuid, type UserRow } from './users'

/** GoTrue's extractBearerToken. */
export function bearerToken(req: IncomingMessage): string {
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '')
  if (!m) throw unauthorized('no_authorization', 'This endpoint requires a valid Bearer token')
  return m[1]
}

/** GoTrue's parseJWTClaims: any failure is 403 bad_jwt, worded like golang-jwt. */
export async function verifiedClaims(token: string, secret: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, verificationKey(secret), { algorithms: ACCEPTED_ALGORITHMS })
    return payload as Claims
  } catch (e) {
    const code = (e as { code?: string }).code
    const why =
      code === 'ERR_JWT_EXPIRED'
        ? 'token has invalid claims: token is expired'
        : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
          ? 'token signature is invalid: signature is invalid'
          : `token is malformed: ${(e as Error).message}`
    throw forbidden('bad_jwt', `invalid JWT: unable to parse or verify signature, ${why}`)
  }
}

export interface Caller {
  claims: Claims
  user: UserRow
  /** The session the token belongs to (null for tokens minted without one). */
  sessionId: string | null
}

/** GoTrue's requireAuthentication + maybeLoadUserOrSession: a live user, and its session if named. */
export async function requireUser(tx: Tx, req: IncomingMessage, secret: string): Promise<Caller> {
  const claims = await verifiedClaims(bearerToken(req), secret)
  const sub = typeof claims.sub === 'string' ? claims.sub : ''
  if (!sub) throw forbidden('bad_jwt', 'invalid claim: missing sub claim')
  if (!isUuid(sub)) throw badRequest('bad_jwt', 'invalid claim: sub claim must be a UUID')
  const user = await findUser(tx, { id: sub })
  if (!user) throw forbidden('user_not_found', 'User from sub claim in JWT does not exist')
  let sessionId: string | null = null
  const sid = claims.session_id
  if (typeof sid === 'string' && sid !== '' && sid !== '00000000-0000-0000-0000-000000000000') {
    if (!isUuid(sid)) throw forbidden('bad_jwt', 'invalid claim: session_id claim must be a UUID')
    const s = await tx.query('select 1 from auth.sessions where id = $1', [sid])
    if (s.rows.length === 0) throw forbidden('session_not_found', 'Session from session_id claim in JWT does not exist')
    sessionId = sid
  }
  if (user.banned) throw forbidden('user_banned', 'User is banned')
  return { claims, user, sessionId }
}

const ADMIN_ROLES = ['service_role', 'supabase_admin']

/** GoTrue's requireAdminCredentials: a valid token whose role is an admin role (the service key). */
export async function requireAdmin(req: IncomingMessage, secret: string): Promise<Claims> {
  const claims = await verifiedClaims(bearerToken(req), secret)
  if (!ADMIN_ROLES.includes(String(claims.role))) throw forbidden('not_admin', 'User not allowed')
  return claims
}
