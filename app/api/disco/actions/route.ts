import { callRpc, route } from '@/lib/floor/route'
import { CompleteAction } from '@/lib/floor/schemas'

/**
 * Complete (or start as pending, skip, report failed) an action of the item's current stage.
 * A measurement out of tolerance, an incomplete checklist or a refused approval is recorded as a
 * failed attempt and answered 422/403/423 with the reason and `details.action`.
 */
export const POST = route({
  schema: CompleteAction,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(ctx, 'floor_complete_action', {
      client_id: ctx.clientId ?? null,
      session_id: i.session_id,
      item_id: i.item_id,
      action_key: i.action_key,
      data: i.data,
      status: i.status,
      duration_ms: i.duration_ms,
      approver_badge: i.approver_badge,
      approver_pin: i.approver_pin,
      completed_at: i.completed_at,
    }),
})
