import { callRpc, route } from '@/lib/floor/route'
import { StartSession } from '@/lib/floor/schemas'

/** Start (or resume) the caller's floor session; 409 SESSION_TAKEN asks "resume or take over". */
export const POST = route({
  schema: StartSession,
  from: 'body',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_start_session', {
      org_id: i.org_id,
      device_id: i.device_id ?? ctx.deviceId,
      location_id: i.location_id,
      team_id: i.team_id,
      device_info: i.device_info,
      takeover: i.takeover,
      resume: i.resume,
    }),
})
