import { callRpc, route } from '@/lib/floor/route'
import { Sync } from '@/lib/floor/schemas'

/**
 * Replay a tablet's offline outbox in one call, in order, each operation on its own (one failing
 * does not undo the others) and idempotent by its client_id. Always 200 with per-op results.
 */
export const POST = route({
  schema: Sync,
  from: 'body',
  timeoutMs: 30_000,
  run: (i, ctx) => callRpc(ctx, 'floor_sync', { ops: i.ops }),
})
