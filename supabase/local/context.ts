import type { IncomingMessage } from 'node:http'
import type { StackConfig } from './config'
import type { Db, Tx } from './db/types'
import { HttpError, header } from './http'
import { type Claims, JwtError, verifyJwt } from './jwt'

/** Who a request runs as: the JWT's role and claims, as PostgREST derives them. */
export interface RequestAuth {
  role: string
  claims: Claims
  token: string
}

/**
 * Reads `apikey` (which must be a token signed with our secret, as Kong's key check demands) and
 * `Authorization: Bearer` (the user's token; falls back to the apikey). Errors carry PostgREST's codes.
 */
export async function resolveAuth(req: IncomingMessage, cfg: StackConfig): Promise<RequestAuth> {
  const apikey = header(req, 'apikey')
  const bearer = header(req, 'authorization')?.replace(/^Bearer\s+/i, '')
  const token = bearer || apikey
  if (!token) {
    throw new HttpError(401, {
      message: 'No API key found in request',
      hint: 'No `apikey` request header or url param was found.',
    })
  }
  if (apikey && apikey !== token) {
    try {
      await verifyJwt(apikey, cfg.jwtSecret)
    } catch {
      throw new HttpError(401, {
        message: 'Invalid API key',
        hint: 'Double check your Supabase `anon` or `service_role` API key.',
      })
    }
  }
  try {
    const claims = await verifyJwt(token, cfg.jwtSecret)
    const role = typeof claims.role === 'string' && claims.role ? claims.role : 'anon'
    return { role, claims, token }
  } catch (e) {
    const expired = e instanceof JwtError && e.expired
    throw new HttpError(
      401,
      { code: expired ? 'PGRST303' : 'PGRST301', message: (e as Error).message, details: null, hint: null },
      { 'www-authenticate': `Bearer error="invalid_token", error_description="${(e as Error).message}"` },
    )
  }
}

const ALLOWED_ROLES = new Set(['anon', 'authenticated', 'service_role'])

/**
 * Runs fn in one transaction as PostgREST does: the JWT's role via set_config('role', …, true)
 * and its claims in request.jwt.claims, both transaction-local so nothing leaks to the next request.
 */
export async function withAuth<T>(
  db: Db,
  auth: RequestAuth,
  fn: (tx: Tx) => Promise<T>,
  req?: IncomingMessage,
): Promise<T> {
  if (!ALLOWED_ROLES.has(auth.role)) {
    throw new HttpError(401, {
      code: 'PGRST301',
      message: `role "${auth.role}" is not allowed`,
      details: null,
      hint: null,
    })
  }
  return db.transaction(async (tx) => {
    await tx.query(
      `select set_config('role', $1, true), set_config('request.jwt.claims', $2, true),
              set_config('request.method', $3, true), set_config('request.path', $4, true),
              set_config('request.headers', $5, true)`,
      [
        auth.role,
        JSON.stringify(auth.claims),
        req?.method ?? '',
        req?.url?.split('?')[0] ?? '',
        JSON.stringify(safeHeaders(req)),
      ],
    )
    return fn(tx)
  })
}

/** Request headers as PostgREST exposes them to SQL (request.headers), minus credentials. */
function safeHeaders(req?: IncomingMessage): Record<string, string> {
  if (!req) return {}
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(req.headers)) {
    if (k === 'authorization' || k === 'apikey' || k === 'cookie' || v === undefined) continue
    out[k] = Array.isArray(v) ? v.join(', ') : v
  }
  return out
}
