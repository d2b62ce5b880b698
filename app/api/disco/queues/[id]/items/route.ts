import { callRpc, route } from '@/lib/floor/route'
import { AddQueueItem, QueueItems } from '@/lib/floor/schemas'

/** A queue and its entries: in progress first, then waiting by priority and age. */
export const GET = route({
  schema: QueueItems,
  from: 'query',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_queue_items', {
      queue_id: i.id,
      statuses: i.status,
      assigned_to: i.assigned_to,
      limit: i.limit,
    }),
})

/** Add an item (floor item, batch or order id) to the queue; 201 with the entry. */
export const POST = route({
  schema: AddQueueItem,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(
      ctx,
      'floor_queue_add',
      {
        client_id: ctx.clientId ?? null,
        queue_id: i.id,
        item_id: i.item_id,
        priority: i.priority,
        assigned_to: i.assigned_to,
        estimated_minutes: i.estimated_minutes,
      },
      201,
    ),
})
