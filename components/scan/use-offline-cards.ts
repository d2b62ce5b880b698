'use client'
import { useCallback, useEffect } from 'react'
import { floorApi } from '@/lib/floor/client'
import { cachedCard, type OfflineData, offlineDataKey, saveOfflineData } from '@/lib/scan/offline-cards'

/**
 * Caches what this tablet's location is working on while online (lib/scan/offline-cards.ts) and
 * looks a code up in it when a scan could not reach the server.
 */
export function useOfflineCards(orgId: string, locationId: string | undefined, online: boolean) {
  const key = offlineDataKey(orgId)
  useEffect(() => {
    if (!locationId || !online) return
    void floorApi<OfflineData>(`/offline-data?location_id=${locationId}`).then((r) => {
      if (r.ok) saveOfflineData(localStorage, key, r.data)
    })
  }, [locationId, online, key])
  return useCallback((code: string) => cachedCard(localStorage, key, code), [key])
}
