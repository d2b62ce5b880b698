import { z } from 'zod'
import { answer, route } from '@/lib/floor/route'

/**
 * The trivial authenticated route: the same wrapper, auth and one PostgREST round trip, no floor
 * work. bench/floor.ts measures the floor flow as a ratio to it; tablets use it to test the line.
 */
export const GET = route({
  schema: z.object({}),
  from: 'none',
  run: async (_i, ctx) => {
    const { error } = await ctx.supabase.rpc('my_organisations').abortSignal(ctx.signal)
    return answer({ ok: !error, at: new Date().toISOString() })
  },
})
