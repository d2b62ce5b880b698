import 'server-only'
import { createClient } from '@/lib/supabase/server'

/** What /[org]/cutting shows, read as the person (RLS: members read their workshop's cutting room). */
export async function cuttingRoom(orgId: string) {
  const supabase = await createClient()
  const [lays, runs, cutOrders, members] = await Promise.all([
    supabase
      .from('lays')
      .select(
        'id, lay_number, fabric, colour, shade, marker_length_m, plies, size_ratio, planned_units, bundle_size, status, created_at, ' +
          'styles(code, name), cut_orders(cut_order_number), bundles(count), ' +
          'cutting_runs(id, run_number, status, start_time, paused_at, paused_minutes, machine, cutter_id, plies_cut)',
      )
      .eq('org_id', orgId)
      .order('created_at', { ascending: false })
      .limit(30),
    supabase
      .from('cutting_runs')
      .select(
        'id, run_number, status, machine, start_time, end_time, duration_minutes, plies_cut, units_cut, defective_units, ' +
          'standard_minutes, actual_minutes, efficiency, fabric_used_kg, wastage_kg, wastage_percent, ' +
          'lays(lay_number), members(display_name)',
      )
      .eq('org_id', orgId)
      .order('start_time', { ascending: false })
      .limit(30),
    supabase
      .from('cut_orders')
      .select('id, cut_order_number, due_date, styles(code, name, default_fabric)')
      .eq('org_id', orgId)
      .is('closed_at', null)
      .order('created_at', { ascending: false })
      .limit(50),
    supabase.from('members').select('id, display_name').eq('org_id', orgId).eq('is_active', true).order('display_name'),
  ])
  for (const r of [lays, runs, cutOrders, members]) if (r.error) throw new Error(`cutting room: ${r.error.message}`)
  return {
    lays: (lays.data ?? []) as unknown as LayRow[],
    runs: (runs.data ?? []) as unknown as RunRow[],
    cutOrders: (cutOrders.data ?? []) as unknown as CutOrderRow[],
    members: members.data ?? [],
  }
}

export interface LayRow {
  id: string
  lay_number: number
  fabric: string
  colour: string
  shade: string
  marker_length_m: number
  plies: number
  size_ratio: Record<string, number>
  planned_units: number
  bundle_size: number
  status: 'planned' | 'cutting' | 'cut' | 'cancelled'
  created_at: string
  styles: { code: string; name: string } | null
  cut_orders: { cut_order_number: number } | null
  bundles: Array<{ count: number }>
  cutting_runs: Array<{
    id: string
    run_number: string
    status: 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED'
    start_time: string
    paused_at: string | null
    paused_minutes: number
    machine: string | null
    cutter_id: string
    plies_cut: number
  }>
}

export interface RunRow {
  id: string
  run_number: string
  status: 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED'
  machine: string | null
  start_time: string
  end_time: string | null
  duration_minutes: number | null
  plies_cut: number
  units_cut: number
  defective_units: number
  standard_minutes: number | null
  actual_minutes: number | null
  efficiency: number | null
  fabric_used_kg: number | null
  wastage_kg: number | null
  wastage_percent: number | null
  lays: { lay_number: number } | null
  members: { display_name: string } | null
}

export interface CutOrderRow {
  id: string
  cut_order_number: number
  due_date: string | null
  styles: { code: string; name: string; default_fabric: string | null } | null
}
