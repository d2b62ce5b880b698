import 'server-only'
import { cache } from 'react'
import { atLeast } from '@/lib/members/roles'
import { type OrgContext, requireOrg } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'
import type { FloorClient } from './route'

/**
 * Reads for the floor pages, as the signed-in person (RLS and the RPCs' checks decide). The floor
 * tables and RPCs are read untyped (types/database.ts predates them); answers are the RPCs' JSON.
 */
export async function floorClient(): Promise<FloorClient> {
  return (await createClient()) as unknown as FloorClient
}

export interface FloorPageContext extends OrgContext {
  supervisor: boolean
  labelPrefix: string | null
}

export const floorContext = cache(async (slug: string): Promise<FloorPageContext> => {
  const ctx = await requireOrg(slug)
  const supabase = await floorClient()
  const { data } = await supabase
    .from('floor_settings')
    .select('label_prefix')
    .eq('org_id', ctx.org.org_id)
    .maybeSingle()
  return {
    ...ctx,
    supervisor: ctx.org.can_act && atLeast(ctx.org.role, 'supervisor'),
    labelPrefix: (data as { label_prefix?: string } | null)?.label_prefix ?? null,
  }
})

/** Calls a floor RPC and returns its JSON, throwing on failure (pages show their error boundary). */
export async function readRpc<T>(fn: string, args: Record<string, unknown>): Promise<T> {
  const supabase = await floorClient()
  const { data, error } = await supabase.rpc(fn, args)
  if (error) throw new Error(`${fn}: ${error.message}`)
  return data as T
}
