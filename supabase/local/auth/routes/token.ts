import { badRequest, notInSubset, OAuthError, unprocessable } from '../errors'
import { enforceRateLimit } from '../rate-limit'
import { type RouteCtx, readAuthBody, sendJson, str } from '../request'
import { issueSession, refreshGrant } from '../sessions'
import { findUser, formatPhone, passwordMatches } from '../users'

const INVALID_LOGIN = 'Invalid login credentials'

/** POST /token?grant_type=… */
export async function token(rc: RouteCtx): Promise<void> {
  const grant = rc.url.searchParams.get('grant_type') ?? ''
  // GoTrue's Token handler: password and refresh-token grants share the token_refresh bucket
  const limit = () => enforceRateLimit(rc.req, rc.ac.settings, rc.ac.limiter, 'token')
  switch (grant) {
    case 'password':
      limit()
      return passwordGrant(rc)
    case 'refresh_token':
      limit()
      return refreshTokenGrant(rc)
    case 'pkce':
      throw notInSubset('The PKCE grant (OAuth / email-link PKCE flows)')
    case 'id_token':
      throw notInSubset('Sign-in with an OIDC id_token')
    case 'web3':
      throw notInSubset('Web3 sign-in')
    case 'authorization_code':
    case 'client_credentials':
      throw notInSubset('The OAuth 2.1 server')
    default:
      throw new OAuthError('unsupported_grant_type', '')
  }
}

/**
 * GoTrue's ResourceOwnerPasswordGrant. Unknown user, user without a password and wrong password all
 * answer the same 400 invalid_credentials; ban and unconfirmed checks only follow a right password.
 */
async function passwordGrant(rc: RouteCtx): Promise<void> {
  const body = await readAuthBody(rc.req)
  const email = str(body, 'email')
  const phone = str(body, 'phone')
  const password = str(body, 'password')
  if (email && phone)
    throw unprocessable('validation_failed', 'Only an email address or phone number should be provided on login.')
  if (!email && !phone) throw badRequest('validation_failed', 'missing email or phone')

  const session = await rc.db.transaction(async (tx) => {
    const user = await findUser(tx, email ? { email: email.trim() } : { phone: formatPhone(phone) })
    const ok = await passwordMatches(tx, user?.id ?? null, password)
    if (!user || !ok) throw badRequest('invalid_credentials', INVALID_LOGIN)
    if (user.banned) throw badRequest('user_banned', 'User is banned')
    if (email && !user.emailConfirmed) throw badRequest('email_not_confirmed', 'Email not confirmed')
    if (phone && !user.phoneConfirmed) throw badRequest('phone_not_confirmed', 'Phone not confirmed')
    return issueSession(tx, rc.ac, user.id, 'password', rc.req)
  })
  // GoTrue signs in with a password that no longer meets the policy, and says so
  const min = rc.ac.settings.minPasswordLength
  if (password.length < min) {
    session.weak_password = { reasons: ['length'], message: `Password should be at least ${min} characters.` }
  }
  sendJson(rc, 200, session)
}

async function refreshTokenGrant(rc: RouteCtx): Promise<void> {
  const body = await readAuthBody(rc.req)
  const presented = str(body, 'refresh_token')
  if (!presented) throw new OAuthError('invalid_request', 'refresh_token required')
  // a detected reuse revokes the token family and must stay revoked: commit first, then fail
  const outcome = await rc.db.transaction((tx) => refreshGrant(tx, rc.ac, presented, rc.req))
  if ('fail' in outcome) throw outcome.fail
  sendJson(rc, 200, outcome.ok)
}
