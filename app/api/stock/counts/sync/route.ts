import { answer, route } from '@/lib/route'
import { syncCountEntry } from '@/lib/stock/count-sync'
import { CountSyncInput } from '@/lib/stock/schema'

/**
 * POST /api/stock/counts/sync — the count tablet's queued entries (lib/stock/count-sync.ts), in
 * order, each on its own: 200 with one result per entry (applied / duplicate / conflict / refused /
 * retry) whenever the envelope is valid. Entries are idempotent by client id, so the queue may send
 * again whenever it is in doubt.
 */
export const POST = route({
  schema: CountSyncInput,
  from: 'body',
  timeoutMs: 30_000,
  run: async (i, ctx) => {
    const results = []
    for (const [index, op] of i.ops.entries()) {
      results.push(
        await syncCountEntry(
          index,
          op,
          async (args) => await ctx.supabase.rpc('count_record', args).abortSignal(ctx.signal),
          () => ctx.signal.aborted,
        ),
      )
    }
    return answer({ results })
  },
})
