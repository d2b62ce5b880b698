'use client'
import { useRouter } from 'next/navigation'
import { Pill } from '@/components/common/pill'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { orgTopic } from '@/lib/realtime/topics'
import type { SmsMessage, SmsStatus } from '@/lib/sms/queries'

const TONE: Record<SmsStatus, 'neutral' | 'brand' | 'green' | 'red'> = {
  PENDING: 'neutral',
  SENT: 'brand',
  DELIVERED: 'green',
  FAILED: 'red',
}
const LABEL: Record<SmsStatus, string> = { PENDING: 'Pending', SENT: 'Sent', DELIVERED: 'Delivered', FAILED: 'Failed' }

const time = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' }) : ''

/**
 * The message log, live: the database tells the private topic org:<org>:sms when a message changes
 * (managers+ may listen) and the page re-reads through RLS. Each row opens to its attempt timeline.
 */
export function MessageLog({ orgId, messages }: { orgId: string; messages: SmsMessage[] }) {
  const router = useRouter()
  const live = useLiveTopic(orgTopic(orgId, 'sms'), () => router.refresh(), { readOnFirstJoin: true })
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="sms-live">
        {live ? 'Live: statuses update as providers report.' : 'Connecting for live updates…'}
      </p>
      {messages.length === 0 ? (
        <p className="text-sm text-zinc-600">No texts match.</p>
      ) : (
        <ul className="flex flex-col divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
          {messages.map((m) => (
            <li key={m.id} data-testid="sms-message" data-status={m.status}>
              <details>
                <summary className="flex cursor-pointer flex-wrap items-center gap-3 px-4 py-3 text-sm">
                  <Pill tone={TONE[m.status]} data-testid="sms-status">
                    {LABEL[m.status]}
                  </Pill>
                  <span className="font-mono">{m.to_phone}</span>
                  <span className="min-w-0 flex-1 truncate text-zinc-700 dark:text-zinc-300">{m.body}</span>
                  <span className="text-xs text-zinc-500">
                    {m.provider ?? '—'} · {m.segments} {m.segments === 1 ? 'part' : 'parts'} · {time(m.created_at)}
                  </span>
                </summary>
                <div className="flex flex-col gap-2 px-4 pb-4 text-sm">
                  {m.error ? <p className="text-red-700 dark:text-red-300">{m.error}</p> : null}
                  <ol
                    className="flex flex-col gap-1 border-l-2 border-zinc-200 pl-4 dark:border-zinc-700"
                    aria-label="Attempts"
                  >
                    <li>
                      Queued ({m.source}) {time(m.created_at)}
                    </li>
                    {m.attempt_log.map((a) => (
                      <li key={a.id}>
                        #{a.attempt_no} {a.provider}: <strong>{a.outcome}</strong>
                        {a.sender ? ` from ${a.sender}` : ''}
                        {a.http_status ? ` (HTTP ${a.http_status})` : ''}
                        {a.latency_ms !== null ? ` · ${a.latency_ms} ms` : ''}
                        {a.error ? ` — ${a.error}` : ''} · {time(a.created_at)}
                      </li>
                    ))}
                    {m.sent_at ? <li>Sent {time(m.sent_at)}</li> : null}
                    {m.delivered_at ? <li>Delivered {time(m.delivered_at)}</li> : null}
                    {m.failed_at ? <li>Failed {time(m.failed_at)}</li> : null}
                  </ol>
                  {m.cost_micros !== null ? (
                    <p className="text-xs text-zinc-500">
                      Cost {(m.cost_micros / 1_000_000).toFixed(4)} {m.currency}
                    </p>
                  ) : null}
                </div>
              </details>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
