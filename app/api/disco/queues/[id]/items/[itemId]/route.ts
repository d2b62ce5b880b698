import { apiError, fromPostgrest, type PostgrestLikeError } from '@/lib/floor/api-error'
import { callRpc, type RouteContext, refuse, route } from '@/lib/floor/route'
import { UpdateQueueItem } from '@/lib/floor/schemas'

/**
 * Change a queue entry. `:itemId` is the entry's id, or the id of the item it holds (its open
 * entry in this queue). One change per request: priority / estimate / status waiting (put back) or
 * removed; status completed; or assigned_to (a member, null to unassign).
 */
export const PUT = route({
  schema: UpdateQueueItem,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) => {
    const entry = await findEntry(ctx, i.id, i.itemId)
    if (typeof entry !== 'string') return refuse(entry)
    const client_id = ctx.clientId ?? null
    if (i.status === 'completed') {
      return callRpc(ctx, 'floor_queue_complete', { client_id, queue_item_id: entry, session_id: i.session_id })
    }
    if (i.assigned_to !== undefined) {
      return callRpc(ctx, 'floor_queue_assign', { client_id, queue_item_id: entry, member_id: i.assigned_to })
    }
    return callRpc(ctx, 'floor_queue_update_item', {
      client_id,
      queue_item_id: entry,
      priority: i.priority,
      estimated_minutes: i.estimated_minutes,
      status: i.status,
    })
  },
})

async function findEntry(ctx: RouteContext, queueId: string, itemId: string) {
  const { data, error } = await ctx.supabase
    .from('floor_queue_items')
    .select('id, status')
    .eq('queue_id', queueId)
    .or(`id.eq.${itemId},item_id.eq.${itemId}`)
    .order('status') // enum order: waiting, in_progress before completed, removed
    .limit(1)
    .abortSignal(ctx.signal)
  if (error) return fromPostgrest(error as unknown as PostgrestLikeError, { aborted: ctx.signal.aborted })
  const row = (data as Array<{ id: string }> | null)?.[0]
  return row
    ? row.id
    : apiError(404, 'Queue entry not found', { queue_id: queueId, item_id: itemId }, 'QUEUE_ITEM_NOT_FOUND')
}
