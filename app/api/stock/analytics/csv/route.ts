import { csvRoute } from '@/lib/csv-route'
import { answer, fromRpc } from '@/lib/route'
import { parseRpc } from '@/lib/rpc'
import { type AnalyticsPeriod, AnalyticsReport } from '@/lib/stock/answers'
import { AnalyticsQuery } from '@/lib/stock/schema'

/**
 * GET /api/stock/analytics/csv?org_id=…&period_type=weekly&from=…&to=… — the variance analytics of a
 * range as CSV (supervisors+, through variance_analytics_report): one row per period, with the
 * spec 02 figures and the breakdowns by category and reason as "name: n" lists.
 */
export const GET = csvRoute<typeof AnalyticsQuery, AnalyticsPeriod>({
  schema: AnalyticsQuery,
  from: 'query',
  filename: (i) => `variance-${i.period_type}-${i.from}-${i.to}`,
  columns: [
    { header: 'period_type', value: (p) => p.period_type },
    { header: 'period_start', value: (p) => p.period_start },
    { header: 'period_end', value: (p) => p.period_end },
    { header: 'total_items_counted', value: (p) => p.total_items_counted },
    { header: 'items_with_variance', value: (p) => p.items_with_variance },
    { header: 'variance_rate', value: (p) => p.variance_rate },
    { header: 'accuracy_score', value: (p) => p.accuracy_score },
    { header: 'previous_period_accuracy', value: (p) => p.previous_period_accuracy },
    { header: 'accuracy_change', value: (p) => p.accuracy_change },
    { header: 'variance_value', value: (p) => p.variance_value },
    { header: 'shrinkage_value', value: (p) => p.shrinkage_value },
    {
      header: 'variance_by_category',
      value: (p) =>
        Object.entries(p.variance_by_category)
          .map(([k, v]) => `${k}: ${v.count} (${v.total_variance_value})`)
          .join('; '),
    },
    {
      header: 'variance_by_reason',
      value: (p) =>
        Object.entries(p.variance_by_reason)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; '),
    },
    { header: 'sessions', value: (p) => p.session_ids.length },
    { header: 'generated_at', value: (p) => p.generated_at },
  ],
  run: async (i, ctx) => {
    const r = fromRpc(
      ctx,
      await ctx.supabase
        .rpc('variance_analytics_report', {
          p_org_id: i.org_id,
          p_period_type: i.period_type,
          p_from: i.from,
          p_to: i.to,
        })
        .abortSignal(ctx.signal),
    )
    if (!r.ok) return r
    return answer(parseRpc(AnalyticsReport, r.data, 'variance_analytics_report').periods)
  },
})
