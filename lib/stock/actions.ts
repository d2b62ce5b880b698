'use server'
import { action } from '@/lib/actions'
import { dbFail, failWith, ok } from '@/lib/errors'
import { parseRpc } from '@/lib/rpc'
import { CountSummary } from './answers'
import {
  CountCreateInput,
  CountStepInput,
  ItemInput,
  MovementInput,
  ReasonCodeInput,
  ReasonInput,
  RecomputeInput,
  RecountInput,
} from './schema'

/**
 * The stock and count screens' writes, as the signed-in person: the RPCs decide who may do what and
 * when (docs/stock.md). Database field names map back onto the forms' here.
 */
const MOVEMENT_FIELDS = {
  quantity: 'quantity',
  reason_code: 'reasonCode',
  stock_item_id: 'stockItemId',
  location_id: 'locationId',
}

export const recordMovement = action(MovementInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('stock_record_movement', {
    p_client_id: input.clientId,
    p_org_id: input.orgId,
    p_kind: input.kind,
    p_stock_item_id: input.stockItemId,
    p_location_id: input.locationId,
    p_quantity: input.quantity,
    p_reason_code: input.reasonCode || undefined,
    p_note: input.note || undefined,
  })
  if (error) return dbFail(error, MOVEMENT_FIELDS)
  const onHand = (data as { on_hand?: number | null } | null)?.on_hand ?? null
  return ok({ onHand })
})

/**
 * A refused write on a table (not an RPC) names its constraint, not a field: the constraint says
 * which field it was, so the refusal lands under that field. The rule itself stays the database's.
 */
function constraintField(
  error: { code?: string; message?: string },
  fields: Record<string, string>,
): string | undefined {
  const constraint = /constraint "([^"]+)"/.exec(error.message ?? '')?.[1] ?? ''
  return Object.entries(fields).find(([column]) => new RegExp(`_${column}_(check|key)$`).test(constraint))?.[1]
}

const ITEM_FIELDS = {
  code: 'code',
  barcode: 'barcode',
  name: 'name',
  category: 'category',
  unit: 'unit',
  unit_cost: 'unitCost',
  abc_class: 'abcClass',
}

/** Stock items (managers+, RLS): added or edited; the code and barcode are unique per organisation. */
export const saveItem = action(ItemInput, async (input, { supabase }) => {
  const row = {
    code: input.code,
    barcode: input.barcode || null,
    name: input.name,
    category: input.category,
    unit: input.unit,
    unit_cost: input.unitCost,
    abc_class: input.abcClass,
    is_active: input.isActive,
  }
  const { data, error } = input.id
    ? await supabase.from('stock_items').update(row).eq('id', input.id).select('id').maybeSingle()
    : await supabase
        .from('stock_items')
        .insert({ ...row, org_id: input.orgId })
        .select('id')
        .single()
  if (error) {
    const field = constraintField(error, ITEM_FIELDS)
    if (error.code === '23505') {
      const message = `Another item already has this ${field === 'barcode' ? 'barcode' : 'code'}`
      return failWith('CONFLICT', message, { fieldErrors: { [field ?? 'code']: [message] } })
    }
    if (error.code === '23514' && field)
      return failWith('VALIDATION_FAILED', 'The database refused this value', {
        fieldErrors: { [field]: ['The database refused this value'] },
      })
    if (error.code === '42501') return failWith('FORBIDDEN', 'Items are added and edited by managers and above')
    return dbFail(error, ITEM_FIELDS)
  }
  if (!data) return failWith('FORBIDDEN', 'Items are added and edited by managers and above')
  return ok({ id: data.id })
})

/**
 * The organisation's reason codes (managers+, RLS): a new code is added at the end of the list; an
 * existing one is renamed or retired (is_active), never deleted — posted counts name it.
 */
