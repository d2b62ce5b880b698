import type { ItemCard } from '@/lib/floor/types'
import { parseCode } from './label'

/**
 * What the tablet's location is working on (GET /api/disco/offline-data), kept in localStorage so an
 * item card can still be shown for a scan made without a connection. Only shown: the scan itself
 * waits in the outbox and the server decides what it meant when it syncs. The snapshot also holds
 * the location's queues with their entries (waiting and in progress) and every stage action
 * definition, so an entry opened offline (the queue's Next item, a card link) shows its card and the
 * stage's actions from here.
 */
export interface OfflineQueueEntry {
  id: string
  item_id: string
  status: string
  priority: string
  number?: string
  [k: string]: unknown
}
export interface OfflineQueue {
  id: string
  name: string
  items: OfflineQueueEntry[]
  [k: string]: unknown
}
export interface OfflineStageAction {
  id: string
  type_definition_id: string | null
  stage: string
  key: string
  type: string
  label: string
  required: boolean
  [k: string]: unknown
}
export interface OfflineData {
  generated_at: string
  items: ItemCard[]
  labels: Record<string, { kind: string; id: string; ref_id: string }>
  queues?: OfflineQueue[]
  stage_actions?: OfflineStageAction[]
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

function read(store: CardStore, key: string): OfflineData | null {
  try {
    return JSON.parse(store.getItem(key) ?? 'null') as OfflineData | null
  } catch {
    return null
  }
}

/** The cached card of an item by its id (a floor item, or the order or batch it stands for), or null. */
export function cachedCardById(store: CardStore, key: string, id: string): ItemCard | null {
  return read(store, key)?.items.find((i) => i.id === id || i.ref_id === id) ?? null
}

/** The location's queues with their waiting and in-progress entries, as last cached. */
export function cachedQueues(store: CardStore, key: string): OfflineQueue[] {
  return read(store, key)?.queues ?? []
}

/** The action definitions of a stage of a type, as last cached (what a card at that stage asks for). */
export function cachedStageActions(
  store: CardStore,
  key: string,
  typeDefinitionId: string | null,
  stage: string,
): OfflineStageAction[] {
  return (read(store, key)?.stage_actions ?? []).filter(
    (a) => a.stage === stage && (typeDefinitionId === null || a.type_definition_id === typeDefinitionId),
  )
}
