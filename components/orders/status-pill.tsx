import { Pill } from '@/components/common/pill'
import { PRIORITY_LABEL, PRIORITY_TONE } from '@/lib/batches/labels'
import type { OrderStatus, Priority } from '@/lib/batches/types'
import { STATUS_LABEL, STATUS_TONE } from '@/lib/orders/labels'

export function StatusPill({ status }: { status: OrderStatus }) {
  return (
    <Pill tone={STATUS_TONE[status]} data-testid="order-status">
      {STATUS_LABEL[status]}
    </Pill>
  )
}

/** Priority, shown only when it is not the everyday one. */
export function PriorityPill({ priority, always }: { priority: Priority; always?: boolean }) {
  if (priority === 'standard' && !always) return null
  return <Pill tone={PRIORITY_TONE[priority]}>{PRIORITY_LABEL[priority]}</Pill>
}
