import { callRpc, route } from '@/lib/floor/route'
import { EndSession } from '@/lib/floor/schemas'

/** End one's own session (or, supervisors+, anyone's in the workshop). Ending twice answers the same. */
export const POST = route({
  schema: EndSession,
  from: 'body',
  run: (i, ctx) => callRpc(ctx, 'floor_end_session', { session_id: i.id }),
})
