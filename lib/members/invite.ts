import { dbFail, failWith, ok, type Result } from '@/lib/result'
import type { AppClient } from '@/lib/supabase/types'
import { operatorEmail, temporaryPassword, unknowablePassword } from './credentials'
import { type InviteMember, MEMBER_FIELDS } from './schema'

type Client = AppClient

export interface Invited {
  /** The new member; null while an invitation waits for an existing account's owner to accept. */
  memberId: string | null
  /** The pending invitation when the email already had an account (they join when they accept). */
  invitationId: string | null
  email: string
  /** Shown once to the inviter; null when the person already had an account or never types one. */
  temporaryPassword: string | null
}

/**
 * Invites someone (docs/security.md). A new address gets a new Auth user through the admin API
 * (service key: `admin`), marked in app_metadata as made for this organisation's invite, and the
 * membership through `add_member` as the inviter (`asInviter`), so RLS, the role rules and the
 * audit log see the admin who did it; if the membership is refused, the user is deleted again.
 * An address that already has an account is never attached: `invite_member` records a pending
 * invitation that the account's owner accepts, signed in, on /invitations — so no admin of any
 * workshop can take over someone else's account by inviting it.
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

  const { data, error } = await admin.auth.admin.createUser({
    email,
    password,
    email_confirm: true, // the inviter vouches for the address; a confirmation mail is the hosted invite flow's job
    app_metadata: { floorline_invited_org: input.orgId },
    user_metadata: { full_name: input.displayName },
  })
  if (!data?.user) {
    if (error?.code === 'email_exists' || error?.status === 422) {
      if (hasMailbox) return inviteExisting(asInviter, input, email)
      // a badge-only operator's made-up address (this organisation's namespace): a former member
      // coming back; add_member refuses anything else
      const former = await findUserIdByEmail(admin, email)
      if (!former) return failWith('INTERNAL', 'That badge has an account we could not look up. Try again.')
      return addMember(asInviter, input, former, { email, created: null })
    }
    console.error('[inviteMember] createUser', error)
    return failWith('INTERNAL', 'The account could not be created. Nothing was changed; try again.')
  }
  return addMember(asInviter, input, data.user.id, {
    email,
    created: { admin, temporaryPassword: hasMailbox ? password : null },
  })
}

/** The membership, as the inviter; a user created for it is deleted again if it is refused. */
async function addMember(
  asInviter: Client,
  input: InviteMember,
  userId: string,
  { email, created }: { email: string; created: { admin: Client; temporaryPassword: string | null } | null },
): Promise<Result<Invited>> {
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
      const { error: delError } = await created.admin.auth.admin.deleteUser(userId)
      if (delError) console.error('[inviteMember] rollback deleteUser', userId, delError)
    }
    return dbFail(addError, MEMBER_FIELDS)
  }
  return ok({ memberId, invitationId: null, email, temporaryPassword: created?.temporaryPassword ?? null })
}

/** An existing account: a pending invitation, nothing attached (no PIN or badge can be set on it). */
async function inviteExisting(asInviter: Client, input: InviteMember, email: string): Promise<Result<Invited>> {
  const { data, error } = await asInviter.rpc('invite_member', {
    p_org_id: input.orgId,
    p_email: email,
    p_role: input.role,
    p_display_name: input.displayName,
    p_team_id: input.teamId,
    p_location_id: input.locationId,
  })
  if (error || !data) return dbFail(error, MEMBER_FIELDS)
  return ok({ memberId: null, invitationId: data.id, email, temporaryPassword: null })
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
