import { callRpc, route } from '@/lib/floor/route'
import { NextItem } from '@/lib/floor/schemas'

/**
 * Claim the best waiting entry of the queue (assigned to me first, then urgent → low, oldest first).
 * Concurrent pulls never get the same entry. `{ queue_item: null, item: null }` when nothing waits.
 */
export const POST = route({
  schema: NextItem,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(ctx, 'floor_next_item', { queue_id: i.id, client_id: ctx.clientId ?? null, session_id: i.session_id }),
})
