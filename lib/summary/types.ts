import { z } from 'zod'
import type { Priority, Stage } from '@/lib/batches/types'

/** A key the SQL may leave out or send as null: undefined either way. */
const absent = <S extends z.ZodType>(schema: S) => schema.nullish().transform((v) => v ?? undefined)

/** production_summary(p_org_id) (docs/production.md §5). Numbers may arrive as numeric strings' numbers. */
export interface StageSummary {
  stage: Stage
  position: number
  batch_count: number
  order_count: number
  estimated_hours: number
  remaining_hours: number
  late_batch_count: number
  oldest_stage_entered_at: string | null
}

export interface LateBatch {
  id: string
  batch_number: string
  stage: Stage
  priority: Priority
  target_completion: string
  days_late: number
  order_count: number
}

export interface DayThroughput {
  day: string
  batches_completed: number
  orders_completed: number
  stage_moves: number
  returns: number
}

export interface ProductionSummary {
  org_id: string
  refreshed_at: string | null
  stale: boolean
  today: string
  stages: StageSummary[]
  pending: { order_count: number; estimated_hours: number; remaining_hours: number }
  totals: { batches_in_progress: number; orders_in_progress: number; remaining_hours: number; late_batches: number }
  late_batches: LateBatch[]
  throughput: {
    week_start: string
    batches_completed: number
    orders_completed: number
    stage_moves: number
    returns: number
    by_day: DayThroughput[]
  }
}

/**
 * refresh_production_summary(p_force). `throttled`: a member forced a refresh less than 30 s ago (the
 * views are global, so one force per 30 s across all organisations); retry_after_seconds says when.
 */
export const RefreshAnswerSchema = z.object({
  status: z.enum(['refreshed', 'fresh', 'debounced', 'throttled', 'busy']),
  refreshed_at: absent(z.string()),
  duration_ms: absent(z.number()),
  retry_after_seconds: absent(z.number()),
})
export type RefreshAnswer = z.output<typeof RefreshAnswerSchema>
