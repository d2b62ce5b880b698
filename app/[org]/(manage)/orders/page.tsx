import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { OrderFiltersBar } from '@/components/orders/filters'
import { OrdersTable } from '@/components/orders/orders-table'
import { buttonClasses } from '@/components/ui'
import { getBoard, openBatches } from '@/lib/batches/queries'
import { atLeast } from '@/lib/members/roles'
import { listModels } from '@/lib/models/queries'
import { ordersHref, parseOrderFilters } from '@/lib/orders/filters'
import { listOrders, orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Orders' }

export default async function OrdersPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Orders" />
        <Alert tone="info">Supervisors and above see orders. Ask a manager if you need them.</Alert>
      </>
    )
  }
  const filters = parseOrderFilters(await searchParams)
  const settings = await orgSettings(org.org_id)
  const [page, models, board] = await Promise.all([
    listOrders(org.org_id, filters, settings.today),
    listModels(org.org_id),
    getBoard(org.org_id),
  ])
  const base = `/${org.slug}/orders`
  const filtered = Boolean(
    filters.q || filters.statuses || filters.modelId || filters.wood || filters.priority || filters.due,
  )

  return (
    <>
      <PageHeader
        title="Orders"
        description="Search by customer or order number; select pending orders to batch them."
        actions={
          atLeast(org.role, 'manager') ? (
            <Link href={`${base}/new`} className={buttonClasses()}>
              <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4">
                <path d="M10 4v12M4 10h12" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
              New order
            </Link>
          ) : null
        }
      />
      <OrderFiltersBar filters={filters} models={models.map(({ id, name }) => ({ id, name }))} />
      {page.rows.length === 0 ? (
        <EmptyState
          title={filtered ? 'No orders match' : 'No orders yet'}
          action={
            filtered ? (
              <Link href={base} className={buttonClasses({ variant: 'secondary' })}>
                Clear filters
              </Link>
            ) : atLeast(org.role, 'manager') ? (
              <Link href={`${base}/new`} className={buttonClasses()}>
                New order
              </Link>
            ) : null
          }
        >
          {filtered
            ? page.nextCursor
              ? 'Nothing among the orders looked at so far. Look further back with "Older orders".'
              : 'Try another search or fewer filters.'
            : 'Orders from Shopify appear here on their own; managers can add one by hand.'}
        </EmptyState>
      ) : (
        <OrdersTable
          key={`${filters.cursor ?? ''}|${page.rows[0]?.id ?? ''}`}
          rows={page.rows}
          slug={org.slug}
          orgId={org.org_id}
          currency={settings.currency}
          today={settings.today}
          openBatches={openBatches(board).map(({ id, batch_number, order_count, priority }) => ({
            id,
            batch_number,
            order_count,
            priority,
          }))}
        />
      )}
      <nav aria-label="Pages" className="flex items-center justify-between gap-3 text-sm">
        <span className="text-zinc-500 dark:text-zinc-400">
          {page.rows.length} {page.rows.length === 1 ? 'order' : 'orders'} shown
          {filters.cursor ? ' (older)' : ''}
        </span>
        <div className="flex gap-2">
          {filters.cursor ? (
            <Link
              href={ordersHref(base, { ...filters, cursor: undefined })}
              className={buttonClasses({ variant: 'ghost', size: 'sm' })}
            >
              ← Newest
            </Link>
          ) : null}
          {page.nextCursor ? (
            <Link
              href={ordersHref(base, { ...filters, cursor: page.nextCursor })}
              className={buttonClasses({ variant: 'secondary', size: 'sm' })}
              rel="next"
            >
              Older orders →
            </Link>
          ) : null}
        </div>
      </nav>
    </>
  )
}
