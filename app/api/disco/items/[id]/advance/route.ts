import { callRpc, route } from '@/lib/floor/route'
import { AdvanceItem } from '@/lib/floor/schemas'

/**
 * Move the item's batch on one stage (complete it at the last) once every required action is done;
 * 422 REQUIRED_ACTIONS_PENDING lists what is left, 409 STALE_STAGE when someone moved it first.
 */
export const POST = route({
  schema: AdvanceItem,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(ctx, 'floor_advance_item', {
      client_id: ctx.clientId ?? null,
      session_id: i.session_id,
      item_id: i.id,
      expected_stage: i.expected_stage,
    }),
})
