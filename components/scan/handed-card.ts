import type { ItemCard } from '@/lib/floor/types'

const key = (itemId: string) => `floorline.handed-card.${itemId}`

/**
 * The queue's Next item hands the claimed item's card (floor_next_item answers with it) to the scan
 * screen it opens, in this tab's sessionStorage: the card shows as soon as the page is there, not
 * after a session start and another read. Taken once; older than a minute it is read again instead.
 */
export function handCard(card: ItemCard) {
  try {
    sessionStorage.setItem(key(card.id), JSON.stringify({ at: Date.now(), card }))
  } catch {
    // storage full or blocked: the scan screen reads the card itself
  }
}

export function takeHandedCard(itemId: string): ItemCard | null {
  try {
    const raw = sessionStorage.getItem(key(itemId))
    if (!raw) return null
    sessionStorage.removeItem(key(itemId))
    const { at, card } = JSON.parse(raw) as { at: number; card: ItemCard }
    return Date.now() - at < 60_000 && card?.id === itemId ? card : null
  } catch {
    return null
  }
}
