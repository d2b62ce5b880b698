import { StartSession } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Start (or resume) the caller's floor session; 409 SESSION_TAKEN asks "resume or take over". */
export const POST = route({
  schema: StartSession,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_start_session', {
          p_org_id: i.org_id,
          p_device_id: i.device_id ?? ctx.deviceId,
          p_location_id: i.location_id,
          p_team_id: i.team_id,
          p_device_info: i.device_info,
          p_takeover: i.takeover,
          p_resume: i.resume,
        })
        .abortSignal(ctx.signal),
    ),
})
