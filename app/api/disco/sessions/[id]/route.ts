import { UpdateSession } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Move the session (location, team), update device info or the current item; keeps it alive. */
export const PUT = route({
  schema: UpdateSession,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_update_session', {
          p_session_id: i.id,
          p_location_id: i.location_id,
          p_team_id: i.team_id,
          p_device_info: i.device_info,
          p_current_item_id: i.current_item_id,
        })
        .abortSignal(ctx.signal),
    ),
})
