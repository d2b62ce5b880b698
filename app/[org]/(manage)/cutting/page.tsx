import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { NewLayForm } from '@/components/cutting/new-lay-form'
import { RunControls } from '@/components/cutting/run-controls'
import { Card } from '@/components/ui'
import { cuttingRoom, type LayRow } from '@/lib/cutting/queries'
import { floorContext } from '@/lib/floor/queries'
import { formatDateTime, formatNumber, statusWords } from '@/lib/format'

export const metadata = { title: 'Cutting' }

const LAY_TONE = { planned: 'neutral', cutting: 'amber', cut: 'green', cancelled: 'red' } as const
const RUN_WORD = { IN_PROGRESS: 'In progress', PAUSED: 'Paused', COMPLETED: 'Completed' } as const

/** The sizes of a lay's ratio in size-chart order (XS, S, M, L, XL, 2XL…, then numeric, then the rest). */
function ratioText(ratio: Record<string, number>): string {
  const chart = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '2XL', '3XL', '4XL', '5XL']
  const rank = (s: string) => {
    const i = chart.indexOf(s.toUpperCase())
    return i >= 0 ? i : Number.isFinite(Number(s)) ? 100 + Number(s) : 100000
  }
  return Object.entries(ratio)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([s, n]) => `${s}:${n}`)
    .join(' ')
}

/**
 * The cutting room (issue 14): the lays with their cutting runs — start, pause, resume and complete a
 * run on the room's tablet (completing cuts the lay into numbered bundles), print the bundles' labels —
 * the runs with their efficiency and wastage, and planning a new lay. The numbers are the database's.
 */
export default async function CuttingPage({ params }: { params: Promise<{ org: string }> }) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.org.can_act) return <Alert tone="warning">PIN in on the cutting room’s station to work here.</Alert>
  const room = await cuttingRoom(ctx.org.org_id)
  const tz = ctx.timeZone
  return (
    <>
      <PageHeader
        title="Cutting"
        description="Lays and their cutting runs. Start, pause and complete a run here; completing it cuts the lay into numbered bundles with labels to print."
      />
      <section aria-labelledby="lays-heading" className="flex flex-col gap-3">
        <h2 id="lays-heading" className="text-lg font-semibold">
          Lays
        </h2>
        {room.lays.length === 0 ? (
          <EmptyState title="No lays yet">Plan a lay for a cut order below.</EmptyState>
        ) : (
          <ul className="flex flex-col gap-3">
            {room.lays.map((lay) => (
              <LayItem key={lay.id} lay={lay} slug={slug} members={room.members} supervisor={ctx.supervisor} tz={tz} />
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="runs-heading" className="flex flex-col gap-3">
        <h2 id="runs-heading" className="text-lg font-semibold">
          Cutting runs
        </h2>
        <Card className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="cutting-runs">
            <thead className="text-left text-xs tracking-wide text-zinc-600 uppercase dark:text-zinc-400">
              <tr>
                <th scope="col" className="px-3 py-2">
                  Run
                </th>
                <th scope="col" className="px-3 py-2">
                  Lay
                </th>
                <th scope="col" className="px-3 py-2">
                  Cutter · machine
                </th>
                <th scope="col" className="px-3 py-2">
                  Started
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Plies · units
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Defective
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Standard / actual min
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Efficiency
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  Fabric · wastage
                </th>
                <th scope="col" className="px-3 py-2">
                  Status
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
              {room.runs.map((r) => (
                <tr key={r.id} data-testid="cutting-run">
                  <th scope="row" className="px-3 py-2 text-left font-mono font-semibold">
                    {r.run_number}
                  </th>
                  <td className="px-3 py-2">{r.lays ? `L-${r.lays.lay_number}` : '—'}</td>
                  <td className="px-3 py-2">
                    {r.members?.display_name ?? '—'}
                    {r.machine ? ` · ${r.machine}` : ''}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(r.start_time, tz)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {r.plies_cut} · {formatNumber(r.units_cut)}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.defective_units}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {r.standard_minutes ?? '—'} / {r.actual_minutes ?? '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums" data-testid="run-efficiency">
                    {r.efficiency !== null
                      ? `${formatNumber(Number(r.efficiency), { maximumFractionDigits: 1 })} %`
                      : '—'}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums whitespace-nowrap">
                    {r.fabric_used_kg !== null ? `${r.fabric_used_kg} kg` : '—'}
                    {r.wastage_kg !== null
                      ? ` · ${r.wastage_kg} kg (${formatNumber(Number(r.wastage_percent ?? 0), { maximumFractionDigits: 1 })} %)`
                      : ''}
                  </td>
                  <td className="px-3 py-2">{RUN_WORD[r.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      </section>

      {ctx.supervisor ? (
        <section aria-labelledby="new-lay-heading" className="flex flex-col gap-3">
          <h2 id="new-lay-heading" className="text-lg font-semibold">
            Plan a lay
          </h2>
          <Card className="p-5">
            <NewLayForm cutOrders={room.cutOrders} />
          </Card>
        </section>
      ) : null}
    </>
  )
}

function LayItem({
  lay,
  slug,
  members,
  supervisor,
  tz,
}: {
  lay: LayRow
  slug: string
  members: Array<{ id: string; display_name: string }>
  supervisor: boolean
  tz: string
}) {
  const bundleCount = lay.bundles[0]?.count ?? 0
  const open = lay.cutting_runs.find((r) => r.status !== 'COMPLETED')
  const cutter = open ? members.find((m) => m.id === open.cutter_id)?.display_name : undefined
  return (
    <li data-testid="lay" data-lay={`L-${lay.lay_number}`}>
      <Card className="flex flex-col gap-3 p-4 sm:p-5">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="flex flex-wrap items-center gap-2">
              <span className="text-xl font-bold tabular-nums">L-{lay.lay_number}</span>
              <Pill tone={LAY_TONE[lay.status]}>{statusWords(lay.status)}</Pill>
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                CO-{lay.cut_orders?.cut_order_number} · {lay.styles?.code} {lay.styles?.name}
              </span>
            </p>
            <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
              {lay.fabric} · {lay.colour} · shade {lay.shade} · marker {lay.marker_length_m} m · {lay.plies} plies ·{' '}
              {ratioText(lay.size_ratio)} · {formatNumber(lay.planned_units)} pieces planned · bundles of{' '}
              {lay.bundle_size}
            </p>
            {open ? (
              <p className="mt-1 text-sm font-medium" data-testid="open-run">
                {open.run_number} {RUN_WORD[open.status].toLowerCase()}
                {cutter ? ` · ${cutter}` : ''}
                {open.machine ? ` · ${open.machine}` : ''} · since {formatDateTime(open.start_time, tz)}
              </p>
            ) : null}
            {bundleCount ? (
              <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="lay-bundles">
                {bundleCount} bundles
              </p>
            ) : null}
          </div>
        </div>
        <RunControls slug={slug} lay={{ ...lay, bundleCount }} members={members} supervisor={supervisor} />
      </Card>
    </li>
  )
}
