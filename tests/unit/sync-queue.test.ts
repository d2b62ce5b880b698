import { describe, expect, it } from 'vitest'
import { migrateLegacyOutbox } from '@/lib/sync/legacy-outbox'
import { memoryStore } from '@/lib/sync/memory-store'
import {
  backoffMs,
  canTransition,
  createSyncQueue,
  InvalidSyncTransition,
  MAX_BATCH,
  needsPerson,
  nextBatch,
  type Send,
  SYNC_STATUSES,
  type SyncEntry,
  type SyncResult,
  type SyncStatus,
  summarise,
  TRANSITIONS,
  transition,
} from '@/lib/sync/queue'

function clock(start = Date.parse('2026-12-04T10:00:00Z')) {
  let t = start
  return {
    now: () => new Date(t),
    advance: (ms: number) => {
      t += ms
    },
  }
}
function setup() {
  const c = clock()
  const store = memoryStore()
  const q = createSyncQueue(store, 'u1.org1', { now: c.now })
  return { c, store, q }
}
const scan = (n: number) => ({
  id: `c${n}`,
  operation: 'scan' as const,
  payload: { code: `B-${n}` },
  label: `Scan B-${n}`,
})
const ok = (outcome: SyncResult['outcome'] = 'applied'): Omit<SyncResult, 'index'> => ({
  ok: true,
  status: 200,
  outcome,
})
/** A server that answers each sent entry with `answer(entry)`, recording what it got. */
function server(answer: (e: SyncEntry) => Omit<SyncResult, 'index'> = () => ok()) {
  const calls: string[][] = []
  const send: Send = async (entries) => {
    calls.push(entries.map((e) => e.id))
    return { ok: true, results: entries.map((e, index) => ({ index, ...answer(e) })) }
  }
  return { calls, send }
}

describe('sync queue: statuses and transitions (spec 02)', () => {
  it('allows exactly the spec’s transitions, and refuses every other', () => {
    const allowed: Array<[SyncStatus, SyncStatus]> = [
      ['pending', 'syncing'],
      ['pending', 'conflict'],
      ['syncing', 'synced'],
      ['syncing', 'failed'],
      ['syncing', 'conflict'],
      ['failed', 'syncing'],
      ['failed', 'pending'],
      ['conflict', 'pending'],
    ]
    for (const from of SYNC_STATUSES)
      for (const to of SYNC_STATUSES) {
        const yes = allowed.some(([a, b]) => a === from && b === to)
        expect(canTransition(from, to), `${from} → ${to}`).toBe(yes)
        const e = { status: from } as SyncEntry
        if (yes) expect(transition(e, to).status).toBe(to)
        else expect(() => transition(e, to)).toThrow(InvalidSyncTransition)
      }
    expect(TRANSITIONS.synced).toEqual([])
  })

  it('adds an entry pending with spec 02’s defaults; the same client id twice is one entry', async () => {
    const { q } = setup()
    const e = await q.add(scan(1))
    expect(e).toMatchObject({
      id: 'c1',
      status: 'pending',
      retry_count: 0,
      max_retries: 3,
      entity_type: 'scan',
      entity_id: 'B-1',
      error: null,
      synced_at: null,
    })
    await q.add({ ...scan(1), label: 'again' })
    expect((await q.list()).map((x) => x.label)).toEqual(['Scan B-1'])
  })

  it('caps max_retries at 10 and refuses a payload that is not plain JSON', async () => {
    const { q } = setup()
    expect((await q.add({ ...scan(1), max_retries: 50 })).max_retries).toBe(10)
    expect((await q.add({ ...scan(2), max_retries: 0 })).max_retries).toBe(1)
    await expect(q.add({ ...scan(3), payload: { at: new Date() } })).rejects.toThrow(/plain JSON/)
    await expect(q.add({ ...scan(4), payload: { n: Number.NaN } })).rejects.toThrow(/plain JSON/)
  })
})

