import { dbFail } from '@/lib/errors'
import { answer, fromRpc, route } from '@/lib/route'
import { actingIn } from './member'
import {
  CompleteRunOperation,
  CorrectRunOperation,
  CreateRun,
  ListRuns,
  RecordDefect,
  StartRunOperation,
} from './schemas'

/**
 * /api/sewing/runs (spec 03 §2.2–2.3): a bundle's pass down a sewing line and its run operations.
 * Every write is one sewing RPC as the caller — the rules are their triggers': an operation starts
 * only after the operations it depends on are completed (422 OPERATION_DEPENDENCY_PENDING naming
 * them), units stay within the bundle's good units and what the dependencies passed on
 * (UNITS_EXCEED_*), operators record only their own work. Writes take an idempotency key. Each
 * answers the run as the RPCs return it: {run, bundle, operations[]}.
 */
const RUN_COLUMNS =
  'id, run_number, status, bundle_id, product_type_id, team_id, location_id, total_operations, completed_ops, ' +
  'average_efficiency, started_at, completed_at, created_at, ' +
  'product_type:product_types(code, name), ' +
  'bundle:bundles!inner(bundle_number, size, colour, shade, quantity, rejected_quantity, status), ' +
  'operations:sewing_run_operations(id, operation_id, operator_id, machine_id, status, units_completed, good_units, ' +
  'rework_units, defects_found, defect_tally, actual_minutes, standard_minutes, piece_rate, efficiency, earnings, ' +
  'started_at, completed_at, work_date, ' +
  'operation:sewing_operations(name, sequence_number, depends_on, machine_type, has_qc_checkpoint, defect_codes), ' +
  'operator:members(display_name))'

interface RunOperationRow {
  operation: { sequence_number: number; name: string } | null
}

/** GET ?org_id&bundle_id|bundle_number&operator_id&status=PENDING,IN_PROGRESS&limit&before → {runs, next_before} */
export const listRuns = route({
  schema: ListRuns,
  from: 'query',
  run: async (q, ctx) => {
    let runs = ctx.supabase
      .from('sewing_runs')
      .select(RUN_COLUMNS)
      .eq('org_id', q.org_id)
      .order('run_number', { ascending: false })
      .limit(q.limit)
    if (q.bundle_id) runs = runs.eq('bundle_id', q.bundle_id)
    if (q.bundle_number) runs = runs.eq('bundle.bundle_number', q.bundle_number)
    if (q.status) runs = runs.in('status', q.status)
    if (q.before) runs = runs.lt('run_number', q.before)
    if (q.operator_id) {
      // the runs this operator worked on (their operations, then those runs whole)
      const { data: mine, error } = await ctx.supabase
        .from('sewing_run_operations')
        .select('sewing_run_id')
        .eq('org_id', q.org_id)
        .eq('operator_id', q.operator_id)
        .order('started_at', { ascending: false })
        .limit(1000)
        .abortSignal(ctx.signal)
      if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
      runs = runs.in('id', [...new Set(mine.map((r) => r.sewing_run_id))])
    }
    const [member, { data, error }] = await Promise.all([
      actingIn(ctx.supabase, q.org_id, ctx.signal),
      runs.abortSignal(ctx.signal),
    ])
    if (member) return member
    if (error) return dbFail(error, {}, { aborted: ctx.signal.aborted })
    const rows = (data ?? []) as unknown as Array<{ run_number: number; operations: RunOperationRow[] }>
    for (const r of rows) {
      // the line's order, as the RPCs answer it
      r.operations.sort(
        (a, b) =>
          (a.operation?.sequence_number ?? 0) - (b.operation?.sequence_number ?? 0) ||
          (a.operation?.name ?? '').localeCompare(b.operation?.name ?? ''),
      )
    }
    const last = rows.at(-1)
    return answer({ runs: rows, next_before: rows.length === q.limit && last ? last.run_number : null })
  },
})

/** POST {org_id, bundle_id, operation_ids?, team_id?, location_id?} → 201 {run, bundle, operations} */
export const createRun = route({
  schema: CreateRun,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('create_sewing_run', {
          p_org_id: i.org_id,
          p_bundle_id: i.bundle_id,
          p_operation_ids: i.operation_ids,
          p_team_id: i.team_id,
          p_location_id: i.location_id,
          p_client_id: ctx.clientId,
        })
        .abortSignal(ctx.signal),
      201,
    ),
})

/** POST /operations/:id/start {machine_id?, operator_id? (supervisors+), started_at?} */
export const startRunOperation = route({
  schema: StartRunOperation,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('start_sewing_operation', {
          p_run_operation_id: i.id,
          p_machine_id: i.machine_id,
          p_operator_id: i.operator_id,
          p_started_at: i.started_at,
          p_client_id: ctx.clientId,
        })
        .abortSignal(ctx.signal),
    ),
})

/** POST /operations/:id/complete {units_completed? (default the bundle's good units), actual_minutes?, …} */
export const completeRunOperation = route({
  schema: CompleteRunOperation,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('complete_sewing_operation', {
          p_run_operation_id: i.id,
          p_units: i.units_completed,
          p_actual_minutes: i.actual_minutes,
          p_defects_found: i.defects_found,
          p_rework_units: i.rework_units,
          p_completed_at: i.completed_at,
          p_client_id: ctx.clientId,
        })
        .abortSignal(ctx.signal),
    ),
})

/** POST /operations/:id/defect {defect_code?, rework?, count? (1; -1 undoes a tap)} */
export const recordDefect = route({
  schema: RecordDefect,
  from: 'body',
  idempotent: true,
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('record_sewing_defect', {
          p_run_operation_id: i.id,
          // the function takes null for "no code" (a rework tap has none)
          p_defect_code: i.defect_code ?? (null as unknown as string),
          p_rework: i.rework,
          p_count: i.count,
          p_client_id: ctx.clientId,
        })
        .abortSignal(ctx.signal),
    ),
})

/** PATCH /operations/:id {units_completed?, actual_minutes?, defects_found?, rework_units?, operator_id?, machine_id?, status?} (supervisors+) */
export const correctRunOperation = route({
  schema: CorrectRunOperation,
  from: 'body',
  run: async (i, ctx) =>
    fromRpc(
      ctx,
      await ctx.supabase
        .rpc('update_sewing_run_operation', {
          p_run_operation_id: i.id,
          p_units: i.units_completed,
          p_actual_minutes: i.actual_minutes,
          p_defects_found: i.defects_found,
          p_rework_units: i.rework_units,
          p_operator_id: i.operator_id,
          p_machine_id: i.machine_id,
          p_status: i.status,
        })
        .abortSignal(ctx.signal),
    ),
})
