import { createHash, randomBytes, randomInt } from 'node:crypto'
import type { Tx } from '../../db/types'
import { AuthError, badRequest, forbidden, notFound, notInSubset, unprocessable } from '../errors'
import { requireAdmin } from '../guards'
import { obj, type RouteCtx, readAuthBody, redirectTarget, sendJson, str } from '../request'
import { issueSession, type TokenResponse } from '../sessions'
import { loadUserJson } from '../user-json'
import {
  checkPasswordStrength,
  clearOneTimeTokens,
  confirmEmail,
  findUser,
  insertUser,
  mergeMetadata,
  syncProviders,
  upsertIdentity,
  validateEmail,
} from '../users'
import { DUPLICATE_EMAIL } from './account'

type TokenType = 'recovery_token' | 'confirmation_token'

/** GoTrue's GenerateTokenHash: hex SHA-224 of the email (or phone) followed by the OTP. */
export const tokenHash = (emailOrPhone: string, otp: string) =>
  createHash('sha224')
    .update(emailOrPhone + otp)
    .digest('hex')
export const newOtp = () => String(randomInt(0, 1_000_000)).padStart(6, '0')

/**
 * POST /admin/generate_link for magiclink, recovery and signup: GoTrue's adminGenerateLink. The
 * answer is the user JSON plus action_link, email_otp, hashed_token, verification_type, redirect_to;
 * a magic link for an unknown email signs the address up (type becomes "signup"), as in GoTrue.
 */
export async function generateLink(rc: RouteCtx): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const body = await readAuthBody(rc.req)
  let type = str(body, 'type')
  if (['invite', 'email_change_current', 'email_change_new', 'phone_change'].includes(type)) {
    throw notInSubset(`generate_link type "${type}"`)
  }
  if (!['magiclink', 'recovery', 'signup'].includes(type)) {
    throw badRequest('validation_failed', `Invalid email action link type requested: ${type}`)
  }
  const email = validateEmail(body.email)
  const s = rc.ac.settings
  const wanted = str(body, 'redirect_to') || rc.url.searchParams.get('redirect_to')
  const redirectTo = redirectTarget(wanted, s.siteUrl)
  const data = obj(body, 'data')

  const json = await rc.db.transaction(async (tx) => {
    let user = await findUser(tx, { email }, true)
    let password = str(body, 'password')
    if (!user && type === 'recovery') throw notFound('user_not_found', 'User with this email not found')
    if (!user && type === 'magiclink') {
      type = 'signup'
      password = randomBytes(48).toString('base64url')
    }
    const otp = newOtp()
    const hashed = tokenHash(email, otp)
    if (type === 'signup') {
      if (user?.emailConfirmed) throw unprocessable('email_exists', DUPLICATE_EMAIL)
      if (user) {
        if (data) await mergeMetadata(tx, user.id, 'raw_user_meta_data', data)
      } else {
        if (!password) throw unprocessable('validation_failed', 'Signup requires a valid password')
        checkPasswordStrength(password, s.minPasswordLength)
        await insertUser(tx, { email, password, userMetadata: data })
        user = await findUser(tx, { email })
      }
    }
    if (!user) throw new AuthError(500, 'unexpected_failure', 'Database error finding user')
    const tokenType: TokenType = type === 'signup' ? 'confirmation_token' : 'recovery_token'
    await storeOneTimeToken(tx, user.id, email, tokenType, hashed)
    const link = `${s.externalUrl}/verify?token=${hashed}&type=${type}&redirect_to=${encodeURIComponent(redirectTo)}`
    return {
      ...(await loadUserJson(tx, user.id)),
      action_link: link,
      email_otp: otp,
      hashed_token: hashed,
      verification_type: type,
      redirect_to: redirectTo,
    }
  })
  sendJson(rc, 200, json)
}

