import { formatTime } from '@/lib/format'

/** The header's connection and sync-queue state: online or offline, changes waiting, needing a person, last synced. */
export function SyncStatus({
  online,
  waiting,
  refused,
  lastSyncedAt,
  timeZone,
}: {
  online: boolean
  waiting: number
  refused: number
  lastSyncedAt?: string | null
  timeZone?: string
}) {
  return (
    <span
      data-testid="sync-status"
      title={lastSyncedAt && timeZone ? `Last synced ${formatTime(lastSyncedAt, timeZone)}` : undefined}
      className={
        waiting || !online || refused
          ? 'rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900 dark:bg-amber-500/15 dark:text-amber-200'
          : 'rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-200'
      }
    >
      {!online ? 'Offline' : waiting ? `${waiting} to sync` : 'Online'}
      {!online && waiting ? ` · ${waiting} waiting` : ''}
      {refused ? ` · ${refused} need${refused === 1 ? 's' : ''} you` : ''}
    </span>
  )
}
