import type { SyncEntry } from '@/lib/sync/queue'
import { needsPerson } from '@/lib/sync/queue'
import type { Person, SewingCardOperation, SewingState } from './types'

/**
 * A bundle's sewing operations as the tablet shows them: the card's (the database's states:
 * app.floor_bundle_sewing) with this tablet's own sewing writes still waiting in the sync queue laid
 * over them — a start waiting to sync shows the operation in progress for the operator, a completion
 * done with its units, a tap counted — and the database's refusal of a queued write under its
 * operation. Only what the tablet itself sent is laid over: a dependency the tablet completed offline
 * stops blocking here, nothing else is decided on the tablet; the database decides when it syncs.
 */
export interface SewingView extends SewingCardOperation {
  /** A write of this tablet waiting to sync: what it will do. */
  waiting: 'start' | 'complete' | 'tap' | null
  /** Why the database refused this tablet's write to it (kept until someone retries or discards it). */
  refusal: string | null
}

type SewingPayload = {
  bundle_id?: unknown
  operation_id?: unknown
  step?: unknown
  units?: unknown
  defect_code?: unknown
  rework?: unknown
  count?: unknown
}

const isSewing = (e: SyncEntry) => e.operation === 'sewing_scan' || e.operation === 'sewing_defect'

/** This bundle's sewing entries of the queue, oldest first. */
export function sewingEntries(entries: SyncEntry[], bundleId: string): SyncEntry[] {
  return entries
    .filter((e) => isSewing(e) && (e.payload as SewingPayload).bundle_id === bundleId)
    .sort((a, b) => a.seq - b.seq)
}

/** Waiting to sync (pending, being sent, or failed and going again), as opposed to refused or synced. */
export const isWaiting = (e: SyncEntry) => e.status !== 'synced' && !needsPerson(e)

export function sewingView(
  operations: SewingCardOperation[],
  entries: SyncEntry[],
  bundleId: string,
  me: Person | null,
): SewingView[] {
  const view: SewingView[] = operations.map((o) => ({
    ...o,
    blocked_by: [...o.blocked_by],
    defect_tally: { ...o.defect_tally },
    waiting: null,
    refusal: null,
  }))
  const byId = new Map(view.map((o) => [o.operation_id, o]))
  for (const e of sewingEntries(entries, bundleId)) {
    const p = e.payload as SewingPayload
    const o = typeof p.operation_id === 'string' ? byId.get(p.operation_id) : undefined
    if (!o) continue
    if (needsPerson(e)) {
      o.refusal = e.error?.message ?? 'Refused'
      continue
    }
    if (!isWaiting(e)) continue
    if (e.operation === 'sewing_scan') {
      if (p.step === 'start' && o.state !== 'in_progress' && o.state !== 'done') {
        o.state = 'in_progress'
        o.operator = me
        o.waiting = 'start'
      } else if (p.step === 'complete' && o.state === 'in_progress') {
        o.state = 'done'
        o.units_completed = typeof p.units === 'number' ? p.units : o.max_units
        o.waiting = 'complete'
      }
    } else {
      const n = typeof p.count === 'number' ? p.count : 1
      if (p.rework === true) o.rework_units = Math.max(0, o.rework_units + n)
      else o.defects_found = Math.max(0, o.defects_found + n)
      if (typeof p.defect_code === 'string')
        o.defect_tally[p.defect_code] = Math.max(0, (o.defect_tally[p.defect_code] ?? 0) + n)
      o.waiting ??= 'tap'
    }
  }
  // what the tablet completed itself no longer blocks here (the database still checks on sync)
  const doneHere = new Set(view.filter((o) => o.state === 'done').map((o) => o.name))
  for (const o of view) {
    if (o.state !== 'blocked') continue
    o.blocked_by = o.blocked_by.filter((name) => !doneHere.has(name))
    if (!o.blocked_by.length) o.state = 'ready'
  }
  return view
}

const STATE_WORD: Record<SewingState, string> = {
  blocked: 'Blocked',
  ready: 'Ready',
  in_progress: 'In progress',
  done: 'Done',
}

/** The state's word (the pill) and its line of detail under the operation's name. */
export function stateText(o: SewingView, me: Person | null): { word: string; detail: string } {
  const word = STATE_WORD[o.state]
  const sync = o.waiting === 'start' || o.waiting === 'complete' ? ' · waiting to sync' : ''
  if (o.state === 'blocked') return { word, detail: `Waits for ${o.blocked_by.join(', ')}` }
  if (o.state === 'ready')
    return { word, detail: o.max_units ? `Up to ${o.max_units} pcs` : 'No pieces to pass on yet' }
  const who = o.operator ? (o.operator.member_id === me?.member_id ? 'you' : o.operator.display_name) : 'someone'
  if (o.state === 'in_progress') return { word, detail: `By ${who}${sync}` }
  const extra = [
    o.defects_found ? `${o.defects_found} defect${o.defects_found === 1 ? '' : 's'}` : null,
    o.rework_units ? `${o.rework_units} rework` : null,
  ].filter(Boolean)
  return { word, detail: `${o.units_completed} pcs by ${who}${extra.length ? ` · ${extra.join(' · ')}` : ''}${sync}` }
}
