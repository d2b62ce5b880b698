import { randomBytes } from 'node:crypto'
import type { Tx } from '../../db/types'
import { parseGoDuration } from '../duration'
import { badRequest, notFound, unprocessable } from '../errors'
import { requireAdmin } from '../guards'
import { type Body, bool, obj, type RouteCtx, readAuthBody, sendJson, str } from '../request'
import { endSessions } from '../sessions'
import { loadUserJson, userJson } from '../user-json'
import {
  checkPasswordStrength,
  confirmEmail,
  confirmPhone,
  findUser,
  insertUser,
  isUuid,
  mergeMetadata,
  setPassword,
  validateEmail,
  validatePhone,
} from '../users'
import { changeEmail, changePhone, DUPLICATE_EMAIL } from './account'

const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/

/** GET /admin/users?page&per_page&filter: `{users, aud}` plus GoTrue's X-Total-Count / Link headers. */
export async function listUsers(rc: RouteCtx): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const page = pageParam(rc.url, 'page', 1) || 1
  const perPage = pageParam(rc.url, 'per_page', 50) || 50
  const filter = rc.url.searchParams.get('filter') ?? ''
  const where = `u.aud = 'authenticated' and ($1 = '' or u.email ilike '%' || $1 || '%'
                  or u.raw_user_meta_data ->> 'full_name' ilike '%' || $1 || '%')`
  const [count, rows] = await rc.db.transaction(async (tx) => [
    await tx.query<{ n: string }>(`select count(*)::text as n from auth.users u where ${where}`, [filter]),
    await tx.query<{ j: string }>(
      `select coalesce(jsonb_agg(x.j order by x.created_at desc, x.id), '[]'::jsonb)::text as j from (
         select ${userJson('u')} as j, u.created_at, u.id from auth.users u where ${where}
          order by u.created_at desc, u.id limit $2 offset $3) x`,
      [filter, perPage, (page - 1) * perPage],
    ),
  ])
  const total = Number(count.rows[0].n)
  sendJson(
    rc,
    200,
    `{"users":${rows.rows[0].j},"aud":"authenticated"}`,
    paginationHeaders(rc.url, page, perPage, total),
  )
}

function pageParam(url: URL, key: string, dflt: number): number {
  const v = url.searchParams.get(key)
  if (v === null || v === '') return dflt
  if (!/^\d+$/.test(v)) {
    throw badRequest(
      'validation_failed',
      `Bad Pagination Parameters: strconv.ParseUint: parsing "${v}": invalid syntax`,
    )
  }
  return Math.min(Number(v), 1000)
}

/** GoTrue's addPaginationHeaders; auth-js reads the page numbers back out of Link. */
function paginationHeaders(url: URL, page: number, perPage: number, total: number): Record<string, string> {
  const links: string[] = []
  if (total > 0) {
    const last = Math.ceil(total / perPage)
    const at = (p: number) => {
      const q = new URLSearchParams(url.searchParams)
      q.set('page', String(p))
      q.sort()
      return `</admin/users?${q.toString()}>`
    }
    if (page < last) links.push(`${at(page + 1)}; rel="next"`)
    links.push(`${at(last)}; rel="last"`)
  }
  return { link: links.join(', '), 'x-total-count': String(total) }
}

/** POST /admin/users: GoTrue's adminUserCreate. */
export async function createUser(rc: RouteCtx): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const body = await readAuthBody(rc.req)
  const rawEmail = str(body, 'email')
  const rawPhone = str(body, 'phone')
  if (!rawEmail && !rawPhone)
    throw badRequest('validation_failed', 'Cannot create a user without either an email or phone')
  const email = rawEmail ? validateEmail(rawEmail) : undefined
  const phone = rawPhone ? validatePhone(rawPhone) : undefined
  const password = body.password === undefined || body.password === null ? undefined : str(body, 'password')
  const passwordHash = str(body, 'password_hash')
  if (password !== undefined && passwordHash) {
    throw badRequest('validation_failed', 'Only a password or a password hash should be provided')
  }
  if (password !== undefined && Buffer.byteLength(password) > 72) {
    throw badRequest('validation_failed', 'Password cannot be longer than 72 characters')
  }
  if (passwordHash && !BCRYPT_HASH.test(passwordHash)) {
    throw badRequest('validation_failed', 'Only bcrypt password hashes are supported by the local stack')
  }
  const id = str(body, 'id')
  if (id && !isUuid(id)) throw badRequest('validation_failed', 'ID must conform to the uuid v4 format')
  if (id === '00000000-0000-0000-0000-000000000000') throw badRequest('validation_failed', 'ID cannot be a nil uuid')
  const banSeconds = banDuration(body)
  const userMetadata = obj(body, 'user_metadata')
  const appMetadata = obj(body, 'app_metadata')

  const json = await rc.db.transaction(async (tx) => {
    if (email && (await findUser(tx, { email }))) throw unprocessable('email_exists', DUPLICATE_EMAIL)
    if (phone && (await findUser(tx, { phone }))) {
      throw unprocessable('phone_exists', 'Phone number already registered by another user')
    }
    if (id && (await findUser(tx, { id }))) throw unprocessable('user_already_exists', 'User already registered')
    // no password: GoTrue stores a random one, so the account cannot be guessed into
    const userId = await insertUser(tx, {
      id: id || undefined,
      email,
      phone,
      password: passwordHash ? undefined : password || randomPassword(),
      role: str(body, 'role') || undefined,
      userMetadata,
    })
    if (passwordHash)
      await tx.query('update auth.users set encrypted_password = $2 where id = $1', [userId, passwordHash])
    if (appMetadata) await mergeMetadata(tx, userId, 'raw_app_meta_data', appMetadata)
    if (bool(body, 'email_confirm')) await confirmEmail(tx, userId)
    if (bool(body, 'phone_confirm')) await confirmPhone(tx, userId)
    if (banSeconds !== undefined) await ban(tx, userId, banSeconds)
    return loadUserJson(tx, userId)
  })
  sendJson(rc, 200, json)
}

