import { z } from 'zod'
import { type DbError, dbFail, errorBody, type Fail, fromZod } from '@/lib/errors'
import { retryable } from './outbox'
import { SYNC_OPS, SyncOp } from './schemas'

/**
 * POST /api/disco/sync, operation by operation: each queued op is checked on its own (SyncOp, which
 * refuses unstorable text anywhere in it), the good ones go to floor_sync in their order, and every
 * op gets its own answer. One bad op is refused alone — it can never make the whole call fail and
 * leave the tablet resending the same batch forever.
 *
 * outcome: applied (done now), duplicate (done before: the stored answer was replayed), refused (will
 * never work as sent: the tablet marks it refused and moves on), retry (may work later: throttled,
 * timed out, signed out, server trouble — the tablet keeps it), conflict (another tablet holds the
 * item, or the item changed on the server since the tablet read it: recorded in sync_conflicts for a
 * supervisor, the tablet keeps it), resolved (a supervisor kept the server's version or discarded
 * it: settled on the tablet without being applied).
 */
export type SyncOutcome = 'applied' | 'duplicate' | 'refused' | 'retry' | 'conflict' | 'resolved'

/**
 * Refusals that are a conflict rather than a mistake: the change was fine, but another tablet holds
 * the item (ITEM_LOCKED, with the holder and until when), or the item changed on the server since
 * the tablet read it (ITEM_CHANGED for an action carrying `seen`, STALE_STAGE for an advance). The
 * database recorded it in sync_conflicts (details: conflict_id, theirs — the server's version); the
 * tablet's queue keeps it as a conflict until the operator or a supervisor (/[org]/sync) decides.
 */
export const CONFLICT_CODES = new Set(['ITEM_LOCKED', 'ITEM_CHANGED', 'STALE_STAGE'])

export interface SyncOpAnswer {
  index: number
  op: string | null
  client_id: string | null
  ok: boolean
  status: number
  outcome: SyncOutcome
  data?: unknown
  error?: ReturnType<typeof errorBody>
}

export interface SyncAnswer {
  results: SyncOpAnswer[]
  succeeded: number
  failed: number
  applied: number
  duplicate: number
  refused: number
  retry: number
  conflict: number
  resolved: number
}

/** floor_sync's answer: one result per op (its index counts the ops it was given). */
export const FloorSyncAnswer = z.object({
  results: z.array(
    z.object({
      index: z.number().int(),
      op: z.string(),
      client_id: z.string().nullable(),
      ok: z.boolean(),
      status: z.number().int(),
      data: z.unknown().optional(),
      error: z.custom<DbError>((v) => typeof v === 'object' && v !== null).optional(),
    }),
  ),
})
export type DbOpResult = z.output<typeof FloorSyncAnswer>['results'][number]

export type CheckedOp = { index: number; op: z.output<typeof SyncOp> }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** What of a refused op can be echoed back safely (never its bad text). */
function echo(raw: unknown): { op: string | null; client_id: string | null } {
  const r = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  return {
    op: typeof r.op === 'string' && (SYNC_OPS as readonly string[]).includes(r.op) ? r.op : null,
    client_id: typeof r.client_id === 'string' && UUID.test(r.client_id) ? r.client_id : null,
  }
}

export function outcomeOf(ok: boolean, status: number, data?: unknown): SyncOutcome {
  const d = data as { replayed?: unknown; resolved?: unknown } | null
  if (ok) return d?.resolved === true ? 'resolved' : d?.replayed === true ? 'duplicate' : 'applied'
  return retryable(status) ? 'retry' : 'refused'
}

function refusedAnswer(index: number, raw: unknown, e: Fail): SyncOpAnswer {
  return { index, ...echo(raw), ok: false, status: e.status, outcome: outcomeOf(false, e.status), error: errorBody(e) }
}

/** Splits a batch into the ops to run (in order) and the answers for those refused as sent. */
export function checkOps(ops: unknown[]): { good: CheckedOp[]; refused: SyncOpAnswer[] } {
  const good: CheckedOp[] = []
  const refused: SyncOpAnswer[] = []
  ops.forEach((raw, index) => {
    const parsed = SyncOp.safeParse(raw)
    if (parsed.success) good.push({ index, op: parsed.data })
    else refused.push(refusedAnswer(index, raw, fromZod(parsed.error)))
  })
  return { good, refused }
}

/** One answer per op of the batch, in its order: floor_sync's for the good ones, the refusals for the rest. */
export function combine(total: number, good: CheckedOp[], db: DbOpResult[], refused: SyncOpAnswer[]): SyncAnswer {
  const byIndex = new Map<number, SyncOpAnswer>(refused.map((r) => [r.index, r]))
  for (const r of db) {
    const sent = good[r.index]
    if (!sent) continue
    const base = { index: sent.index, op: sent.op.op, client_id: sent.op.client_id ?? null, ok: r.ok }
    if (r.ok) {
      byIndex.set(sent.index, { ...base, status: r.status, outcome: outcomeOf(true, r.status, r.data), data: r.data })
    } else {
      // the status comes from the one mapper, as for the endpoints (not from SQL's own table)
      const f = dbFail(r.error ?? {})
      const outcome = CONFLICT_CODES.has(f.code) ? 'conflict' : outcomeOf(false, f.status)
      byIndex.set(sent.index, { ...base, status: f.status, outcome, error: errorBody(f) })
    }
  }
  const goodAt = new Map(good.map((g) => [g.index, g]))
  const results: SyncOpAnswer[] = []
  for (let i = 0; i < total; i++) {
    const sent = goodAt.get(i)
    results.push(
      byIndex.get(i) ?? {
        // floor_sync gave no answer for it (it should): try again later rather than lose it
        index: i,
        op: sent?.op.op ?? null,
        client_id: sent?.op.client_id ?? null,
        ok: false,
        status: 500,
        outcome: 'retry',
        error: { code: 'INTERNAL', message: 'No answer for this operation: it will be sent again' },
      },
    )
  }
  const count = (o: SyncOutcome) => results.filter((r) => r.outcome === o).length
  const succeeded = results.filter((r) => r.ok).length
  return {
    results,
    succeeded,
    failed: results.length - succeeded,
    applied: count('applied'),
    duplicate: count('duplicate'),
    refused: count('refused'),
    retry: count('retry'),
    conflict: count('conflict'),
    resolved: count('resolved'),
  }
}
