'use client'
import { useRouter } from 'next/navigation'
import { useState } from 'react'
import { Pill } from '@/components/common/pill'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { Button } from '@/components/ui'
import { floorApi } from '@/lib/floor/client'
import { count, formatTime } from '@/lib/format'
import { orgTopic } from '@/lib/realtime/topics'

export interface LiveSession {
  id: string
  display_name: string
  location: { id: string; name: string } | null
  team: { id: string; name: string } | null
  device_id: string | null
  started_at: string
  last_activity_at: string
  current_stage: string | null
  current_item: { id: string; kind: string; number: string } | null
  items_processed: number
  actions_completed: number
  scans_count: number
  idle: boolean
  pinned_in: boolean
}

/** Re-renders the supervisor's floor view when sessions or queue entries of the workshop change. */
export function FloorLiveRefresh({ orgId }: { orgId: string }) {
  const router = useRouter()
  useLiveTopic(orgTopic(orgId, 'floor'), () => router.refresh())
  return null
}

/** Who is working where, on what: one card per active floor session. */
export function SessionCards({ sessions, timeZone }: { sessions: LiveSession[]; timeZone: string }) {
  const router = useRouter()
  const [ending, setEnding] = useState<string | null>(null)
  if (!sessions.length)
    return <p className="text-zinc-500 dark:text-zinc-400">Nobody is working on the floor right now.</p>
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Active sessions">
      {sessions.map((s) => (
        <li
          key={s.id}
          data-testid="live-session"
          className="flex flex-col gap-2 rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="flex items-start justify-between gap-2">
            <div className="min-w-0">
              <p className="truncate text-lg font-semibold">{s.display_name}</p>
              <p className="text-sm text-zinc-500 dark:text-zinc-400">
                {s.location?.name ?? 'No location'}
                {s.team ? ` · ${s.team.name}` : ''}
              </p>
            </div>
            {s.idle ? (
              <Pill tone="amber">Idle</Pill>
            ) : s.pinned_in ? (
              <Pill tone="green">Working</Pill>
            ) : (
              <Pill>Away</Pill>
            )}
          </div>
          <p className="text-base">
            {s.current_item ? (
              <>
                On <span className="font-semibold">{s.current_item.number}</span>
                {s.current_stage ? ` at ${s.current_stage}` : ''}
              </>
            ) : (
              'No item yet'
            )}
          </p>
          <p className="text-sm text-zinc-500 dark:text-zinc-400 tabular-nums">
            {count(s.scans_count, 'scan')} · {count(s.actions_completed, 'action')} · {count(s.items_processed, 'item')}{' '}
            · since {formatTime(s.started_at, timeZone)} · last {formatTime(s.last_activity_at, timeZone)}
          </p>
          <Button
            size="sm"
            variant="ghost"
            className="self-start"
            pending={ending === s.id}
            onClick={async () => {
              setEnding(s.id)
              await floorApi(`/sessions/${s.id}/end`, { body: {} })
              setEnding(null)
              router.refresh()
            }}
          >
            End session
          </Button>
        </li>
      ))}
    </ul>
  )
}
