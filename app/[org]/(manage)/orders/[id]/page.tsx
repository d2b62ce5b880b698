import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { HistoryTimeline } from '@/components/orders/history'
import { OrderActions } from '@/components/orders/order-actions'
import { StageProgress } from '@/components/orders/stage-progress'
import { PriorityPill, StatusPill } from '@/components/orders/status-pill'
import { TrackingCard } from '@/components/orders/tracking-card'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui'
import { workflowStages } from '@/lib/batches/queries'
import { atLeast } from '@/lib/members/roles'
import { addressLines, dateTime, longDate, money } from '@/lib/orders/format'
import { getOrder, orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'

export async function generateMetadata({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) return { title: 'Order' }
  const detail = await getOrder(org.org_id, id)
  return { title: detail ? `Order ${detail.order.order_number}` : 'Order not found' }
}

/** One order: what, for whom, where it is, its history, and the customer's tracking links. */
export default async function OrderPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Order" />
        <Alert tone="info">Supervisors and above see orders.</Alert>
      </>
    )
  }
  const [detail, settings, stages] = await Promise.all([
    getOrder(org.org_id, id),
    orgSettings(org.org_id),
    workflowStages(org.org_id),
  ])
  if (!detail) notFound()
  const { order, history, tokens } = detail
  const isManager = atLeast(org.role, 'manager')
  const custom = Object.entries(order.customizations ?? {})
  // the address's name line repeats the customer's name more often than not
  const address = addressLines(order.shipping_address).filter((l, i) => i > 0 || l !== order.customer?.name)
  const shipped = ['shipped', 'delivered'].includes(order.status)

  return (
    <div className="flex flex-col gap-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link
          href={`/${slug}/orders`}
          className="text-zinc-500 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100"
        >
          ← Orders
        </Link>
      </nav>
      <PageHeader
        title={`Order ${order.order_number}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <StatusPill status={order.status} />
            <PriorityPill priority={order.priority} always />
            <span>
              {order.model_name} · {order.wood_type}
            </span>
          </span>
        }
        actions={
          isManager ? (
            <OrderActions
              orderId={order.id}
              orderNumber={order.order_number}
              status={order.status}
              editHref={`/${slug}/orders/${order.id}/edit`}
              inBatch={order.batch?.batch_number ?? null}
            />
          ) : null
        }
      />

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="flex flex-col gap-6">
          <Card aria-labelledby="production-title">
            <CardHeader>
              <CardTitle id="production-title">Production</CardTitle>
              <CardDescription>
                {order.batch ? (
                  <>
                    In batch{' '}
                    <Link
                      href={`/${slug}/batches`}
                      className="font-medium text-brand-700 hover:underline dark:text-brand-100"
                    >
                      {order.batch.batch_number}
                    </Link>
                  </>
                ) : shipped ? (
                  'Finished'
                ) : order.status === 'cancelled' ? (
                  'Cancelled'
                ) : (
                  'Waiting for a batch'
                )}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <StageProgress stages={stages} current={order.batch?.current_stage ?? null} complete={shipped} />
            </CardContent>
          </Card>

          <Card aria-labelledby="details-title">
            <CardHeader>
              <CardTitle id="details-title">Details</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
                <Item term="Model">{order.model_name}</Item>
                <Item term="Wood">{order.wood_type}</Item>
                <Item term="Due">{longDate(order.due_date)}</Item>
                <Item term="Price">{money(order.price, settings.currency)}</Item>
                <Item term="Created">{dateTime(order.created_at, settings.timeZone)}</Item>
                <Item term="Source">
                  {order.shopify_order_id ? `Shopify order ${order.shopify_order_id}` : 'Entered by hand'}
                </Item>
                <div className="sm:col-span-2">
                  <dt className="text-zinc-500 dark:text-zinc-400">Customizations</dt>
                  <dd className="mt-1">
                    {custom.length ? (
                      <ul className="flex flex-wrap gap-2">
                        {custom.map(([k, v]) => (
                          <li key={k} className="rounded-lg bg-zinc-100 px-2.5 py-1 dark:bg-zinc-800">
                            <span className="text-zinc-500 dark:text-zinc-400">{k}:</span> {String(v)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      'None'
                    )}
                  </dd>
                </div>
                <div className="sm:col-span-2">
                  <dt className="text-zinc-500 dark:text-zinc-400">Notes for the workshop</dt>
                  <dd className="mt-1 whitespace-pre-wrap">{order.notes ?? '—'}</dd>
                </div>
              </dl>
            </CardContent>
          </Card>

          <Card aria-labelledby="internal-title" className="border-amber-200 dark:border-amber-500/30">
            <CardHeader>
              <CardTitle id="internal-title" className="flex items-center gap-2">
                Internal notes
                <span className="rounded bg-amber-100 px-1.5 py-px text-[0.65rem] font-semibold tracking-wide text-amber-800 uppercase dark:bg-amber-500/15 dark:text-amber-300">
                  Staff only
                </span>
              </CardTitle>
              <CardDescription>Supervisors and above. Never shown to operators or the customer.</CardDescription>
            </CardHeader>
            <CardContent>
              <p className="text-sm whitespace-pre-wrap" data-testid="internal-notes">
                {order.internal_notes ?? 'None'}
              </p>
            </CardContent>
          </Card>

          <Card aria-labelledby="history-title">
            <CardHeader>
              <CardTitle id="history-title">History</CardTitle>
            </CardHeader>
            <CardContent>
              <HistoryTimeline entries={history} timeZone={settings.timeZone} />
            </CardContent>
          </Card>
        </div>

        <div className="flex flex-col gap-6">
          <Card aria-labelledby="customer-title">
            <CardHeader>
              <CardTitle id="customer-title">Customer</CardTitle>
            </CardHeader>
            <CardContent className="flex flex-col gap-1 text-sm">
              {order.customer ? (
                <>
                  <p className="font-medium">{order.customer.name}</p>
                  <a
                    href={`mailto:${order.customer.email}`}
                    className="text-brand-700 hover:underline dark:text-brand-100"
                  >
                    {order.customer.email}
                  </a>
                  {order.customer_phone ? <p>{order.customer_phone}</p> : null}
                  {address.length ? (
                    <address className="mt-2 text-zinc-600 not-italic dark:text-zinc-400">
                      {address.map((l) => (
                        <span key={l} className="block">
                          {l}
                        </span>
                      ))}
                    </address>
                  ) : null}
                </>
              ) : (
                <p className="text-zinc-500 dark:text-zinc-400">No customer on this order</p>
              )}
            </CardContent>
          </Card>
          <TrackingCard
            orderId={order.id}
            tokens={tokens}
            dates={Object.fromEntries(tokens.map((t) => [t.id, dateTime(t.created_at, settings.timeZone)]))}
          />
        </div>
      </div>
    </div>
  )
}

function Item({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-zinc-500 dark:text-zinc-400">{term}</dt>
      <dd className="mt-0.5 font-medium">{children}</dd>
    </div>
  )
}