describe('sync queue: flushing', () => {
  it('sends in one batched call, oldest first; applied and duplicate both count as synced', async () => {
    const { q } = setup()
    for (let i = 1; i <= 3; i++) await q.add(scan(i))
    const s = server((e) => ok(e.id === 'c2' ? 'duplicate' : 'applied'))
    const sum = await q.flush(s.send)
    expect(s.calls).toEqual([['c1', 'c2', 'c3']])
    expect(sum).toMatchObject({ sent: 3, synced: 3, failed: 0 })
    expect((await q.list()).every((e) => e.status === 'synced' && e.synced_at)).toBe(true)
    expect(summarise(await q.list())).toMatchObject({
      waiting: 0,
      needPerson: 0,
      lastSyncedAt: '2026-12-04T10:00:00.000Z',
    })
    // nothing left to send: no call
    await q.flush(s.send)
    expect(s.calls).toHaveLength(1)
  })

  it('sends more than a batch in calls of 100', async () => {
    const { q } = setup()
    for (let i = 0; i < MAX_BATCH + 5; i++) await q.add(scan(i))
    const s = server()
    await q.flush(s.send)
    expect(s.calls.map((c) => c.length)).toEqual([MAX_BATCH, 5])
  })

  it('no connection: failed without using up a retry, sent again on the next flush', async () => {
    const { q } = setup()
    await q.add(scan(1))
    await q.flush(async () => ({ ok: false, status: 0 }))
    const [e] = await q.list()
    expect(e).toMatchObject({ status: 'failed', retry_count: 0, error: { kind: 'offline', code: 'OFFLINE' } })
    expect(needsPerson(e)).toBe(false)
    for (let i = 0; i < 10; i++) await q.flush(async () => ({ ok: false, status: 0 }))
    expect((await q.list())[0].retry_count).toBe(0)
    const s = server()
    await q.flush(s.send)
    expect((await q.list())[0].status).toBe('synced')
  })

  it('"try later": retried with backoff while retry_count < max_retries, then waits for a person', async () => {
    const { q, c } = setup()
    await q.add(scan(1))
    const busy = server(() => ({
      ok: false,
      status: 503,
      outcome: 'retry',
      error: { code: 'UNAVAILABLE', message: 'Busy' },
    }))
    await q.flush(busy.send)
    expect((await q.list())[0]).toMatchObject({ status: 'failed', retry_count: 1, error: { kind: 'retry' } })
    // not before its backoff
    await q.flush(busy.send)
    expect(busy.calls).toHaveLength(1)
    c.advance(backoffMs(1))
    await q.flush(busy.send)
    expect((await q.list())[0].retry_count).toBe(2)
    c.advance(backoffMs(2))
    await q.flush(busy.send)
    const [e] = await q.list()
    expect(e.retry_count).toBe(3)
    expect(needsPerson(e)).toBe(true)
    c.advance(backoffMs(10))
    await q.flush(busy.send)
    expect(busy.calls).toHaveLength(3)
    // a person retries: pending again, count reset, sent
    await q.retry('c1')
    expect((await q.list())[0]).toMatchObject({ status: 'pending', retry_count: 0, error: null })
    await q.flush(server().send)
    expect((await q.list())[0].status).toBe('synced')
  })

  it('refused: kept with its reason, never sent again on its own, until a person retries or discards it', async () => {
    const { q, c } = setup()
    await q.add(scan(1))
    await q.add(scan(2))
    const s = server((e) =>
      e.id === 'c1'
        ? {
            ok: false,
            status: 422,
            outcome: 'refused',
            error: { code: 'INVALID_TEXT', message: 'Text that cannot be stored', details: { field: 'args.code' } },
          }
        : ok(),
    )
    const sum = await q.flush(s.send)
    expect(sum.needPerson.map((e) => e.id)).toEqual(['c1'])
    const [bad, good] = await q.list()
    expect(good.status).toBe('synced')
    expect(bad).toMatchObject({
      status: 'failed',
      error: {
        kind: 'refused',
        status: 422,
        code: 'INVALID_TEXT',
        message: 'Text that cannot be stored',
        field: 'args.code',
      },
    })
    c.advance(3600_000)
    await q.flush(s.send)
    expect(s.calls).toHaveLength(1)
    expect(await q.discard('c1')).toBe(true)
    expect((await q.list()).map((e) => e.id)).toEqual(['c2'])
  })

  it('conflict: waits for a person with what the server has; keep mine sends it again, take theirs discards', async () => {
    const { q } = setup()
    await q.add({ id: 'a1', operation: 'advance', payload: { item_id: 'i1' }, label: 'Advance B-10' })
    const s = server(() => ({
      ok: false,
      status: 409,
      outcome: 'conflict',
      error: { code: 'ITEM_CHANGED', message: 'Changed on the server', details: { theirs: { stage: 'QC' } } },
    }))
    await q.flush(s.send)
    const [e] = await q.list()
    expect(e).toMatchObject({ status: 'conflict', theirs: { stage: 'QC' } })
    expect(needsPerson(e)).toBe(true)
    await q.flush(s.send)
    expect(s.calls).toHaveLength(1)
    await q.retry('a1')
    await q.flush(server().send)
    expect((await q.list())[0].status).toBe('synced')
  })

  it('in order per entity: a later change of an item waits behind an earlier one that needs a person', async () => {
    const { q } = setup()
    const act = (id: string, item: string) => ({
      id,
      operation: 'complete_action' as const,
      payload: { item_id: item },
      label: id,
    })
    await q.add(act('x1', 'item-x'))
    await q.add(act('y1', 'item-y'))
    await q.add(act('x2', 'item-x'))
    const s = server((e) =>
      e.id === 'x1' ? { ok: false, status: 422, outcome: 'refused', error: { message: 'No' } } : ok(),
    )
    await q.flush(s.send)
    expect(s.calls).toEqual([['x1', 'y1', 'x2']])
    // x1 refused in the same call as x2 (sent in order, the server ran x2 after x1): from now on any
    // new change of item-x waits behind x1
    await q.add(act('x3', 'item-x'))
    await q.add(act('y2', 'item-y'))
    await q.flush(s.send)
    expect(s.calls[1]).toEqual(['y2'])
    expect(nextBatch(await q.list(), new Date()).map((e) => e.id)).toEqual([])
    await q.discard('x1')
    await q.flush(s.send)
    expect(s.calls[2]).toEqual(['x3'])
  })

  it('an interrupted flush (reload mid-call) leaves nothing syncing: recovered and sent again, once per client id', async () => {
    const { store, c } = setup()
    const q1 = createSyncQueue(store, 'u1.org1', { now: c.now })
    await q1.add(scan(1))
    // the page dies while the call is in flight
    void q1.flush(() => new Promise(() => {}))
    await new Promise((r) => setTimeout(r, 0))
    expect((await q1.list())[0].status).toBe('syncing')
    const q2 = createSyncQueue(store, 'u1.org1', { now: c.now })
    expect(await q2.recover()).toBe(1)
    expect((await q2.list())[0]).toMatchObject({ status: 'failed', retry_count: 0, error: { code: 'INTERRUPTED' } })
    const s = server(() => ok('duplicate'))
    await q2.flush(s.send)
    expect(s.calls).toEqual([['c1']])
    expect((await q2.list())[0].status).toBe('synced')
  })

  it('a whole call refused: entries go one by one, so one bad entry does not hold the others', async () => {
    const { q } = setup()
    for (let i = 1; i <= 3; i++) await q.add(scan(i))
    const calls: string[][] = []
    const send: Send = async (entries) => {
      calls.push(entries.map((e) => e.id))
      if (entries.length > 1) return { ok: false, status: 400, error: { message: 'Bad envelope' } }
      return entries[0].id === 'c2'
        ? { ok: false, status: 400, error: { code: 'VALIDATION', message: 'Bad op' } }
        : { ok: true, results: [{ index: 0, ...ok() }] }
    }
    await q.flush(send)
    expect(calls).toEqual([['c1', 'c2', 'c3'], ['c1'], ['c2'], ['c3']])
    expect((await q.list()).map((e) => e.status)).toEqual(['synced', 'failed', 'synced'])
  })

  it('keeps each person’s entries apart, and prunes synced entries after a day', async () => {
    const { store, c } = setup()
    const mine = createSyncQueue(store, 'u1.org1', { now: c.now })
    const theirs = createSyncQueue(store, 'u2.org1', { now: c.now })
    await mine.add(scan(1))
    await theirs.add(scan(2))
    const s = server()
    await mine.flush(s.send)
    expect(s.calls).toEqual([['c1']])
    expect(await mine.discard('c2')).toBe(false)
    c.advance(25 * 3600_000)
    await mine.prune()
    expect(await mine.list()).toEqual([])
    expect((await theirs.list()).map((e) => e.status)).toEqual(['pending'])
  })
})

