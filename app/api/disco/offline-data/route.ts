import { OfflineData } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** What a tablet at a location caches to keep scanning offline (queues, item cards, labels). */
export const GET = route({
  schema: OfflineData,
  from: 'query',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_offline_data', { p_location_id: i.location_id, p_limit: i.limit })
        .abortSignal(ctx.signal),
    ),
})
