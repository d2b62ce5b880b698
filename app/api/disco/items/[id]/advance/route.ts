import { AdvanceItem } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/**
 * Move the item's batch on one stage (complete it at the last) once every required action is done;
 * 422 REQUIRED_ACTIONS_PENDING lists what is left, 409 STALE_STAGE when someone moved it first.
 */
export const POST = route({
  schema: AdvanceItem,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_advance_item', {
          p_client_id: ctx.clientId,
          p_session_id: i.session_id,
          p_item_id: i.id,
          p_expected_stage: i.expected_stage,
        })
        .abortSignal(ctx.signal),
    ),
})
