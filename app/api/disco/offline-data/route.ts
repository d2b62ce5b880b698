import { callRpc, route } from '@/lib/floor/route'
import { OfflineData } from '@/lib/floor/schemas'

/** What a tablet at a location caches to keep scanning offline (queues, item cards, labels). */
export const GET = route({
  schema: OfflineData,
  from: 'query',
  run: (i, ctx) => callRpc(ctx, 'floor_offline_data', { location_id: i.location_id, limit: i.limit }),
})
