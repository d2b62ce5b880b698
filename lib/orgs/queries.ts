import { notFound, redirect } from 'next/navigation'
import { cache } from 'react'
import { createClient } from '@/lib/supabase/server'
import type { Database } from '@/types/database'

export type Membership = Database['public']['Functions']['my_organisations']['Returns'][number]
export type Role = Database['public']['Enums']['member_role']

/** The verified claims of this request (once per render), or null. */
export const currentClaims = cache(async () => {
  const supabase = await createClient()
  const { data, error } = await supabase.auth.getClaims()
  return error || !data ? null : data.claims
})

/** Every active membership of the signed-in person, by organisation name (the org switcher). */
export const myOrganisations = cache(async (): Promise<Membership[]> => {
  const supabase = await createClient()
  const { data, error } = await supabase.rpc('my_organisations')
  if (error) throw new Error(`my_organisations: ${error.message}`)
  return data ?? []
})

export interface OrgContext {
  org: Membership
  orgs: Membership[]
  userId: string
  email: string
}

/**
 * The organisation behind `/[org]`: the signed-in person's membership of it, or 404 — an
 * organisation you do not belong to looks the same as one that does not exist.
 */
export const requireOrg = cache(async (slug: string): Promise<OrgContext> => {
  const claims = await currentClaims()
  if (!claims) redirect(`/login?next=${encodeURIComponent(`/${slug}`)}`)
  const orgs = await myOrganisations()
  const org = orgs.find((o) => o.slug === slug)
  if (!org) notFound()
  const email = typeof claims.email === 'string' ? claims.email : ''
  // made-up addresses (floor identities, badge-only operators) mean nothing to the person
  return { org, orgs, userId: claims.sub, email: email.endsWith('.floorline.invalid') ? 'Station sign-in' : email }
})

/** The organisation's locations and teams, read as the person (RLS). */
export const orgPlaces = cache(async (orgId: string) => {
  const supabase = await createClient()
  const [locations, teams] = await Promise.all([
    supabase
      .from('locations')
      .select('id, name, kind, description, is_active')
      .eq('org_id', orgId)
      .order('is_active', { ascending: false })
      .order('name'),
    supabase
      .from('teams')
      .select('id, name, description, is_active')
      .eq('org_id', orgId)
      .order('is_active', { ascending: false })
      .order('name'),
  ])
  if (locations.error) throw new Error(`locations: ${locations.error.message}`)
  if (teams.error) throw new Error(`teams: ${teams.error.message}`)
  return { locations: locations.data, teams: teams.data }
})
export type OrgPlaces = Awaited<ReturnType<typeof orgPlaces>>
