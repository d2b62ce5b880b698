import { describe, expect, it } from 'vitest'
import { combine } from '@/lib/floor/sync'
import { memoryStore } from '@/lib/sync/memory-store'
import { createSyncQueue } from '@/lib/sync/queue'

// ITEM_LOCKED as app.raise sends it (errcode PT409, code in detail, context in hint)
const locked = {
  code: 'PT409',
  message: 'Ana is working on this item on another tablet (locked until 14:07 UTC)',
  details: 'ITEM_LOCKED',
  hint: JSON.stringify({ field: 'item_id', holder: 'Ana', device_id: 'tablet-2', expires_at: '2026-12-04T14:07:00Z' }),
}

describe('another tablet holding the item: a conflict for a person, end to end', () => {
  it('the sync route answers ITEM_LOCKED as a conflict with the holder, and the queue keeps it as one', async () => {
    const op = { op: 'complete_action' as const, client_id: 'a1', args: { item_id: 'i1' } }
    const answer = combine(
      1,
      [{ index: 0, op }],
      [{ index: 0, op: op.op, client_id: 'a1', ok: false, status: 409, error: locked }],
      [],
    )
    const [r] = answer.results
    expect(r).toMatchObject({ outcome: 'conflict', status: 409, error: { code: 'ITEM_LOCKED' } })
    expect(r.error?.details).toMatchObject({ holder: 'Ana', expires_at: '2026-12-04T14:07:00Z' })
    expect(answer.conflict).toBe(1)

    const q = createSyncQueue(memoryStore(), 'me')
    await q.add({ id: 'a1', operation: 'complete_action', payload: op.args, label: 'Sanding check' })
    await q.flush(async () => ({ ok: true, results: answer.results }))
    const [e] = await q.list()
    expect(e).toMatchObject({ status: 'conflict', theirs: { holder: 'Ana' }, error: { code: 'ITEM_LOCKED' } })
    expect(e.error?.message).toContain('Ana is working on this item')
  })
})
