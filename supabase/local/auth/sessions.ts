import { randomInt } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { Tx } from '../db/types'
import { header } from '../http'
import { signAccessToken } from '../jwt'
import { AuthError, badRequest } from './errors'
import { customizeClaims } from './hook'
import type { Outbox } from './outbox'
import type { RateLimiter } from './rate-limit'
import type { AuthSettings } from './settings'
import { loadUserJson, type UserJson } from './user-json'
import { findUser, type UserRow } from './users'

/** GoTrue's AccessTokenResponse. */
export interface TokenResponse {
  access_token: string
  token_type: 'bearer'
  expires_in: number
  expires_at: number
  refresh_token: string
  user: UserJson
  weak_password?: unknown
}

/** GoTrue's models.AuthenticationMethod names, as the hook and the amr claim see them. */
export type AuthMethod = 'password' | 'otp' | 'token_refresh'

export interface AuthContext {
  settings: AuthSettings
  log: (m: string) => void
  /** Per-IP buckets, alive as long as the stack. */
  limiter: RateLimiter
  /** What would have been emailed. */
  outbox: Outbox
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'
/** An opaque refresh token (GoTrue's are short random strings too; only the database knows them). */
const newRefreshToken = () => Array.from({ length: 16 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('')

export function clientIp(req: IncomingMessage): string {
  return header(req, 'x-forwarded-for')?.split(',')[0].trim() || req.socket.remoteAddress || ''
}

/**
 * GoTrue's IssueRefreshToken: a new session, its first refresh token, the AMR claim for `method`,
 * and an access token. Runs in the caller's transaction so a failing hook leaves nothing behind.
 */
export async function issueSession(
  tx: Tx,
  ac: AuthContext,
  userId: string,
  method: Exclude<AuthMethod, 'token_refresh'>,
  req: IncomingMessage,
): Promise<TokenResponse> {
  await tx.query('update auth.users set last_sign_in_at = now(), updated_at = now() where id = $1', [userId])
  const s = await tx.query<{ id: string }>(
    `insert into auth.sessions (user_id, aal, user_agent, ip, created_at, updated_at)
     values ($1, 'aal1', $2, $3, now(), now()) returning id::text as id`,
    [userId, header(req, 'user-agent') ?? null, clientIp(req)],
  )
  const sessionId = s.rows[0].id
  const refreshToken = newRefreshToken()
  await tx.query(
    `insert into auth.refresh_tokens (token, user_id, revoked, session_id, created_at, updated_at)
     values ($1, $2, false, $3, now(), now())`,
    [refreshToken, userId, sessionId],
  )
  await tx.query(
    `insert into auth.mfa_amr_claims (session_id, authentication_method, created_at, updated_at)
     values ($1, $2, now(), now())
     on conflict on constraint mfa_amr_claims_session_id_authentication_method_pkey do update set updated_at = now()`,
    [sessionId, method],
  )
  return tokenResponse(tx, ac, userId, sessionId, refreshToken, method)
}

async function tokenResponse(
  tx: Tx,
  ac: AuthContext,
  userId: string,
  sessionId: string,
  refreshToken: string,
  method: AuthMethod,
): Promise<TokenResponse> {
  const user = await findUser(tx, { id: userId })
  const json = await loadUserJson(tx, userId)
  if (!user || !json) throw new AuthError(500, 'unexpected_failure', 'User vanished while issuing a session')
  const { token, expiresAt } = await accessToken(tx, ac, user, sessionId, method)
  return {
    access_token: token,
    token_type: 'bearer',
    expires_in: expiresAt - Math.floor(Date.now() / 1000),
    expires_at: expiresAt,
    refresh_token: refreshToken,
    user: json,
  }
}

/** GoTrue's GenerateAccessToken: its claims, in its order, then the custom access token hook. */
async function accessToken(tx: Tx, ac: AuthContext, user: UserRow, sessionId: string, method: AuthMethod) {
  const s = ac.settings
  const amr = await tx.query<{ method: string; ts: string; aal: string }>(
    `select c.authentication_method as method, extract(epoch from c.updated_at)::bigint::text as ts, coalesce(s.aal, 'aal1') as aal
       from auth.sessions s left join auth.mfa_amr_claims c on c.session_id = s.id
      where s.id = $1 order by c.updated_at desc`,
    [sessionId],
  )
  const iat = Math.floor(Date.now() / 1000)
  const exp = iat + s.jwtExpiry
  const claims: Record<string, unknown> = {
    iss: s.issuer,
    sub: user.id,
    aud: user.aud || 'authenticated',
    exp,
    iat,
    email: user.email,
    phone: user.phone,
    app_metadata: user.appMetadata,
    user_metadata: user.userMetadata,
    role: user.role || 'authenticated',
    aal: amr.rows[0]?.aal ?? 'aal1',
    amr: amr.rows.filter((r) => r.method).map((r) => ({ method: r.method, timestamp: Number(r.ts) })),
    session_id: sessionId,
    is_anonymous: user.isAnonymous,
  }
  const signed = await customizeClaims(tx, { user_id: user.id, claims, authentication_method: method }, ac.log)
  // ES256 with the project's signing key (jwt.ts): getClaims() verifies it without calling Auth
  return { token: await signAccessToken(signed, s.jwtSecret), expiresAt: exp }
}

interface TokenRow {
  id: string
  token: string
  revoked: string
  user_id: string
  session_id: string | null
  session_expired: string
  reuse_expired: string
}

/** The outcome of a refresh: a session, or an error that must be answered after COMMIT. */
export type RefreshOutcome = { ok: TokenResponse } | { fail: AuthError }

/**
 * GoTrue's RefreshTokenGrant (refresh token algorithm v1, rotation on): the presented token is
 * revoked and a child issued. A revoked token is answered with the session's current token when it
 * is that token's parent (the client lost the last response), or rotated again inside the reuse
 * interval; otherwise it is reuse: every token of the session is revoked and the error committed.
 */
export async function refreshGrant(
  tx: Tx,
  ac: AuthContext,
  presented: string,
  req: IncomingMessage,
): Promise<RefreshOutcome> {
  const r = await tx.query<TokenRow>(
    `select rt.id::text as id, rt.token, rt.revoked::text as revoked, rt.user_id, rt.session_id::text as session_id,
            (s.not_after is not null and s.not_after < now())::text as session_expired,
            (now() > rt.updated_at + make_interval(secs => $2))::text as reuse_expired
       from auth.refresh_tokens rt left join auth.sessions s on s.id = rt.session_id
      where rt.token = $1
      for update of rt`,
    [presented, ac.settings.refreshTokenReuseInterval],
  )
  const row = r.rows[0]
  if (!row) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
  const user = await findUser(tx, { id: row.user_id })
  if (!user) throw badRequest('refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found')
  if (user.banned) throw badRequest('user_banned', 'Invalid Refresh Token: User Banned')
  if (!row.session_id) {
    await tx.query('delete from auth.refresh_tokens where id = $1', [row.id])
    return { fail: badRequest('session_not_found', 'Invalid Refresh Token: No Valid Session Found') }
  }
  if (row.session_expired === 'true') throw badRequest('session_expired', 'Invalid Refresh Token: Session Expired')

  let issued: string | null = null
  if (row.revoked === 'true') {
    const active = await tx.query<{ token: string; parent: string | null }>(
      `select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1`,
      [row.session_id],
    )
    if (active.rows[0] && active.rows[0].parent === row.token) {
      issued = active.rows[0].token
    } else if (row.reuse_expired === 'true') {
      await tx.query(
        `update auth.refresh_tokens set revoked = true, updated_at = now() where session_id = $1 and revoked = false`,
        [row.session_id],
      )
      ac.log(`auth: refresh token reuse detected for session ${row.session_id}; its tokens are revoked`)
      return { fail: badRequest('refresh_token_already_used', 'Invalid Refresh Token: Already Used') }
    }
  }
  if (!issued) {
    issued = newRefreshToken()
    await tx.query('update auth.refresh_tokens set revoked = true, updated_at = now() where id = $1', [row.id])
    await tx.query(
      `insert into auth.refresh_tokens (token, user_id, revoked, parent, session_id, created_at, updated_at)
       values ($1, $2, false, $3, $4, now(), now())`,
      [issued, row.user_id, row.token, row.session_id],
    )
  }
  await tx.query(
    `update auth.sessions set refreshed_at = now() at time zone 'UTC', updated_at = now(), user_agent = $2, ip = $3
      where id = $1`,
    [row.session_id, header(req, 'user-agent') ?? null, clientIp(req)],
  )
  return { ok: await tokenResponse(tx, ac, row.user_id, row.session_id, issued, 'token_refresh') }
}

/** GoTrue's Logout / LogoutSession / LogoutAllExceptMe: sessions go, their refresh tokens cascade. */
export async function endSessions(
  tx: Tx,
  userId: string,
  scope: 'global' | 'local' | 'others',
  sessionId: string | null,
) {
  if (scope === 'local' && sessionId) {
    await tx.query('delete from auth.sessions where id = $1', [sessionId])
  } else if (scope === 'others' && sessionId) {
    await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [userId, sessionId])
  } else {
    await tx.query('delete from auth.sessions where user_id = $1', [userId])
    await tx.query('delete from auth.refresh_tokens where user_id = $1', [userId])
  }
}
