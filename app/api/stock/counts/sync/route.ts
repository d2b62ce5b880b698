import { answer, route } from '@/lib/route'
import { syncCountAddLine, syncCountEntry } from '@/lib/stock/count-sync'
import { CountSyncInput } from '@/lib/stock/schema'

/**
 * POST /api/stock/counts/sync — the count tablet's queued entries (lib/stock/count-sync.ts): counted
 * quantities (`count_entry`) and lines added for stock found with no line (`count_add_line`), in
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
    const aborted = () => ctx.signal.aborted
    for (const [index, op] of i.ops.entries()) {
      results.push(
        op.op === 'count_add_line'
          ? await syncCountAddLine(
              index,
              op,
              async (args) => await ctx.supabase.rpc('count_add_line', args).abortSignal(ctx.signal),
              aborted,
            )
          : await syncCountEntry(
              index,
              op,
              async (args) => await ctx.supabase.rpc('count_record', args).abortSignal(ctx.signal),
              aborted,
            ),
      )
    }
    return answer({ results })
  },
})
