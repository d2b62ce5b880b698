'use client'
import { useEffect, useState } from 'react'
import { formatTime } from '@/lib/format'
import { offlineDataKey } from '@/lib/scan/offline-cards'
import { OFFLINE_DATA_EVENT } from './use-offline-cards'

/**
 * How old the tablet's offline snapshot is ("Data from 14:02"): what a card shown without a
 * connection is as of. Read from the snapshot (lib/scan/offline-cards.ts), updated when a newer one
 * is saved.
 */
export function OfflineDataAge({ orgId, timeZone }: { orgId: string; timeZone: string }) {
  const [at, setAt] = useState<string | null>(null)
  useEffect(() => {
    const read = () => {
      try {
        const v = JSON.parse(localStorage.getItem(offlineDataKey(orgId)) ?? 'null') as { generated_at?: unknown } | null
        setAt(typeof v?.generated_at === 'string' ? v.generated_at : null)
      } catch {
        setAt(null)
      }
    }
    read()
    window.addEventListener(OFFLINE_DATA_EVENT, read)
    window.addEventListener('storage', read)
    return () => {
      window.removeEventListener(OFFLINE_DATA_EVENT, read)
      window.removeEventListener('storage', read)
    }
  }, [orgId])
  if (!at) return null
  return (
    <span data-testid="offline-data-age" className="text-sm text-zinc-600 dark:text-zinc-400" title="Offline snapshot">
      Data from {formatTime(at, timeZone)}
    </span>
  )
}
