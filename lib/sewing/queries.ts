import 'server-only'
import { z } from 'zod'
import { type DbError, dbFail, type Fail } from '@/lib/errors'
import { expectRpc, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/server'
import type { Database } from '@/types/database'

// Reads for the sewing screens (issue 14, docs/garment.md), as the signed-in person: the line board
// reads sewing_dashboard per line, the tracker sewing_bundle_track, the editor the operation tables
// (RLS: members read their workshop's). Every figure is the database's; nothing here recomputes one.

const num = z.coerce.number()
const numOrNull = z.union([z.null(), z.coerce.number()])

const Operation = z.object({
  operation_id: z.string(),
  name: z.string(),
  product_type: z.string(),
  sequence_number: z.number(),
  machine_type: z.string().nullable(),
  standard_minutes: num,
  bundles_waiting: z.number(),
  units_waiting: z.number(),
  bundles_in_progress: z.number(),
  units_in_progress: z.number(),
  bundles_blocked: z.number(),
  units_today: z.number(),
  defects_today: z.number(),
  efficiency_today: numOrNull,
})
export type BoardOperation = z.infer<typeof Operation>

const Operator = z.object({
  member_id: z.string(),
  name: z.string(),
  badge_code: z.string().nullable(),
  units: z.number(),
  good_units: z.number(),
  operations: z.number(),
  earned_minutes: num,
  actual_minutes: num,
  efficiency: numOrNull,
  target_minutes: num,
  output_vs_target: numOrNull,
  defects: z.number(),
})
export type BoardOperator = z.infer<typeof Operator>

const Dashboard = z.object({
  day: z.string(),
  time_zone: z.string(),
  target_efficiency: num,
  shift_minutes: num,
  line: z.object({
    units_today: z.number(),
    defects_today: z.number(),
    efficiency_today: numOrNull,
    bundles_in_sewing: z.number(),
    bundles_sewn_today: z.number(),
    defects_per_hundred_units: numOrNull,
  }),
  bottleneck: Operation.nullable(),
  operations: z.array(Operation),
  operators: z.array(Operator),
})
export type SewingDashboard = z.infer<typeof Dashboard>

export interface SewingLine {
  /** The team that runs the line; null for runs given to no line. */
  teamId: string | null
  name: string
  description: string | null
  dashboard: SewingDashboard
}

type Client = Awaited<ReturnType<typeof createClient>>

async function dashboardOf(supabase: Client, orgId: string, teamId: string | null): Promise<SewingDashboard> {
  const answer = await supabase.rpc(
    'sewing_dashboard',
    teamId ? { p_org_id: orgId, p_team_id: teamId } : { p_org_id: orgId },
  )
  return expectRpc(Dashboard, answer, 'sewing_dashboard')
}

/**
 * The line board: one dashboard per sewing line. A line is a team that has had sewing runs (Line A,
 * Line B); runs given to no team show as "No line" while any of them is unfinished.
 */
export async function sewingLines(orgId: string): Promise<SewingLine[]> {
  const supabase = await createClient()
  const [teams, unassigned] = await Promise.all([
    supabase.from('teams').select('id, name, description').eq('org_id', orgId).eq('is_active', true).order('name'),
    supabase
      .from('sewing_runs')
      .select('id')
      .eq('org_id', orgId)
      .is('team_id', null)
      .neq('status', 'COMPLETED')
      .limit(1),
  ])
  if (teams.error) throw new Error(`sewing lines: ${teams.error.message}`)
  if (unassigned.error) throw new Error(`sewing lines: ${unassigned.error.message}`)
  const withRuns = await Promise.all(
    (teams.data ?? []).map(async (t) => {
      const r = await supabase.from('sewing_runs').select('id').eq('org_id', orgId).eq('team_id', t.id).limit(1)
      if (r.error) throw new Error(`sewing lines: ${r.error.message}`)
      return r.data.length ? t : null
    }),
  )
  const lines = withRuns.filter((t) => t !== null)
  const out: SewingLine[] = await Promise.all(
    lines.map(async (t) => ({
      teamId: t.id,
      name: t.name,
      description: t.description,
      dashboard: await dashboardOf(supabase, orgId, t.id),
    })),
  )
  if (unassigned.data.length) {
    const all = await dashboardOf(supabase, orgId, null)
    const assigned = new Set(out.flatMap((l) => l.dashboard.operators.map((o) => o.member_id)))
    out.push({
      teamId: null,
      name: 'No line',
      description: 'Sewing runs not given to a line',
      // the workshop-wide figures, less nothing: a run without a team is only in the unfiltered answer
      dashboard: { ...all, operators: all.operators.filter((o) => !assigned.has(o.member_id)) },
    })
  }
  return out
}

// ------------------------------------------------------------------ the bundle tracker

const RunOperation = z.object({
  id: z.string(),
  operation_id: z.string(),
  name: z.string(),
  sequence_number: z.number(),
  status: z.enum(['PENDING', 'IN_PROGRESS', 'COMPLETED']),
  operator_name: z.string().nullable().optional(),
  machine_id: z.string().nullable(),
  machine_type: z.string().nullable(),
  units_completed: z.number(),
  rework_units: z.number(),
  defects_found: z.number(),
  defect_tally: z.record(z.string(), z.number()).default({}),
  standard_minutes: numOrNull,
  actual_minutes: numOrNull,
  efficiency: numOrNull,
  started_at: z.string().nullable(),
  completed_at: z.string().nullable(),
})
export type TrackedOperation = z.infer<typeof RunOperation>

const Track = z.object({
  bundle: z.object({
    id: z.string(),
    bundle_number: z.number(),
    size: z.string(),
    colour: z.string(),
    shade: z.string(),
    quantity: z.number(),
    rejected_quantity: z.number(),
    good_units: z.number(),
    status: z.string(),
    location: z.string().nullable(),
    style: z.object({ code: z.string(), name: z.string(), product_type: z.string() }).nullable(),
  }),
  runs: z.array(
    z.object({
      run: z.object({
        id: z.string(),
        run_number: z.number(),
        status: z.enum(['PENDING', 'IN_PROGRESS', 'COMPLETED']),
        team_id: z.string().nullable(),
        total_operations: z.number(),
        completed_ops: z.number(),
        average_efficiency: numOrNull,
        started_at: z.string().nullable(),
        completed_at: z.string().nullable(),
      }),
      operations: z.array(RunOperation),
    }),
  ),
  history: z.array(
    z.object({
      id: z.number(),
      from_status: z.string().nullable(),
      to_status: z.string(),
      transition: z.string().nullable().optional(),
      from_location_id: z.string().nullable(),
      to_location_id: z.string().nullable(),
      member_id: z.string().nullable(),
      change_reason: z.string().nullable(),
      scanned_at: z.string().nullable(),
      scanner_device: z.string().nullable(),
      created_at: z.string(),
    }),
  ),
})

export interface BundleTrack extends z.infer<typeof Track> {
  /** Names behind the history's ids (locations, members), read as the person. */
  names: Record<string, string>
  teams: Record<string, string>
}

/** What the tracker accepts: 117, BN-117, "bn 117" — or a scanned label, which the database resolves. */
export function bundleNumberOf(text: string): number | null {
  const m = /^\s*(?:BN[\s-]*)?(\d{1,9})\s*$/i.exec(text)
  return m?.[1] ? Number(m[1]) : null
}

/** "Where is bundle 117?": its runs with every operation and its status history, or a refusal with its reason. */
export async function trackBundle(orgId: string, query: string): Promise<{ ok: true; data: BundleTrack } | Fail> {
  const supabase = await createClient()
  let number = bundleNumberOf(query)
  if (number === null) {
    // a scanned label (FL1:BIR:I:…): what it names is the database's decision
    const resolved = await supabase.rpc('resolve_scan_code', { p_code: query.trim(), p_org_id: orgId })
    if (resolved.error) return dbFail(resolved.error, { code: 'bundle' })
    const r = parseRpc(
      z.object({
        valid: z.boolean(),
        kind: z.string().nullish(),
        ref_id: z.string().nullish(),
        message: z.string().nullish(),
      }),
      resolved.data,
      'resolve_scan_code',
    )
    if (!r.valid || r.kind !== 'bundle' || !r.ref_id) {
      const message = !r.valid ? (r.message ?? 'That code names nothing here') : 'That label is not a bundle’s'
      return { ok: false, code: 'BUNDLE_NOT_FOUND', message, status: 404, fieldErrors: { bundle: [message] } }
    }
    const b = await supabase.from('bundles').select('bundle_number').eq('id', r.ref_id).maybeSingle()
    if (b.error || !b.data) return dbFail(b.error as DbError | null, { bundle_number: 'bundle' })
    number = b.data.bundle_number
  }
  const answer = await supabase.rpc('sewing_bundle_track', { p_org_id: orgId, p_bundle_number: number })
  if (answer.error) return dbFail(answer.error, { bundle_number: 'bundle' })
  const track = parseRpc(Track, answer.data, 'sewing_bundle_track')
  const locationIds = [...new Set(track.history.flatMap((h) => [h.from_location_id, h.to_location_id]))].filter(
    (v): v is string => Boolean(v),
  )
  const memberIds = [...new Set(track.history.map((h) => h.member_id))].filter((v): v is string => Boolean(v))
  const [locations, members, teams] = await Promise.all([
    locationIds.length
      ? supabase.from('locations').select('id, name').in('id', locationIds)
      : { data: [], error: null },
    memberIds.length
      ? supabase.from('members').select('id, display_name').in('id', memberIds)
      : { data: [], error: null },
    supabase.from('teams').select('id, name').eq('org_id', orgId),
  ])
  const names: Record<string, string> = {}
  for (const l of locations.data ?? []) names[l.id] = l.name
  for (const m of members.data ?? []) names[m.id] = m.display_name
  const teamNames: Record<string, string> = {}
  for (const t of teams.data ?? []) teamNames[t.id] = t.name
  return { ok: true, data: { ...track, names, teams: teamNames } }
}

// ------------------------------------------------------------------ the operations editor

export type SewingOperationRow = Database['public']['Tables']['sewing_operations']['Row']
export type RateRow = Pick<
  Database['public']['Tables']['sewing_operation_rates']['Row'],
  'id' | 'operation_id' | 'piece_rate' | 'standard_minutes' | 'effective_from' | 'changed_by'
> & { changed_by_name: string | null }

export interface ProductTypeRow {
  id: string
  code: string
  name: string
  archived_at: string | null
}

/** The editor's data: the workshop's product types, and the chosen one's operations with their rate history. */
export async function operationsEditor(orgId: string, typeCode: string | undefined) {
  const supabase = await createClient()
  const [types, org] = await Promise.all([
    supabase.from('product_types').select('id, code, name, archived_at').eq('org_id', orgId).order('code'),
    supabase.from('organisations').select('currency').eq('id', orgId).maybeSingle(),
  ])
  if (types.error) throw new Error(`product types: ${types.error.message}`)
  const currency = org.data?.currency ?? 'USD'
  const all: ProductTypeRow[] = types.data ?? []
  const type = all.find((t) => t.code === typeCode) ?? all.find((t) => !t.archived_at) ?? all[0] ?? null
  if (!type)
    return { types: all, type: null, operations: [], rates: [], counts: {} as Record<string, number>, currency }
  const [ops, counts] = await Promise.all([
    supabase
      .from('sewing_operations')
      .select('*')
      .eq('org_id', orgId)
      .eq('product_type_id', type.id)
      .order('sequence_number')
      .order('name'),
    supabase.from('sewing_operations').select('product_type_id').eq('org_id', orgId).eq('is_active', true),
  ])
  if (ops.error) throw new Error(`sewing operations: ${ops.error.message}`)
  if (counts.error) throw new Error(`sewing operations: ${counts.error.message}`)
  const operations: SewingOperationRow[] = ops.data ?? []
  const ids = operations.map((o) => o.id)
  const rates = ids.length
    ? await supabase
        .from('sewing_operation_rates')
        .select('id, operation_id, piece_rate, standard_minutes, effective_from, changed_by, members(display_name)')
        .eq('org_id', orgId)
        .in('operation_id', ids)
        .order('effective_from', { ascending: false })
    : { data: [], error: null }
  if (rates.error) throw new Error(`rate history: ${rates.error.message}`)
  const perType: Record<string, number> = {}
  for (const r of counts.data ?? []) perType[r.product_type_id] = (perType[r.product_type_id] ?? 0) + 1
  return {
    types: all,
    type,
    operations,
    rates: (rates.data ?? []).map(
      ({ members, ...r }): RateRow => ({
        ...r,
        changed_by_name: (members as { display_name: string } | null)?.display_name ?? null,
      }),
    ),
    counts: perType,
    currency,
  }
}
