'use client'
import { usePathname, useRouter } from 'next/navigation'
import { useEffect, useRef, useState, useTransition } from 'react'
import { Select } from '@/components/common/select'
import { Button, Input } from '@/components/ui'
import { PRIORITIES, PRIORITY_LABEL } from '@/lib/batches/labels'
import type { OrderStatus } from '@/lib/batches/types'
import { WOODS } from '@/lib/models/labels'
import { DUE_FILTERS, type OrderFilters, ordersHref } from '@/lib/orders/filters'
import { ORDER_STATUSES, STATUS_LABEL } from '@/lib/orders/labels'

/** Status choices: single statuses, plus the groups people ask for. */
const STATUS_CHOICES: { value: string; label: string }[] = [
  { value: '', label: 'Any status' },
  { value: 'pending,on_hold', label: 'Not started' },
  { value: 'in_production,quality_check,ready_to_ship', label: 'In the workshop' },
  ...ORDER_STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] })),
]

/**
 * The list's search and filters, kept in the URL (shareable, back button works). A plain GET form
 * underneath, so it works before JavaScript loads; with it, changes apply as you type or pick.
 */
export function OrderFiltersBar({
  filters,
  models,
}: {
  filters: OrderFilters
  models: { id: string; name: string }[]
}) {
  const router = useRouter()
  const path = usePathname()
  const [busy, start] = useTransition()
  const [q, setQ] = useState(filters.q ?? '')
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)

  const go = (next: OrderFilters) => start(() => router.replace(ordersHref(path, { ...next, cursor: undefined })))
  const set = (patch: Partial<OrderFilters>) => go({ ...filters, q: q || undefined, ...patch })

  useEffect(() => setQ(filters.q ?? ''), [filters.q])
  useEffect(() => () => clearTimeout(typing.current), [])

  const status = filters.statuses?.join(',') ?? ''
  const active = Boolean(
    filters.q || filters.statuses || filters.modelId || filters.wood || filters.priority || filters.due,
  )

  return (
    <search aria-label="Filter orders">
      <form
        method="get"
        action={path}
        aria-busy={busy || undefined}
        onSubmit={(e) => {
          e.preventDefault()
          set({ q: q || undefined })
        }}
        className="flex flex-col gap-3 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="relative">
          <svg
            viewBox="0 0 20 20"
            aria-hidden="true"
            className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-zinc-400"
          >
            <circle cx="9" cy="9" r="5.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            <path d="M13.5 13.5L17 17" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </svg>
          <Input
            name="q"
            type="search"
            value={q}
            aria-label="Search orders"
            placeholder="Search customer name, email or order number"
            className="pl-9"
            onChange={(e) => {
              const value = e.target.value
              setQ(value)
              clearTimeout(typing.current)
              typing.current = setTimeout(() => go({ ...filters, q: value.trim() || undefined }), 350)
            }}
          />
        </div>
        <div className="grid grid-cols-2 gap-2 md:grid-cols-5">
          <Select
            name="status"
            aria-label="Status"
            value={status}
            onChange={(e) =>
              set({ statuses: e.target.value ? (e.target.value.split(',') as OrderStatus[]) : undefined })
            }
          >
            {STATUS_CHOICES.some((c) => c.value === status) ? null : <option value={status}>Selected statuses</option>}
            {STATUS_CHOICES.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
          <Select
            name="model"
            aria-label="Model"
            value={filters.modelId ?? ''}
            onChange={(e) => set({ modelId: e.target.value || undefined })}
          >
            <option value="">Any model</option>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </Select>
          <Select
            name="wood"
            aria-label="Wood"
            value={filters.wood ?? ''}
            onChange={(e) => set({ wood: (e.target.value || undefined) as OrderFilters['wood'] })}
          >
            <option value="">Any wood</option>
            {WOODS.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </Select>
          <Select
            name="priority"
            aria-label="Priority"
            value={filters.priority ?? ''}
            onChange={(e) => set({ priority: (e.target.value || undefined) as OrderFilters['priority'] })}
          >
            <option value="">Any priority</option>
            {[...PRIORITIES].reverse().map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABEL[p]}
              </option>
            ))}
          </Select>
          <Select
            name="due"
            aria-label="Due date"
            value={filters.due ?? ''}
            onChange={(e) => set({ due: (e.target.value || undefined) as OrderFilters['due'] })}
          >
            <option value="">Any due date</option>
            {Object.entries(DUE_FILTERS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </Select>
        </div>
        <noscript>
          <Button type="submit" size="sm">
            Apply
          </Button>
        </noscript>
        {active ? (
          <div className="-mt-1 flex justify-end">
            <button
              type="button"
              onClick={() => {
                setQ('')
                go({})
              }}
              className="rounded px-1 text-sm text-brand-700 hover:underline dark:text-brand-100"
            >
              Clear filters
            </button>
          </div>
        ) : null}
      </form>
    </search>
  )
}
