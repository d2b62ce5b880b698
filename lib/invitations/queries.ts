import { createClient } from '@/lib/supabase/server'
import type { Database } from '@/types/database'

export type MyInvitation = Database['public']['Functions']['my_invitations']['Returns'][number]
export type OrgInvitation = Pick<
  Database['public']['Tables']['invitations']['Row'],
  'id' | 'email' | 'role' | 'display_name' | 'status' | 'created_at' | 'expires_at'
>

/** Invitations waiting for the signed-in person (empty for a station sign-in). */
export async function myInvitations(): Promise<MyInvitation[]> {
  const supabase = await createClient()
  const { data, error } = await supabase.rpc('my_invitations')
  if (error) return []
  return data ?? []
}

/** An organisation's pending invitations, for its admins (RLS returns none to anyone else). */
export async function pendingInvitations(orgId: string): Promise<OrgInvitation[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('invitations')
    .select('id, email, role, display_name, status, created_at, expires_at')
    .eq('org_id', orgId)
    .eq('status', 'pending')
    .gt('expires_at', new Date().toISOString())
    .order('created_at', { ascending: false })
  if (error) throw new Error(`invitations: ${error.message}`)
  return data ?? []
}
