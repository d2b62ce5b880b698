import type { SyncQueue, SyncStore } from './queue'

/**
 * The outbox before the sync queue lived in localStorage (`floorline.outbox.<user>.<org>`): its
 * entries move into the queue once, under their client ids (so an entry already moved is not added
 * twice), refused ones kept refused with their reason; the key is removed only after they are in.
 */
interface LegacyOp {
  op: string
  client_id: string
  args: Record<string, unknown>
  label?: string
  attempts?: number
  refused?: { status: number; code: string; message: string; field?: string; at: string }
}

export interface KeyValue {
  getItem(key: string): string | null
  removeItem(key: string): void
}

export async function migrateLegacyOutbox(
  storage: KeyValue,
  key: string,
  queue: SyncQueue,
  store: SyncStore,
): Promise<number> {
  const raw = storage.getItem(key)
  if (raw === null) return 0
  let ops: LegacyOp[] = []
  try {
    const v = JSON.parse(raw) as unknown
    if (Array.isArray(v)) ops = v as LegacyOp[]
  } catch {
    // unreadable: nothing can be recovered from it
  }
  let moved = 0
  for (const o of ops) {
    if (!o || typeof o.client_id !== 'string' || typeof o.op !== 'string') continue
    const entry = await queue.add({
      id: o.client_id,
      operation: o.op as Parameters<SyncQueue['add']>[0]['operation'],
      payload: o.args && typeof o.args === 'object' ? o.args : {},
      label: o.label ?? o.op,
    })
    if (o.refused && entry.status === 'pending') {
      // it was sent and refused before the move: kept as the refusal it was, waiting for a person
      await store.put({
        ...entry,
        status: 'failed',
        retry_count: Math.min(o.attempts ?? 1, entry.max_retries),
        error: { kind: 'refused', ...o.refused },
      })
    }
    moved++
  }
  storage.removeItem(key)
  return moved
}
