import { callRpc, route } from '@/lib/floor/route'
import { ActiveSession } from '@/lib/floor/schemas'

/** The caller's active floor session: `{ session }` (null when none). */
export const GET = route({
  schema: ActiveSession,
  from: 'query',
  run: (i, ctx) => callRpc(ctx, 'floor_active_session', { org_id: i.org_id }),
})
