'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { InvitationIdInput } from './schema'

// Answering is the invitee's, signed in with their own account; the database checks the address
// matches theirs and refuses a station sign-in (accept_invitation, docs/security.md).

export const acceptInvitation = action(InvitationIdInput, async ({ invitationId }, { supabase }) => {
  const { data, error } = await supabase.rpc('accept_invitation', { p_invitation_id: invitationId }).single()
  if (error || !data) return dbFail(error)
  revalidatePath('/', 'layout')
  return ok({ orgSlug: data.org_slug })
})

export const declineInvitation = action(InvitationIdInput, async ({ invitationId }, { supabase }) => {
  const { error } = await supabase.rpc('decline_invitation', { p_invitation_id: invitationId })
  if (error) return dbFail(error)
  revalidatePath('/invitations')
  return ok(null)
})

/** An admin withdraws a pending invitation. */
export const revokeInvitation = action(InvitationIdInput, async ({ invitationId }, { supabase }) => {
  const { error } = await supabase.rpc('revoke_invitation', { p_invitation_id: invitationId })
  if (error) return dbFail(error)
  revalidatePath('/[org]/settings/members', 'page')
  return ok(null)
})
