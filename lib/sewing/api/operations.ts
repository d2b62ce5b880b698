import { dbFail, failWith } from '@/lib/errors'
import { answer, fromRpc, type RouteContext, route } from '@/lib/route'
import type { Json } from '@/types/database'
import { actingIn } from './member'
import { CreateOperation, ListOperations, type OperationFields, UpdateOperation } from './schemas'

/**
 * /api/sewing/operations (spec 03 §2.1): the operation list of each product type, and managers+
 * creating and changing operations through save_sewing_operation — whose trigger refuses unknown
 * dependencies and cycles (OPERATION_DEPENDENCY_UNKNOWN / _CYCLE, fieldErrors.depends_on, the loop in
 * details.cycle) and records every new piece rate / SMV in sewing_operation_rates.
 */
const OPERATION_COLUMNS =
  'id, product_type_id, name, description, sequence_number, standard_minutes, piece_rate, machine_type, skill_level, ' +
  'depends_on, has_qc_checkpoint, defect_codes, is_active, created_at, updated_at, ' +
  'rates:sewing_operation_rates(piece_rate, standard_minutes, effective_from)'

type Ctx = Pick<RouteContext, 'supabase' | 'signal'>

/** The product type an input names (id or code), or NOT_FOUND under the field it came from. */
async function productTypeId(ctx: Ctx, orgId: string, byId?: string, byCode?: string) {
  let q = ctx.supabase.from('product_types').select('id').eq('org_id', orgId)
  q = byId ? q.eq('id', byId) : q.eq('code', byCode ?? '')
  const { data, error } = await q.abortSignal(ctx.signal).maybeSingle()
  if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
  if (!data) {
    const field = byId ? 'product_type_id' : 'product_type'
    const message = 'No such product type in this workshop'
    return failWith('NOT_FOUND', message, { fieldErrors: { [field]: [message] } })
  }
  return { ok: true as const, id: data.id }
}

/** One operation as the API answers it (rate history newest first). */
async function readOperation(ctx: Ctx, id: string) {
  const { data, error } = await ctx.supabase
    .from('sewing_operations')
    .select(OPERATION_COLUMNS)
    .eq('id', id)
    .order('effective_from', { referencedTable: 'rates', ascending: false })
    .abortSignal(ctx.signal)
    .maybeSingle()
  if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
  return data
    ? { ok: true as const, operation: data as unknown as OperationRow }
    : failWith('NOT_FOUND', 'No such sewing operation in your workshops')
}

export interface OperationRow extends Required<Omit<OperationFields, 'description' | 'machine_type'>> {
  id: string
  org_id?: string
  product_type_id: string
  description: string | null
  machine_type: OperationFields['machine_type'] | null
  created_at: string
  updated_at: string
  rates: Array<{ piece_rate: number; standard_minutes: number; effective_from: string }>
}

/** GET ?org_id&product_type_id|product_type&include_inactive → {product_types: [{…, operations: [...]}]} */
export const listOperations = route({
  schema: ListOperations,
  from: 'query',
  run: async (q, ctx) => {
    let types = ctx.supabase
      .from('product_types')
      .select(`id, code, name, archived_at, operations:sewing_operations(${OPERATION_COLUMNS})`)
      .eq('org_id', q.org_id)
      .order('code')
      .order('sequence_number', { referencedTable: 'operations' })
      .order('name', { referencedTable: 'operations' })
      .order('effective_from', { referencedTable: 'operations.rates', ascending: false })
    if (q.product_type_id) types = types.eq('id', q.product_type_id)
    if (q.product_type) types = types.eq('code', q.product_type)
    if (!q.include_inactive) types = types.eq('operations.is_active', true)
    const [member, { data, error }] = await Promise.all([
      actingIn(ctx.supabase, q.org_id, ctx.signal),
      types.abortSignal(ctx.signal),
    ])
    if (member) return member
    if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
    if ((q.product_type_id || q.product_type) && !data.length) {
      const field = q.product_type_id ? 'product_type_id' : 'product_type'
      return failWith('NOT_FOUND', 'No such product type in this workshop', {
        fieldErrors: { [field]: ['No such product type in this workshop'] },
      })
    }
    return answer({ product_types: data })
  },
})

const saveArgs = (
  orgId: string,
  productType: string,
  f: Required<Pick<OperationFields, 'name'>> & OperationFields,
) => ({
  p_org_id: orgId,
  p_product_type_id: productType,
  p_name: f.name,
  p_sequence_number: f.sequence_number,
  p_standard_minutes: f.standard_minutes,
  p_piece_rate: f.piece_rate,
  p_machine_type: f.machine_type ?? undefined,
  p_skill_level: f.skill_level,
  p_depends_on: f.depends_on,
  p_has_qc_checkpoint: f.has_qc_checkpoint,
  p_defect_codes: f.defect_codes as Json | undefined,
  p_description: f.description ?? undefined,
  p_is_active: f.is_active,
})

/** POST {org_id, product_type_id | product_type, name, sequence_number, standard_minutes, piece_rate, …} → 201 */
export const createOperation = route({
  schema: CreateOperation,
  from: 'body',
  run: async ({ org_id, product_type_id, product_type, ...fields }, ctx) => {
    const type = await productTypeId(ctx, org_id, product_type_id, product_type)
    if (!type.ok) {
      // not a member sees no product types at all: answer that, not "no such type"
      return (await actingIn(ctx.supabase, org_id, ctx.signal)) ?? type
    }
    const saved = await ctx.supabase
      .rpc('save_sewing_operation', saveArgs(org_id, type.id, fields))
      .abortSignal(ctx.signal)
    if (saved.error) return fromRpc(ctx, saved)
    const read = await readOperation(ctx, (saved.data as { id: string }).id)
    return read.ok ? answer({ operation: read.operation }, 201) : read
  },
})

/**
 * PATCH /:id {any field} → {operation}: the fields sent change, the others stay (read, then saved
 * whole through save_sewing_operation, so every rule and the rate history apply as on create).
 */
export const updateOperation = route({
  schema: UpdateOperation,
  from: 'body',
  run: async ({ id, ...change }, ctx) => {
    const { data: row, error } = await ctx.supabase
      .from('sewing_operations')
      .select(
        'org_id, product_type_id, name, description, sequence_number, standard_minutes, piece_rate, machine_type, skill_level, depends_on, has_qc_checkpoint, defect_codes, is_active',
      )
      .eq('id', id)
      .abortSignal(ctx.signal)
      .maybeSingle()
    if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
    if (!row) return failWith('NOT_FOUND', 'No such sewing operation in your workshops')
    const merged = {
      ...row,
      defect_codes: row.defect_codes as OperationFields['defect_codes'],
      ...Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)),
    } as OperationFields & { product_type_id: string }
    const saved = await ctx.supabase
      // null clears machine_type and description: left out, the function's default is null
      .rpc('save_sewing_operation', { ...saveArgs(row.org_id, merged.product_type_id, merged), p_operation_id: id })
      .abortSignal(ctx.signal)
    if (saved.error) return fromRpc(ctx, saved)
    const read = await readOperation(ctx, id)
    return read.ok ? answer({ operation: read.operation }) : read
  },
})
