import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { NewOrderForm } from '@/components/orders/order-form'
import { buttonClasses } from '@/components/ui'
import { atLeast } from '@/lib/members/roles'
import { modelOptions } from '@/lib/models/queries'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'New order' }

export default async function NewOrderPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'manager')) {
    return (
      <>
        <PageHeader title="New order" />
        <Alert tone="info">Managers and above create orders.</Alert>
      </>
    )
  }
  const [models, settings] = await Promise.all([modelOptions(org.org_id), orgSettings(org.org_id)])
  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href={`/${org.slug}/orders`}
          className="text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          ← Orders
        </Link>
      </nav>
      <PageHeader title="New order" description="A hand-made order; Shopify orders arrive on their own." />
      {models.length === 0 ? (
        <EmptyState
          title="No models in the catalogue"
          action={
            <Link href={`/${org.slug}/models/new`} className={buttonClasses()}>
              Add a model…
            </Link>
          }
        >
          Add a model before taking orders for it.
        </EmptyState>
      ) : (
        <div className="max-w-3xl">
          <NewOrderForm orgId={org.org_id} slug={org.slug} models={models} currency={settings.currency} />
        </div>
      )}
    </div>
  )
}
