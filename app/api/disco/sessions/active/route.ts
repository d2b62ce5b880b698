import { ActiveSession } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** The caller's active floor session: `{ session }` (null when none). */
export const GET = route({
  schema: ActiveSession,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(ctx, await ctx.supabase.rpc('floor_active_session', { p_org_id: i.org_id }).abortSignal(ctx.signal)),
})
