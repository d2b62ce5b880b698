import { dbFail, failWith } from '@/lib/errors'
import { UpdateQueueItem } from '@/lib/floor/schemas'
import { fromRpc, type RouteContext, route } from '@/lib/route'

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
    if (typeof entry !== 'string') return entry
    const client_id = ctx.clientId
    // assigned_to null (unassign) is the RPC's default: leaving the argument out sends it
    if (i.status === 'completed') {
      return fromRpc(
        ctx,
        await ctx.supabase
          .rpc('floor_queue_complete', { p_client_id: client_id, p_queue_item_id: entry, p_session_id: i.session_id })
          .abortSignal(ctx.signal),
      )
    }
    if (i.assigned_to !== undefined) {
      return fromRpc(
        ctx,
        await ctx.supabase
          .rpc('floor_queue_assign', {
            p_client_id: client_id,
            p_queue_item_id: entry,
            p_member_id: i.assigned_to ?? undefined,
          })
          .abortSignal(ctx.signal),
      )
    }
    return fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_queue_update_item', {
          p_client_id: client_id,
          p_queue_item_id: entry,
          p_priority: i.priority,
          p_estimated_minutes: i.estimated_minutes,
          p_status: i.status,
        })
        .abortSignal(ctx.signal),
    )
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
  if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
  const row = data?.[0]
  return row
    ? row.id
    : failWith('QUEUE_ITEM_NOT_FOUND', 'Queue entry not found', {
        status: 404,
        details: { queue_id: queueId, item_id: itemId },
      })
}
