import { cn } from '@/lib/cn'
import type { Kpi, KpiKey, Overview } from '@/lib/dashboard/types'
import { formatMoney, formatNumber } from '@/lib/format'

interface TileDef {
  key: KpiKey
  label: string
  kind: 'count' | 'percent' | 'hours' | 'money'
  /** a rise is good (efficiency) or bad (defects) — said in words, not only in colour */
  better: 'up' | 'down'
}

const TILES: TileDef[] = [
  { key: 'units_completed', label: 'Units completed', kind: 'count', better: 'up' },
  { key: 'overall_efficiency', label: 'Overall efficiency', kind: 'percent', better: 'up' },
  { key: 'qc_pass_rate', label: 'QC pass rate', kind: 'percent', better: 'up' },
  { key: 'defect_rate', label: 'Defect rate', kind: 'percent', better: 'down' },
  { key: 'rework_rate', label: 'Rework rate', kind: 'percent', better: 'down' },
  { key: 'units_cut', label: 'Units cut', kind: 'count', better: 'up' },
  { key: 'units_sewn', label: 'Units sewn', kind: 'count', better: 'up' },
  { key: 'cutting_efficiency', label: 'Cutting efficiency', kind: 'percent', better: 'up' },
  { key: 'sewing_efficiency', label: 'Sewing efficiency', kind: 'percent', better: 'up' },
  { key: 'employees_present', label: 'People present (sum of days)', kind: 'count', better: 'up' },
  { key: 'overtime_hours', label: 'Overtime', kind: 'hours', better: 'down' },
  { key: 'revenue_generated', label: 'Revenue', kind: 'money', better: 'up' },
]

function show(v: number | null, kind: TileDef['kind'], currency: string): string {
  if (v === null) return '—'
  switch (kind) {
    case 'percent':
      return `${formatNumber(v, { maximumFractionDigits: 1 })} %`
    case 'hours':
      return `${formatNumber(v, { maximumFractionDigits: 1 })} h`
    case 'money':
      return formatMoney(v, currency)
    default:
      return formatNumber(v)
  }
}

/** KPI tiles with the change against the previous period of the same length. */
export function KpiTiles({ overview, currency }: { overview: Overview; currency: string }) {
  const tiles = TILES.filter((t) => {
    const k = overview.kpis[t.key]
    // garment-only figures stay out of a headphone workshop's dashboard and the other way round
    return (
      k &&
      (k.value !== null || k.previous !== null) &&
      !(t.kind === 'count' && !k.value && !k.previous && t.key !== 'units_completed')
    )
  })
  return (
    <section aria-label="Key figures" className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-4">
      {tiles.map((t) => (
        <Tile key={t.key} def={t} kpi={overview.kpis[t.key] as Kpi} currency={currency} />
      ))}
    </section>
  )
}

function Tile({ def, kpi, currency }: { def: TileDef; kpi: Kpi; currency: string }) {
  const d = kpi.delta_pct
  const good = d === null || d === 0 ? null : d > 0 === (def.better === 'up')
  return (
    <div
      className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm break-inside-avoid dark:border-zinc-800 dark:bg-zinc-900"
      data-testid={`kpi-${def.key}`}
    >
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{def.label}</p>
      <p className="mt-1 text-2xl font-semibold tracking-tight tabular-nums">{show(kpi.value, def.kind, currency)}</p>
      <p
        className={cn(
          'mt-0.5 text-xs',
          good === true && 'text-emerald-700 dark:text-emerald-400',
          good === false && 'text-red-700 dark:text-red-400',
          good === null && 'text-zinc-600 dark:text-zinc-400',
        )}
      >
        {d === null
          ? `previous: ${show(kpi.previous, def.kind, currency)}`
          : `${d > 0 ? '▲ up' : d < 0 ? '▼ down' : 'no change,'} ${formatNumber(Math.abs(d), { maximumFractionDigits: 1 })} % vs ${show(kpi.previous, def.kind, currency)}${good === null ? '' : good ? ' (better)' : ' (worse)'}`}
      </p>
    </div>
  )
}
