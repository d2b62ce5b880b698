import { ActionHistory } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Actions newest first, by item (a batch with include_orders: its orders' too), session or workshop. */
export const GET = route({
  schema: ActionHistory,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_action_history', {
          p_item_id: i.item_id,
          p_session_id: i.session_id,
          p_org_id: i.org_id,
          p_include_orders: i.include_orders,
          p_limit: i.limit,
          p_before: i.before,
        })
        .abortSignal(ctx.signal),
    ),
})
