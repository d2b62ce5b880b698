import { Sync } from '@/lib/floor/schemas'
import { checkOps, combine, type DbOpResult, FloorSyncAnswer } from '@/lib/floor/sync'
import { answer, fromRpc, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'

/**
 * Replay a tablet's offline outbox in one call, in order. Each operation is checked and run on its
 * own (lib/floor/sync.ts): a malformed one, or one holding text that cannot be stored, is refused
 * alone with its reason, the others still apply, and each is idempotent by its client_id. 200 with
 * per-op results (applied / duplicate / refused / retry) whenever the envelope is valid.
 */
export const POST = route({
  schema: Sync,
  from: 'body',
  timeoutMs: 30_000,
  run: async (i, ctx) => {
    const { good, refused } = checkOps(i.ops)
    let db: DbOpResult[] = []
    if (good.length) {
      const r = await fromRpc(
        ctx,
        await ctx.supabase.rpc('floor_sync', { p_ops: good.map((g) => g.op) }).abortSignal(ctx.signal),
      )
      if (!r.ok) return r
      db = parseRpc(FloorSyncAnswer, r.data, 'floor_sync').results
    }
    return answer(combine(i.ops.length, good, db, refused))
  },
})
