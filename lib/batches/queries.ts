import 'server-only'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { AppClient } from '@/lib/supabase/types'
import type { BatchType, Board, BoardBatch, BoardStage } from './types'

/** The batch board: the workflow's stages and every unfinished batch plus those finished this week. */
export async function getBoard(orgId: string, client?: AppClient): Promise<Board> {
  const supabase = client ?? (await createClient())
  const { data, error } = await supabase.rpc('batch_board', { p_org_id: orgId, p_completed_days: 7 })
  if (error) throw new Error(`batch_board: ${error.message}`)
  return parseRpc(jsonObject<Board>(), data, 'batch_board')
}

/** Batches that still take orders: unfinished and at the workflow's first stage. */
export function openBatches(board: Board): BoardBatch[] {
  const first = Math.min(...board.stages.map((s) => s.position))
  return board.batches.filter((b) => !b.is_complete && b.stage_position === first)
}

/** The states of the organisation's batch type (its workflow), in floor order, from its type definition. */
export async function workflowStages(orgId: string, client?: AppClient): Promise<BoardStage[]> {
  const supabase = client ?? (await createClient())
  const { data, error } = await supabase.rpc('batch_stages', { p_org_id: orgId })
  if (error) throw new Error(`batch_stages: ${error.message}`)
  return parseRpc(jsonObject<BatchType>(), data, 'batch_stages').stages
}
