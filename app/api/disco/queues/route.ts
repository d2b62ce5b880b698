import { ListQueues } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Queues of the workshop with settings and metrics, in stage order; filter by location or team. */
export const GET = route({
  schema: ListQueues,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_queues', {
          p_org_id: i.org_id,
          p_location_id: i.location_id,
          p_team_id: i.team_id,
          p_include_inactive: i.include_inactive,
        })
        .abortSignal(ctx.signal),
    ),
})
