/** The JSON the cutting RPCs answer (supabase/migrations/…_garment_cutting_runs.sql). */
export type RunStatus = 'IN_PROGRESS' | 'PAUSED' | 'COMPLETED'

export interface CuttingRunJson {
  id: string
  org_id: string
  lay_id: string
  run_number: string
  cutter_id: string
  machine: string | null
  start_time: string
  end_time: string | null
  paused_at: string | null
  paused_minutes: number
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
  status: RunStatus
  cutter: { member_id: string; display_name: string } | null
  lay: { id: string; lay_number: number; status: string; plies: number; planned_units: number } | null
}

export interface BundleJson {
  id: string
  bundle_number: number
  number: string
  size: string
  colour: string
  shade: string
  quantity: number
  good_units: number
  status: string
}
