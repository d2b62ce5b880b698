import type { Database } from '@/types/database'

/** Shapes of the batch RPCs' jsonb answers (docs/production.md §4); the database types them as Json. */
export type Stage = Database['public']['Enums']['production_stage']
export type Priority = Database['public']['Enums']['batch_priority']
export type Quality = Database['public']['Enums']['quality_status']
export type OrderStatus = Database['public']['Enums']['order_status']

export interface BoardStage {
  stage: Stage
  name: string
  position: number
  is_quality_gate: boolean
  order_status: OrderStatus
}

export interface BoardBatch {
  id: string
  batch_number: string
  current_stage: Stage
  stage_position: number
  next_stage: Stage | null
  priority: Priority
  quality_status: Quality
  is_complete: boolean
  order_count: number
  earliest_due_date: string | null
  target_completion: string | null
  is_late: boolean
  days_late: number
  stage_entered_at: string
  completed_at: string | null
  models: string[]
  total_estimated_hours: number | null
  tags: string[]
  updated_at: string
  sort_key: string
}

export interface Board {
  today: string
  workflow_id: string
  stages: BoardStage[]
  batches: BoardBatch[]
}

export interface BatchJson {
  id: string
  org_id: string
  batch_number: string
  workflow_id: string
  current_stage: Stage
  stage_position: number
  next_stage: Stage | null
  priority: Priority
  quality_status: Quality
  is_complete: boolean
  target_completion: string | null
  actual_completion: string | null
  is_late: boolean
  stage_entered_at: string
  completed_at: string | null
  order_ids: string[]
  order_count: number
  earliest_due_date: string | null
  total_estimated_hours: number | null
  created_at: string
  updated_at: string
}

export interface BatchMove {
  batch: BatchJson
  from_stage?: Stage
  replayed: boolean
}
