import type { SupabaseClient } from '@supabase/supabase-js'
import { dbFail } from '@/lib/db-fail'
import { failWith, ok, type Result } from '@/lib/result'
import type { Database } from '@/types/database'
import { operatorEmail, temporaryPassword, unknowablePassword } from './credentials'
import { type InviteMember, MEMBER_FIELDS } from './schema'

type Client = SupabaseClient<Database>

export interface Invited {
  memberId: string
  email: string
  /** Shown once to the inviter; null when the person already had an account or never types one. */
  temporaryPassword: string | null
  reusedAccount: boolean
}

/**
 * Invites someone: an Auth user through the admin API (service key: `admin`), then the membership
 * through `add_member` as the inviter (`asInviter`), so RLS, the role rules and the audit log see
 * the admin who did it. If the membership is refused, a user created here is deleted again:
 * nothing is left half-done. An email that already has an account is reused (never deleted).
 * Plain function of its clients so integration tests drive it against the real stack.
 */
export async function inviteMember(
  clients: { admin: Client; asInviter: Client },
  input: InviteMember,
  orgSlug: string,
): Promise<Result<Invited>> {
  const { admin, asInviter } = clients
  const hasMailbox = Boolean(input.email)
  const email = input.email ?? operatorEmail(orgSlug, input.badgeCode ?? '')
  const password = hasMailbox ? temporaryPassword() : unknowablePassword()

  let userId: string
  let created = false
  const { data, error } = await admin.auth.admin.createUser({
    email,
    password,
    email_confirm: true, // the inviter vouches for the address; a confirmation mail is the hosted invite flow's job
    user_metadata: { full_name: input.displayName },
  })
  if (data?.user) {
    userId = data.user.id
    created = true
  } else if (error?.code === 'email_exists' || error?.status === 422) {
    const existing = await findUserIdByEmail(admin, email)
    if (!existing) return failWith('unexpected', 'That email has an account we could not look up. Try again.')
    userId = existing
  } else {
    console.error('[inviteMember] createUser', error)
    return failWith('unexpected', 'The account could not be created. Nothing was changed; try again.')
  }

  const { data: memberId, error: addError } = await asInviter.rpc('add_member', {
    p_org_id: input.orgId,
    p_user_id: userId,
    p_role: input.role,
    p_display_name: input.displayName,
    p_badge_code: input.badgeCode,
    p_team_id: input.teamId,
    p_location_id: input.locationId,
  })
  if (addError || !memberId) {
    if (created) {
      const { error: delError } = await admin.auth.admin.deleteUser(userId)
      if (delError) console.error('[inviteMember] rollback deleteUser', userId, delError)
    }
    return dbFail(addError, MEMBER_FIELDS)
  }
  return ok({ memberId, email, temporaryPassword: created && hasMailbox ? password : null, reusedAccount: !created })
}

/** The Auth admin API has no lookup by email: page through users (a workshop has few). */
async function findUserIdByEmail(admin: Client, email: string): Promise<string | null> {
  const perPage = 200
  for (let page = 1; page <= 500; page++) {
    const { data, error } = await admin.auth.admin.listUsers({ page, perPage })
    if (error) return null
    const hit = data.users.find((u) => u.email?.toLowerCase() === email)
    if (hit) return hit.id
    if (data.users.length < perPage) return null
  }
  return null
}
