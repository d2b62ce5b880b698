import { PendingActions } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** What an item still needs at its current stage, with its card and whether it can advance. */
export const GET = route({
  schema: PendingActions,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(ctx, await ctx.supabase.rpc('floor_pending_actions', { p_item_id: i.item_id }).abortSignal(ctx.signal)),
})
