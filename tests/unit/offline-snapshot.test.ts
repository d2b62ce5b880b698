import { describe, expect, it } from 'vitest'
import type { ItemCard } from '@/lib/floor/types'
import {
  cachedCardById,
  cachedQueues,
  cachedStageActions,
  type OfflineData,
  saveOfflineData,
} from '@/lib/scan/offline-cards'

const memory = () => {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }
}

const card = { id: 'fi-1', ref_id: 'b-1', number: 'B-10', current_stage: 'Sanding' } as unknown as ItemCard
const snapshot: OfflineData = {
  generated_at: '2026-12-04T14:02:00Z',
  items: [card],
  labels: {},
  queues: [
    {
      id: 'q1',
      name: 'Sanding',
      items: [{ id: 'qi1', item_id: 'fi-1', status: 'waiting', priority: 'high', number: 'B-10' }],
    },
  ],
  stage_actions: [
    {
      id: 'a1',
      type_definition_id: 't1',
      stage: 'Sanding',
      key: 'sanding-check',
      type: 'inspection',
      label: 'Sanding check',
      required: true,
    },
    {
      id: 'a2',
      type_definition_id: 't1',
      stage: 'Intake',
      key: 'materials',
      type: 'inspection',
      label: 'Materials',
      required: true,
    },
  ],
}

describe('the offline snapshot of a location', () => {
  it('keeps the queue entries and stage actions the tablet may need, and finds a card by id', () => {
    const store = memory()
    saveOfflineData(store, 'k', snapshot)
    expect(cachedQueues(store, 'k')[0].items.map((e) => e.number)).toEqual(['B-10'])
    expect(cachedStageActions(store, 'k', 't1', 'Sanding').map((a) => a.key)).toEqual(['sanding-check'])
    expect(cachedStageActions(store, 'k', 'other', 'Sanding')).toEqual([])
    expect(cachedCardById(store, 'k', 'fi-1')?.number).toBe('B-10')
    expect(cachedCardById(store, 'k', 'b-1')?.number).toBe('B-10')
    expect(cachedCardById(store, 'k', 'nope')).toBeNull()
  })

  it('an old snapshot without them, or none at all, reads as empty', () => {
    const store = memory()
    expect(cachedQueues(store, 'k')).toEqual([])
    store.setItem('k', JSON.stringify({ generated_at: 'x', items: [], labels: {} }))
    expect(cachedQueues(store, 'k')).toEqual([])
    expect(cachedStageActions(store, 'k', null, 'Sanding')).toEqual([])
    store.setItem('k', '{broken')
    expect(cachedCardById(store, 'k', 'fi-1')).toBeNull()
  })
})
