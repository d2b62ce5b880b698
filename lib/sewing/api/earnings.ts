import type { CsvColumn } from '@/lib/csv'
import { csvRoute } from '@/lib/csv-route'
import { dbFail } from '@/lib/errors'
import { answer, type RouteContext, route } from '@/lib/route'
import { type EarningsRow, earningsRows } from '../earnings'
import { type EarningsLevel, EarningsQuery } from './schemas'

/**
 * GET /api/sewing/earnings (JSON) and /api/sewing/earnings/export (the payroll CSV): the same
 * sewing_earnings rows, so a download and the screen show the same numbers. Operators get their own;
 * supervisors+ everyone's, or one member's (member_id).
 */
async function rows(q: EarningsQuery, ctx: RouteContext, only?: EarningsLevel) {
  const { data, error } = await earningsRows(ctx.supabase, q, { level: only, signal: ctx.signal })
  return error ? dbFail(error, {}, { aborted: ctx.signal.aborted }) : answer(data)
}

/** GET ?org_id&from&to&member_id&level → {from, to, rows} */
export const getEarnings = route({
  schema: EarningsQuery,
  from: 'query',
  run: async (q, ctx) => {
    const out = await rows(q, ctx, q.level)
    return out.ok ? answer({ from: q.from, to: q.to, rows: out.data }) : out
  },
})

const who: CsvColumn<EarningsRow>[] = [
  { header: 'Operator', value: (r) => r.member_name },
  { header: 'Badge', value: (r) => r.badge_code },
]
const figures: CsvColumn<EarningsRow>[] = [
  { header: 'Operations', value: (r) => r.operations },
  { header: 'Units', value: (r) => r.units },
  { header: 'Good units', value: (r) => r.good_units },
  { header: 'Rework units', value: (r) => r.rework_units },
  { header: 'Defects', value: (r) => r.defects },
  { header: 'Earned minutes', value: (r) => r.earned_minutes },
  { header: 'Actual minutes', value: (r) => r.actual_minutes },
  { header: 'Efficiency %', value: (r) => r.efficiency },
  { header: 'Earnings', value: (r) => r.earnings },
]

const COLUMNS: Record<EarningsLevel, CsvColumn<EarningsRow>[]> = {
  // the payroll: one line per operator for the period
  period: [...who, ...figures],
  week: [{ header: 'Week starting', value: (r) => r.week_start }, ...who, ...figures],
  day: [{ header: 'Date', value: (r) => r.work_date }, ...who, ...figures],
  operation: [
    { header: 'Date', value: (r) => r.work_date },
    ...who,
    { header: 'Product type', value: (r) => r.product_type },
    { header: 'Operation', value: (r) => r.operation_name },
    { header: 'Piece rate', value: (r) => r.piece_rate },
    ...figures,
  ],
}

const exportFor = (level: EarningsLevel) =>
  csvRoute<typeof EarningsQuery, EarningsRow>({
    schema: EarningsQuery,
    from: 'query',
    filename: (q) => `${level === 'period' ? 'payroll' : `earnings-by-${level}`}-${q.from}-to-${q.to}`,
    columns: COLUMNS[level],
    run: (q, ctx) => rows(q, ctx, level),
  })

const EXPORTS = {
  period: exportFor('period'),
  week: exportFor('week'),
  day: exportFor('day'),
  operation: exportFor('operation'),
} as const

/** GET /api/sewing/earnings/export?org_id&from&to&member_id&level=period (default: the payroll) → CSV */
export function exportEarnings(request: Request): Promise<Response> {
  const level = new URL(request.url).searchParams.get('level')
  const handler = level && Object.hasOwn(EXPORTS, level) ? EXPORTS[level as EarningsLevel] : EXPORTS.period
  // an unknown level still goes through the schema, which names it under fieldErrors.level
  return handler(request)
}
