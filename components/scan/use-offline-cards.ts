'use client'
import { useCallback, useEffect } from 'react'
import { floorApi } from '@/lib/floor/client'
import { cachedCard, cachedCardById, type OfflineData, offlineDataKey, saveOfflineData } from '@/lib/scan/offline-cards'

/** Fired on window when a fresh snapshot was saved (the "data from 14:02" line listens). */
export const OFFLINE_DATA_EVENT = 'floorline:offline-data'
/** The snapshot is refreshed this often while the screen is open and online. */
const REFRESH_MS = 5 * 60_000

/**
 * Caches what this tablet's location is working on while online (lib/scan/offline-cards.ts) —
 * on start, every 5 minutes and when the connection comes back — and looks a code up in it when a
 * scan could not reach the server.
 */
export function useOfflineCards(orgId: string, locationId: string | undefined, online: boolean) {
  const key = offlineDataKey(orgId)
  useEffect(() => {
    if (!locationId || !online) return
    const refresh = () =>
      void floorApi<OfflineData>(`/offline-data?location_id=${locationId}`).then((r) => {
        if (!r.ok) return
        saveOfflineData(localStorage, key, r.data)
        window.dispatchEvent(new Event(OFFLINE_DATA_EVENT))
      })
    refresh()
    const timer = setInterval(refresh, REFRESH_MS)
    window.addEventListener('online', refresh)
    return () => {
      clearInterval(timer)
      window.removeEventListener('online', refresh)
    }
  }, [locationId, online, key])
  const byCode = useCallback((code: string) => cachedCard(localStorage, key, code), [key])
  const byId = useCallback((id: string) => cachedCardById(localStorage, key, id), [key])
  return { byCode, byId }
}
