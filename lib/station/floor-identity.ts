import { randomUUID } from 'node:crypto'
import type { AppClient } from '@/lib/supabase/types'

type Client = AppClient

/**
 * The Auth address of a floor identity: `.invalid` never delivers, and the random part means nobody
 * can register it first. Only the key generateLink needs at PIN-in (docs/security.md).
 */
export function floorIdentityEmail(): string {
  return `floor-${randomUUID()}@floor.floorline.invalid`
}

/**
 * The member's floor identity, made on their first PIN-in: an Auth user of its own with no password,
 * marked in app_metadata (only the service key can set it) and attached by `attach_floor_identity`.
 * Two tablets racing both create one; the database keeps the first and the loser deletes its own.
 * Returns the floor identity's email, or null if Auth could not make one.
 */
export async function ensureFloorIdentity(
  admin: Client,
  memberId: string,
  displayName: string,
): Promise<string | null> {
  const email = floorIdentityEmail()
  const { data, error } = await admin.auth.admin.createUser({
    email,
    email_confirm: true,
    app_metadata: { floorline_floor_member: memberId },
    user_metadata: { full_name: displayName, floor_identity: true },
  })
  if (error || !data.user) {
    console.error('[ensureFloorIdentity] createUser', error)
    return null
  }
  const { data: attached, error: attachError } = await admin.rpc('attach_floor_identity', {
    p_member_id: memberId,
    p_user_id: data.user.id,
  })
  if (attachError || !attached) {
    console.error('[ensureFloorIdentity] attach', attachError)
    await admin.auth.admin.deleteUser(data.user.id)
    return null
  }
  if (attached === data.user.id) return email
  await admin.auth.admin.deleteUser(data.user.id)
  const { data: winner } = await admin.auth.admin.getUserById(attached)
  return winner?.user?.email ?? null
}

/** The GoTrue session id (claim `session_id`) of an access token, without verifying it: the server
 * just received the token from Auth itself, and the database checks the session belongs to the member. */
export function sessionIdOf(accessToken: string): string | null {
  const payload = accessToken.split('.')[1]
  if (!payload) return null
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { session_id?: unknown }
    return typeof claims.session_id === 'string' ? claims.session_id : null
  } catch {
    return null
  }
}
