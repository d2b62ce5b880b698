/** The header's connection and outbox state: online, offline, changes waiting, changes refused. */
export function SyncStatus({ online, waiting, refused }: { online: boolean; waiting: number; refused: number }) {
  return (
    <span
      data-testid="sync-status"
      className={
        waiting || !online
          ? 'rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900 dark:bg-amber-500/15 dark:text-amber-200'
          : 'rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-200'
      }
    >
      {!online ? 'Offline' : waiting ? `${waiting} to sync` : 'Online'}
      {!online && waiting ? ` · ${waiting} waiting` : ''}
      {refused ? ` · ${refused} refused` : ''}
    </span>
  )
}
