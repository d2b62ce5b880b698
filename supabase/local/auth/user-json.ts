import type { Tx } from '../db/types'

/** A timestamp as Go's time.Time marshals it (RFC 3339, UTC, `Z`). */
export const ts = (expr: string) => `to_char((${expr}) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`

/** GoTrue's Identity JSON: note `id` is the provider's id and `identity_id` the row's. */
const identityJson = (i: string) => `jsonb_strip_nulls(jsonb_build_object(
    'identity_id', ${i}.id, 'id', ${i}.provider_id, 'user_id', ${i}.user_id,
    'identity_data', ${i}.identity_data, 'provider', ${i}.provider,
    'last_sign_in_at', ${ts(`${i}.last_sign_in_at`)}, 'created_at', ${ts(`${i}.created_at`)},
    'updated_at', ${ts(`${i}.updated_at`)}, 'email', ${i}.email))`

/**
 * GoTrue's User JSON for the row aliased `u`, built in SQL. The `omitempty` fields of models.User
 * are dropped when null; the others are always present (email/phone as '' when unset).
 */
export const userJson = (u = 'u') => `(jsonb_strip_nulls(jsonb_build_object(
    'email_confirmed_at', ${ts(`${u}.email_confirmed_at`)},
    'invited_at', ${ts(`${u}.invited_at`)},
    'phone_confirmed_at', ${ts(`${u}.phone_confirmed_at`)},
    'confirmation_sent_at', ${ts(`${u}.confirmation_sent_at`)},
    'confirmed_at', ${ts(`${u}.confirmed_at`)},
    'recovery_sent_at', ${ts(`${u}.recovery_sent_at`)},
    'new_email', nullif(${u}.email_change, ''),
    'email_change_sent_at', ${ts(`${u}.email_change_sent_at`)},
    'last_sign_in_at', ${ts(`${u}.last_sign_in_at`)},
    'banned_until', ${ts(`${u}.banned_until`)},
    'deleted_at', ${ts(`${u}.deleted_at`)}
  )) || jsonb_build_object(
    'id', ${u}.id,
    'aud', coalesce(${u}.aud, ''),
    'role', coalesce(${u}.role, ''),
    'email', coalesce(${u}.email, ''),
    'phone', coalesce(${u}.phone, ''),
    'app_metadata', coalesce(${u}.raw_app_meta_data, '{}'::jsonb),
    'user_metadata', coalesce(${u}.raw_user_meta_data, '{}'::jsonb),
    'identities', coalesce((select jsonb_agg(${identityJson('i')} order by i.created_at, i.id)
                            from auth.identities i where i.user_id = ${u}.id), '[]'::jsonb),
    'created_at', ${ts(`${u}.created_at`)},
    'updated_at', ${ts(`${u}.updated_at`)},
    'is_anonymous', ${u}.is_anonymous
  ))`

export type UserJson = Record<string, unknown> & { id: string }

/** Loads the API JSON of one user (null when absent). */
export async function loadUserJson(tx: Tx, id: string): Promise<UserJson | null> {
  const r = await tx.query<{ j: string }>(`select ${userJson('u')}::text as j from auth.users u where u.id = $1`, [id])
  return r.rows[0] ? (JSON.parse(r.rows[0].j) as UserJson) : null
}
