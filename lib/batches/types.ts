import type { Database } from '@/types/database'

/** Shapes of the batch RPCs' jsonb answers (docs/production.md §4); the database types them as Json. */
/** A state key of the batch's type definition (spec 05): 'Intake' … for headphones, 'Cutting' … for garments. */
export type Stage = string
export type Priority = Database['public']['Enums']['batch_priority']
export type Quality = Database['public']['Enums']['quality_status']
export type OrderStatus = Database['public']['Enums']['order_status']

export interface BoardStage {
  stage: Stage
  name: string
  position: number
  is_quality_gate: boolean
  order_status: OrderStatus
  /** batch_stages only: a transition leads from it into a terminal state (complete_batch is allowed here) */
  completes?: boolean
}

/** batch_stages: a batch type definition's states in floor order. */
export interface BatchType {
  type_definition_id: string
  type_name: string
  version: number
  stages: BoardStage[]
}

export interface BoardBatch {
  id: string
  batch_number: string
  current_stage: Stage
  stage_position: number
  next_stage: Stage | null
  /** batch_board: the earlier stages its type's machine has a transition back to (rework) */
  returns_to: Stage[]
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
  type_definition_id: string
  stages: BoardStage[]
  batches: BoardBatch[]
}

export interface BatchJson {
  id: string
  org_id: string
  batch_number: string
  type_definition_id: string
  current_stage: Stage
  stage_position: number
  next_stage: Stage | null
  /** the earlier stages its machine goes back to */
  returns_to: Stage[]
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
