import { decodeProtectedHeader, errors, importJWK, type JWK, type JWTHeaderParameters, jwtVerify, SignJWT } from 'jose'

export type Claims = Record<string, unknown> & { role?: string; sub?: string; exp?: number }

/**
 * Keys as hosted Supabase Auth holds them since asymmetric signing keys became the default: user
 * access tokens are signed ES256 with the current key (its `kid` in the header) and published at
 * /auth/v1/.well-known/jwks.json, so auth-js's getClaims() verifies them locally (WebCrypto + the
 * cached JWKS) with no call to Auth; the legacy HS256 secret still signs the anon and service_role
 * API keys and is still accepted, as hosted projects accept it while it stays in their key set.
 *
 * Every verifier of the stack takes the project's secret (PostgREST, Auth, Realtime, Storage), so
 * the asymmetric keys are registered under that secret by startStack (registerSigningKeys) and
 * looked up from it here: one project per secret.
 */
interface ProjectKeys {
  signing?: { kid: string; key: CryptoKey }
  verify: Map<string, CryptoKey>
  published: JWK[]
}

const projects = new Map<string, ProjectKeys>()
const secretKeys = new Map<string, Uint8Array>()
const secretKey = (secret: string) => {
  let k = secretKeys.get(secret)
  if (!k) {
    k = new TextEncoder().encode(secret)
    secretKeys.set(secret, k)
  }
  return k
}

/** The algorithms the stack's verifiers accept: the legacy secret, and the asymmetric keys. */
export const ACCEPTED_ALGORITHMS = ['HS256', 'ES256']

/**
 * Registers a project's asymmetric keys (GoTrue's GOTRUE_JWT_KEYS: private JWKs with `kid`, `alg`
 * ES256). The first key that may sign signs new access tokens; all verify. An empty list leaves
 * the project on HS256 alone (its JWKS empty, as a legacy project's).
 */
export async function registerSigningKeys(secret: string, keys: JWK[]): Promise<void> {
  const project: ProjectKeys = { verify: new Map(), published: [] }
  for (const jwk of keys) {
    if (jwk.alg !== 'ES256' || jwk.kty !== 'EC' || !jwk.kid) {
      throw new Error(`signing key ${jwk.kid ?? '(no kid)'}: only ES256 EC keys with a kid are supported`)
    }
    const { d, key_ops, ...pub } = jwk
    const publicJwk: JWK = { ...pub, key_ops: ['verify'], use: 'sig' }
    project.verify.set(jwk.kid, (await importJWK(publicJwk, 'ES256')) as CryptoKey)
    project.published.push(publicJwk)
    if (d && !project.signing && (!key_ops || key_ops.includes('sign'))) {
      // WebCrypto imports a private EC key for signing only
      const key = (await importJWK({ ...jwk, key_ops: ['sign'] }, 'ES256')) as CryptoKey
      project.signing = { kid: jwk.kid, key }
    }
  }
  projects.set(secret, project)
}

/** The public half of the project's keys, as GET /auth/v1/.well-known/jwks.json answers them. */
export function publishedKeys(secret: string): JWK[] {
  return projects.get(secret)?.published ?? []
}

/** The key that verifies a token of this project: the secret for HS*, the token's `kid` for ES256. */
export function verificationKey(secret: string) {
  return (header: JWTHeaderParameters): Uint8Array | CryptoKey => {
    if (header.alg?.startsWith('HS')) return secretKey(secret)
    const key = header.kid ? projects.get(secret)?.verify.get(header.kid) : undefined
    // an unknown key id is a signature this project did not make
    if (!key) throw new errors.JWSSignatureVerificationFailed('no signing key with this kid')
    return key
  }
}

/** Signs with the legacy secret (HS256): API keys and tests' hand-made tokens. */
export async function signJwt(claims: Claims, secret: string): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(secretKey(secret))
}

/** Signs a user's access token as Auth does: the current asymmetric key when there is one, else HS256. */
export async function signAccessToken(claims: Claims, secret: string): Promise<string> {
  const signing = projects.get(secret)?.signing
  if (!signing) return signJwt(claims, secret)
  return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: signing.kid }).sign(signing.key)
}

export class JwtError extends Error {
  constructor(
    message: string,
    readonly expired = false,
  ) {
    super(message)
  }
}

/** Verifies a token as PostgREST and GoTrue do; throws JwtError with their wording. */
export async function verifyJwt(token: string, secret: string): Promise<Claims> {
  try {
    const { payload } = await jwtVerify(token, verificationKey(secret), { algorithms: ACCEPTED_ALGORITHMS })
    return payload as Claims
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'ERR_JWT_EXPIRED') throw new JwtError('JWT expired', true)
    throw new JwtError('JWSError JWSInvalidSignature')
  }
}
