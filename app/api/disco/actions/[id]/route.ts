import { UpdateAction } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Finish a pending (draft) action of one's own: data is merged into the draft's, then checked. */
export const PUT = route({
  schema: UpdateAction,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_update_action', {
          p_client_id: ctx.clientId,
          p_action_id: i.id,
          p_status: i.status,
          p_data: i.data,
          p_duration_ms: i.duration_ms,
          p_approver_badge: i.approver_badge,
          p_approver_pin: i.approver_pin,
          p_completed_at: i.completed_at,
        })
        .abortSignal(ctx.signal),
    ),
})
