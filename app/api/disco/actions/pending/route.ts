import { callRpc, route } from '@/lib/floor/route'
import { PendingActions } from '@/lib/floor/schemas'

/** What an item still needs at its current stage, with its card and whether it can advance. */
export const GET = route({
  schema: PendingActions,
  from: 'query',
  run: (i, ctx) => callRpc(ctx, 'floor_pending_actions', { item_id: i.item_id }),
})
