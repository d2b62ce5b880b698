import { callRpc, route } from '@/lib/floor/route'
import { ActionHistory } from '@/lib/floor/schemas'

/** Actions newest first, by item (a batch with include_orders: its orders' too), session or workshop. */
export const GET = route({
  schema: ActionHistory,
  from: 'query',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_action_history', {
      item_id: i.item_id,
      session_id: i.session_id,
      org_id: i.org_id,
      include_orders: i.include_orders,
      limit: i.limit,
      before: i.before,
    }),
})