describe('the old localStorage outbox moves into the queue once', () => {
  it('keeps order and client ids, refused ones refused with their reason, and removes the key', async () => {
    const { q, store } = setup()
    const old = [
      { op: 'scan', client_id: 'o1', args: { code: 'B-1' }, queued_at: 'x', attempts: 0, label: 'Scan B-1' },
      {
        op: 'advance',
        client_id: 'o2',
        args: { item_id: 'i' },
        queued_at: 'x',
        attempts: 1,
        label: 'Advance',
        refused: { status: 422, code: 'NOPE', message: 'Not at this stage', at: 'x' },
      },
    ]
    const ls = new Map([['k', JSON.stringify(old)]])
    const storage = { getItem: (k: string) => ls.get(k) ?? null, removeItem: (k: string) => void ls.delete(k) }
    expect(await migrateLegacyOutbox(storage, 'k', q, store)).toBe(2)
    expect(ls.has('k')).toBe(false)
    const entries = await q.list()
    expect(entries.map((e) => [e.id, e.status])).toEqual([
      ['o1', 'pending'],
      ['o2', 'failed'],
    ])
    expect(entries[1].error).toMatchObject({ kind: 'refused', message: 'Not at this stage' })
    expect(await migrateLegacyOutbox(storage, 'k', q, store)).toBe(0)
  })
})
