import { describe, expect, it } from 'vitest'
import { createOutbox, flushOutbox, MAX_BATCH, type OutboxOp, retryable, type SendResult } from '../../lib/floor/outbox'

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

  it('sends at most one batch of 100 and settles: done leave, refused are kept marked, retryable stay', () => {
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
    expect(box.refused()).toHaveLength(33)
    expect(box.refused()[0]).toMatchObject({ client_id: 'c1', refused: { status: 422, message: 'Not available here' } })
    expect(box.batch()[0]).toMatchObject({ client_id: 'c2', attempts: 1 })
    expect(box.batch().at(-1)).toMatchObject({ client_id: `c${MAX_BATCH + 4}`, attempts: 0 })
  })

  it('marks a refused op refused with its reason, never sends it again, and lets the operator dismiss it', () => {
    const box = createOutbox(memory(), 'k')
    for (let i = 0; i < 20; i++) box.add(op(i))
    const sent = box.batch()
    const results = sent.map((_, index) =>
      index === 7
        ? {
            index,
            ok: false,
            status: 400,
            outcome: 'refused' as const,
            error: {
              code: 'INVALID_TEXT',
              message: 'args.code: Contains a NUL character (U+0000), which cannot be stored',
              details: { field: 'args.code' },
            },
          }
        : { index, ok: true, status: 200, outcome: 'applied' as const },
    )
    const { done, refused } = box.settle(sent, results, new Date('2026-12-03T10:00:00Z'))
    expect(done).toBe(19)
    expect(refused.map((r) => r.op.client_id)).toEqual(['c7'])
    expect(box.size()).toBe(0)
    expect(box.batch()).toEqual([])
    expect(box.refused()).toEqual([
      expect.objectContaining({
        client_id: 'c7',
        label: 'Scan B-7',
        refused: {
          status: 400,
          code: 'INVALID_TEXT',
          message: 'args.code: Contains a NUL character (U+0000), which cannot be stored',
          field: 'args.code',
          at: '2026-12-03T10:00:00.000Z',
        },
      }),
    ])
    // a new op queued after it goes out alone: the refused one never rides along
    box.add(op(99))
    expect(box.batch().map((o) => o.client_id)).toEqual(['c99'])
    box.dismiss('c7')
    expect(box.refused()).toEqual([])
    expect(box.list().map((o) => o.client_id)).toEqual(['c99'])
  })

  it('follows the server’s verdict: a 429 “retry” stays, a 409 “refused” is marked', () => {
    const box = createOutbox(memory(), 'k')
    box.add(op(1))
    box.add(op(2))
    const sent = box.batch()
    box.settle(sent, [
      { index: 0, ok: false, status: 429, outcome: 'retry' },
      { index: 1, ok: false, status: 409, outcome: 'refused', error: { code: 'SESSION_ENDED', message: 'Ended' } },
    ])
    expect(box.batch().map((o) => o.client_id)).toEqual(['c1'])
    expect(box.refused().map((o) => o.refused?.code)).toEqual(['SESSION_ENDED'])
  })

  it('a whole call refused for good: sends the ops one by one, marks only the bad one, applies the rest', async () => {
    const box = createOutbox(memory(), 'k')
    for (let i = 0; i < 5; i++) box.add(op(i))
    const calls: string[][] = []
    // a server that refuses any batch holding c3 as a whole (as /api/disco/sync did before per-op checks)
    const send = async (ops: OutboxOp[]): Promise<SendResult> => {
      calls.push(ops.map((o) => o.client_id))
      if (ops.some((o) => o.client_id === 'c3')) {
        return { ok: false, status: 400, error: { code: 'VALIDATION_FAILED', message: 'Bad text' } }
      }
      return { ok: true, results: ops.map((_, index) => ({ index, ok: true, status: 200 })) }
    }
    const { done, refused } = await flushOutbox(box, send)
    expect(done).toBe(4)
    expect(refused.map((r) => r.op.client_id)).toEqual(['c3'])
    expect(calls).toEqual([['c0', 'c1', 'c2', 'c3', 'c4'], ['c0'], ['c1'], ['c2'], ['c3'], ['c4']])
    expect(box.size()).toBe(0)
    expect(box.refused()).toEqual([
      expect.objectContaining({ client_id: 'c3', refused: expect.objectContaining({ code: 'VALIDATION_FAILED' }) }),
    ])
    // the next flush sends nothing: the refused op is not resent
    calls.length = 0
    await flushOutbox(box, send)
    expect(calls).toEqual([])
  })

  it('keeps everything when the call itself may work later (offline, 503)', async () => {
    const box = createOutbox(memory(), 'k')
    box.add(op(1))
    const r = await flushOutbox(box, async () => ({ ok: false, status: 0 }))
    expect(r).toEqual({ done: 0, refused: [] })
    expect(box.size()).toBe(1)
    expect(box.refused()).toEqual([])
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
