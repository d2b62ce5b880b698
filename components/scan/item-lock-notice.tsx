import { formatTime } from '@/lib/format'
import type { ItemLockState } from './use-item-lock'

/** Who holds the open item: this tablet (quietly), or another one (named, with until when). */
export function ItemLockNotice({ lock, timeZone }: { lock: ItemLockState; timeZone: string }) {
  if (lock.kind === 'none') return null
  if (lock.kind === 'mine')
    return (
      <p className="text-xs text-zinc-600 dark:text-zinc-400" data-testid="item-lock">
        This tablet holds the item until {formatTime(lock.expiresAt, timeZone)}.
      </p>
    )
  return (
    <div
      role="status"
      data-testid="item-lock"
      className="rounded-lg border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200"
    >
      <strong>{lock.holder}</strong> is working on this item on another tablet
      {lock.expiresAt ? ` until ${formatTime(lock.expiresAt, timeZone)}` : ''}. Changes made here wait until they
      finish, or for a supervisor.
    </div>
  )
}
