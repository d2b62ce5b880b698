import type { OrderStatus, Stage } from '@/lib/batches/types'

/** What track_order returns for a live token, and every order_progress broadcast carries (§6). */
export interface PublicProgress {
  order_number: string
  workshop: string
  model: string
  wood: string
  status: OrderStatus
  status_label: string
  current_stage: Stage | null
  current_stage_label: string | null
  stages: { stage: Stage; label: string; state: 'done' | 'current' | 'upcoming' }[]
  /** The likeliest date (YYYY-MM-DD, the workshop's time zone); null once shipped or cancelled. */
  estimated_completion: string | null
  /** The dates the workshop's fastest and slowest recent weeks would give; null with no estimate. */
  estimated_completion_range: { earliest: string; latest: string } | null
  /** What the estimate rests on, in words ("based on the last 4 weeks of the workshop's pace"). */
  estimate_basis: string | null
  milestones: { at: string; label: string }[]
  updated_at: string
  channel: string
}

/** The broadcast event the database sends on the order's channel (app.broadcast_order_progress). */
export const PROGRESS_EVENT = 'order_progress'
