import { describe, expect, it } from 'vitest'
import type { ItemCard } from '../../lib/floor/types'
import { cachedCard, type OfflineData, saveOfflineData } from '../../lib/scan/offline-cards'

function memory() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }
}
const card = (id: string, number: string) => ({ id, number }) as ItemCard
const DATA: OfflineData = {
  generated_at: '2026-12-03T09:00:00Z',
  items: [card('i-10', 'B-10'), card('i-11', 'B-11')],
  labels: { 'FL1:AUR:I:102GW': { kind: 'batch', id: 'i-11', ref_id: 'b-11' } },
}

describe('cached item cards for scans made offline', () => {
  it('finds a card by its label, as scanned or typed in lower case', () => {
    const store = memory()
    saveOfflineData(store, 'k', DATA)
    expect(cachedCard(store, 'k', 'FL1:AUR:I:102GW')?.number).toBe('B-11')
    expect(cachedCard(store, 'k', ' fl1:aur:i:102gw ')?.number).toBe('B-11')
  })

  it('finds a card by its number', () => {
    const store = memory()
    saveOfflineData(store, 'k', DATA)
    expect(cachedCard(store, 'k', 'b-10')?.id).toBe('i-10')
  })

  it('shows nothing it does not know, without refusing anything', () => {
    const store = memory()
    expect(cachedCard(store, 'k', 'B-10')).toBeNull() // nothing cached yet
    saveOfflineData(store, 'k', DATA)
    expect(cachedCard(store, 'k', 'B-99')).toBeNull()
    expect(cachedCard(store, 'k', 'FL2:AUR:I:102GW')).toBeNull() // a newer label: the server will say
    store.setItem('k', '{broken')
    expect(cachedCard(store, 'k', 'B-10')).toBeNull()
  })
})
