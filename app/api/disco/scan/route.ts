import { Scan } from '@/lib/floor/schemas'
import { fromRpc, route } from '@/lib/route'

/**
 * Process and record one scan. A code that does not resolve is still recorded: the answer is its
 * 400/404/422 with `details.scan_id` and `details.result` (invalid / error).
 */
export const POST = route({
  schema: Scan,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('floor_scan', {
          p_client_id: ctx.clientId,
          p_session_id: i.session_id,
          p_code: i.code,
          p_scan_type: i.scan_type,
          p_device_info: i.device_info,
          p_scanned_at: i.scanned_at,
        })
        .abortSignal(ctx.signal),
    ),
})
