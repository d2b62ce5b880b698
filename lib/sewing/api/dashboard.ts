import { fromRpc, route } from '@/lib/route'
import { DashboardQuery } from './schemas'

/**
 * GET /api/sewing/dashboard?org_id&day&team_id → the sewing_dashboard read (members): WIP per
 * operation (waiting, blocked, in progress), the bottleneck, line efficiency and defects per hundred
 * units, each operator's output vs target, efficiency and earnings for the day (default the
 * workshop's today), optionally one line (team). All of it aggregated in SQL from the run operations.
 */
export const getSewingDashboard = route({
  schema: DashboardQuery,
  from: 'query',
  run: async (q, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('sewing_dashboard', { p_org_id: q.org_id, p_day: q.day, p_team_id: q.team_id })
        .abortSignal(ctx.signal),
    ),
})
