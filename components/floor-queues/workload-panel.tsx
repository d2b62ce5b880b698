'use client'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { formatMinutes } from '@/lib/floor/format'
import { balanceQueue } from '@/lib/floor-queues/actions'
import type { Balance, Worker } from '@/lib/floor-queues/types'
import { useQueueWrites } from './use-queue-writes'

/**
 * Who is PINed in for this queue and how loaded they are (floor_workload), and "Balance": the
 * database's suggestion (floor_queue_balance), applied as suggested under one client id so a
 * double tap or a retry applies it once.
 */
export function WorkloadPanel({ queueId, workers }: { queueId: string; workers: Worker[] }) {
  const writes = useQueueWrites()
  const [suggestion, setSuggestion] = useState<{ clientId: string; balance: Balance } | null>(null)
  const suggest = async () => {
    const r = await writes.run(() => balanceQueue({ clientId: newClientId(), queueId, apply: false }))
    setSuggestion(r.ok ? { clientId: newClientId(), balance: r.data } : null)
  }
  const apply = async () => {
    if (!suggestion) return
    const r = await writes.run(() => balanceQueue({ clientId: suggestion.clientId, queueId, apply: true }), 'Balanced.')
    if (r.ok) setSuggestion(null)
  }
  return (
    <section aria-labelledby="workload-title" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <h2 id="workload-title" className="text-lg font-semibold">
          Who is working here
        </h2>
        <Button size="sm" variant="secondary" pending={writes.busy && !suggestion} onClick={() => void suggest()}>
          Balance
        </Button>
      </div>
      {writes.error ? <Alert tone="error">{writes.error}</Alert> : null}
      {writes.notice ? <Alert tone="success">{writes.notice}</Alert> : null}
      {suggestion ? (
        <div
          className="flex flex-col gap-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800"
          data-testid="balance-suggestion"
        >
          {suggestion.balance.moves.length === 0 ? (
            <p className="text-sm">The work is as even as capacity allows: nothing to move.</p>
          ) : (
            <>
              <p className="text-sm font-medium">Suggested moves</p>
              <ul className="flex flex-col gap-1 text-sm">
                {suggestion.balance.moves.map((m) => (
                  <li key={m.queue_item_id}>
                    <span className="font-semibold tabular-nums">{m.number}</span>:{' '}
                    {m.from ? m.from.display_name : 'unassigned'} → {m.to.display_name}
                  </li>
                ))}
              </ul>
            </>
          )}
          <div className="flex gap-2">
            {suggestion.balance.moves.length ? (
              <Button size="sm" pending={writes.busy} onClick={() => void apply()}>
                Apply
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" onClick={() => setSuggestion(null)}>
              Close
            </Button>
          </div>
        </div>
      ) : null}
      {workers.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">Nobody is PINed in at this queue&apos;s location.</p>
      ) : (
        <ul className="flex flex-col gap-2" aria-label="Workload">
          {workers.map((w) => (
            <li
              key={w.member_id}
              data-testid="worker"
              className="rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="flex items-center justify-between gap-2">
                <p className="font-medium">{w.display_name}</p>
                {w.over_capacity ? (
                  <Pill tone="red">Over capacity</Pill>
                ) : w.idle ? (
                  <Pill tone="amber">Idle</Pill>
                ) : null}
              </div>
              <p className="text-sm text-zinc-600 tabular-nums dark:text-zinc-400">
                {w.assigned} assigned · {w.in_progress} in progress
                {w.capacity ? ` · ${w.open} of ${w.capacity}` : ''} · {w.done_today} done today
                {w.average_processing_minutes !== null
                  ? ` · avg ${formatMinutes(Number(w.average_processing_minutes))}`
                  : ''}
              </p>
              {w.capacity ? (
                <meter
                  className="mt-1 h-2 w-full"
                  min={0}
                  max={w.capacity}
                  high={w.capacity}
                  value={Math.min(w.open, w.capacity)}
                  aria-label={`${w.display_name}: ${w.open} of ${w.capacity}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
