import { callRpc, route } from '@/lib/floor/route'
import { UpdateAction } from '@/lib/floor/schemas'

/** Finish a pending (draft) action of one's own: data is merged into the draft's, then checked. */
export const PUT = route({
  schema: UpdateAction,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(ctx, 'floor_update_action', {
      client_id: ctx.clientId ?? null,
      action_id: i.id,
      status: i.status,
      data: i.data,
      duration_ms: i.duration_ms,
      approver_badge: i.approver_badge,
      approver_pin: i.approver_pin,
      completed_at: i.completed_at,
    }),
})
