'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { failWith, ok } from '@/lib/result'
import { createAdminClient } from '@/lib/supabase/admin'
import { inviteMember as invite } from './invite'
import { atLeast } from './roles'
import { ChangeRoleInput, InviteMemberInput, MEMBER_FIELDS, MemberIdInput, ResetPinInput } from './schema'

// Every write below goes through an RPC as the signed-in person: the database enforces who may do
// what (docs/tenancy.md §2); the app only explains. The service key serves the Auth admin API alone.

const refresh = () => revalidatePath('/[org]/settings/members', 'page')

export const inviteMember = action(InviteMemberInput, async (input, { supabase }) => {
  // Check the role before creating an Auth user, so a refused invite never touches Auth at all.
  const { data: orgs } = await supabase.rpc('my_organisations')
  const me = orgs?.find((o) => o.org_id === input.orgId)
  if (!me || !atLeast(me.role, 'admin')) return failWith('FORBIDDEN', 'Only admins and owners can invite people.')
  const result = await invite({ admin: createAdminClient(), asInviter: supabase }, input, me.slug)
  if (result.ok) refresh()
  return result
})

export const changeMemberRole = action(ChangeRoleInput, async ({ memberId, role }, { supabase }) => {
  const { error } = await supabase.rpc('change_member_role', { p_member_id: memberId, p_role: role })
  if (error) return dbFail(error, MEMBER_FIELDS)
  refresh()
  return ok(null)
})

export const deactivateMember = action(MemberIdInput, async ({ memberId }, { supabase }) => {
  const { error } = await supabase.rpc('deactivate_member', { p_member_id: memberId })
  if (error) return dbFail(error)
  refresh()
  return ok(null)
})

export const reactivateMember = action(MemberIdInput, async ({ memberId }, { supabase }) => {
  const { error } = await supabase.rpc('reactivate_member', { p_member_id: memberId })
  if (error) return dbFail(error)
  refresh()
  return ok(null)
})

export const unlockMember = action(MemberIdInput, async ({ memberId }, { supabase }) => {
  const { error } = await supabase.rpc('unlock_member', { p_member_id: memberId })
  if (error) return dbFail(error)
  refresh()
  return ok(null)
})

/** An admin sets someone's PIN (no current PIN needed); it also lifts a lockout. */
export const resetMemberPin = action(ResetPinInput, async ({ memberId, pin }, { supabase }) => {
  const { error } = await supabase.rpc('set_member_pin', { p_member_id: memberId, p_pin: pin })
  if (error) return dbFail(error, MEMBER_FIELDS)
  refresh()
  return ok(null)
})
