import { AddQueueItem, QueueItems } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** A queue and its entries: in progress first, then waiting by priority and age. */
export const GET = route({
  schema: QueueItems,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_queue_items', {
          p_queue_id: i.id,
          p_statuses: i.status,
          p_assigned_to: i.assigned_to,
          p_limit: i.limit,
        })
        .abortSignal(ctx.signal),
    ),
})

/** Add an item (floor item, batch or order id) to the queue; 201 with the entry. */
export const POST = route({
  schema: AddQueueItem,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_queue_add', {
          p_client_id: ctx.clientId,
          p_queue_id: i.id,
          p_item_id: i.item_id,
          p_priority: i.priority,
          p_assigned_to: i.assigned_to,
          p_estimated_minutes: i.estimated_minutes,
        })
        .abortSignal(ctx.signal),
      201,
    ),
})
