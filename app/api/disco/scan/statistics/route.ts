import { callRpc, route } from '@/lib/floor/route'
import { ScanStatistics } from '@/lib/floor/schemas'

/** Scan totals, success rate, processing times, by type/hour/member for a period (default today). */
export const GET = route({
  schema: ScanStatistics,
  from: 'query',
  run: (i, ctx) =>
    callRpc(ctx, 'floor_scan_statistics', {
      org_id: i.org_id,
      from: i.from,
      to: i.to,
      session_id: i.session_id,
      member_id: i.member_id,
    }),
})
