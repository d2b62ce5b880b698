/** What public.dashboard_overview answers (docs/dashboards.md), as the screen and exports read it. */
export interface Kpi {
  value: number | null
  previous: number | null
  delta_pct: number | null
}

export const KPI_KEYS = [
  'units_completed',
  'overall_efficiency',
  'qc_pass_rate',
  'defect_rate',
  'rework_rate',
  'units_cut',
  'units_sewn',
  'cutting_efficiency',
  'sewing_efficiency',
  'employees_present',
  'overtime_hours',
  'revenue_generated',
] as const
export type KpiKey = (typeof KPI_KEYS)[number]

export interface DayFigures {
  date: string
  overall_efficiency: number
  cutting_efficiency: number | null
  sewing_efficiency: number | null
  units_completed: number
  units_cut: number
  units_sewn: number
  qc_pass_rate: number | null
  defect_rate: number | null
  rework_rate: number | null
  employees_present: number
  overtime_hours: number | null
  revenue_generated?: number | null
}

export interface ShiftFigures {
  date: string
  shift: string
  units_completed: number
  units_cut: number
  units_sewn: number
  employees_present: number
}

export interface Wip {
  kind: 'batch' | 'bundle'
  stage: string
  label: string
  position: number
  items: number
  units?: number
}

export interface LateOrder {
  id: string
  order_number: string
  due_date: string
  status: string
  days_late: number
  customer: string | null
}

export interface OperatorFigures {
  member_id: string
  name: string
  efficiency: number | null
  earned_hours: number
  attended_hours: number
  units: number
}

export interface Overview {
  range: {
    from: string
    to: string
    previous_from: string
    previous_to: string
    today: string
    time_zone: string
    location_id: string | null
  }
  kpis: Partial<Record<KpiKey, Kpi>>
  days: DayFigures[]
  shifts: ShiftFigures[]
  shift_names: { code: string; name: string; starts_at: string; ends_at: string }[]
  wip: Wip[]
  late_orders: { count: number; items: LateOrder[] }
  operators?: OperatorFigures[]
  computed_at: string
  cached: boolean
}
