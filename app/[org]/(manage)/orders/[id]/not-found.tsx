import Link from 'next/link'
import { EmptyState } from '@/components/common/empty-state'
import { buttonClasses } from '@/components/ui'

/** An order id that is not in this workshop (or not an order at all). */
export default function OrderNotFound() {
  return (
    <EmptyState
      title="Order not found"
      action={
        <Link href=".." className={buttonClasses({ variant: 'secondary' })}>
          Back to orders
        </Link>
      }
    >
      There is no such order in this workshop. It may have been mistyped in the address.
    </EmptyState>
  )
}
