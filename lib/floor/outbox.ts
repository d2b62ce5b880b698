import type { SYNC_OPS } from './schemas'

/**
 * A write the tablet could not send, as the floor screens hand it to the sync queue
 * (lib/sync/queue.ts, in IndexedDB; components/scan/use-outbox.ts): the operation, the client id it
 * was first tried with (the server's replay key), its arguments and what to call it on screen.
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

// the one rule for "worth trying again later", shared with the sync route's answers (lib/floor/sync.ts)
export { retryable } from '@/lib/sync/queue'
