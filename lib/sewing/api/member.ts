import { type Fail, failWith } from '@/lib/errors'
import type { AppClient } from '@/lib/supabase/types'

/**
 * A read through RLS answers "nothing" both for an empty workshop and for someone who is not in it.
 * The reads of /api/sewing/* ask this alongside (my_organisations, one call in parallel), so another
 * workshop's id is a 403, the same answer whether or not it exists, and an operator's own account
 * (operators act through a station PIN-in) is told so.
 */
export async function actingIn(supabase: AppClient, orgId: string, signal: AbortSignal): Promise<Fail | null> {
  const { data, error } = await supabase.rpc('my_organisations').abortSignal(signal)
  if (error) return null // the main call fails the same way and answers for both
  const m = (data ?? []).find((o) => o.org_id === orgId)
  if (m?.can_act) return null
  return failWith(
    'FORBIDDEN',
    m
      ? 'Not allowed: PIN in on a station of this workshop first'
      : 'Not allowed: you are not a member of this workshop',
  )
}
