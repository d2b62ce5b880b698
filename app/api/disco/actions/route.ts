import { CompleteAction } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/**
 * Complete (or start as pending, skip, report failed) an action of the item's current stage.
 * A measurement out of tolerance, an incomplete checklist or a refused approval is recorded as a
 * failed attempt and answered 422/403/423 with the reason and `details.action`.
 */
export const POST = route({
  schema: CompleteAction,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_complete_action', {
          p_client_id: ctx.clientId,
          p_session_id: i.session_id,
          p_item_id: i.item_id,
          p_action_key: i.action_key,
          p_data: i.data,
          p_status: i.status,
          p_duration_ms: i.duration_ms,
          p_approver_badge: i.approver_badge,
          p_approver_pin: i.approver_pin,
          p_completed_at: i.completed_at,
        })
        .abortSignal(ctx.signal),
    ),
})
