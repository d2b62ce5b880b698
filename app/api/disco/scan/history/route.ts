import { ScanHistory } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Scans newest first; operators see their own. Page with `before` = the answer's next_before. */
export const GET = route({
  schema: ScanHistory,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_scan_history', {
          p_session_id: i.session_id,
          p_item_id: i.item_id,
          p_org_id: i.org_id,
          p_member_id: i.member_id,
          p_result: i.result,
          p_limit: i.limit,
          p_before: i.before,
        })
        .abortSignal(ctx.signal),
    ),
})
