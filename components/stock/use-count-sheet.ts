'use client'
import { useEffect, useState } from 'react'
import { CountSheet } from '@/lib/stock/answers'
import { idbAvailable, snapshotStore } from '@/lib/sync/idb-store'

/**
 * The count sheet on the tablet (docs/stock.md "Counting offline"): the server's sheet as the page
 * received it, kept in the device's IndexedDB (lib/sync/idb-store.ts `snapshotStore`, per person
 * and workshop) each time a newer one arrives. A reload with no connection gets the page the
 * service worker kept, which may be older than the last sheet read since (router.refresh after a
 * sync): the newer of the two is shown, with the time it was read.
 */
export function useCountSheet(owner: string, sheet: CountSheet, readAt: string): { sheet: CountSheet; readAt: string } {
  const [shown, setShown] = useState({ sheet, readAt })

  useEffect(() => {
    let live = true
    void (async () => {
      if (!(await idbAvailable())) return
      const key = sheet.count.id
      const kept = await snapshotStore.get(owner, key).catch(() => undefined)
      if (!live) return
      const parsed = kept && Date.parse(kept.read_at) > Date.parse(readAt) ? CountSheet.safeParse(kept.data) : null
      if (kept && parsed?.success) {
        setShown({ sheet: parsed.data, readAt: kept.read_at })
        return
      }
      setShown({ sheet, readAt })
      await snapshotStore.put(owner, key, readAt, sheet).catch(() => undefined)
    })()
    return () => {
      live = false
    }
  }, [owner, sheet, readAt])

  return shown
}
