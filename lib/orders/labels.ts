import type { Tone } from '@/lib/batches/labels'
import type { OrderStatus } from '@/lib/batches/types'
import { Constants } from '@/types/database'

export const ORDER_STATUSES: readonly OrderStatus[] = Constants.public.Enums.order_status

export const STATUS_LABEL: Record<OrderStatus, string> = {
  pending: 'Pending',
  in_production: 'In production',
  quality_check: 'Quality check',
  ready_to_ship: 'Ready to ship',
  shipped: 'Shipped',
  delivered: 'Delivered',
  on_hold: 'On hold',
  cancelled: 'Cancelled',
}

export const STATUS_TONE: Record<OrderStatus, Tone> = {
  pending: 'neutral',
  in_production: 'brand',
  quality_check: 'amber',
  ready_to_ship: 'brand',
  shipped: 'green',
  delivered: 'green',
  on_hold: 'amber',
  cancelled: 'red',
}

/** Hand-made status changes update_order accepts (the rest follow the batch; docs/production.md §3). */
export const MANUAL_STATUS_CHANGES: Partial<Record<OrderStatus, { to: OrderStatus; label: string }[]>> = {
  pending: [{ to: 'on_hold', label: 'Put on hold' }],
  on_hold: [{ to: 'pending', label: 'Release from hold' }],
  shipped: [{ to: 'delivered', label: 'Mark delivered' }],
}

export const isOpen = (s: OrderStatus) => !['shipped', 'delivered', 'cancelled'].includes(s)
