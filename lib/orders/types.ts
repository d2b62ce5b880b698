import type { OrderStatus, Priority, Stage } from '@/lib/batches/types'
import type { Wood } from '@/lib/models/labels'

/** A row of list_orders (docs/production.md §4). */
export interface OrderRow {
  id: string
  order_number: string
  status: OrderStatus
  priority: Priority
  model_id: string
  model_name: string
  wood_type: Wood
  customer_id: string | null
  customer_name: string | null
  customer_email: string | null
  due_date: string | null
  price: number | null
  shopify_order_id: string | null
  batch_id: string | null
  batch_number: string | null
  current_stage: Stage | null
  created_at: string
  cursor: string
}

export interface OrderPage {
  rows: OrderRow[]
  nextCursor: string | null
  /** Rows list_orders returned that the priority/due filters then set aside. */
  scanned: number
}

/** A tracking link as the RPCs return it: the token itself only once, at issue. */
export interface TrackingLink {
  token_id: string
  token: string | null
  path: string
  channel: string
}

/** The order object of create_order / update_order / cancel_order. */
export interface OrderJson {
  id: string
  org_id: string
  order_number: string
  status: OrderStatus
  priority: Priority
  model_id: string
  model_name: string
  wood_type: Wood
  customer_id: string | null
  customer: { id: string; name: string; email: string } | null
  customizations: Record<string, unknown>
  notes: string | null
  internal_notes: string | null
  due_date: string | null
  price: number | null
  shopify_order_id: string | null
  batch: { id: string; batch_number: string; current_stage: Stage } | null
  created_at: string
  updated_at: string
}

export interface HistoryEntry {
  id: string
  old_status: OrderStatus | null
  new_status: OrderStatus
  source: 'manual' | 'batch' | 'shopify' | 'system'
  reason: string | null
  created_at: string
  batch_number: string | null
  changed_by_name: string | null
}

export interface TokenRow {
  id: string
  label: string | null
  created_at: string
  revoked_at: string | null
}

export interface OrderDetail {
  order: OrderJson & {
    customer_phone: string | null
    shipping_address: Record<string, unknown> | null
    shopify_line_item_id: string | null
  }
  history: HistoryEntry[]
  tokens: TokenRow[]
}