const randomPassword = () => randomBytes(48).toString('base64url')

function banDuration(body: Body): number | undefined {
  const raw = str(body, 'ban_duration')
  if (raw === '') return undefined
  return raw === 'none' ? 0 : parseGoDuration(raw)
}

/** GoTrue's User.Ban; a ban also ends the user's sessions so no refresh outlives it. */
async function ban(tx: Tx, userId: string, seconds: number) {
  await tx.query(
    `update auth.users set banned_until = case when $2::float8 = 0 then null else now() + make_interval(secs => $2::float8) end,
            updated_at = now() where id = $1`,
    [userId, seconds],
  )
  if (seconds > 0) await endSessions(tx, userId, 'global', null)
}

async function loadTarget(tx: Tx, id: string) {
  if (!isUuid(id)) throw notFound('validation_failed', 'user_id must be an UUID')
  const user = await findUser(tx, { id }, true)
  if (!user) throw notFound('user_not_found', 'User not found')
  return user
}

/** GET /admin/users/:id */
export async function getUserById(rc: RouteCtx, id: string): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const json = await rc.db.transaction(async (tx) => {
    await loadTarget(tx, id)
    return loadUserJson(tx, id)
  })
  sendJson(rc, 200, json)
}

/** PUT /admin/users/:id: GoTrue's adminUserUpdate (a new password ends all the user's sessions). */
export async function updateUserById(rc: RouteCtx, id: string): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const body = await readAuthBody(rc.req)
  const email = str(body, 'email') ? validateEmail(str(body, 'email')) : ''
  const phone = str(body, 'phone') ? validatePhone(str(body, 'phone')) : ''
  const banSeconds = banDuration(body)
  const password = body.password === undefined || body.password === null ? undefined : str(body, 'password')
  if (password !== undefined) checkPasswordStrength(password, rc.ac.settings.minPasswordLength)
  const userMetadata = obj(body, 'user_metadata')
  const appMetadata = obj(body, 'app_metadata')
  const json = await rc.db.transaction(async (tx) => {
    const user = await loadTarget(tx, id)
    const role = str(body, 'role')
    if (role) await tx.query('update auth.users set role = $2, updated_at = now() where id = $1', [id, role.trim()])
    if (bool(body, 'email_confirm')) await confirmEmail(tx, id)
    if (bool(body, 'phone_confirm')) await confirmPhone(tx, id)
    if (password !== undefined) {
      await setPassword(tx, id, password)
      await endSessions(tx, id, 'global', null)
    }
    if (email) await changeEmail(tx, id, user.email, email, bool(body, 'email_confirm'))
    if (phone) await changePhone(tx, id, user.phone, phone, bool(body, 'phone_confirm'))
    if (appMetadata) await mergeMetadata(tx, id, 'raw_app_meta_data', appMetadata)
    if (userMetadata) await mergeMetadata(tx, id, 'raw_user_meta_data', userMetadata)
    if (banSeconds !== undefined) await ban(tx, id, banSeconds)
    return loadUserJson(tx, id)
  })
  sendJson(rc, 200, json)
}

/**
 * DELETE /admin/users/:id → 200 {}. Hard delete cascades identities, sessions, refresh tokens and
 * one-time tokens; should_soft_delete keeps the row (deleted_at, email/phone/password cleared).
 */
export async function deleteUser(rc: RouteCtx, id: string): Promise<void> {
  await requireAdmin(rc.req, rc.ac.settings.jwtSecret)
  const body = await readAuthBody(rc.req)
  const soft = bool(body, 'should_soft_delete')
  await rc.db.transaction(async (tx) => {
    await loadTarget(tx, id)
    if (!soft) {
      await tx.query('delete from auth.refresh_tokens where user_id = $1', [id])
      await tx.query('delete from auth.users where id = $1', [id])
      return
    }
    await endSessions(tx, id, 'global', null)
    await tx.query('delete from auth.identities where user_id = $1', [id])
    await tx.query(
      `update auth.users set deleted_at = coalesce(deleted_at, now()), email = null, phone = null,
              encrypted_password = '', confirmation_token = '', recovery_token = '', updated_at = now()
        where id = $1`,
      [id],
    )
  })
  sendJson(rc, 200, {})
}