/** GoTrue dual-writes the users column and auth.one_time_tokens; a new link replaces the old one. */
async function storeOneTimeToken(tx: Tx, userId: string, relatesTo: string, type: TokenType, hash: string) {
  const [column, sentAt] =
    type === 'recovery_token' ? ['recovery_token', 'recovery_sent_at'] : ['confirmation_token', 'confirmation_sent_at']
  await tx.query(`update auth.users set ${column} = $2, ${sentAt} = now(), updated_at = now() where id = $1`, [
    userId,
    hash,
  ])
  await tx.query(
    `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
     values ($1, $2::auth.one_time_token_type, $3, $4, now(), now())
     on conflict (user_id, token_type) do update
       set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
    [userId, type, hash, relatesTo],
  )
}

const TYPES_FOR: Record<string, TokenType[]> = {
  magiclink: ['recovery_token'],
  recovery: ['recovery_token'],
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  email: ['confirmation_token', 'recovery_token'],
}

interface Verified {
  session: TokenResponse
  type: string
}

/**
 * Spends a one-time token and opens a session (GoTrue's verifyTokenHash + signupVerify /
 * recoverVerify + IssueRefreshToken with the "otp" method). A missing, spent or expired token all
 * answer 403 otp_expired, so /verify tells nothing about which links exist.
 */
async function verifyTokenHash(rc: RouteCtx, type: string, hash: string, email?: string): Promise<Verified> {
  if (type === 'email_change') throw notInSubset('Verifying an email change')
  if (type === 'sms' || type === 'phone_change') throw notInSubset('SMS OTP verification')
  const types = TYPES_FOR[type]
  if (!types) throw badRequest('validation_failed', 'Invalid email verification type')
  const expired = email
    ? forbidden('otp_expired', 'Token has expired or is invalid')
    : forbidden('otp_expired', 'Email link is invalid or has expired')
  return rc.db.transaction(async (tx) => {
    const r = await tx.query<{ user_id: string; token_type: TokenType; expired: string }>(
      `select o.user_id::text as user_id, o.token_type::text as token_type,
              (coalesce(case o.token_type when 'recovery_token' then u.recovery_sent_at else u.confirmation_sent_at end,
                        '-infinity') + make_interval(secs => $3) < now())::text as expired
         from auth.one_time_tokens o join auth.users u on u.id = o.user_id
        where o.token_hash = $1 and o.token_type::text = any($2::text[])
          and ($4::text is null or lower(u.email) = $4)
        for update of o`,
      [hash, types, rc.ac.settings.otpExpiry, email ?? null],
    )
    const ott = r.rows[0]
    if (!ott) throw expired
    const user = await findUser(tx, { id: ott.user_id })
    if (!user) throw expired
    if (user.banned) throw forbidden('user_banned', 'User is banned')
    if (ott.expired === 'true') throw expired
    const effective = type === 'email' ? (ott.token_type === 'recovery_token' ? 'magiclink' : 'signup') : type
    if (ott.token_type === 'recovery_token') {
      await tx.query(`update auth.users set recovery_token = '', updated_at = now() where id = $1`, [user.id])
      await clearOneTimeTokens(tx, user.id)
    }
    if (!user.emailConfirmed || ott.token_type === 'confirmation_token') {
      await confirmEmail(tx, user.id)
      await upsertIdentity(tx, user.id, 'email', { email_verified: true })
    }
    await syncProviders(tx, user.id)
    return { session: await issueSession(tx, rc.ac, user.id, 'otp', rc.req), type: effective }
  })
}

/** POST /verify with {type, token_hash} (or {type, email, token} for the emailed OTP). */
export async function verifyPost(rc: RouteCtx): Promise<void> {
  const body = await readAuthBody(rc.req)
  const type = str(body, 'type')
  const token = str(body, 'token')
  const hash = str(body, 'token_hash')
  if (!type) throw badRequest('validation_failed', 'Verify requires a verification type')
  if ((!token && !hash) || (token && hash))
    throw badRequest('validation_failed', 'Verify requires either a token or a token hash')
  if (hash) {
    if (str(body, 'email') || str(body, 'phone') || str(body, 'redirect_to')) {
      throw badRequest('validation_failed', 'Only the token_hash and type should be provided')
    }
    sendJson(rc, 200, (await verifyTokenHash(rc, type, hash)).session)
    return
  }
  if (str(body, 'phone') && !str(body, 'email')) throw notInSubset('SMS OTP verification')
  if (!str(body, 'email')) {
    throw badRequest('validation_failed', 'Only an email address or phone number should be provided on verify')
  }
  const email = validateEmail(body.email)
  sendJson(rc, 200, (await verifyTokenHash(rc, type, tokenHash(email, token), email)).session)
}

/**
 * GET /verify?token&type&redirect_to: the emailed link. Success is a 303 to redirect_to with the
 * session in the fragment (implicit flow); a bad link is a 303 carrying error params instead.
 */
export async function verifyGet(rc: RouteCtx): Promise<void> {
  const q = rc.url.searchParams
  const type = q.get('type') ?? ''
  const token = q.get('token') ?? ''
  if (!type) throw badRequest('validation_failed', 'Verify requires a verification type')
  if (!token) throw badRequest('validation_failed', 'Verify requires a token or a token hash')
  if (token.startsWith('pkce_')) throw notInSubset('The PKCE email-link flow')
  const target = redirectTarget(q.get('redirect_to') ?? rc.req.headers.referer, rc.ac.settings.siteUrl)
  const u = new URL(target)
  const frag = new URLSearchParams()
  try {
    const { session, type: effective } = await verifyTokenHash(rc, type, token)
    frag.set('access_token', session.access_token)
    frag.set('expires_at', String(session.expires_at))
    frag.set('expires_in', String(session.expires_in))
    frag.set('refresh_token', session.refresh_token)
    frag.set('sb', '')
    frag.set('token_type', session.token_type)
    frag.set('type', effective)
  } catch (e) {
    if (!(e instanceof AuthError) || e.status === 501) throw e
    const oauth: Record<number, string> = {
      400: 'invalid_request',
      401: 'unauthorized_client',
      403: 'access_denied',
      500: 'server_error',
    }
    if (oauth[e.status]) frag.set('error', oauth[e.status])
    frag.set('error_code', e.code ?? 'unknown')
    frag.set('error_description', e.message)
    frag.set('sb', '')
  }
  u.hash = frag.toString()
  rc.res.writeHead(303, { location: u.toString() })
  rc.res.end()
}
