import { callRpc, route } from '@/lib/floor/route'
import { ListQueues } from '@/lib/floor/schemas'

/** Queues of the workshop with settings and metrics, in stage order; filter by location or team. */
export const GET = route({
  schema: ListQueues,
  from: 'query',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_queues', {
      org_id: i.org_id,
      location_id: i.location_id,
      team_id: i.team_id,
      include_inactive: i.include_inactive,
    }),
})