export const saveReasonCode = action(ReasonCodeInput, async (input, { supabase }) => {
  const fields = { code: 'code', label: 'label' }
  let result: { data: { code: string } | null; error: { code?: string; message?: string } | null }
  if (input.isNew) {
    const { data: last } = await supabase
      .from('stock_reason_codes')
      .select('position')
      .eq('org_id', input.orgId)
      .order('position', { ascending: false })
      .limit(1)
      .maybeSingle()
    result = await supabase
      .from('stock_reason_codes')
      .insert({
        org_id: input.orgId,
        code: input.code,
        label: input.label,
        is_active: input.isActive,
        position: (last?.position ?? 0) + 1,
      })
      .select('code')
      .single()
  } else
    result = await supabase
      .from('stock_reason_codes')
      .update({ label: input.label, is_active: input.isActive })
      .eq('org_id', input.orgId)
      .eq('code', input.code)
      .select('code')
      .maybeSingle()
  const { data, error } = result
  if (error) {
    if (error.code === '23505')
      return failWith('CONFLICT', 'This code exists already', { fieldErrors: { code: ['This code exists already'] } })
    const field = constraintField(error, fields)
    if (error.code === '23514' && field)
      return failWith('VALIDATION_FAILED', 'The database refused this value', {
        fieldErrors: { [field]: ['The database refused this value'] },
      })
    if (error.code === '42501') return failWith('FORBIDDEN', 'Reason codes are edited by managers and above')
    return dbFail(error, fields)
  }
  if (!data) return failWith('FORBIDDEN', 'Reason codes are edited by managers and above')
  return ok({ code: data.code })
})

const COUNT_FIELDS = {
  location_ids: 'locationIds',
  categories: 'categories',
  cycle_rule: 'cycleRule',
  cycle_class: 'cycleClass',
  cycle_size: 'cycleSize',
  counter_ids: 'counterIds',
}

export const createCount = action(CountCreateInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('count_create', {
    p_org_id: input.orgId,
    p_client_id: input.clientId,
    p_title: input.title,
    p_scope: input.scope,
    p_mode: input.mode,
    p_location_ids: input.locationIds,
    p_categories: input.categories,
    p_cycle_rule: input.cycleRule || undefined,
    p_cycle_class: input.cycleClass || undefined,
    p_cycle_size: input.scope === 'cycle' ? input.cycleSize : undefined,
    p_counter_ids: input.counterIds,
  })
  if (error) return dbFail(error, COUNT_FIELDS)
  return ok({ id: parseRpc(CountSummary, data, 'count_create').id })
})

/** One lifecycle step of a count by its name (the engine says which are open: the page draws those). */
export const countStep = action(CountStepInput, async ({ countId, step, reason }, { supabase }) => {
  const r =
    step === 'start'
      ? await supabase.rpc('count_start', { p_count_id: countId })
      : step === 'submit'
        ? await supabase.rpc('count_submit', { p_count_id: countId })
        : step === 'post'
          ? await supabase.rpc('count_post', { p_count_id: countId })
          : step === 'cancel'
            ? await supabase.rpc('count_cancel', { p_count_id: countId, p_reason: reason })
            : step === 'void'
              ? await supabase.rpc('count_void', { p_count_id: countId, p_reason: reason })
              : await supabase.rpc('count_reopen', { p_count_id: countId, p_reason: reason })
  if (r.error) return dbFail(r.error)
  return ok({ status: parseRpc(CountSummary, r.data, `count_${step}`).status })
})

export const requestRecount = action(RecountInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('count_request_recount', {
    p_count_id: input.countId,
    p_line_ids: input.lineIds,
    p_reason: input.reason,
  })
  if (error) return dbFail(error, { line_ids: 'lineIds' })
  return ok({ lines: (data as { recount_lines?: number } | null)?.recount_lines ?? 0 })
})

export const setReason = action(ReasonInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('count_set_reason', {
    p_count_id: input.countId,
    p_reason_code: input.reasonCode,
    p_line_id: input.lineId ?? undefined,
  })
  if (error) return dbFail(error, { reason_code: 'reasonCode' })
  return ok({ updated: (data as { updated?: number } | null)?.updated ?? 0 })
})

export const recomputeAnalytics = action(RecomputeInput, async (input, { supabase }) => {
  const { data, error } = await supabase.rpc('variance_analytics_recompute', {
    p_org_id: input.orgId,
    p_from: input.from,
    p_to: input.to,
  })
  if (error) return dbFail(error, { p_to: 'to' })
  return ok({ rows: (data as { rows?: number } | null)?.rows ?? 0 })
})
