'use server'
import { revalidatePath } from 'next/cache'
import { action, dbFail } from '@/lib/actions'
import { ok } from '@/lib/result'
import { parseRpc } from '@/lib/rpc'
import { ModelAnswer, SaveModelAnswer } from './answers'
import { MODEL_FIELDS, SaveModelInput, SetModelActiveInput } from './schema'

// The catalogue changes only through save_model / set_model_active as the signed-in person: the
// database checks the role (managers+), validates every field and names it in the error's hint,
// which dbFail() puts back under the form's input (MODEL_FIELDS; stage paths pass through).

// the catalogue, and the order form's model picker, read the models
const refreshCatalogue = () => {
  revalidatePath('/[org]/models', 'layout')
  revalidatePath('/[org]/orders', 'layout')
}

export const saveModel = action(SaveModelInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('save_model', {
    p_org_id: input.orgId,
    p_model_id: input.modelId,
    p_name: input.name,
    p_sku_prefix: input.skuPrefix,
    p_complexity: input.complexity,
    p_woods: input.woods,
    p_price: input.price,
    p_description: input.description,
    p_base_hours: input.baseHours,
    p_stages: input.stages.map((s) => ({
      stage: s.stage,
      estimated_hours: s.estimated_hours,
      quality_checklist: s.quality_checklist.map((c) => ({
        key: c.key || undefined,
        label: c.label,
        required: c.required,
      })),
    })),
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, MODEL_FIELDS)
  const answer = parseRpc(SaveModelAnswer, data, 'save_model')
  refreshCatalogue()
  return ok({ model: answer.model, created: answer.created })
})

export const setModelActive = action(SetModelActiveInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('set_model_active', {
    p_model_id: input.modelId,
    p_is_active: input.isActive,
    p_client_id: input.clientId,
  })
  if (error) return dbFail(error, MODEL_FIELDS)
  const answer = parseRpc(ModelAnswer, data, 'set_model_active')
  refreshCatalogue()
  return ok(answer.model)
})
