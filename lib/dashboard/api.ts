import type { SupabaseClient } from '@supabase/supabase-js'
import { fromRpc, type RouteContext, route } from '@/lib/route'
import type { Database } from '@/types/database'
import { FloorStatusQuery, OverviewQuery } from './schemas'

/** The one call behind the overview API, its CSV exports and the page. */
export function overviewRpc(supabase: SupabaseClient<Database>, q: OverviewQuery, signal?: AbortSignal) {
  const call = supabase.rpc('dashboard_overview', {
    p_org_id: q.org_id,
    p_range: q.range,
    p_from: q.from,
    p_to: q.to,
    p_location_id: q.location_id,
  })
  return signal ? call.abortSignal(signal) : call
}

/** GET /api/dashboard/overview?org_id=&range=today|7d|30d|custom&from=&to=&location_id= */
export const getOverview = route({
  schema: OverviewQuery,
  from: 'query',
  run: async (q, ctx: RouteContext) => fromRpc(ctx, await overviewRpc(ctx.supabase, q, ctx.signal)),
})

/** GET /api/dashboard/floor-status?org_id=&location_id= (live; supervisors+) */
export const getFloorStatus = route({
  schema: FloorStatusQuery,
  from: 'query',
  run: async (q, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('dashboard_floor_status', { p_org_id: q.org_id, p_location_id: q.location_id })
        .abortSignal(ctx.signal),
    ),
})
