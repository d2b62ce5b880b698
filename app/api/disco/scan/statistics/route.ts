import { ScanStatistics } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Scan totals, success rate, processing times, by type/hour/member for a period (default today). */
export const GET = route({
  schema: ScanStatistics,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_scan_statistics', {
          p_org_id: i.org_id,
          p_from: i.from,
          p_to: i.to,
          p_session_id: i.session_id,
          p_member_id: i.member_id,
        })
        .abortSignal(ctx.signal),
    ),
})
