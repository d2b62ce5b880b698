import { callRpc, route } from '@/lib/floor/route'
import { ScanHistory } from '@/lib/floor/schemas'

/** Scans newest first; operators see their own. Page with `before` = the answer's next_before. */
export const GET = route({
  schema: ScanHistory,
  from: 'query',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_scan_history', {
      session_id: i.session_id,
      item_id: i.item_id,
      org_id: i.org_id,
      member_id: i.member_id,
      result: i.result,
      limit: i.limit,
      before: i.before,
    }),
})
