import type { BoardBatch, BoardStage, Stage } from './types'

/** The board's last column: finished batches (complete_batch from the workflow's last stage). */
export const COMPLETED = 'completed' as const
export type Column = Stage | typeof COMPLETED

export type MovePlan =
  | { kind: 'advance'; from: Stage; to: Stage }
  | { kind: 'return'; from: Stage; to: Stage }
  | { kind: 'complete'; from: Stage }
  | { kind: 'none' }
  | { kind: 'blocked'; message: string }

/**
 * What dropping a batch on a column means, before asking the database. Mirrors the stage rules
 * (docs/production.md §3) so the board can answer a skip at once, in the trigger's own words; the
 * database still decides everything it is asked (quality gate, roles, concurrent moves).
 */
export function planMove(
  stages: BoardStage[],
  batch: Pick<BoardBatch, 'batch_number' | 'current_stage' | 'is_complete'>,
  target: Column,
): MovePlan {
  if (batch.is_complete) {
    return target === COMPLETED
      ? { kind: 'none' }
      : { kind: 'blocked', message: `Batch ${batch.batch_number} is complete and no longer moves` }
  }
  const ordered = [...stages].sort((a, b) => a.position - b.position)
  const from = ordered.findIndex((s) => s.stage === batch.current_stage)
  const last = ordered.length - 1
  if (from < 0) return { kind: 'blocked', message: `${batch.current_stage} is not a stage of this workflow` }
  if (target === COMPLETED) {
    if (from === last) return { kind: 'complete', from: batch.current_stage }
    return {
      kind: 'blocked',
      message: `Batch ${batch.batch_number} is at ${batch.current_stage}: it can be completed only from ${ordered[last].stage}`,
    }
  }
  const to = ordered.findIndex((s) => s.stage === target)
  if (to < 0) return { kind: 'blocked', message: `${target} is not a stage of this workflow` }
  if (to === from) return { kind: 'none' }
  if (to === from + 1) return { kind: 'advance', from: batch.current_stage, to: target }
  if (to > from + 1) {
    return {
      kind: 'blocked',
      message: `Stages cannot be skipped: ${batch.current_stage} moves on to ${ordered[from + 1].stage}, not ${target}`,
    }
  }
  return { kind: 'return', from: batch.current_stage, to: target }
}

interface DbError {
  code?: string
  message?: string
  details?: string | null
  hint?: string | null
}

/**
 * A refused move, in words for the person at the board. The database names the rule in
 * `details`; a stale stage means someone else moved the batch first, and the board reloads.
 */
export function moveRefusal(error: DbError): { message: string; stale: boolean } | null {
  switch (error.details) {
    case 'stale_stage': {
      const now = error.hint?.startsWith('current_stage=') ? error.hint.slice('current_stage='.length) : null
      return {
        stale: true,
        message: `Someone else moved this batch${now ? ` (it is at ${now} now)` : ''}. The board is refreshed: check it and try again.`,
      }
    }
    case 'stage_skip':
    case 'quality_failed':
    case 'at_last_stage':
    case 'not_at_last_stage':
    case 'batch_complete':
    case 'reason':
    case 'to_stage':
    case 'role':
      return { stale: error.details === 'batch_complete', message: error.message ?? 'That move is not allowed' }
    default:
      return null
  }
}
