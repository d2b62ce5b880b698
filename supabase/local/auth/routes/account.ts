import type { Tx } from '../../db/types'
import { AuthError, badRequest, notInSubset, unprocessable } from '../errors'
import { requireUser } from '../guards'
import { enforceRateLimit } from '../rate-limit'
import { obj, type RouteCtx, readAuthBody, sendJson, str } from '../request'
import { type AuthContext, endSessions, issueSession } from '../sessions'
import { loadUserJson } from '../user-json'
import {
  checkPasswordStrength,
  confirmEmail,
  confirmPhone,
  findUser,
  insertUser,
  mergeMetadata,
  passwordMatches,
  setPassword,
  syncProviders,
  upsertIdentity,
  validateEmail,
  validatePhone,
} from '../users'
import { newOtp, tokenHash } from './links'

export const DUPLICATE_EMAIL = 'A user with this email address has already been registered'
export const DUPLICATE_PHONE = 'A user with this phone number has already been registered'

/**
 * POST /signup with GoTrue's autoconfirm on (the local stack sends no mail or SMS): the user is
 * confirmed at once and a session returned. An already confirmed user is 422 user_already_exists.
 */
export async function signup(rc: RouteCtx): Promise<void> {
  if (!rc.ac.settings.signupEnabled) throw unprocessable('signup_disabled', 'Signups not allowed for this instance')
  const body = await readAuthBody(rc.req)
  const rawEmail = str(body, 'email')
  const rawPhone = str(body, 'phone')
  const data = obj(body, 'data') ?? {}
  if (rawEmail && rawPhone) {
    throw unprocessable('validation_failed', 'Only an email address or phone number should be provided on signup.')
  }
  if (!rawEmail && !rawPhone) throw unprocessable('validation_failed', 'Signup requires a valid email or phone number')
  enforceRateLimit(rc.req, rc.ac.settings, rc.ac.limiter, 'signup')
  const password = str(body, 'password')
  if (!password) throw unprocessable('validation_failed', 'Signup requires a valid password')
  checkPasswordStrength(password, rc.ac.settings.minPasswordLength)
  const email = rawEmail ? validateEmail(rawEmail) : ''
  const phone = rawPhone ? validatePhone(rawPhone) : ''

  const session = await rc.db.transaction(async (tx) => {
    const existing = await findUser(tx, email ? { email } : { phone }, true)
    let userId: string
    if (existing) {
      if (email ? existing.emailConfirmed : existing.phoneConfirmed) {
        throw unprocessable('user_already_exists', 'User already registered')
      }
      // an unconfirmed user (e.g. created by an admin) is completed by signing up, as in GoTrue
      userId = existing.id
      await mergeMetadata(tx, userId, 'raw_user_meta_data', data)
      await setPassword(tx, userId, password)
    } else {
      userId = await insertUser(tx, {
        email: email || undefined,
        phone: phone || undefined,
        password,
        userMetadata: data,
      })
    }
    if (email) {
      await confirmEmail(tx, userId)
      await upsertIdentity(tx, userId, 'email', { email_verified: true })
    } else {
      await confirmPhone(tx, userId)
      await upsertIdentity(tx, userId, 'phone', { phone_verified: true })
    }
    return issueSession(tx, rc.ac, userId, 'password', rc.req)
  })
  sendJson(rc, 200, session)
}

/** GET /user */
export async function getUser(rc: RouteCtx): Promise<void> {
  const json = await rc.db.transaction(async (tx) => {
    const { user } = await requireUser(tx, rc.req, rc.ac.settings.jwtSecret)
    return loadUserJson(tx, user.id)
  })
  sendJson(rc, 200, json)
}

/**
 * PUT /user: password (other sessions end, as GoTrue's UpdatePassword), data (user_metadata
 * merge), email / phone (applied at once: autoconfirm). app_metadata is admin-only and ignored here.
 * With secure_password_change, a password needs a session signed in within 24 h or a nonce from
 * GET /reauthenticate (GoTrue's UserUpdate); a nonce sent with a recent session is not checked.
 */
export async function updateUser(rc: RouteCtx): Promise<void> {
  const body = await readAuthBody(rc.req)
  const nonce = str(body, 'nonce')
  const json = await rc.db.transaction(async (tx) => {
    const { user, sessionId } = await requireUser(tx, rc.req, rc.ac.settings.jwtSecret)
    enforceRateLimit(rc.req, rc.ac.settings, rc.ac.limiter, 'user')
    if (body.password !== undefined && body.password !== null) {
      const password = checkPasswordStrength(body.password, rc.ac.settings.minPasswordLength)
      if (rc.ac.settings.securePasswordChange && !(await signedInRecently(tx, sessionId))) {
        if (!nonce) throw badRequest('reauthentication_needed', 'Password update requires reauthentication')
        await verifyReauthentication(tx, rc.ac, user.id, nonce)
      }
      if (user.hasPassword && (await passwordMatches(tx, user.id, password))) {
        throw unprocessable('same_password', 'New password should be different from the old password.')
      }
      await setPassword(tx, user.id, password)
      await endSessions(tx, user.id, 'others', sessionId)
    }
    const data = obj(body, 'data')
    if (data) await mergeMetadata(tx, user.id, 'raw_user_meta_data', data)
    const rawEmail = str(body, 'email')
    if (rawEmail) await changeEmail(tx, user.id, user.email, validateEmail(rawEmail))
    const rawPhone = str(body, 'phone')
    if (rawPhone) await changePhone(tx, user.id, user.phone, validatePhone(rawPhone))
    return loadUserJson(tx, user.id)
  })
  sendJson(rc, 200, json)
}

