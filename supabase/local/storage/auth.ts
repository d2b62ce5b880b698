import type { IncomingMessage } from 'node:http'
import { jwtVerify, SignJWT } from 'jose'
import type { RequestAuth } from '../context'
import { ACCEPTED_ALGORITHMS, type Claims, verificationKey } from '../jwt'
import { ERRORS } from './errors'

/** Who a Storage request runs as. `authenticated` is false when a route let a missing/bad JWT through. */
export interface StorageAuth extends RequestAuth {
  authenticated: boolean
  /** The JWT's sub: becomes owner / owner_id of what the request writes. */
  owner?: string
}

const ROLES = new Set(['anon', 'authenticated', 'service_role'])
const keys = new Map<string, Uint8Array>()
const keyFor = (secret: string) => {
  let k = keys.get(secret)
  if (!k) {
    k = new TextEncoder().encode(secret)
    keys.set(secret, k)
  }
  return k
}

/** A JWT failure in the words of jsonwebtoken, which storage-api uses (its messages reach clients). */
export class TokenError extends Error {}

export async function verifyToken(token: string, secret: string): Promise<Claims> {
  if (!token) throw new TokenError('jwt must be provided')
  try {
    const { payload } = await jwtVerify(token, verificationKey(secret), { algorithms: ACCEPTED_ALGORITHMS })
    return payload as Claims
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'ERR_JWT_EXPIRED') throw new TokenError('jwt expired')
    if (code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED') throw new TokenError('invalid signature')
    if (code === 'ERR_JOSE_ALG_NOT_ALLOWED') throw new TokenError('invalid algorithm')
    throw new TokenError('jwt malformed')
  }
}

/** Signs a token that expires in `expiresIn` seconds (storage-api's signJWT). */
export function signToken(claims: Claims, secret: string, expiresIn: number): Promise<string> {
  const iat = Math.floor(Date.now() / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(iat)
    .setExpirationTime(iat + expiresIn)
    .sign(keyFor(secret))
}

/**
 * Storage reads only `Authorization: Bearer` (Kong does no key check on /storage/v1). Routes that
 * serve public buckets allow a missing or invalid JWT and then run as an unauthenticated anon,
 * exactly as storage-api's jwt plugin with `allowInvalidJwt`.
 */
export async function storageAuth(req: IncomingMessage, secret: string, allowInvalid = false): Promise<StorageAuth> {
  const raw = req.headers.authorization
  const token = (Array.isArray(raw) ? raw[0] : raw)?.replace(/^Bearer\s+/i, '') ?? ''
  const anonymous: StorageAuth = { role: 'anon', claims: { role: 'anon' }, token: '', authenticated: false }
  if (!token && allowInvalid) return anonymous
  let claims: Claims
  try {
    claims = await verifyToken(token, secret)
  } catch (e) {
    if (allowInvalid) return anonymous
    throw ERRORS.accessDenied((e as Error).message)
  }
  const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon'
  if (!ROLES.has(role)) throw ERRORS.accessDenied(`role "${role}" is not allowed`)
  const owner = typeof claims.sub === 'string' && claims.sub ? claims.sub : undefined
  return { role, claims, token, authenticated: true, owner }
}

/** storage.objects.owner is a uuid; a sub that is not one is kept in owner_id only. */
export function ownerColumns(owner: string | undefined): [string | null, string | null] {
  if (!owner) return [null, null]
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(owner)
  return [isUuid ? owner : null, owner]
}
