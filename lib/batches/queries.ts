import 'server-only'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { AppClient } from '@/lib/supabase/types'
import type { Board, BoardBatch, BoardStage } from './types'

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

/** The stages of the organisation's default workflow, in order. */
export async function workflowStages(orgId: string): Promise<BoardStage[]> {
  const supabase = await createClient()
  const { data, error } = await supabase
    .from('workflows')
    .select('workflow_stages(stage, name, position, is_quality_gate, order_status)')
    .eq('org_id', orgId)
    .eq('is_default', true)
    .maybeSingle()
  if (error) throw new Error(`workflow_stages: ${error.message}`)
  return [...(data?.workflow_stages ?? [])].sort((a, b) => a.position - b.position)
}
