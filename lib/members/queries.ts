import { createClient } from '@/lib/supabase/server'
import type { MemberRow } from './status'

export type { MemberRow } from './status'

/** Members with their sign-in email (supervisors+; PT403 below). */
export async function listMembers(orgId: string): Promise<MemberRow[]> {
  const supabase = await createClient()
  const { data, error } = await supabase.rpc('list_members', { p_org_id: orgId })
  if (error) throw new Error(`list_members: ${error.message}`)
  return data ?? []
}
