import type { BoardBatch, BoardStage, Stage } from './types'

/** The board's last column: finished batches (complete_batch from the workflow's last stage). */
export const COMPLETED = 'completed' as const
export type Column = Stage | typeof COMPLETED

export type MovePlan =
  | { kind: 'advance'; from: Stage; to: Stage }
  | { kind: 'return'; from: Stage; to: Stage }
  | { kind: 'complete'; from: Stage }
  | { kind: 'none' }
  /** Not a move the board can ask for (a skip, completing early, moving a finished batch): `next` is where it can go. */
  | { kind: 'blocked'; next: Column | null }

/**
 * Which RPC dropping a batch on a column asks for, and which columns light up while dragging. It
 * decides nothing and words no rule: every refusal the board shows is the database's own message
 * and code (the stage trigger's, the same the tablet shows — docs/production.md §3).
 */
export function planMove(
  stages: BoardStage[],
  batch: Pick<BoardBatch, 'current_stage' | 'is_complete'> & Partial<Pick<BoardBatch, 'returns_to'>>,
  target: Column,
): MovePlan {
  if (batch.is_complete) return target === COMPLETED ? { kind: 'none' } : { kind: 'blocked', next: null }
  const ordered = [...stages].sort((a, b) => a.position - b.position)
  const from = ordered.findIndex((s) => s.stage === batch.current_stage)
  const last = ordered.length - 1
  if (from < 0) return { kind: 'blocked', next: null }
  const next: Column = from === last ? COMPLETED : ordered[from + 1].stage
  if (target === COMPLETED)
    return from === last ? { kind: 'complete', from: batch.current_stage } : { kind: 'blocked', next }
  const to = ordered.findIndex((s) => s.stage === target)
  if (to < 0) return { kind: 'blocked', next }
  if (to === from) return { kind: 'none' }
  if (to === from + 1) return { kind: 'advance', from: batch.current_stage, to: target }
  if (to > from + 1) return { kind: 'blocked', next }
  // back only where the batch type's machine has a transition (the board's answer from the database)
  if (batch.returns_to && !batch.returns_to.includes(target)) return { kind: 'blocked', next }
  return { kind: 'return', from: batch.current_stage, to: target }
}
