import type { Tx } from '../db/types'
import { badRequest, weakPassword } from './errors'

/** The columns of auth.users the handlers decide on; booleans come back as 'true'/'false'. */
export interface UserRow {
  id: string
  aud: string
  role: string
  email: string
  phone: string
  hasPassword: boolean
  emailConfirmed: boolean
  phoneConfirmed: boolean
  banned: boolean
  isAnonymous: boolean
  deleted: boolean
  appMetadata: Record<string, unknown>
  userMetadata: Record<string, unknown>
}

const USER_COLUMNS = `u.id::text as id, coalesce(u.aud, '') as aud, coalesce(u.role, '') as role,
  coalesce(u.email, '') as email, coalesce(u.phone, '') as phone,
  (coalesce(u.encrypted_password, '') <> '')::text as has_password,
  (u.email_confirmed_at is not null)::text as email_confirmed,
  (u.phone_confirmed_at is not null)::text as phone_confirmed,
  (u.banned_until is not null and u.banned_until > now())::text as banned,
  u.is_anonymous::text as is_anonymous, (u.deleted_at is not null)::text as deleted,
  coalesce(u.raw_app_meta_data, '{}')::text as app_metadata,
  coalesce(u.raw_user_meta_data, '{}')::text as user_metadata`

type RawUser = Record<string, string>

function toUser(r: RawUser): UserRow {
  return {
    id: r.id,
    aud: r.aud,
    role: r.role,
    email: r.email,
    phone: r.phone,
    hasPassword: r.has_password === 'true',
    emailConfirmed: r.email_confirmed === 'true',
    phoneConfirmed: r.phone_confirmed === 'true',
    banned: r.banned === 'true',
    isAnonymous: r.is_anonymous === 'true',
    deleted: r.deleted === 'true',
    appMetadata: JSON.parse(r.app_metadata),
    userMetadata: JSON.parse(r.user_metadata),
  }
}

export type UserKey = { id: string } | { email: string } | { phone: string }

/** Finds a user as GoTrue's FindUserBy{ID,EmailAndAudience,PhoneAndAudience} do. */
export async function findUser(tx: Tx, key: UserKey, forUpdate = false): Promise<UserRow | null> {
  let where: string
  let param: string
  if ('id' in key) {
    if (!isUuid(key.id)) return null
    where = 'u.id = $1::uuid'
    param = key.id
  } else if ('email' in key) {
    where = `lower(u.email) = lower($1) and u.is_sso_user = false and u.aud = 'authenticated' and u.deleted_at is null`
    param = key.email
  } else {
    where = `u.phone = $1 and u.aud = 'authenticated' and u.deleted_at is null`
    param = key.phone
  }
  const r = await tx.query<RawUser>(
    `select ${USER_COLUMNS} from auth.users u where ${where}${forUpdate ? ' for update of u' : ''}`,
    [param],
  )
  return r.rows[0] ? toUser(r.rows[0]) : null
}

export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)

/** bcrypt check in SQL with pgcrypto. An unknown user still costs one hash, so timing says nothing. */
export async function passwordMatches(tx: Tx, userId: string | null, password: string): Promise<boolean> {
  if (!userId) {
    await tx.query(`select extensions.crypt($1, extensions.gen_salt('bf', 10))`, [password])
    return false
  }
  const r = await tx.query<{ ok: string }>(
    `select (encrypted_password = extensions.crypt($2, encrypted_password))::text as ok
       from auth.users where id = $1 and coalesce(encrypted_password, '') <> ''`,
    [userId, password],
  )
  return r.rows[0]?.ok === 'true'
}

/** GoTrue's validateEmail: required, ≤ 255 chars, a plausible address; returned lower-cased. */
export function validateEmail(email: unknown): string {
  if (typeof email !== 'string' || email.trim() === '')
    throw badRequest('validation_failed', 'An email address is required')
  const e = email.trim()
  if (e.length > 255) throw badRequest('validation_failed', 'An email address is too long')
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(e)) {
    throw badRequest('validation_failed', 'Unable to validate email address: invalid format')
  }
  return e.toLowerCase()
}

/** GoTrue's validatePhone: E.164 digits, stored without the '+'. */
export function validatePhone(phone: unknown): string {
  const p = typeof phone === 'string' ? formatPhone(phone) : ''
  if (!/^[1-9][0-9]{1,14}$/.test(p))
    throw badRequest('validation_failed', 'Invalid phone number format (E.164 required)')
  return p
}

export const formatPhone = (p: string) => p.replace(/^\+/, '').replaceAll(' ', '')

/** GoTrue's checkPasswordStrength with only the length rule (password_requirements = ""). */
export function checkPasswordStrength(password: unknown, minLength: number): string {
  if (typeof password !== 'string') throw badRequest('validation_failed', 'Password must be a string')
  if (Buffer.byteLength(password) > 72)
    throw badRequest('validation_failed', 'Password cannot be longer than 72 characters')
  if (password.length < minLength) {
    throw weakPassword(`Password should be at least ${minLength} characters.`, ['length'])
  }
  return password
}

export interface NewUser {
  id?: string
  email?: string
  phone?: string
  /** Plain text; hashed here with bcrypt (cost 10, GoTrue's). Absent = no password. */
  password?: string
  role?: string
  userMetadata?: Record<string, unknown>
}

