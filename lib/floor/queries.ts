import 'server-only'
import { cache } from 'react'
import { atLeast } from '@/lib/members/roles'
import { type OrgContext, requireOrg } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'

/** Reads for the floor pages, as the signed-in person (RLS and the RPCs' checks decide). */
export interface FloorPageContext extends OrgContext {
  supervisor: boolean
  labelPrefix: string | null
  /** The workshop's time zone: every time on the floor screens is shown in it (lib/format.ts). */
  timeZone: string
}

export const floorContext = cache(async (slug: string): Promise<FloorPageContext> => {
  const ctx = await requireOrg(slug)
  const supabase = await createClient()
  const [{ data }, { data: org }] = await Promise.all([
    supabase.from('floor_settings').select('label_prefix').eq('org_id', ctx.org.org_id).maybeSingle(),
    supabase.from('organisations').select('time_zone').eq('id', ctx.org.org_id).maybeSingle(),
  ])
  return {
    ...ctx,
    supervisor: ctx.org.can_act && atLeast(ctx.org.role, 'supervisor'),
    labelPrefix: data?.label_prefix ?? null,
    timeZone: org?.time_zone ?? 'UTC',
  }
})
