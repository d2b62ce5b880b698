import { z } from 'zod'
import { dbFail, failWith } from '@/lib/errors'
import { answer, route } from '@/lib/route'

/**
 * The trivial authenticated route: the same wrapper, auth and one PostgREST round trip, no floor
 * work. bench/floor.ts measures the floor flow as a ratio to it; tablets use it to test the line, so
 * the status says it: 200 the database answered, 401 the token is bad or expired, 503 anything else
 * (no answer, the database down or too slow) — a monitor or the outbox can act on the status alone.
 */
export const GET = route({
  schema: z.object({}),
  from: 'none',
  run: async (_i, ctx) => {
    const { error } = await ctx.supabase.rpc('my_organisations').abortSignal(ctx.signal)
    if (error) {
      const e = dbFail(error, {}, { aborted: ctx.signal.aborted })
      if (e.status === 401) return e
      return failWith('UNAVAILABLE', 'The database cannot be reached right now: try again in a moment')
    }
    return answer({ ok: true, at: new Date().toISOString() })
  },
})
