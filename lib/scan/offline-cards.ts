import type { ItemCard } from '@/lib/floor/types'
import { parseCode } from './label'

/**
 * What the tablet's location is working on (GET /api/disco/offline-data), kept in localStorage so an
 * item card can still be shown for a scan made without a connection. Only shown: the scan itself
 * waits in the outbox and the server decides what it meant when it syncs.
 */
export interface OfflineData {
  generated_at: string
  items: ItemCard[]
  labels: Record<string, { kind: string; id: string; ref_id: string }>
}

export interface CardStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const offlineDataKey = (orgId: string) => `floorline.offline-data.${orgId}`

export function saveOfflineData(store: CardStore, key: string, data: OfflineData): void {
  store.setItem(key, JSON.stringify(data))
}

/**
 * The cached card for a code scanned offline (a label, or an item number), or null. The code is read
 * with the tablet's copy of the label format (lib/scan/label.ts) only because the server cannot be
 * asked right now: it finds the card to show, and never refuses a code.
 */
export function cachedCard(store: CardStore, key: string, code: string): ItemCard | null {
  const parsed = parseCode(code)
  if (!parsed.ok) return null
  try {
    const data = JSON.parse(store.getItem(key) ?? 'null') as OfflineData | null
    if (!data) return null
    const ref = data.labels[parsed.normalised]
    return data.items.find((i) => (ref ? i.id === ref.id : i.number.toUpperCase() === parsed.normalised)) ?? null
  } catch {
    return null
  }
}
