import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { ItemForm } from '@/components/stock/item-form'
import { MovementForm } from '@/components/stock/movement-form'
import { ReasonCodeForm } from '@/components/stock/reason-code-form'
import { buttonClasses } from '@/components/ui'
import { formatDateTime, formatMoney, formatNumber } from '@/lib/format'
import { atLeast, type Role } from '@/lib/members/roles'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'
import { isSupervisor, ledgerOf, onHand, orgMoney, reasonCodes, stockItems } from '@/lib/stock/queries'

export const metadata = { title: 'Stock' }

const KIND_LABEL: Record<string, string> = {
  receipt: 'Receipt',
  issue: 'Issue',
  adjustment: 'Adjustment',
  count: 'Count',
  count_void: 'Count voided',
}

/**
 * /[org]/stock (supervisors+): items with on-hand per location (kept from the ledger, never typed
 * in), one item's ledger (?item=), and receipts / issues / adjustments (docs/stock.md). Managers+
 * also add and edit items (?edit=<id>) and the organisation's reason codes.
 */
export default async function StockPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<{ item?: string; edit?: string }>
}) {
  const { org: slug } = await params
  const { item: itemId, edit: editId } = await searchParams
  const { org } = await requireOrg(slug)
  if (!org.can_act || !isSupervisor(org.role))
    return (
      <>
        <PageHeader title="Stock" />
        <Alert tone="warning">Stock quantities are for supervisors and above.</Alert>
      </>
    )
  const [items, hand, places, reasons, money] = await Promise.all([
    stockItems(org.org_id),
    onHand(org.org_id),
    orgPlaces(org.org_id),
    reasonCodes(org.org_id),
    orgMoney(org.org_id),
  ])
  const locName = new Map(places.locations.map((l) => [l.id, l.name]))
  const byItem = new Map<string, { location_id: string; quantity: number }[]>()
  for (const h of hand)
    byItem.set(h.stock_item_id, [
      ...(byItem.get(h.stock_item_id) ?? []),
      { location_id: h.location_id, quantity: Number(h.quantity) },
    ])
  const selected = items.find((i) => i.id === itemId) ?? null
  const ledger = selected ? await ledgerOf(org.org_id, selected.id) : []
  const manager = atLeast(org.role as Role, 'manager')
  const editing = manager ? (items.find((i) => i.id === editId) ?? null) : null
  const categories = [...new Set(items.map((i) => i.category))].sort()
  return (
    <>
      <PageHeader
        title="Stock"
        description="On-hand per item and location, from the stock ledger: receipts, issues, adjustments and posted counts."
      />
      <div className="flex flex-wrap gap-2">
        <Link href={`/${slug}/counts`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Counts
        </Link>
        <Link href={`/${slug}/stock/analytics`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Variance analytics
        </Link>
        <Link href={`/${slug}/stock/labels`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
          Item and bin labels
        </Link>
      </div>
      <section aria-labelledby="movement" className="flex flex-col gap-2">
        <h2 id="movement" className="text-lg font-semibold">
          Receipts and issues
        </h2>
        <MovementForm
          orgId={org.org_id}
          items={items.filter((i) => i.is_active).map((i) => ({ id: i.id, code: i.code, name: i.name, unit: i.unit }))}
          locations={places.locations.filter((l) => l.is_active).map((l) => ({ id: l.id, name: l.name }))}
          reasons={reasons.filter((r) => r.is_active)}
        />
      </section>
      {manager ? (
        <section aria-labelledby="item-edit" className="flex flex-col gap-2" id="item-edit-section">
          <h2 id="item-edit" className="text-lg font-semibold">
            {editing ? `Edit ${editing.code}` : 'Add an item'}
          </h2>
          <ItemForm
            key={editing?.id ?? 'new'}
            orgId={org.org_id}
            slug={slug}
            item={editing ? { ...editing, unit_cost: Number(editing.unit_cost) } : null}
            categories={categories}
          />
        </section>
      ) : null}
      <section aria-labelledby="items" className="flex flex-col gap-2">
        <h2 id="items" className="text-lg font-semibold">
          Items
        </h2>
        {items.length ? null : <p className="text-sm">No stock items yet.</p>}
        <div className="overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">Stock items and on-hand by location</caption>
            <thead>
              <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
                <th scope="col">Code</th>
                <th scope="col">Item</th>
                <th scope="col">Category</th>
                <th scope="col">Class</th>
                <th scope="col" className="text-right">
                  Unit cost
                </th>
                <th scope="col">On hand by location</th>
                <th scope="col" className="text-right">
                  Total
                </th>
                <th scope="col">Last counted</th>
                {manager ? (
                  <th scope="col">
                    <span className="sr-only">Edit</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {items.map((i) => {
                const places = byItem.get(i.id) ?? []
                const total = places.reduce((s, p) => s + p.quantity, 0)
                return (
                  <tr key={i.id} className="border-b border-zinc-100 align-top dark:border-zinc-900">
                    <td className="font-mono">
                      <Link
                        href={`/${slug}/stock?item=${i.id}#ledger`}
                        className="text-brand-700 underline dark:text-brand-100"
                      >
                        {i.code}
                      </Link>
                    </td>
                    <td>
                      {i.name} {i.is_active ? null : <Pill>inactive</Pill>}
                    </td>
                    <td>{i.category}</td>
                    <td>{i.abc_class}</td>
                    <td className="text-right tabular-nums">{formatMoney(Number(i.unit_cost), money.currency)}</td>
                    <td>
                      {places.map((p) => (
                        <span key={p.location_id} className="mr-3 whitespace-nowrap">
                          {locName.get(p.location_id) ?? '?'}: {formatNumber(p.quantity)}
                        </span>
                      ))}
                    </td>
                    <td className="text-right tabular-nums">
                      {formatNumber(total)} {i.unit}
                    </td>
                    <td>{i.last_counted_at ? formatDateTime(i.last_counted_at, money.timeZone) : 'never'}</td>
                    {manager ? (
                      <td>
                        <Link
                          href={`/${slug}/stock?edit=${i.id}#item-edit-section`}
                          className="text-brand-700 underline dark:text-brand-100"
                          aria-label={`Edit ${i.code}`}
                        >
                          Edit
                        </Link>
                      </td>
                    ) : null}
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="reasons" className="flex flex-col gap-2">
        <h2 id="reasons" className="text-lg font-semibold">
          Reason codes
        </h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          Why stock differed or moved by hand: given to each variance on a count's review and to adjustments.
          {manager ? ' Retire a code rather than rename it into another meaning: posted counts keep naming it.' : ''}
        </p>
        {manager ? (
          <ul className="flex flex-col gap-3">
            {reasons.map((r) => (
              <li key={r.code}>
                <ReasonCodeForm orgId={org.org_id} reason={r} />
              </li>
            ))}
            <li>
              <ReasonCodeForm orgId={org.org_id} reason={null} />
            </li>
          </ul>
        ) : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {reasons.map((r) => (
              <li key={r.code}>
                <Pill tone={r.is_active ? 'neutral' : 'amber'}>
                  {r.label}
                  {r.is_active ? '' : ' (retired)'}
                </Pill>
              </li>
            ))}
          </ul>
        )}
      </section>
      {selected ? (
        <section aria-labelledby="ledger" className="flex flex-col gap-2">
          <h2 id="ledger" className="text-lg font-semibold">
            Ledger: {selected.code} {selected.name}
          </h2>
          <table className="w-full text-sm">
            <caption className="sr-only">The last 50 movements of {selected.code}</caption>
            <thead>
              <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
                <th scope="col">When</th>
                <th scope="col">Movement</th>
                <th scope="col">Location</th>
                <th scope="col" className="text-right">
                  Quantity
                </th>
                <th scope="col" className="text-right">
                  Value
                </th>
                <th scope="col">Reason / note</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((g) => (
                <tr key={g.id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td>{formatDateTime(g.created_at, money.timeZone)}</td>
                  <td>
                    {g.count_id ? (
                      <Link
                        href={`/${slug}/counts/${g.count_id}`}
                        className="text-brand-700 underline dark:text-brand-100"
                      >
                        {KIND_LABEL[g.kind]}
                      </Link>
                    ) : (
                      KIND_LABEL[g.kind]
                    )}
                  </td>
                  <td>{locName.get(g.location_id) ?? '?'}</td>
                  <td className="text-right tabular-nums">{formatNumber(Number(g.quantity))}</td>
                  <td className="text-right tabular-nums">{formatMoney(Number(g.value ?? 0), money.currency)}</td>
                  <td>{[g.reason_code, g.note].filter(Boolean).join(' · ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </>
  )
}