/** GoTrue: "the user hasn't signed in recently in the current session" = the session is over 24 h old. */
async function signedInRecently(tx: Tx, sessionId: string | null): Promise<boolean> {
  if (!sessionId) return false
  const r = await tx.query<{ recent: string }>(
    `select (created_at + interval '24 hours' > now())::text as recent from auth.sessions where id = $1`,
    [sessionId],
  )
  return r.rows[0]?.recent === 'true'
}

const INVALID_NONCE = 'Nonce has expired or is invalid'

/**
 * GoTrue's verifyReauthentication: the nonce is the latest code sent to the user's email, unexpired
 * (otp expiry) and single use (ConfirmReauthentication clears it); anything else is 422
 * reauthentication_not_valid.
 */
async function verifyReauthentication(tx: Tx, ac: AuthContext, userId: string, nonce: string): Promise<void> {
  const r = await tx.query<{ email: string; token: string; expired: string | null }>(
    `select coalesce(email, '') as email, coalesce(reauthentication_token, '') as token,
            (reauthentication_sent_at + make_interval(secs => $2) < now())::text as expired
       from auth.users where id = $1 for update`,
    [userId, ac.settings.otpExpiry],
  )
  const row = r.rows[0]
  if (!row?.token || row.expired === null) throw unprocessable('reauthentication_not_valid', INVALID_NONCE)
  if (!row.email) throw notInSubset('Reauthentication by SMS')
  if (row.token !== tokenHash(row.email, nonce) || row.expired === 'true') {
    throw unprocessable('reauthentication_not_valid', INVALID_NONCE)
  }
  await tx.query(`update auth.users set reauthentication_token = '', updated_at = now() where id = $1`, [userId])
  await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId])
}

/**
 * GET /reauthenticate: GoTrue's Reauthenticate sends a one-time code to the user's email; here it
 * goes to the stack's outbox and log instead (no mail is sent). Answers 200 {}.
 */
export async function reauthenticate(rc: RouteCtx): Promise<void> {
  await rc.db.transaction(async (tx) => {
    const { user } = await requireUser(tx, rc.req, rc.ac.settings.jwtSecret)
    if (!user.email && !user.phone) {
      throw badRequest('validation_failed', 'Reauthentication requires the user to have an email or a phone number')
    }
    if (!user.email) throw notInSubset('Reauthentication by SMS')
    if (!user.emailConfirmed) throw unprocessable('email_not_confirmed', 'Please verify your email first.')
    const s = rc.ac.settings
    const last = await tx.query<{ wait: string | null }>(
      `select ceil(extract(epoch from reauthentication_sent_at + make_interval(secs => $2) - now()))::int::text as wait
         from auth.users where id = $1 for update`,
      [user.id, s.maxFrequency],
    )
    const wait = Number(last.rows[0]?.wait ?? 0)
    if (wait > 0) {
      throw new AuthError(
        429,
        'over_email_send_rate_limit',
        `For security purposes, you can only request this after ${wait} seconds.`,
      )
    }
    const otp = newOtp()
    const hash = tokenHash(user.email, otp)
    await tx.query(
      `update auth.users set reauthentication_token = $2, reauthentication_sent_at = now(), updated_at = now()
        where id = $1`,
      [user.id, hash],
    )
    await tx.query(
      `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at)
       values ($1, 'reauthentication_token', $2, $3, now(), now())
       on conflict (user_id, token_type) do update
         set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = now(), updated_at = now()`,
      [user.id, hash, user.email],
    )
    rc.ac.outbox.push({ to: user.email, type: 'reauthentication', otp, sent_at: new Date().toISOString() })
    rc.ac.log(`auth: reauthentication code for ${user.email}: ${otp} (no mail is sent; also GET /auth/v1/admin/outbox)`)
  })
  sendJson(rc, 200, {})
}

/** The autoconfirmed email change GoTrue performs when mailer_autoconfirm is on. */
export async function changeEmail(tx: Tx, userId: string, current: string, email: string, confirm = true) {
  if (email === current) return
  const dup = await findUser(tx, { email })
  if (dup && dup.id !== userId) throw unprocessable('email_exists', DUPLICATE_EMAIL)
  await tx.query(`update auth.users set email = $2, email_change = '', updated_at = now() where id = $1`, [
    userId,
    email,
  ])
  await upsertIdentity(tx, userId, 'email', { sub: userId, email, email_verified: confirm, phone_verified: false })
  if (confirm) await confirmEmail(tx, userId)
  await syncProviders(tx, userId)
}

export async function changePhone(tx: Tx, userId: string, current: string, phone: string, confirm = true) {
  if (phone === current) return
  const dup = await findUser(tx, { phone })
  if (dup && dup.id !== userId) throw unprocessable('phone_exists', DUPLICATE_PHONE)
  await tx.query('update auth.users set phone = $2, updated_at = now() where id = $1', [userId, phone])
  await upsertIdentity(tx, userId, 'phone', { sub: userId, phone, email_verified: false, phone_verified: confirm })
  if (confirm) await confirmPhone(tx, userId)
  await syncProviders(tx, userId)
}

/** POST /logout?scope=global|local|others → 204 */
export async function logout(rc: RouteCtx): Promise<void> {
  const raw = rc.url.searchParams.get('scope') ?? ''
  const scope = raw === '' ? 'global' : raw
  if (scope !== 'global' && scope !== 'local' && scope !== 'others') {
    throw badRequest('validation_failed', `Unsupported logout scope "${raw}"`)
  }
  await rc.db.transaction(async (tx) => {
    const { user, sessionId } = await requireUser(tx, rc.req, rc.ac.settings.jwtSecret)
    await endSessions(tx, user.id, scope, sessionId)
  })
  sendJson(rc, 204)
}
