'use client'
import { useState } from 'react'
import { Button } from '@/components/ui'
import { count, formatTime } from '@/lib/format'
import { needsPerson, type SyncEntry, type SyncStatus } from '@/lib/sync/queue'

const STATUS_WORDS: Record<SyncStatus, string> = {
  pending: 'Waiting',
  syncing: 'Sending',
  failed: 'Failed',
  conflict: 'Conflict',
  synced: 'Synced',
}

/**
 * The tablet's sync queue on screen (lib/sync/queue.ts): what waits for a person first — refused
 * changes with the server's reason, conflicts with what the server has now — each with Retry and
 * Discard (asked twice: a discarded change is gone from the tablet); then, folded, every entry by
 * status with its last error. Nothing leaves this list silently.
 */
export function SyncSheet({
  entries,
  timeZone,
  onRetry,
  onDiscard,
}: {
  entries: SyncEntry[]
  timeZone: string
  onRetry: (id: string) => void
  onDiscard: (id: string) => void
}) {
  const stuck = entries.filter(needsPerson)
  const open = entries.filter((e) => e.status !== 'synced')
  if (!open.length) return null
  return (
    <section aria-label="Changes saved on this tablet" data-testid="sync-sheet" className="flex flex-col gap-3">
      {stuck.length ? (
        <div
          data-testid="refused-ops"
          className="rounded-3xl border-2 border-red-300 bg-red-50 px-5 py-4 text-red-950 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100"
        >
          <p className="text-lg font-semibold">
            {count(stuck.length, 'offline change')} {stuck.length === 1 ? 'needs' : 'need'} you — kept until you decide
          </p>
          <ul className="mt-2 flex flex-col gap-3">
            {stuck.map((e) => (
              <StuckEntry key={e.id} entry={e} onRetry={onRetry} onDiscard={onDiscard} />
            ))}
          </ul>
        </div>
      ) : null}
      <details className="rounded-2xl border border-zinc-200 px-4 py-2 text-sm dark:border-zinc-800">
        <summary className="cursor-pointer py-1 font-medium">
          Sync queue: {count(open.length, 'change')} on this tablet
        </summary>
        <ul className="flex flex-col gap-1 py-2" data-testid="sync-entries">
          {open.map((e) => (
            <li key={e.id} data-testid="sync-entry" data-status={e.status} className="flex justify-between gap-3">
              <span className="min-w-0 truncate">
                {e.label} <span className="text-zinc-500">· {formatTime(e.created_at, timeZone)}</span>
              </span>
              <span className="shrink-0 text-zinc-600 dark:text-zinc-400">
                {STATUS_WORDS[e.status]}
                {e.retry_count ? ` · ${count(e.retry_count, 'try', 'tries')}` : ''}
                {e.error ? ` · ${e.error.message}` : ''}
              </span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}

function StuckEntry({
  entry: e,
  onRetry,
  onDiscard,
}: {
  entry: SyncEntry
  onRetry: (id: string) => void
  onDiscard: (id: string) => void
}) {
  const [confirming, setConfirming] = useState(false)
  const conflict = e.status === 'conflict'
  return (
    <li data-testid="refused-op" data-status={e.status} className="flex flex-col gap-2">
      <div className="min-w-0">
        <p className="font-medium">
          {e.label}
          {conflict ? ' — changed on the server since this tablet read it' : ''}
        </p>
        <p className="text-sm">
          {e.error?.message}
          {e.error?.field ? ` (${e.error.field})` : ''}
          {e.error?.code ? <span className="ml-2 font-mono text-xs opacity-70">{e.error.code}</span> : null}
        </p>
      </div>
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm">Remove it from this tablet? It will not be sent.</span>
          <Button size="sm" variant="danger" onClick={() => onDiscard(e.id)}>
            {conflict ? 'Yes, take theirs' : 'Yes, discard'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
            Keep it
          </Button>
        </div>
      ) : (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => onRetry(e.id)}>
            {conflict ? 'Keep mine (send again)' : 'Retry'}
          </Button>
          <Button size="sm" variant="ghost" onClick={() => setConfirming(true)}>
            {conflict ? 'Take theirs' : 'Discard'}
          </Button>
        </div>
      )}
    </li>
  )
}
