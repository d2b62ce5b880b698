'use client'
import { useCallback, useEffect, useState } from 'react'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { ackFloorMessage, myFloorMessages } from '@/lib/floor-messages/actions'
import type { FloorMessage } from '@/lib/floor-messages/types'
import { formatTime } from '@/lib/format'
import { orgTopic } from '@/lib/realtime/topics'

/**
 * A supervisor's messages to this person (or their location or team) as banners on the tablet,
 * until they tap Acknowledge (who and when goes to the supervisor's log). Live on
 * org:<org>:messages; re-read on every change, so a message acknowledged on another tablet goes too.
 */
export function FloorMessages({ orgId, timeZone }: { orgId: string; timeZone: string }) {
  const [messages, setMessages] = useState<FloorMessage[]>([])
  const [acking, setAcking] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(async () => {
    const r = await myFloorMessages({ orgId })
    if (r.ok) setMessages(r.data)
  }, [orgId])
  useEffect(() => {
    void load()
  }, [load])
  useLiveTopic(orgTopic(orgId, 'messages'), () => void load(), { readOnFirstJoin: true })

  const ack = async (id: string) => {
    setAcking(id)
    setError(null)
    const r = await ackFloorMessage({ messageId: id })
    setAcking(null)
    if (!r.ok) setError(r.message)
    else setMessages((ms) => ms.filter((m) => m.id !== id))
  }
  if (!messages.length && !error) return null
  return (
    <section aria-label="Messages from your supervisor" className="flex flex-col gap-2">
      {error ? (
        <p role="alert" className="text-red-700 dark:text-red-300">
          {error}
        </p>
      ) : null}
      {messages.map((m) => (
        <div
          key={m.id}
          role={m.urgent ? 'alert' : 'status'}
          data-testid="floor-message"
          className={cn(
            'flex flex-wrap items-center gap-3 rounded-2xl border p-4',
            m.urgent
              ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100'
              : 'border-brand-100 bg-brand-50 text-zinc-900 dark:border-brand-500/30 dark:bg-brand-500/10 dark:text-zinc-100',
          )}
        >
          <div className="min-w-0 flex-1">
            <p className="text-xl font-semibold">{m.body}</p>
            <p className="text-sm">
              {m.urgent ? 'Urgent · ' : ''}
              {m.sent_by?.display_name ?? 'A supervisor'} · {formatTime(m.created_at, timeZone)} · to{' '}
              {m.to.kind === 'person' ? 'you' : m.to.name}
            </p>
          </div>
          <Button size="touch" pending={acking === m.id} onClick={() => void ack(m.id)}>
            Acknowledge
          </Button>
        </div>
      ))}
    </section>
  )
}
