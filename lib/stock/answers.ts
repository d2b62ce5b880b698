import { z } from 'zod'

/**
 * The count RPCs' jsonb answers (supabase/migrations/20261204050100_stock_counts.sql), parsed once
 * at the boundary with lib/rpc.ts. Quantities arrive as JSON numbers (numeric → number).
 */
const num = z.coerce.number()
const numOrNull = z.union([z.number(), z.string().transform(Number), z.null()])

export const CountTransition = z.object({ name: z.string(), to: z.string() })

export const CountSummary = z.object({
  id: z.string(),
  org_id: z.string(),
  count_number: num,
  title: z.string(),
  status: z.string(),
  scope: z.string(),
  mode: z.enum(['blind', 'guided']),
  location_ids: z.array(z.string()),
  categories: z.array(z.string()),
  cycle_rule: z.string().nullable(),
  cycle_class: z.string().nullable(),
  cycle_size: z.number().nullable(),
  counter_ids: z.array(z.string()),
  offline_created: z.boolean(),
  sync_status: z.string(),
  conflict_items: z.array(z.string()),
  created_at: z.string(),
  started_at: z.string().nullable(),
  posted_at: z.string().nullable(),
  voided_at: z.string().nullable(),
  cancelled_at: z.string().nullable(),
  closed_reason: z.string().nullable(),
  adjustment_count: z.number().nullable(),
  adjustment_value: numOrNull,
  lines: num,
  counted: num,
  recount: num,
  by_counter: z.array(z.object({ member_id: z.string(), name: z.string().nullable(), lines: num })),
  transitions: z.array(CountTransition),
})
export type CountSummary = z.output<typeof CountSummary>

const Lock = z
  .object({ holder: z.string().nullable(), expires_at: z.string(), mine: z.boolean(), locked_by: z.string() })
  .nullable()

export const SheetLine = z.object({
  id: z.string(),
  status: z.enum(['pending', 'counted', 'recount']),
  counted_qty: numOrNull,
  counted_by: z.string().nullable(),
  counted_by_name: z.string().nullable(),
  counted_at: z.string().nullable(),
  recount_round: num,
  recount_excluded_member: z.string().nullable(),
  latest_entry_id: z.string().nullable(),
  /** added during the count (stock found with no line) */
  added_at: z.string().nullable().optional(),
  stock_item_id: z.string(),
  code: z.string(),
  barcode: z.string().nullable(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  location_id: z.string(),
  location: z.string(),
  /** guided counts only; a blind count's sheet never carries it */
  expected_qty: numOrNull.optional(),
  lock: Lock.optional(),
})
export type SheetLine = z.output<typeof SheetLine>

export const CountSheet = z.object({ count: CountSummary, me: z.string().nullable(), lines: z.array(SheetLine) })
export type CountSheet = z.output<typeof CountSheet>

export const ReviewLine = z.object({
  id: z.string(),
  status: z.enum(['pending', 'counted', 'recount']),
  stock_item_id: z.string(),
  code: z.string(),
  name: z.string(),
  category: z.string(),
  unit: z.string(),
  location: z.string(),
  expected_qty: num,
  movement_qty: num,
  movement_at_count: numOrNull,
  expected_at_count: num,
  counted_qty: numOrNull,
  variance_qty: numOrNull,
  variance_value: numOrNull,
  unit_cost: num,
  reason_code: z.string().nullable(),
  counted_by_name: z.string().nullable(),
  counted_at: z.string().nullable(),
  entry_count: num,
  recount_round: num,
  added_at: z.string().nullable().optional(),
  added_by_name: z.string().nullable().optional(),
})
export type ReviewLine = z.output<typeof ReviewLine>

export const CountReview = z.object({
  count: CountSummary,
  totals: z.object({ lines: num, with_variance: num, variance_value: num, shrinkage_value: num }),
  lines: z.array(ReviewLine),
})
export type CountReview = z.output<typeof CountReview>

export const AnalyticsPeriod = z.object({
  period_type: z.string(),
  period_start: z.string(),
  period_end: z.string(),
  total_items_counted: num,
  items_with_variance: num,
  variance_rate: numOrNull,
  accuracy_score: numOrNull,
  variance_value: num,
  shrinkage_value: num,
  variance_by_category: z.record(z.string(), z.object({ count: num, total_variance_value: num })),
  variance_by_reason: z.record(z.string(), num),
  previous_period_accuracy: numOrNull,
  accuracy_change: numOrNull,
  session_ids: z.array(z.string()),
  generated_at: z.string(),
  generated_by: z.string(),
})
export type AnalyticsPeriod = z.output<typeof AnalyticsPeriod>

export const AnalyticsReport = z.object({
  periods: z.array(AnalyticsPeriod),
  worst_items: z.array(
    z.object({
      stock_item_id: z.string(),
      code: z.string(),
      name: z.string(),
      category: z.string(),
      unit: z.string(),
      lines: num,
      variance_qty: num,
      variance_value: num,
    }),
  ),
})
export type AnalyticsReport = z.output<typeof AnalyticsReport>
