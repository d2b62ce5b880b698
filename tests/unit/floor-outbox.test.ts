import { describe, expect, it } from 'vitest'
import { createOutbox, MAX_BATCH, retryable } from '../../lib/floor/outbox'

function memory() {
  const m = new Map<string, string>()
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) }
}
const op = (n: number) => ({ op: 'scan' as const, client_id: `c${n}`, args: { code: `B-${n}` }, label: `Scan B-${n}` })

describe('offline outbox', () => {
  it('keeps ops in order, once per client id', () => {
    const box = createOutbox(memory(), 'k')
    box.add(op(1))
    box.add(op(2))
    box.add(op(1))
    expect(box.list().map((o) => o.client_id)).toEqual(['c1', 'c2'])
  })

  it('sends at most one batch of 100 and settles: done and refused leave, retryable stay', () => {
    const box = createOutbox(memory(), 'k')
    for (let i = 0; i < MAX_BATCH + 5; i++) box.add(op(i))
    const batch = box.batch()
    expect(batch).toHaveLength(MAX_BATCH)
    const results = batch.map((_, index) => ({
      index,
      ok: index % 3 === 0,
      status: index % 3 === 0 ? 200 : index % 3 === 1 ? 422 : 503,
      error: index % 3 === 1 ? { message: 'Not available here' } : undefined,
    }))
    const { done, refused } = box.settle(batch, results)
    expect(done).toBe(34)
    expect(refused).toHaveLength(33)
    expect(box.size()).toBe(33 + 5)
    expect(box.list()[0]).toMatchObject({ client_id: 'c2', attempts: 1 })
    expect(box.list().at(-1)).toMatchObject({ client_id: `c${MAX_BATCH + 4}`, attempts: 0 })
  })

  it('retries what may work later', () => {
    expect([0, 401, 408, 429, 500, 503].every(retryable)).toBe(true)
    expect([400, 403, 404, 409, 422].some(retryable)).toBe(false)
  })

  it('survives a corrupt store', () => {
    const s = memory()
    s.setItem('k', '{not json')
    expect(createOutbox(s, 'k').list()).toEqual([])
  })
})
