import type { Priority, Queue, QueueEntry } from '@/lib/floor/types'

/** The jsonb answers /[org]/queues reads (docs/floor.md §18), as the SQL writes them. */
export interface ManagedQueue extends Queue {
  type_definition_id: string | null
  max_items: number | null
  member_capacity: number
  priority_rules: Array<{ condition: string; priority: Priority }>
}

export interface ManagedEntry extends QueueEntry {
  rank: number | null
}

/** floor_workload: one live worker. */
export interface Worker {
  member_id: string
  display_name: string
  role: string
  session_id: string
  location: { id: string | null; name: string | null }
  team: { id: string; name: string } | null
  idle: boolean
  assigned: number
  in_progress: number
  open: number
  done_today: number
  average_processing_minutes: number | null
  capacity: number | null
  over_capacity: boolean
}

/** floor_queue_balance. */
export interface BalanceMove {
  queue_item_id: string
  number: string
  from: { member_id: string; display_name: string } | null
  to: { member_id: string; display_name: string }
}
export interface Balance {
  applied: boolean
  moves: BalanceMove[]
  replayed?: boolean
}

/** floor_priority_preview: one item ranked by draft rules. */
export interface PreviewRow {
  kind: 'batch' | 'order' | 'bundle'
  ref_id: string
  number: string
  title: string
  stage: string | null
  due_date: string | null
  production_priority: string | null
  matched_rule: number | null
  priority: Priority
}
