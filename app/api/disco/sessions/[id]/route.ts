import { callRpc, route } from '@/lib/floor/route'
import { UpdateSession } from '@/lib/floor/schemas'

/** Move the session (location, team), update device info or the current item; keeps it alive. */
export const PUT = route({
  schema: UpdateSession,
  from: 'body',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_update_session', {
      session_id: i.id,
      location_id: i.location_id,
      team_id: i.team_id,
      device_info: i.device_info,
      current_item_id: i.current_item_id,
    }),
})
