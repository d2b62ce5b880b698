import { callRpc, route } from '@/lib/floor/route'
import { Scan } from '@/lib/floor/schemas'

/**
 * Process and record one scan. A code that does not resolve is still recorded: the answer is its
 * 400/404/422 with `details.scan_id` and `details.result` (invalid / error).
 */
export const POST = route({
  schema: Scan,
  from: 'body',
  idempotent: true,
  run: (i, ctx) =>
    callRpc(ctx, 'floor_scan', {
      client_id: ctx.clientId ?? null,
      session_id: i.session_id,
      code: i.code,
      scan_type: i.scan_type,
      device_info: i.device_info,
      scanned_at: i.scanned_at,
    }),
})
