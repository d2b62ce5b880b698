'use server'
import { revalidatePath } from 'next/cache'
import { z } from 'zod'
import { action, dbFail } from '@/lib/actions'
import { ok, type Result } from '@/lib/result'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { refreshSummaryLater } from '@/lib/summary/refresh'
import { getBoard } from './queries'
import {
  AddToBatchInput,
  AdvanceBatchInput,
  BATCH_FIELDS,
  CompleteBatchInput,
  CreateBatchInput,
  ReadBoardInput,
  ReturnBatchInput,
  SetQualityInput,
} from './schema'
import type { BatchJson, BatchMove, Board } from './types'

const BatchAnswer = z.object({ batch: jsonObject<BatchJson>() })

// Every write is one RPC as the signed-in person: the database holds the rules (stage order,
// required actions, quality gate, who may send back) and answers a refusal with its machine code,
// message and context (docs/errors.md); dbFail() passes that on unchanged, so the board shows what
// the tablet shows (REQUIRED_ACTIONS_PENDING, STALE_STAGE, …).

// The board updates itself (the answer, then Realtime), so moves do not re-render the page.
function moved(data: unknown): Result<BatchMove> {
  refreshSummaryLater()
  return ok(parseRpc(jsonObject<BatchMove>(), data, 'batch move'))
}

// The board's live re-read runs here rather than in the browser, so the board page carries no
// PostgREST client (components/batches/use-board-live.ts); a refusal is logged and the board keeps
// what it shows.
export const readBoard = action(
  ReadBoardInput,
  async (input, { supabase }): Promise<Result<Board>> => ok(await getBoard(input.orgId, supabase)),
)

export const advanceBatch = action(AdvanceBatchInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('advance_batch', {
    p_batch_id: input.batchId,
    p_expected_stage: input.expectedStage,
    p_client_id: input.clientId,
    p_override_reason: input.overrideReason,
  })
  return error ? dbFail(error, BATCH_FIELDS) : moved(data)
})

export const returnBatch = action(ReturnBatchInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('return_batch', {
    p_batch_id: input.batchId,
    p_to_stage: input.toStage,
    p_reason: input.reason,
    p_expected_stage: input.expectedStage,
    p_client_id: input.clientId,
  })
  return error ? dbFail(error, BATCH_FIELDS) : moved(data)
})

export const completeBatch = action(CompleteBatchInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('complete_batch', {
    p_batch_id: input.batchId,
    p_client_id: input.clientId,
    p_override_reason: input.overrideReason,
  })
  return error ? dbFail(error, BATCH_FIELDS) : moved(data)
})

export const setBatchQuality = action(SetQualityInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('set_batch_quality', {
    p_batch_id: input.batchId,
    p_quality: input.quality,
    p_reason: input.reason,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, BATCH_FIELDS)
  return ok(parseRpc(BatchAnswer, data, 'batch').batch)
})

export const createBatch = action(CreateBatchInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('create_batch_from_orders', {
    p_org_id: input.orgId,
    p_order_ids: input.orderIds,
    p_priority: input.priority,
    p_target_completion: input.targetCompletion,
    p_notes: input.notes,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, BATCH_FIELDS)
  refreshSummaryLater()
  revalidatePath('/[org]/orders', 'layout')
  revalidatePath('/[org]/batches', 'page')
  return ok(parseRpc(BatchAnswer, data, 'batch').batch)
})

export const addOrdersToBatch = action(AddToBatchInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('add_orders_to_batch', {
    p_batch_id: input.batchId,
    p_order_ids: input.orderIds,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, { ...BATCH_FIELDS, batch_id: 'batchId' })
  refreshSummaryLater()
  revalidatePath('/[org]/orders', 'layout')
  revalidatePath('/[org]/batches', 'page')
  return ok(parseRpc(BatchAnswer, data, 'batch').batch)
})
