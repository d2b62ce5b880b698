import { answer, fromRpc, route } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { ResolutionRows, Resolutions } from '@/lib/sync/schemas'

/**
 * What became of this tablet's conflicts (GET ?client_ids=a,b): a supervisor's resolution on
 * /[org]/sync, or null while open. Only the caller's own (sync_conflict_resolutions). The tablet then
 * sends the resolved entries again and the server settles them (applied, or resolved without applying).
 */
export const GET = route({
  schema: Resolutions,
  from: 'query',
  run: async (i, ctx) => {
    const r = await fromRpc(
      ctx,
      await ctx.supabase.rpc('sync_conflict_resolutions', { p_client_ids: i.client_ids }).abortSignal(ctx.signal),
    )
    if (!r.ok) return r
    return answer({ resolutions: parseRpc(ResolutionRows, r.data, 'sync_conflict_resolutions') })
  },
})
