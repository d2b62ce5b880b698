'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { OPERATION_FIELDS, OperationInput } from './operation-schema'

/**
 * Creates or replaces a sewing operation (managers+) through save_sewing_operation: one RPC, so the
 * dependency check (unknown ids, another product type, a cycle — OPERATION_DEPENDENCY_*) and the rate
 * history (a changed rate or SMV starts a sewing_operation_rates row) happen in the database, and a
 * refusal comes back under its field.
 */
export const saveSewingOperation = action(OperationInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('save_sewing_operation', {
    p_org_id: input.orgId,
    p_operation_id: input.operationId,
    p_product_type_id: input.productTypeId,
    p_name: input.name,
    p_sequence_number: input.sequenceNumber,
    p_standard_minutes: input.standardMinutes,
    p_piece_rate: input.pieceRate,
    p_machine_type: input.machineType,
    p_skill_level: input.skillLevel,
    p_depends_on: input.dependsOn,
    p_has_qc_checkpoint: input.hasQcCheckpoint,
    p_defect_codes: input.defectCodes,
    p_description: input.description,
    p_is_active: input.isActive,
  })
  if (error) return dbFail(error, OPERATION_FIELDS)
  revalidatePath('/[org]/sewing/operations', 'page')
  revalidatePath('/[org]/sewing', 'page')
  return ok(parseRpc(jsonObject<{ id: string; name: string }>(), data, 'save_sewing_operation'))
})
