import { jwtVerify, SignJWT } from 'jose'

export type Claims = Record<string, unknown> & { role?: string; sub?: string; exp?: number }

const keyCache = new Map<string, Uint8Array>()
const keyFor = (secret: string) => {
  let k = keyCache.get(secret)
  if (!k) {
    k = new TextEncoder().encode(secret)
    keyCache.set(secret, k)
  }
  return k
}

export async function signJwt(claims: Claims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(keyFor(secret))
}

export class JwtError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message)
  }
}

/** Verifies an HS256 token as PostgREST and GoTrue do; throws JwtError with their wording. */
export async function verifyJwt(token: string, secret: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, keyFor(secret), { algorithms: ['HS256'] })
    return payload as Claims
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'ERR_JWT_EXPIRED') throw new JwtError('JWT expired', true)
    throw new JwtError('JWSError JWSInvalidSignature')
  }
}
