import { NextItem } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/**
 * Claim the best waiting entry of the queue (assigned to me first, then urgent → low, oldest first).
 * Concurrent pulls never get the same entry. `{ queue_item: null, item: null }` when nothing waits.
 */
export const POST = route({
  schema: NextItem,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_next_item', { p_queue_id: i.id, p_client_id: ctx.clientId, p_session_id: i.session_id })
        .abortSignal(ctx.signal),
    ),
})
