import type { SYNC_OPS } from './schemas'

/**
 * The tablet's offline outbox: writes made without a connection wait here, each with the client id
 * it was first tried with, and go to POST /api/disco/sync in one batched call (Next.js and the
 * database answer one call at a time per tablet, and the sync runs the whole outbox in order). It
 * is flushed on `online`, on `visibilitychange` to visible and on start. Kept in localStorage per
 * person: small, synchronous, and survives a reload.
 */
export type OutboxOp = {
  op: (typeof SYNC_OPS)[number]
  client_id: string
  args: Record<string, unknown>
  queued_at: string
  attempts: number
  /** What to show while it waits ("Scan B-10"). */
  label: string
}

export interface SyncResult {
  index: number
  ok: boolean
  status: number
  error?: { message?: string; details?: string }
}

export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

export const MAX_BATCH = 100

/** Statuses worth retrying later: not signed in (PIN in again), timeouts, conflicts of the moment, server trouble. */
export function retryable(status: number): boolean {
  return status === 0 || status === 401 || status === 408 || status === 429 || status >= 500
}

export function createOutbox(storage: StorageLike, key: string) {
  const read = (): OutboxOp[] => {
    try {
      const v = JSON.parse(storage.getItem(key) ?? '[]') as unknown
      return Array.isArray(v) ? (v as OutboxOp[]) : []
    } catch {
      return []
    }
  }
  const write = (ops: OutboxOp[]) => storage.setItem(key, JSON.stringify(ops))

  return {
    list: read,
    size: () => read().length,
    add(op: Omit<OutboxOp, 'queued_at' | 'attempts'>, now = new Date()) {
      const ops = read()
      if (!ops.some((o) => o.client_id === op.client_id)) ops.push({ ...op, queued_at: now.toISOString(), attempts: 0 })
      write(ops)
    },
    /** The next batch to send, oldest first. */
    batch(): OutboxOp[] {
      return read().slice(0, MAX_BATCH)
    },
    /**
     * Applies a sync answer for `sent`: done and definitively refused ops leave the outbox (the
     * refusals are returned to be shown); ops that may succeed later stay, counted.
     */
    settle(
      sent: OutboxOp[],
      results: SyncResult[],
    ): { done: number; refused: Array<{ op: OutboxOp; result: SyncResult }> } {
      const gone = new Set<string>()
      const refused: Array<{ op: OutboxOp; result: SyncResult }> = []
      let done = 0
      for (const r of results) {
        const op = sent[r.index]
        if (!op) continue
        if (r.ok) {
          gone.add(op.client_id)
          done++
        } else if (!retryable(r.status)) {
          gone.add(op.client_id)
          refused.push({ op, result: r })
        }
      }
      const sentIds = new Set(sent.map((o) => o.client_id))
      write(
        read()
          .filter((o) => !gone.has(o.client_id))
          .map((o) => (sentIds.has(o.client_id) ? { ...o, attempts: o.attempts + 1 } : o)),
      )
      return { done, refused }
    },
  }
}
export type Outbox = ReturnType<typeof createOutbox>
