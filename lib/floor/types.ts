/** The JSON the floor RPCs answer (docs/floor.md), as the tablet screens use it. */
export type ActionType = 'scan' | 'photo' | 'note' | 'approval' | 'measurement' | 'inspection'
export type ActionStatus = 'pending' | 'completed' | 'skipped' | 'failed'
export type Priority = 'low' | 'normal' | 'high' | 'urgent'

export interface Person {
  member_id: string
  display_name: string
}

export interface ChecklistItem {
  key: string
  label: string
  required: boolean
}

export interface CardAction {
  stage_action_id: string
  key: string
  type: ActionType
  label: string
  description: string | null
  required: boolean
  config: Record<string, unknown>
  checklist: ChecklistItem[] | null
  status: ActionStatus
  last_action_id: string | null
  completed_at: string | null
  validation_result: { passed: boolean; errors?: string[]; warnings?: string[] } | null
}

export interface BlockingAction {
  item_id: string | null
  kind: 'batch' | 'order'
  ref_id: string
  number: string
  key: string
  label: string
  status: ActionStatus
}

/** A garment bundle's part of its card (app.floor_bundle_details; docs/garment.md). */
export interface BundleDetails {
  id: string
  bundle_number: number
  number: string
  style: { id: string; code: string; name: string; product_type: string }
  size: string
  colour: string
  shade: string
  quantity: number
  rejected_quantity: number
  good_units: number
  status: string
  status_label: string
  type_definition_id: string
  location: { id: string; name: string } | null
  lay: { id: string; lay_number: number } | null
  cut_order: { id: string; cut_order_number: number } | null
  cutting_run: { id: string; run_number: string } | null
  /** The transitions of the bundle's type open from its status. */
  transitions: Array<{ name: string; to: string; requires: { reason?: boolean; min_role?: string } }>
  /** Its sewing operations with their states (app.floor_bundle_sewing); cards cached before it lack it. */
  sewing?: BundleSewing
  /** The latest 10 rows of bundle_status_history, newest first. */
  history: Array<{
    from_status: string | null
    to_status: string
    transition: string | null
    from_location: string | null
    to_location: string | null
    member: string | null
    reason: string | null
    scanned_at: string | null
    device: string | null
    at: string
  }>
}

export type SewingState = 'blocked' | 'ready' | 'in_progress' | 'done'

/** One operation of a bundle's sewing, as its card shows it. */
export interface SewingCardOperation {
  operation_id: string
  run_operation_id: string | null
  name: string
  sequence_number: number
  machine_type: string | null
  standard_minutes: number
  has_qc_checkpoint: boolean
  defect_codes: Array<{ code: string; label: string }>
  status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED'
  state: SewingState
  /** Names of the operations it waits for (not completed yet). */
  blocked_by: string[]
  depends_on: Array<{ operation_id: string; name: string }>
  /** The most a completion may record (good units, what the dependencies passed on); the database decides. */
  max_units: number
  operator: Person | null
  machine_id: string | null
  units_completed: number
  defects_found: number
  rework_units: number
  defect_tally: Record<string, number>
  efficiency: number | null
  started_at: string | null
  completed_at: string | null
}

export interface BundleSewing {
  product_type: string
  good_units: number
  bundle_status: string
  run: {
    id: string
    run_number: number
    number: string
    status: string
    completed_ops: number
    total_operations: number
  } | null
  operations: SewingCardOperation[]
}

export interface ItemCard {
  id: string
  kind: 'batch' | 'order' | 'bundle'
  ref_id: string
  org_id: string
  number: string
  title: string
  label: string | null
  status: string
  quality_status: string | null
  priority: string | null
  due_date: string | null
  is_complete: boolean
  batch: { id: string; number: string } | null
  order_count: number | null
  type_definition_id: string | null
  current_stage: string | null
  stage_name: string | null
  stage_position: number | null
  stage_count: number | null
  next_stage: string | null
  minutes_in_stage: number | null
  /** When the item entered its stage: with current_stage, what a queued action says it saw (`seen`). */
  stage_entered_at?: string | null
  assigned_to: Person | null
  queues: Array<{ queue_item_id: string; queue_id: string; queue_name: string; status: string; priority: Priority }>
  actions: CardAction[]
  /**
   * An order's card: its batch's own actions at the stage (completed with the batch's id). Cards
   * cached on a tablet before the field existed lack it.
   */
  batch_actions?: CardAction[]
  required_pending: number
  /** Every required action still open that stops the batch: in actions, batch_actions or blocking_actions. */
  advance_blockers: number
  blocking_actions: BlockingAction[]
  /** Why it cannot advance although no action is open. */
  advance_hold?: 'quality_failed' | 'not_in_batch' | null
  can_advance: boolean
  advance_completes: boolean
  /** Bundles only: what was cut, where it is, its history. */
  bundle?: BundleDetails
}

/** What an action is done on: the card's item, or (from an order's card) its batch. */
export type ActionTarget = Pick<ItemCard, 'id' | 'number' | 'org_id'>

export interface FloorSession {
  id: string
  org_id: string
  member_id: string
  display_name: string
  device_id: string | null
  location: { id: string; name: string; kind: string } | null
  team: { id: string; name: string } | null
  is_active: boolean
  started_at: string
  last_activity_at: string
  current_item_id: string | null
  current_stage: string | null
  items_processed: number
  actions_completed: number
  scans_count: number
  idle_expires_at: string | null
}

export interface ScanAnswer {
  success: boolean
  scan_id: string
  type: 'item' | 'location' | 'user' | 'action'
  value: string
  result: 'success' | 'error' | 'invalid'
  processing_time_ms: number
  item?: ItemCard
  location?: { id: string; name: string; type: string; label: string }
  user?: { member_id: string; display_name: string; role: string; badge_code: string; team: string | null }
  action?: { id: string; key: string; type: ActionType; label: string; required: boolean; stage: string }
  completed_action?: { key: string; label: string; status: ActionStatus }
  replayed?: boolean
}

export interface QueueEntry {
  id: string
  queue_id: string
  queue_name: string
  item_id: string
  item: {
    kind: 'batch' | 'order'
    ref_id: string
    number: string
    title: string
    current_stage: string | null
    status: string
  }
  priority: Priority
  status: 'waiting' | 'in_progress' | 'completed' | 'removed'
  added_at: string
  assigned_to: Person | null
  started_at: string | null
  estimated_duration_minutes: number | null
  wait_minutes: number | null
}

export interface QueueMetrics {
  waiting: number
  in_progress: number
  total_items: number
  completed_today: number
  average_wait_minutes: number | null
  average_processing_minutes: number | null
  oldest_waiting_minutes: number | null
  waiting_by_priority: Record<Priority, number>
  estimated_backlog_minutes: number
  max_items: number | null
}

export interface Queue {
  id: string
  name: string
  location: { id: string; name: string } | null
  team: { id: string; name: string } | null
  stage: string | null
  auto_assign: boolean
  is_active: boolean
  metrics: QueueMetrics
}
