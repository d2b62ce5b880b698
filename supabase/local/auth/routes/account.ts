import type { Tx } from '../../db/types'
import { badRequest, notInSubset, unprocessable } from '../errors'
import { requireUser } from '../guards'
import { obj, type RouteCtx, readAuthBody, sendJson, str } from '../request'
import { endSessions, issueSession } from '../sessions'
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
 */
export async function updateUser(rc: RouteCtx): Promise<void> {
  const body = await readAuthBody(rc.req)
  if (body.nonce !== undefined && body.nonce !== null) throw notInSubset('Reauthentication (nonce)')
  const json = await rc.db.transaction(async (tx) => {
    const { user, sessionId } = await requireUser(tx, rc.req, rc.ac.settings.jwtSecret)
    if (body.password !== undefined && body.password !== null) {
      const password = checkPasswordStrength(body.password, rc.ac.settings.minPasswordLength)
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
