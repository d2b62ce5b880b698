import { EndSession } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** End one's own session (or, supervisors+, anyone's in the workshop). Ending twice answers the same. */
export const POST = route({
  schema: EndSession,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(ctx, await ctx.supabase.rpc('floor_end_session', { p_session_id: i.id }).abortSignal(ctx.signal)),
})
