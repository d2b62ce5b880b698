import type { SYNC_OPS } from './schemas'

/**
 * The tablet's offline outbox: writes made without a connection wait here, each with the client id
 * it was first tried with, and go to POST /api/disco/sync in one batched call (Next.js and the
 * database answer one call at a time per tablet, and the sync runs the whole outbox in order). It
 * is flushed on `online`, on `visibilitychange` to visible and on start. Kept in localStorage per
 * person: small, synchronous, and survives a reload.
 *
 * An op the server refuses for good (malformed, text that cannot be stored, a rule it breaks) is
 * marked refused: it stays in the store with the reason, for the operator to see and dismiss, and is
 * never sent again — one bad op must not hold back the ones after it.
 */
export type OutboxOp = {
  op: (typeof SYNC_OPS)[number]
  client_id: string
  args: Record<string, unknown>
  queued_at: string
  attempts: number
  /** What to show while it waits ("Scan B-10"). */
  label: string
  /** Set once the server refused it for good: shown, not sent again. */
  refused?: RefusedReason
}

export interface RefusedReason {
  status: number
  code: string
  message: string
  /** The field at fault, when the server named one (e.g. args.data.notes). */
  field?: string
  at: string
}

export interface SyncResult {
  index: number
  ok: boolean
  status: number
  /** The server's verdict (lib/floor/sync.ts); older answers have only ok/status. */
  outcome?: 'applied' | 'duplicate' | 'refused' | 'retry'
  error?: { code?: string; message?: string; details?: unknown }
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

function isRefusal(r: SyncResult): boolean {
  if (r.ok) return false
  return r.outcome ? r.outcome === 'refused' : !retryable(r.status)
}

function reasonOf(status: number, error: SyncResult['error'], now: Date): RefusedReason {
  const details = error?.details && typeof error.details === 'object' ? (error.details as Record<string, unknown>) : {}
  const reason: RefusedReason = {
    status,
    code: error?.code ?? `HTTP_${status}`,
    message: error?.message ?? `Refused by the server (${status})`,
    at: now.toISOString(),
  }
  if (typeof details.field === 'string') reason.field = details.field
  return reason
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
  const waiting = () => read().filter((o) => !o.refused)

  return {
    list: read,
    /** How many wait to be sent (refused ones are not counted). */
    size: () => waiting().length,
    /** The ops the server refused, with their reasons, oldest first. */
    refused: () => read().filter((o) => o.refused),
    add(op: Omit<OutboxOp, 'queued_at' | 'attempts' | 'refused'>, now = new Date()) {
      const ops = read()
      if (!ops.some((o) => o.client_id === op.client_id)) ops.push({ ...op, queued_at: now.toISOString(), attempts: 0 })
      write(ops)
    },
    /** The next batch to send, oldest first, without the refused ones. */
    batch(): OutboxOp[] {
      return waiting().slice(0, MAX_BATCH)
    },
    /**
     * Applies a sync answer for `sent`: done ops leave the outbox; ops refused for good are marked
     * refused (kept, with the reason, and returned to be shown); ops that may work later stay, counted.
     */
    settle(
      sent: OutboxOp[],
      results: SyncResult[],
      now = new Date(),
    ): { done: number; refused: Array<{ op: OutboxOp; result: SyncResult }> } {
      const gone = new Set<string>()
      const marked = new Map<string, RefusedReason>()
      const refused: Array<{ op: OutboxOp; result: SyncResult }> = []
      let done = 0
      for (const r of results) {
        const op = sent[r.index]
        if (!op) continue
        if (r.ok) {
          gone.add(op.client_id)
          done++
        } else if (isRefusal(r)) {
          const reason = reasonOf(r.status, r.error, now)
          marked.set(op.client_id, reason)
          refused.push({ op: { ...op, refused: reason }, result: r })
        }
      }
      const sentIds = new Set(sent.map((o) => o.client_id))
      write(
        read()
          .filter((o) => !gone.has(o.client_id))
          .map((o) => {
            const reason = marked.get(o.client_id)
            if (reason) return { ...o, attempts: o.attempts + 1, refused: reason }
            return sentIds.has(o.client_id) ? { ...o, attempts: o.attempts + 1 } : o
          }),
      )
      return { done, refused }
    },
    /** Marks one op refused with a whole-call answer (it was sent alone). */
    refuse(op: OutboxOp, status: number, error: SyncResult['error'], now = new Date()): RefusedReason {
      const reason = reasonOf(status, error, now)
      write(read().map((o) => (o.client_id === op.client_id ? { ...o, attempts: o.attempts + 1, refused: reason } : o)))
      return reason
    },
    /** The operator has seen a refused op: it leaves the tablet. */
    dismiss(clientId: string) {
      write(read().filter((o) => !(o.client_id === clientId && o.refused)))
    },
  }
}
export type Outbox = ReturnType<typeof createOutbox>

export type SendResult =
  | { ok: true; results: SyncResult[] }
  | { ok: false; status: number; error?: { code?: string; message?: string; details?: unknown } }

/**
 * Sends the next batch and settles it. Should the server refuse the whole call for good (a server
 * that still validates the batch as one, an op it cannot even read), the ops are sent one by one so
 * the bad one is found, marked refused, and the others still go through.
 */
export async function flushOutbox(
  box: Outbox,
  send: (ops: OutboxOp[]) => Promise<SendResult>,
): Promise<{ done: number; refused: Array<{ op: OutboxOp; result: SyncResult }> }> {
  const batch = box.batch()
  if (!batch.length) return { done: 0, refused: [] }
  const r = await send(batch)
  if (r.ok) return box.settle(batch, r.results)
  if (retryable(r.status)) return { done: 0, refused: [] }
  const out = { done: 0, refused: [] as Array<{ op: OutboxOp; result: SyncResult }> }
  for (const op of batch) {
    const one = batch.length === 1 ? r : await send([op])
    if (one.ok) {
      const s = box.settle([op], one.results)
      out.done += s.done
      out.refused.push(...s.refused)
    } else if (retryable(one.status)) {
      break // the connection or the server is in trouble now: the rest waits for the next flush
    } else {
      const reason = box.refuse(op, one.status, one.error)
      out.refused.push({
        op: { ...op, refused: reason },
        result: { index: 0, ok: false, status: one.status, outcome: 'refused', error: one.error },
      })
    }
  }
  return out
}
