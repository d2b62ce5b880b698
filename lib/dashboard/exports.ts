import { csvRoute } from '@/lib/csv-route'
import { dbFail } from '@/lib/errors'
import { answer, type RouteContext } from '@/lib/route'
import { overviewRpc } from './api'
import { OverviewQuery } from './schemas'
import type { DayFigures, LateOrder, OperatorFigures, Overview, ShiftFigures, Wip } from './types'

/**
 * The CSV behind every chart and table of /[org]/dashboard: the same overview call (so the same
 * cache and the same role rules: operators get no operators' table), one column list per table.
 */
async function rows(q: OverviewQuery, ctx: RouteContext, pick: (o: Overview) => unknown[]) {
  const { data, error } = await overviewRpc(ctx.supabase, q, ctx.signal)
  if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
  return answer(pick(data as unknown as Overview))
}

const name = (table: string) => (q: OverviewQuery) =>
  `dashboard-${table}-${q.range}${q.from ? `-${q.from}` : ''}${q.to ? `-${q.to}` : ''}`

export const EXPORTS = {
  days: csvRoute<typeof OverviewQuery, DayFigures>({
    schema: OverviewQuery,
    from: 'query',
    filename: name('days'),
    columns: [
      { header: 'Date', value: (r) => r.date },
      { header: 'Units completed', value: (r) => r.units_completed },
      { header: 'Units cut', value: (r) => r.units_cut },
      { header: 'Units sewn', value: (r) => r.units_sewn },
      { header: 'Overall efficiency %', value: (r) => r.overall_efficiency },
      { header: 'Cutting efficiency %', value: (r) => r.cutting_efficiency },
      { header: 'Sewing efficiency %', value: (r) => r.sewing_efficiency },
      { header: 'QC pass rate %', value: (r) => r.qc_pass_rate },
      { header: 'Defect rate %', value: (r) => r.defect_rate },
      { header: 'Rework rate %', value: (r) => r.rework_rate },
      { header: 'Employees present', value: (r) => r.employees_present },
      { header: 'Overtime hours', value: (r) => r.overtime_hours },
      { header: 'Revenue', value: (r) => r.revenue_generated },
    ],
    run: (q, ctx) => rows(q, ctx, (o) => o.days),
  }),
  shifts: csvRoute<typeof OverviewQuery, ShiftFigures>({
    schema: OverviewQuery,
    from: 'query',
    filename: name('shifts'),
    columns: [
      { header: 'Date', value: (r) => r.date },
      { header: 'Shift', value: (r) => r.shift },
      { header: 'Units completed', value: (r) => r.units_completed },
      { header: 'Units cut', value: (r) => r.units_cut },
      { header: 'Units sewn', value: (r) => r.units_sewn },
      { header: 'Employees present', value: (r) => r.employees_present },
    ],
    run: (q, ctx) => rows(q, ctx, (o) => o.shifts),
  }),
  operators: csvRoute<typeof OverviewQuery, OperatorFigures>({
    schema: OverviewQuery,
    from: 'query',
    filename: name('operators'),
    columns: [
      { header: 'Operator', value: (r) => r.name },
      { header: 'Efficiency %', value: (r) => r.efficiency },
      { header: 'Earned hours', value: (r) => r.earned_hours },
      { header: 'Attended hours', value: (r) => r.attended_hours },
      { header: 'Units', value: (r) => r.units },
    ],
    run: (q, ctx) => rows(q, ctx, (o) => o.operators ?? []),
  }),
  wip: csvRoute<typeof OverviewQuery, Wip>({
    schema: OverviewQuery,
    from: 'query',
    filename: name('wip'),
    columns: [
      { header: 'Kind', value: (r) => r.kind },
      { header: 'Stage', value: (r) => r.label },
      { header: 'Items', value: (r) => r.items },
      { header: 'Units', value: (r) => r.units ?? null },
    ],
    run: (q, ctx) => rows(q, ctx, (o) => o.wip),
  }),
  'late-orders': csvRoute<typeof OverviewQuery, LateOrder>({
    schema: OverviewQuery,
    from: 'query',
    filename: name('late-orders'),
    columns: [
      { header: 'Order', value: (r) => r.order_number },
      { header: 'Customer', value: (r) => r.customer },
      { header: 'Due', value: (r) => r.due_date },
      { header: 'Days late', value: (r) => r.days_late },
      { header: 'Status', value: (r) => r.status },
    ],
    run: (q, ctx) => rows(q, ctx, (o) => o.late_orders.items),
  }),
} as const
export type ExportTable = keyof typeof EXPORTS
export const isExportTable = (t: string): t is ExportTable => Object.hasOwn(EXPORTS, t)
