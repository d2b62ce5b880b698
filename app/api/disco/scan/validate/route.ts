import { ValidateScan } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/** Check a code without recording a scan: always 200 with `valid` true or false and the reason. */
export const POST = route({
  schema: ValidateScan,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_validate_scan', {
          p_code: i.code,
          p_scan_type: i.scan_type,
          p_session_id: i.session_id,
          p_org_id: i.org_id,
        })
        .abortSignal(ctx.signal),
    ),
})