/** Inserts the user and its email/phone identities, app_metadata {provider, providers} as GoTrue sets it. */
export async function insertUser(tx: Tx, u: NewUser): Promise<string> {
  const providers = [...(u.email ? ['email'] : []), ...(u.phone ? ['phone'] : [])]
  const appMetadata = { provider: providers[0], providers }
  const r = await tx.query<{ id: string }>(
    `insert into auth.users (id, instance_id, aud, role, email, phone, encrypted_password,
                             raw_app_meta_data, raw_user_meta_data, confirmation_token, recovery_token,
                             email_change, created_at, updated_at)
     values (coalesce($1::uuid, gen_random_uuid()), '00000000-0000-0000-0000-000000000000', 'authenticated',
             coalesce($2, 'authenticated'), $3, $4,
             case when $5::text is null then '' else extensions.crypt($5, extensions.gen_salt('bf', 10)) end,
             $6::jsonb, $7::jsonb, '', '', '', now(), now())
     returning id::text as id`,
    [
      u.id ?? null,
      u.role ?? null,
      u.email ?? null,
      u.phone ?? null,
      u.password ?? null,
      JSON.stringify(appMetadata),
      JSON.stringify(u.userMetadata ?? {}),
    ],
  )
  const id = r.rows[0].id
  if (u.email)
    await upsertIdentity(tx, id, 'email', { sub: id, email: u.email, email_verified: false, phone_verified: false })
  if (u.phone)
    await upsertIdentity(tx, id, 'phone', { sub: id, phone: u.phone, email_verified: false, phone_verified: false })
  return id
}

/** Creates the identity, or merges `data` into an existing one's identity_data. */
export async function upsertIdentity(
  tx: Tx,
  userId: string,
  provider: 'email' | 'phone',
  data: Record<string, unknown>,
) {
  await tx.query(
    `insert into auth.identities (provider_id, user_id, identity_data, provider, created_at, updated_at)
     values ($1::text, $1::text::uuid, $2::jsonb, $3, now(), now())
     on conflict (provider_id, provider) do update
       set identity_data = auth.identities.identity_data || excluded.identity_data, updated_at = now()`,
    [userId, JSON.stringify(data), provider],
  )
}

/**
 * GoTrue's Update{User,App}MetaData: top-level merge where a null value deletes the key.
 * `column` is a fixed identifier chosen by the caller, never user input.
 */
export async function mergeMetadata(
  tx: Tx,
  userId: string,
  column: 'raw_user_meta_data' | 'raw_app_meta_data',
  updates: Record<string, unknown>,
) {
  await tx.query(
    `update auth.users set ${column} =
       (coalesce(${column}, '{}'::jsonb)
          || coalesce((select jsonb_object_agg(key, value) from jsonb_each($2::jsonb) where jsonb_typeof(value) <> 'null'), '{}'::jsonb))
        - coalesce((select array_agg(key) from jsonb_each($2::jsonb) where jsonb_typeof(value) = 'null'), '{}'::text[]),
       updated_at = now()
     where id = $1`,
    [userId, JSON.stringify(updates)],
  )
}

/** GoTrue's User.Confirm: email_confirmed_at, user_metadata.email_verified, one-time tokens spent. */
export async function confirmEmail(tx: Tx, userId: string) {
  await tx.query(
    `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, now()), confirmation_token = '',
            updated_at = now() where id = $1`,
    [userId],
  )
  await mergeMetadata(tx, userId, 'raw_user_meta_data', { email_verified: true })
  await clearOneTimeTokens(tx, userId)
}

export async function confirmPhone(tx: Tx, userId: string) {
  await tx.query(
    `update auth.users set phone_confirmed_at = coalesce(phone_confirmed_at, now()), updated_at = now() where id = $1`,
    [userId],
  )
  await clearOneTimeTokens(tx, userId)
}

/** GoTrue's UpdatePassword: new hash, every pending token cleared (callers then end sessions). */
export async function setPassword(tx: Tx, userId: string, password: string) {
  await tx.query(
    `update auth.users set encrypted_password = extensions.crypt($2, extensions.gen_salt('bf', 10)),
            confirmation_token = '', recovery_token = '', confirmation_sent_at = null, recovery_sent_at = null,
            updated_at = now()
      where id = $1`,
    [userId, password],
  )
  await clearOneTimeTokens(tx, userId)
}

export async function clearOneTimeTokens(tx: Tx, userId: string) {
  await tx.query('delete from auth.one_time_tokens where user_id = $1', [userId])
}

/** Keeps app_metadata.providers in step with the identities (GoTrue's UpdateAppMetaDataProviders). */
export async function syncProviders(tx: Tx, userId: string) {
  await tx.query(
    `update auth.users u set raw_app_meta_data = coalesce(u.raw_app_meta_data, '{}'::jsonb) || p.meta, updated_at = now()
       from (select jsonb_build_object('provider', (array_agg(provider order by created_at, provider))[1],
                                       'providers', jsonb_agg(distinct provider)) as meta
               from auth.identities where user_id = $1) p
      where u.id = $1 and p.meta ->> 'provider' is not null`,
    [userId],
  )
}
