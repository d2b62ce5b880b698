import { cn } from '@/lib/cn'
import { dateTime } from '@/lib/orders/format'
import { STATUS_LABEL } from '@/lib/orders/labels'
import type { HistoryEntry } from '@/lib/orders/types'

const SOURCE: Record<HistoryEntry['source'], string> = {
  manual: 'by hand',
  batch: 'with its batch',
  shopify: 'from Shopify',
  system: 'automatically',
}

/** The order's status history, newest first: what, when, who, why, and through which batch. */
export function HistoryTimeline({ entries, timeZone }: { entries: HistoryEntry[]; timeZone: string }) {
  if (entries.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No history yet.</p>
  return (
    <ol className="relative flex flex-col gap-5 pl-6" aria-label="Status history">
      <span aria-hidden="true" className="absolute top-2 bottom-2 left-[0.4375rem] w-px bg-zinc-200 dark:bg-zinc-800" />
      {entries.map((h, i) => (
        <li key={h.id} className="relative" data-testid="history-entry">
          <span
            aria-hidden="true"
            className={cn(
              'absolute top-1.5 -left-6 size-3.5 rounded-full border-2 border-white dark:border-zinc-900',
              i === 0 ? 'bg-brand-600 dark:bg-brand-500' : 'bg-zinc-300 dark:bg-zinc-700',
              h.new_status === 'cancelled' && 'bg-red-500 dark:bg-red-500',
            )}
          />
          <p className="text-sm">
            <span className="font-medium">{STATUS_LABEL[h.new_status]}</span>
            {h.old_status ? (
              <span className="text-zinc-500 dark:text-zinc-400"> from {STATUS_LABEL[h.old_status].toLowerCase()}</span>
            ) : null}
          </p>
          <p className="text-xs text-zinc-500 dark:text-zinc-400">
            <time dateTime={h.created_at}>{dateTime(h.created_at, timeZone)}</time> · {SOURCE[h.source]}
            {h.batch_number ? ` (${h.batch_number})` : ''}
            {h.changed_by_name ? ` · ${h.changed_by_name}` : ''}
          </p>
          {h.reason ? (
            <p className="mt-1 rounded-lg bg-zinc-50 px-2.5 py-1.5 text-sm text-zinc-700 dark:bg-zinc-800/60 dark:text-zinc-300">
              {h.reason}
            </p>
          ) : null}
        </li>
      ))}
    </ol>
  )
}
