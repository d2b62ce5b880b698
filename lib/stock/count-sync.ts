import { type DbError, dbFail, errorBody } from '@/lib/errors'
import { retryable, type SyncResult } from '@/lib/sync/queue'
import { CountAddLinePayload, CountEntryPayload } from './schema'

/**
 * The count tablet's entries through the device's sync queue (docs/stock.md, docs/offline.md): each
 * queued `count_entry` is one count_record call, idempotent by its client id, answered per entry in
 * the queue's terms. Another counter holding the item (ITEM_LOCKED) or having counted the line since
 * the tablet last saw it (CONFLICT, recorded on the count's conflict_items) is a `conflict`: the
 * tablet keeps the entry until its counter says "keep mine" (sent again with force) or "take theirs".
 */
export const COUNT_CONFLICT_CODES = new Set(['ITEM_LOCKED', 'CONFLICT'])

export type CountRecordCall = (args: {
  p_client_id: string
  p_count_id: string
  p_line_id: string
  p_quantity: number
  p_method: CountEntryPayload['method']
  p_entered_at: string
  p_seen_entry_id: string | undefined
  p_force: boolean
}) => Promise<{ data: unknown; error: DbError | null }>

export type CountAddLineCall = (args: {
  p_client_id: string
  p_count_id: string
  p_stock_item_id: string
  p_location_id: string
}) => Promise<{ data: unknown; error: DbError | null }>

function invalid(index: number, error: { issues: { message: string; path: PropertyKey[] }[] }): SyncResult {
  const issue = error.issues[0]
  return {
    index,
    ok: false,
    status: 400,
    outcome: 'refused',
    error: {
      code: 'VALIDATION_FAILED',
      message: issue?.message ?? 'Invalid entry',
      details: { field: issue?.path.join('.') },
    },
  }
}

function answered(index: number, data: unknown, error: DbError | null, aborted: () => boolean): SyncResult {
  if (!error) {
    const duplicate = (data as { duplicate?: unknown } | null)?.duplicate === true
    return { index, ok: true, status: 200, outcome: duplicate ? 'duplicate' : 'applied', data }
  }
  const f = dbFail(error, {}, { aborted: aborted() })
  const body = errorBody(f)
  if (COUNT_CONFLICT_CODES.has(f.code))
    return {
      index,
      ok: false,
      status: f.status,
      outcome: 'conflict',
      error: { ...body, details: { theirs: f.details ?? null } },
    }
  return { index, ok: false, status: f.status, outcome: retryable(f.status) ? 'retry' : 'refused', error: body }
}

/**
 * A queued line for stock found with no line → count_add_line, the line's id being the entry's client
 * id (idempotent: a second delivery is the same line).
 */
export async function syncCountAddLine(
  index: number,
  op: { client_id: string; args: unknown },
  call: CountAddLineCall,
  aborted: () => boolean,
): Promise<SyncResult> {
  const parsed = CountAddLinePayload.safeParse(op.args)
  if (!parsed.success) return invalid(index, parsed.error)
  if (parsed.data.item_id !== op.client_id)
    return invalid(index, { issues: [{ message: "The new line's id is the entry's client id", path: ['item_id'] }] })
  const { data, error } = await call({
    p_client_id: op.client_id,
    p_count_id: parsed.data.count_id,
    p_stock_item_id: parsed.data.stock_item_id,
    p_location_id: parsed.data.location_id,
  })
  return answered(index, data, error, aborted)
}

/** One queued entry → one answer (never throws: a bad entry is refused alone). */
export async function syncCountEntry(
  index: number,
  op: { client_id: string; args: unknown },
  call: CountRecordCall,
  aborted: () => boolean,
): Promise<SyncResult> {
  const parsed = CountEntryPayload.safeParse(op.args)
  if (!parsed.success) return invalid(index, parsed.error)
  const a = parsed.data
  const { data, error } = await call({
    p_client_id: op.client_id,
    p_count_id: a.count_id,
    p_line_id: a.item_id,
    p_quantity: a.quantity,
    p_method: a.method,
    p_entered_at: a.entered_at,
    p_seen_entry_id: a.seen_entry_id ?? undefined,
    p_force: a.force,
  })
  return answered(index, data, error, aborted)
}
