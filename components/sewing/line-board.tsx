import { Chart, type ChartSpec } from '@/components/charts'
import { EmptyState } from '@/components/common/empty-state'
import { Pill } from '@/components/common/pill'
import { Card } from '@/components/ui'
import { count, formatNumber } from '@/lib/format'
import type { BoardOperation, SewingLine } from '@/lib/sewing/queries'
import { OperatorTargets } from './operator-targets'

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, { maximumFractionDigits: 1 })} %`)

/** Operations with something to show today: work in front of them or output of the day. */
const busy = (o: BoardOperation) => o.bundles_waiting + o.bundles_in_progress + o.bundles_blocked + o.units_today > 0

/**
 * One sewing line (a team): its efficiency and output today, the bottleneck named in words, work in
 * progress per operation (bundles waiting, in progress, blocked behind a dependency) for the product
 * types it sews, and each operator against the day's SMV target. Every figure is sewing_dashboard's.
 */
export function LineBoard({ line }: { line: SewingLine }) {
  const d = line.dashboard
  const types = [...new Set(d.operations.filter(busy).map((o) => o.product_type))]
  const headingId = `line-${line.teamId ?? 'none'}`
  return (
    <section
      aria-labelledby={headingId}
      className="flex flex-col gap-4"
      data-testid="sewing-line"
      data-line={line.name}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={headingId} className="text-xl font-semibold">
          {line.name}
          {line.description ? (
            <span className="ml-2 text-base font-normal text-zinc-600 dark:text-zinc-400">{line.description}</span>
          ) : null}
        </h2>
      </div>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        <Figure label="Line efficiency today" value={pct(d.line.efficiency_today)} testId="line-efficiency">
          target {pct(d.target_efficiency)}
        </Figure>
        <Figure label="Units sewn today" value={formatNumber(d.line.units_today)} />
        <Figure label="Bundles on the line" value={formatNumber(d.line.bundles_in_sewing)} />
        <Figure label="Bundles finished today" value={formatNumber(d.line.bundles_sewn_today)} />
        <Figure
          label="Defects per 100 units"
          value={d.line.defects_per_hundred_units === null ? '—' : formatNumber(d.line.defects_per_hundred_units)}
        />
      </dl>

      {d.bottleneck ? (
        <p
          className="rounded-xl border border-amber-300 bg-amber-50 px-4 py-3 text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200"
          data-testid="bottleneck"
        >
          <strong>Bottleneck: {d.bottleneck.name}</strong> ({d.bottleneck.product_type}) —{' '}
          {count(d.bottleneck.units_waiting + d.bottleneck.units_in_progress, 'unit')} in front of it (
          {count(d.bottleneck.bundles_waiting, 'bundle')} waiting, {d.bottleneck.bundles_in_progress} in progress).
        </p>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400" data-testid="bottleneck">
          No bottleneck: nothing is waiting in front of an operation.
        </p>
      )}

      {types.length === 0 ? (
        <EmptyState title={`Nothing on ${line.name} today`}>
          No bundle is waiting or being sewn, and nothing was finished today. Bundles start down a line when an operator
          scans them at a station.
        </EmptyState>
      ) : (
        types.map((type) => (
          <WipTable
            key={type}
            type={type}
            lineName={line.name}
            operations={d.operations.filter((o) => o.product_type === type)}
            bottleneckId={d.bottleneck?.operation_id ?? null}
          />
        ))
      )}

      <OperatorTargets line={line} />
    </section>
  )
}

function Figure({
  label,
  value,
  children,
  testId,
}: {
  label: string
  value: string
  children?: React.ReactNode
  testId?: string
}) {
  return (
    // a <div> (not Card's <section>): a <dl> holds its dt/dd groups in divs only
    <div className="flex flex-col gap-1 rounded-xl border border-zinc-200 bg-white p-3 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <dt className="text-xs text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-2xl font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {children ? <dd className="text-xs text-zinc-600 dark:text-zinc-400">{children}</dd> : null}
    </div>
  )
}

function WipTable({
  type,
  lineName,
  operations,
  bottleneckId,
}: {
  type: string
  lineName: string
  operations: BoardOperation[]
  bottleneckId: string | null
}) {
  const spec: ChartSpec = {
    kind: 'bar',
    title: `${lineName}, ${type}: units in front of each operation`,
    labels: operations.map((o) => `${o.sequence_number}. ${o.name}`),
    series: [
      { name: 'Waiting', values: operations.map((o) => o.units_waiting) },
      { name: 'In progress', values: operations.map((o) => o.units_in_progress) },
    ],
    stacked: true,
    horizontal: true,
    unit: 'units',
    format: 'integer',
  }
  return (
    <div className="flex flex-col gap-3">
      <h3 className="text-base font-semibold">{type}: work in progress per operation</h3>
      <Card className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="wip-table" data-type={type}>
          <thead className="text-left text-xs tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
            <tr>
              <th scope="col" className="px-3 py-2">
                Operation
              </th>
              <th scope="col" className="px-3 py-2">
                Machine
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Waiting
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                In progress
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Blocked
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Units today
              </th>
              <th scope="col" className="px-3 py-2 text-right">
                Efficiency today
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {operations.map((o) => {
              const bottleneck = o.operation_id === bottleneckId
              return (
                <tr
                  key={o.operation_id}
                  data-testid="wip-row"
                  data-operation={o.name}
                  className={bottleneck ? 'bg-amber-50 dark:bg-amber-500/10' : undefined}
                >
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    {o.sequence_number}. {o.name}{' '}
                    {bottleneck ? (
                      <Pill tone="amber" className="ml-1">
                        Bottleneck
                      </Pill>
                    ) : null}
                  </th>
                  <td className="px-3 py-2 text-zinc-600 dark:text-zinc-400">{o.machine_type ?? '—'}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {o.bundles_waiting ? `${o.bundles_waiting} · ${formatNumber(o.units_waiting)} u` : '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {o.bundles_in_progress ? `${o.bundles_in_progress} · ${formatNumber(o.units_in_progress)} u` : '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{o.bundles_blocked || '—'}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(o.units_today)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(o.efficiency_today)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <p className="px-3 py-2 text-xs text-zinc-600 dark:text-zinc-400">
          Bundles · units. Waiting: ready to start (what it depends on is done). Blocked: still waiting for an earlier
          operation.
        </p>
      </Card>
      <Chart spec={spec} labelHeader="Operation" height={Math.max(160, operations.length * 28)} />
    </div>
  )
}
