import { callRpc, route } from '@/lib/floor/route'
import { ValidateScan } from '@/lib/floor/schemas'

/** Check a code without recording a scan: always 200 with `valid` true or false and the reason. */
export const POST = route({
  schema: ValidateScan,
  from: 'body',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_validate_scan', {
      code: i.code,
      scan_type: i.scan_type,
      session_id: i.session_id,
      org_id: i.org_id,
    }),
})
