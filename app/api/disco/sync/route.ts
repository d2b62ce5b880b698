import { answer, callRpc, route } from '@/lib/floor/route'
import { Sync } from '@/lib/floor/schemas'
import { checkOps, combine, type DbOpResult } from '@/lib/floor/sync'

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
      const r = await callRpc(ctx, 'floor_sync', { ops: good.map((g) => g.op) })
      if (!r.ok) return r
      db = (r.data as { results: DbOpResult[] }).results
    }
    return answer(combine(i.ops.length, good, db, refused))
  },
})
