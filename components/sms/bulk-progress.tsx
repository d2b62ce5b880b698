'use client'
import { useCallback, useState } from 'react'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { count, formatNumber } from '@/lib/format'
import { orgTopic } from '@/lib/realtime/topics'
import { readBulkProgress } from '@/lib/sms/actions'
import type { BulkProgress } from '@/lib/sms/bulk-progress'

const clock = (iso: string) => new Date(iso).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })

/**
 * A bulk send as it goes out: the database says on the private topic org:<org>:sms that a text
 * moved, and this re-reads sms_bulk_progress (counts per status, and when the provider's rate lets
 * the rest go). The counts come from the database, never from counting events here.
 */
export function BulkSendProgress({ orgId, bulkId }: { orgId: string; bulkId: string }) {
  const [p, setP] = useState<BulkProgress | null>(null)
  const [problem, setProblem] = useState<string | null>(null)
  const read = useCallback(async () => {
    const r = await readBulkProgress({ orgId, bulkId })
    if (r.ok) {
      setP(r.data)
      setProblem(null)
    } else setProblem(r.message)
  }, [orgId, bulkId])
  const live = useLiveTopic(orgTopic(orgId, 'sms'), () => void read(), { readOnFirstJoin: true, debounceMs: 300 })

  const done = p ? p.sent + p.delivered + p.failed : 0
  return (
    <section
      aria-label="Bulk send progress"
      data-testid="bulk-progress"
      data-done={p && p.pending === 0 ? 'true' : 'false'}
      className="flex flex-col gap-2 rounded-lg border border-zinc-200 p-4 text-sm dark:border-zinc-800"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">Bulk send</h3>
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{live ? 'Live' : 'Connecting…'}</span>
      </div>
      {p ? (
        <>
          <progress className="h-3 w-full" max={p.total} value={done} aria-label="Texts handed to a provider">
            {done} of {p.total}
          </progress>
          <p aria-live="polite" data-testid="bulk-progress-text">
            {formatNumber(done)} of {count(p.total, 'text')} out: {formatNumber(p.sent)} sent,{' '}
            {formatNumber(p.delivered)} delivered, {formatNumber(p.failed)} failed
            {p.pending ? `, ${formatNumber(p.pending)} waiting` : ''}.
          </p>
          {p.waiting_for_rate && p.next_at ? (
            <p className="text-zinc-600 dark:text-zinc-400" data-testid="bulk-progress-rate">
              {count(p.waiting_for_rate, 'text')} held back by the provider&apos;s rate; next at {clock(p.next_at)}.
            </p>
          ) : null}
        </>
      ) : (
        <p>{problem ?? 'Reading progress…'}</p>
      )}
    </section>
  )
}
