import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { EditOrderForm } from '@/components/orders/order-form'
import { atLeast } from '@/lib/members/roles'
import { modelOptions } from '@/lib/models/queries'
import { getOrder, orgSettings } from '@/lib/orders/queries'
import { formatCustomizations } from '@/lib/orders/schema'
import { requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Edit order' }

export default async function EditOrderPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="Edit order" />
        <Alert tone="info">Managers and above edit orders.</Alert>
      </>
    )
  }
  const [detail, models, settings] = await Promise.all([
    getOrder(org.org_id, id),
    modelOptions(org.org_id),
    orgSettings(org.org_id),
  ])
  if (!detail) notFound()
  const { order } = detail
  const canChangeModel = ['pending', 'on_hold'].includes(order.status)
  // an archived model stays selectable for the order that already has it
  const options = models.some((m) => m.id === order.model_id)
    ? models
    : [
        ...models,
        { id: order.model_id, name: order.model_name, woods: [order.wood_type], price: order.price ?? 0, hours: 0 },
      ]

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href={`/${slug}/orders/${order.id}`}
          className="text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          ← Order {order.order_number}
        </Link>
      </nav>
      <PageHeader
        title={`Edit ${order.order_number}`}
        description={order.customer ? `For ${order.customer.name}` : undefined}
      />
      {order.status === 'cancelled' ? (
        <Alert tone="warning">This order is cancelled; it can no longer change.</Alert>
      ) : (
        <EditOrderForm
          slug={slug}
          models={options}
          currency={settings.currency}
          canChangeModel={canChangeModel}
          values={{
            orderId: order.id,
            modelId: order.model_id,
            woodType: order.wood_type,
            priority: order.priority,
            dueDate: order.due_date ?? '',
            price: order.price === null ? '' : String(order.price),
            notes: order.notes ?? '',
            internalNotes: order.internal_notes ?? '',
            customizations: formatCustomizations(order.customizations),
          }}
        />
      )}
    </div>
  )
}
