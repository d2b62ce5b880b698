'use client'
import Link from 'next/link'
import { useMemo, useState } from 'react'
import { shortDate } from '@/lib/batches/format'
import type { BoardBatch } from '@/lib/batches/types'
import { cn } from '@/lib/cn'
import { money } from '@/lib/orders/format'
import type { OrderRow } from '@/lib/orders/types'
import { AddToBatchDialog, CreateBatchDialog } from './batch-dialogs'
import { PriorityPill, StatusPill } from './status-pill'

/**
 * The order list. Pending orders can be selected (checkbox, or Space on the focused box) and made
 * into a new batch or added to one still at its first stage.
 */
export function OrdersTable({
  rows,
  slug,
  orgId,
  currency,
  today,
  openBatches,
}: {
  rows: OrderRow[]
  slug: string
  orgId: string
  currency: string
  today: string
  openBatches: Pick<BoardBatch, 'id' | 'batch_number' | 'order_count' | 'priority'>[]
}) {
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [dialog, setDialog] = useState<'create' | 'add' | null>(null)
  const selectable = useMemo(() => rows.filter((r) => r.status === 'pending' && !r.batch_id), [rows])
  const chosen = rows.filter((r) => selected.has(r.id))
  const allChosen = selectable.length > 0 && selectable.every((r) => selected.has(r.id))

  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })

  return (
    <>
      <div className="overflow-x-auto rounded-xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
        <table className="w-full min-w-[56rem] text-left text-sm">
          <thead className="border-b border-zinc-200 text-xs font-medium text-zinc-500 uppercase tracking-wide dark:border-zinc-800 dark:text-zinc-400">
            <tr>
              <th scope="col" className="w-10 py-3 pl-4">
                <input
                  type="checkbox"
                  aria-label="Select all pending orders on this page"
                  className="size-4 accent-brand-600"
                  disabled={selectable.length === 0}
                  checked={allChosen}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(selectable.map((r) => r.id)))}
                />
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Order
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Customer
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Model
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Status
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Batch
              </th>
              <th scope="col" className="px-3 py-3 font-medium">
                Due
              </th>
              <th scope="col" className="px-3 py-3 pr-4 text-right font-medium">
                Price
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {rows.map((r) => {
              const canPick = r.status === 'pending' && !r.batch_id
              const overdue =
                r.due_date && r.due_date < today && !['shipped', 'delivered', 'cancelled'].includes(r.status)
              return (
                <tr
                  key={r.id}
                  data-testid="order-row"
                  className={cn(
                    'transition-colors hover:bg-zinc-50 dark:hover:bg-zinc-800/40',
                    selected.has(r.id) && 'bg-brand-50/60 dark:bg-brand-500/10',
                  )}
                >
                  <td className="py-3 pl-4">
                    {canPick ? (
                      <input
                        type="checkbox"
                        aria-label={`Select ${r.order_number}`}
                        className="size-4 accent-brand-600"
                        checked={selected.has(r.id)}
                        onChange={() => toggle(r.id)}
                      />
                    ) : null}
                  </td>
                  <td className="px-3 py-3">
                    <Link
                      href={`/${slug}/orders/${r.id}`}
                      className="font-medium text-zinc-900 hover:text-brand-700 hover:underline dark:text-zinc-100 dark:hover:text-brand-100"
                    >
                      {r.order_number}
                    </Link>
                    <div className="mt-0.5 flex gap-1">
                      <PriorityPill priority={r.priority} />
                      {r.shopify_order_id ? (
                        <span className="text-xs text-zinc-500 dark:text-zinc-400" title="From Shopify">
                          Shopify
                        </span>
                      ) : null}
                    </div>
                  </td>
                  <td className="max-w-56 px-3 py-3">
                    <div className="truncate">{r.customer_name ?? '—'}</div>
                    <div className="truncate text-xs text-zinc-500 dark:text-zinc-400">{r.customer_email}</div>
                  </td>
                  <td className="px-3 py-3">
                    <div>{r.model_name}</div>
                    <div className="text-xs text-zinc-500 dark:text-zinc-400">{r.wood_type}</div>
                  </td>
                  <td className="px-3 py-3">
                    <StatusPill status={r.status} />
                  </td>
                  <td className="px-3 py-3">
                    {r.batch_number ? (
                      <>
                        <div className="font-medium">{r.batch_number}</div>
                        <div className="text-xs text-zinc-500 dark:text-zinc-400">{r.current_stage}</div>
                      </>
                    ) : (
                      <span className="text-zinc-500 dark:text-zinc-400">—</span>
                    )}
                  </td>
                  <td
                    className={cn(
                      'px-3 py-3 whitespace-nowrap',
                      overdue && 'font-medium text-red-600 dark:text-red-400',
                    )}
                  >
                    {shortDate(r.due_date, today)}
                  </td>
                  <td className="px-3 py-3 pr-4 text-right tabular-nums">{money(r.price, currency)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>

      {chosen.length > 0 ? (
        <section
          aria-label="Selected orders"
          className="sticky bottom-4 z-20 mx-auto flex w-full max-w-2xl flex-wrap items-center gap-2 rounded-2xl border border-zinc-200 bg-white/95 p-2 pl-4 shadow-xl backdrop-blur dark:border-zinc-700 dark:bg-zinc-900/95"
        >
          <span className="mr-auto text-sm">
            <strong data-testid="selected-count">{chosen.length}</strong> {chosen.length === 1 ? 'order' : 'orders'}{' '}
            selected
          </span>
          <button
            type="button"
            onClick={() => setSelected(new Set())}
            className="rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            Clear
          </button>
          {openBatches.length ? (
            <button
              type="button"
              onClick={() => setDialog('add')}
              className="rounded-lg border border-zinc-300 px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
            >
              Add to batch
            </button>
          ) : null}
          <button
            type="button"
            onClick={() => setDialog('create')}
            className="rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-on-brand hover:bg-brand-700 dark:bg-brand-500"
          >
            Create batch
          </button>
        </section>
      ) : null}

      <CreateBatchDialog
        open={dialog === 'create'}
        orgId={orgId}
        slug={slug}
        orders={chosen}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null)
          setSelected(new Set())
        }}
      />
      <AddToBatchDialog
        open={dialog === 'add'}
        slug={slug}
        orders={chosen}
        batches={openBatches}
        onClose={() => setDialog(null)}
        onDone={() => {
          setDialog(null)
          setSelected(new Set())
        }}
      />
    </>
  )
}
