import { publishedKeys } from '../jwt'
import type { ApiModule, StackContext } from '../stack'
import { notInSubset, sendAuthError } from './errors'
import { checkApiKey } from './gateway'
import { requireAdmin } from './guards'
import { Outbox } from './outbox'
import { enforceRateLimit, RateLimiter } from './rate-limit'
import { type RouteCtx, sendJson } from './request'
import * as account from './routes/account'
import * as admin from './routes/admin'
import * as links from './routes/links'
import { token } from './routes/token'
import { GOTRUE_VERSION, publicSettings, settingsOf } from './settings'

type Handler = (rc: RouteCtx, param: string) => Promise<void>

/** The implemented routes: method + path pattern (`:id` captures one segment). */
const ROUTES: Array<[string, string, Handler]> = [
  ['GET', '/health', health],
  ['GET', '/settings', async (rc) => sendJson(rc, 200, publicSettings(rc.ac.settings))],
  // the public signing keys (jwt.ts): auth-js's getClaims() caches them and verifies access tokens locally
  ['GET', '/.well-known/jwks.json', jwks],
  ['POST', '/token', token],
  ['POST', '/signup', account.signup],
  ['GET', '/user', account.getUser],
  ['PUT', '/user', account.updateUser],
  ['GET', '/reauthenticate', account.reauthenticate],
  ['POST', '/logout', account.logout],
  ['GET', '/verify', limited('verify', links.verifyGet)],
  ['POST', '/verify', limited('verify', links.verifyPost)],
  ['GET', '/admin/users', admin.listUsers],
  ['POST', '/admin/users', admin.createUser],
  ['GET', '/admin/users/:id', admin.getUserById],
  ['PUT', '/admin/users/:id', admin.updateUserById],
  ['DELETE', '/admin/users/:id', admin.deleteUser],
  ['POST', '/admin/generate_link', links.generateLink],
  // not GoTrue: the local stack's mailbox (it sends no mail), see outbox.ts
  ['GET', '/admin/outbox', outbox],
]

/** GoTrue's limitHandler middleware in front of a route. */
function limited(bucket: 'verify', handler: Handler): Handler {
  return async (rc, param) => {
    enforceRateLimit(rc.req, rc.ac.settings, rc.ac.limiter, bucket)
    return handler(rc, param)
  }
}

/** GET /.well-known/jwks.json: public, cacheable (GoTrue sends max-age 600, as auth-js's JWKS_TTL). */
async function jwks(rc: RouteCtx) {
  sendJson(rc, 200, { keys: publishedKeys(rc.ac.settings.jwtSecret) }, { 'cache-control': 'public, max-age=600' })
}

/** GET /admin/outbox[?email=]: what would have been emailed, newest first (service role only). */
async function outbox(rc: RouteCtx) {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  sendJson(rc, 200, { messages: rc.ac.outbox.list(rc.url.searchParams.get('email') ?? undefined) })
}

/** Known GoTrue endpoints outside the subset, so the 501 names what is missing. */
const UNSUPPORTED: Array<[RegExp, string]> = [
  [/^\/(otp|magiclink)$/, 'Passwordless sign-in by email/SMS OTP (use auth.admin.generateLink + verifyOtp)'],
  [/^\/(authorize|callback)$/, 'OAuth / social providers'],
  [/^\/(sso|saml)(\/|$)/, 'SSO / SAML'],
  [/^\/factors(\/|$)/, 'MFA'],
  [/^\/admin\/users\/[^/]+\/factors(\/|$)/, 'MFA'],
  [/^\/(recover|resend|invite)$/, 'Sending email or SMS'],
  [/^\/user\/identities(\/|$)/, 'Identity linking'],
  [/^\/(admin\/users\/[^/]+\/)?passkeys(\/|$)/, 'Passkeys'],
  [/^\/(oauth|admin\/oauth)(\/|$)/, 'The OAuth 2.1 server'],
  [/^\/admin\/(sso|custom-providers|audit)(\/|$)/, 'This admin API'],
]

function match(pattern: string, path: string): string | null {
  if (!pattern.includes(':id')) return pattern === path ? '' : null
  const prefix = pattern.slice(0, pattern.indexOf(':id'))
  if (!path.startsWith(prefix)) return null
  const rest = path.slice(prefix.length)
  return rest && !rest.includes('/') ? decodeURIComponent(rest) : null
}

/** GET /health, in GoTrue's shape. */
async function health(rc: RouteCtx) {
  sendJson(rc, 200, {
    version: GOTRUE_VERSION,
    name: 'GoTrue',
    description: 'GoTrue is a user registration and authentication API',
  })
}

/**
 * The /auth/v1 subset of GoTrue that supabase-js's auth-js drives (see README.md): password and
 * refresh-token grants, signup, user, logout, admin users, generate_link + verify.
 */
export function createAuth(ctx: StackContext): ApiModule {
  const prefix = '/auth/v1'
  const limiter = new RateLimiter()
  const mail = new Outbox()
  return {
    prefix,
    async handle(req, res, url) {
      const path = url.pathname.slice(prefix.length).replace(/\/+$/, '') || '/'
      const rc: RouteCtx = {
        req,
        res,
        url,
        db: ctx.db,
        cfg: ctx.cfg,
        ac: { settings: settingsOf(ctx.cfg), log: ctx.log, limiter, outbox: mail },
      }
      // the gateway's refusal is its own (HttpError, written by the server), never GoTrue-shaped
      await checkApiKey(req, url, path, ctx.cfg.jwtSecret)
      try {
        for (const [method, pattern, handler] of ROUTES) {
          const param = match(pattern, path)
          if (param !== null && req.method === method) return await handler(rc, param)
        }
        const unsupported = UNSUPPORTED.find(([re]) => re.test(path))
        if (unsupported) throw notInSubset(`${unsupported[1]} (${req.method} ${prefix}${path})`)
        throw notInSubset(`${req.method} ${prefix}${path}`)
      } catch (e) {
        sendAuthError(req, res, e, ctx.log)
      }
    },
  }
}
