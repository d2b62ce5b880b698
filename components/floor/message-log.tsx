import { Pill } from '@/components/common/pill'
import type { LoggedMessage } from '@/lib/floor-messages/types'
import { formatTime } from '@/lib/format'

const TO_WORD = { person: '', team: 'team ', location: '' } as const

/** Sent messages, newest first, with who acknowledged each and when (floor_message_log). */
export function MessageLog({ messages, timeZone }: { messages: LoggedMessage[]; timeZone: string }) {
  if (!messages.length) return <p className="text-zinc-600 dark:text-zinc-400">No messages sent yet.</p>
  return (
    <ul className="flex flex-col gap-2" aria-label="Sent messages">
      {messages.map((m) => (
        <li
          key={m.id}
          data-testid="message-log-entry"
          className="rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="font-medium">{m.body}</p>
            <span className="flex gap-1">
              {m.urgent ? <Pill tone="red">Urgent</Pill> : null}
              {m.live ? <Pill tone="green">Showing</Pill> : <Pill>Expired</Pill>}
            </span>
          </div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            To {TO_WORD[m.to.kind]}
            {m.to.name ?? '—'} · {m.sent_by?.display_name ?? 'someone'} at {formatTime(m.created_at, timeZone)}
          </p>
          <p className="text-sm" data-testid="message-acks">
            {m.acks.length
              ? `Acknowledged by ${m.acks.map((a) => `${a.display_name} (${formatTime(a.acknowledged_at, timeZone)})`).join(', ')}`
              : 'Not acknowledged yet'}
          </p>
        </li>
      ))}
    </ul>
  )
}
