import { EmptyState } from '@/components/common/empty-state'
import { Pill } from '@/components/common/pill'
import { Card } from '@/components/ui'
import { formatNumber } from '@/lib/format'
import type { SewingLine } from '@/lib/sewing/queries'

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} %`)

/**
 * Each operator of the line today against the SMV target: standard minutes earned (Σ SMV × units)
 * of the day's target (shift minutes × target efficiency), and efficiency (earned ÷ actual minutes).
 * Below target is said in words, not only by the bar.
 */
export function OperatorTargets({ line }: { line: SewingLine }) {
  const d = line.dashboard
  const target = Number(d.operators[0]?.target_minutes ?? (d.shift_minutes * d.target_efficiency) / 100)
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-base font-semibold">Operators today</h3>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">
        Target: {formatNumber(target)} standard minutes a day ({formatNumber(d.shift_minutes)} min shift at{' '}
        {pct(d.target_efficiency)}); efficiency = SMV × units ÷ actual minutes.
      </p>
      {d.operators.length === 0 ? (
        <EmptyState title="No operations completed today">
          Operators appear here with their first completed operation of the day.
        </EmptyState>
      ) : (
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="operator-table">
            <thead className="text-left text-xs tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Operator
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Units
                </th>
                <th scope="col" className="px-3 py-2">
                  Output vs target
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Efficiency
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Defects
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {d.operators.map((o) => {
                const share = Math.min(100, Math.max(0, o.output_vs_target ?? 0))
                const below = o.efficiency !== null && o.efficiency < d.target_efficiency
                return (
                  <tr key={o.member_id} data-testid="operator-row" data-operator={o.name}>
                    <th scope="row" className="px-3 py-2 text-left font-medium">
                      {o.name}
                      {o.badge_code ? (
                        <span className="ml-1 font-mono text-xs text-zinc-600 dark:text-zinc-400">{o.badge_code}</span>
                      ) : null}
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(o.units)}</td>
                    <td className="min-w-48 px-3 py-2">
                      <div className="flex items-center gap-2">
                        <div
                          aria-hidden="true"
                          className="h-2.5 w-28 shrink-0 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
                        >
                          <div
                            className="h-full rounded-full bg-brand-600 dark:bg-brand-400"
                            style={{ width: `${share}%` }}
                          />
                        </div>
                        <span className="tabular-nums">
                          {formatNumber(o.earned_minutes)} of {formatNumber(target)} min ({pct(o.output_vs_target)})
                        </span>
                      </div>
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                      {pct(o.efficiency)}{' '}
                      {below ? (
                        <Pill tone="amber">below target</Pill>
                      ) : o.efficiency !== null ? (
                        <Pill tone="green">on target</Pill>
                      ) : null}
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(o.defects)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </Card>
      )}
    </div>
  )
}
