import { count } from '@/lib/format'
import type { ActionTarget, BlockingAction, CardAction, ItemCard } from './types'

/** Actions another item owes before the batch can move, grouped by that item (a unit, or the batch). */
export interface Elsewhere {
  kind: 'batch' | 'order'
  ref_id: string
  number: string
  actions: Array<Pick<BlockingAction, 'key' | 'label' | 'status'>>
}

export interface CardSections {
  /** The card's own actions, done on it. */
  own: { target: ActionTarget; actions: CardAction[] }
  /** On an order's card: the batch's own actions, done here with the batch's id. */
  batch: { target: ActionTarget; actions: CardAction[] } | null
  /** Counted actions that must be done on another item (other units; the batch when the card has no copy). */
  elsewhere: Elsewhere[]
  /** Counted blockers the card does not list (the database lists the first 50). */
  unlisted: number
}

/**
 * Where each action the card counts is done (issue 10: "required actions with nothing to tap"): the
 * database counts every open required action of the batch (advance_blockers) and lists them
 * (blocking_actions, batch_actions); this sorts them for the screen. It decides nothing.
 */
export function cardSections(item: ItemCard): CardSections {
  const batchActions = item.kind === 'order' && item.batch ? (item.batch_actions ?? null) : null
  const own = { target: { id: item.id, number: item.number, org_id: item.org_id }, actions: item.actions }
  const batch =
    batchActions && item.batch
      ? { target: { id: item.batch.id, number: item.batch.number, org_id: item.org_id }, actions: batchActions }
      : null
  const groups = new Map<string, Elsewhere>()
  for (const b of item.blocking_actions) {
    const mine = b.ref_id === item.ref_id
    const onBatchHere = b.kind === 'batch' && batch !== null
    if (mine || onBatchHere) continue
    const g = groups.get(b.ref_id) ?? { kind: b.kind, ref_id: b.ref_id, number: b.number, actions: [] }
    g.actions.push({ key: b.key, label: b.label, status: b.status })
    groups.set(b.ref_id, g)
  }
  // the batch first, then the units in the database's order
  const elsewhere = [...groups.values()].sort((a, b) => Number(a.kind === 'order') - Number(b.kind === 'order'))
  return {
    own,
    batch,
    elsewhere,
    unlisted: Math.max(0, item.advance_blockers - item.blocking_actions.length),
  }
}

/** What the disabled advance button says instead of the next stage. */
export function advanceBlockedText(item: ItemCard): string {
  if (item.advance_blockers > 0) {
    return `${count(item.advance_blockers, 'required action')} before advancing`
  }
  if (item.advance_hold === 'quality_failed') return 'Failed quality: a supervisor sends it back for rework'
  if (item.advance_hold === 'not_in_batch') return 'Not in a batch: nothing to advance'
  return 'Cannot advance now'
}
