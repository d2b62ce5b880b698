'use client'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui'
import { refreshSummary } from '@/lib/summary/actions'

const SAID = {
  refreshed: 'Refreshed just now',
  fresh: 'Already up to date',
  debounced: 'Refreshed moments ago',
  throttled: 'Refreshed on request moments ago; try again in half a minute',
  busy: 'A refresh is running; try again shortly',
} as const

/** Refresh on demand: managers force it; supervisors ask (the database may say it is fresh). */
export function RefreshButton({ force }: { force: boolean }) {
  const [busy, start] = useTransition()
  const [said, setSaid] = useState<string | null>(null)
  return (
    <div className="flex items-center gap-3">
      <span className="text-sm text-zinc-500 dark:text-zinc-400" aria-live="polite">
        {said}
      </span>
      <Button
        variant="secondary"
        pending={busy}
        onClick={() =>
          start(async () => {
            const r = await refreshSummary({ force })
            setSaid(r.ok ? SAID[r.data.status] : r.message)
          })
        }
      >
        <svg viewBox="0 0 20 20" aria-hidden="true" className="size-4">
          <path
            d="M16 10a6 6 0 1 1-1.8-4.3M16 4v3.5h-3.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinecap="round"
            strokeLinejoin="round"
          />
        </svg>
        Refresh now
      </Button>
    </div>
  )
}
