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

// ITEM_CHANGED as floor_sync answers it after recording the conflict (hint: context + conflict_id + theirs)
const changed = {
  code: 'PT409',
  message:
    'B-10 changed on the server since this tablet read it: it is at finishing now (the change was made at sanding)',
  details: 'ITEM_CHANGED',
  hint: JSON.stringify({
    field: null,
    server_stage: 'finishing',
    seen: { stage: 'sanding' },
    conflict_id: 'c1',
    theirs: { item: { number: 'B-10', current_stage: 'finishing' }, lock: null },
  }),
}

describe('the item changed on the server since the tablet read it', () => {
  it('is a conflict carrying the server version, and a supervisor resolution settles it once', async () => {
    const op = { op: 'complete_action' as const, client_id: 'b1', args: { item_id: 'i1', seen: { stage: 'sanding' } } }
    const first = combine(
      1,
      [{ index: 0, op }],
      [{ index: 0, op: op.op, client_id: 'b1', ok: false, status: 409, error: changed }],
      [],
    )
    expect(first.results[0]).toMatchObject({ outcome: 'conflict', error: { code: 'ITEM_CHANGED' } })
    expect(first.results[0].error?.details).toMatchObject({ conflict_id: 'c1' })

    const q = createSyncQueue(memoryStore(), 'me')
    await q.add({ id: 'b1', operation: 'complete_action', payload: op.args, label: 'Sanding check' })
    await q.flush(async () => ({ ok: true, results: first.results }))
    let [e] = await q.list()
    expect(e).toMatchObject({ status: 'conflict', theirs: { item: { current_stage: 'finishing' } } })

    // nothing goes again on its own while it is a conflict
    let sent = 0
    await q.flush(async (batch) => {
      sent += batch.length
      return { ok: true, results: [] }
    })
    expect(sent).toBe(0)

    // a supervisor kept the server's version: the device sends it again and the server answers "resolved"
    expect(await q.resolved(['b1', 'unknown'])).toBe(1)
    const settled = combine(
      1,
      [{ index: 0, op }],
      [
        {
          index: 0,
          op: op.op,
          client_id: 'b1',
          ok: true,
          status: 200,
          data: { resolved: true, resolution: 'keep_server' },
        },
      ],
      [],
    )
    expect(settled.results[0].outcome).toBe('resolved')
    expect(settled.resolved).toBe(1)
    await q.flush(async (batch) => {
      sent += batch.length
      return { ok: true, results: settled.results }
    })
    ;[e] = await q.list()
    expect(sent).toBe(1)
    expect(e.status).toBe('synced')
    expect(await q.resolved(['b1'])).toBe(0)
  })
})
