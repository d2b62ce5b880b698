import { hours } from '@/lib/batches/format'
import type { ProductionSummary } from '@/lib/summary/types'

/**
 * Orders and remaining hours per stage as paired horizontal bars (plain CSS: no chart library).
 * The numbers are in the markup, so the chart reads as a table to a screen reader.
 */
export function StageChart({ summary }: { summary: ProductionSummary }) {
  const rows = [
    {
      key: 'pending',
      label: 'Waiting for a batch',
      orders: summary.pending.order_count,
      hours: summary.pending.remaining_hours,
      batches: null as number | null,
      late: 0,
    },
    ...summary.stages.map((s) => ({
      key: s.stage,
      label: s.stage,
      orders: s.order_count,
      hours: s.remaining_hours,
      batches: s.batch_count,
      late: s.late_batch_count,
    })),
  ]
  const maxOrders = Math.max(1, ...rows.map((r) => r.orders))
  const maxHours = Math.max(1, ...rows.map((r) => r.hours))
  return (
    <table className="w-full text-sm">
      <caption className="sr-only">Orders and remaining work hours by stage</caption>
      <thead>
        <tr className="text-left text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          <th scope="col" className="pb-2 font-medium">
            Stage
          </th>
          <th scope="col" className="pb-2 font-medium">
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2 rounded-sm bg-brand-600 dark:bg-brand-500" /> Orders
            </span>
          </th>
          <th scope="col" className="pb-2 font-medium">
            <span className="inline-flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2 rounded-sm bg-amber-500" /> Hours left
            </span>
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-zinc-100 dark:border-zinc-800" data-testid="stage-row">
            <th scope="row" className="w-40 py-2.5 pr-3 text-left font-medium">
              <span className="block">{r.label}</span>
              <span className="block text-xs font-normal text-zinc-500 dark:text-zinc-400">
                {r.batches === null ? 'no batch yet' : `${r.batches} ${r.batches === 1 ? 'batch' : 'batches'}`}
                {r.late ? <span className="text-red-600 dark:text-red-400"> · {r.late} late</span> : null}
              </span>
            </th>
            <td className="py-2.5 pr-4">
              <Bar
                value={r.orders}
                max={maxOrders}
                label={String(r.orders)}
                className="bg-brand-600 dark:bg-brand-500"
              />
            </td>
            <td className="py-2.5">
              <Bar value={r.hours} max={maxHours} label={hours(r.hours)} className="bg-amber-500" />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Bar({ value, max, label, className }: { value: number; max: number; label: string; className: string }) {
  return (
    <div className="flex items-center gap-2">
      <div aria-hidden="true" className="h-2.5 flex-1 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800">
        <div
          className={`h-full rounded-full ${className}`}
          style={{ width: `${Math.max(value > 0 ? 3 : 0, (value / max) * 100)}%` }}
        />
      </div>
      <span className="w-14 shrink-0 text-right tabular-nums">{label}</span>
    </div>
  )
}
