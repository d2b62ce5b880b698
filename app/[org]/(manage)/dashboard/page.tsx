import { Chart, type ChartSpec } from '@/components/charts'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { ExportLink } from '@/components/dashboard/export-link'
import { KpiTiles } from '@/components/dashboard/kpi-tiles'
import { RangeForm } from '@/components/dashboard/range-form'
import { overviewRpc } from '@/lib/dashboard/api'
import { OverviewQuery, type Range } from '@/lib/dashboard/schemas'
import type { Overview } from '@/lib/dashboard/types'
import { dbFail } from '@/lib/errors'
import { formatDate, formatDateTime, formatNumber } from '@/lib/format'
import { atLeast } from '@/lib/members/roles'
import { orgSettings } from '@/lib/orders/queries'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Dashboard' }
export const dynamic = 'force-dynamic'

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined
const pct = (v: number | null) => (v === null ? null : v / 100)

/** Managers' dashboard (issue 17): KPIs against the previous period, trends, WIP, late orders, people. */
export default async function DashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Search>
}) {
  const { org } = await requireOrg((await params).org)
  const sp = await searchParams
  const [settings, places] = await Promise.all([orgSettings(org.org_id), orgPlaces(org.org_id)])
  const parsed = OverviewQuery.safeParse({
    org_id: org.org_id,
    range: one(sp.range) ?? '7d',
    from: one(sp.from),
    to: one(sp.to),
    location_id: one(sp.location),
  })
  const range = (parsed.success ? parsed.data.range : '7d') as Range
  const form = (
    <RangeForm
      range={range}
      from={one(sp.from)}
      to={one(sp.to)}
      locationId={one(sp.location)}
      locations={places.locations.filter((l) => l.is_active)}
    />
  )
  if (!parsed.success) {
    return (
      <>
        <PageHeader title="Dashboard" />
        {form}
        <Alert tone="warning">{parsed.error.issues[0]?.message ?? 'Check the range'}</Alert>
      </>
    )
  }
  const q = parsed.data
  const supabase = await createClient()
  const { data, error } = await overviewRpc(supabase, q)
  if (error) {
    const f = dbFail(error, {})
    return (
      <>
        <PageHeader title="Dashboard" />
        {form}
        <Alert tone={f.status >= 500 ? 'error' : 'warning'}>{f.message}</Alert>
      </>
    )
  }
  const o = data as unknown as Overview
  const dayLabels = o.days.map((d) => formatDate(d.date))
  const supervisor = atLeast(org.role, 'supervisor')

  const efficiency: ChartSpec = {
    kind: 'line',
    title: 'Efficiency per day by department',
    labels: dayLabels,
    format: 'percent',
    series: [
      { name: 'Overall', values: o.days.map((d) => pct(d.overall_efficiency)) },
      ...(o.days.some((d) => d.cutting_efficiency !== null)
        ? [{ name: 'Cutting', values: o.days.map((d) => pct(d.cutting_efficiency)) }]
        : []),
      ...(o.days.some((d) => d.sewing_efficiency !== null)
        ? [{ name: 'Sewing', values: o.days.map((d) => pct(d.sewing_efficiency)) }]
        : []),
    ],
  }
  const shiftCodes = o.shift_names.map((s) => s.code)
  const units: ChartSpec = {
    kind: 'bar',
    stacked: true,
    title: 'Units completed per day, by shift',
    labels: dayLabels,
    unit: 'units',
    format: 'integer',
    series: o.shift_names.slice(0, 6).map((s) => ({
      name: `${s.name} (${s.starts_at}–${s.ends_at})`,
      values: o.days.map((d) => o.shifts.find((x) => x.date === d.date && x.shift === s.code)?.units_completed ?? 0),
    })),
  }
  const quality: ChartSpec = {
    kind: 'line',
    title: 'Quality per day',
    labels: dayLabels,
    format: 'percent',
    series: [
      { name: 'QC pass rate', values: o.days.map((d) => pct(d.qc_pass_rate)) },
      { name: 'Defect rate', values: o.days.map((d) => pct(d.defect_rate)) },
      { name: 'Rework rate', values: o.days.map((d) => pct(d.rework_rate)) },
    ],
  }
  const wip: ChartSpec = {
    kind: 'bar',
    horizontal: true,
    title: 'Work in progress by stage',
    labels: o.wip.map((w) => `${w.kind === 'bundle' ? 'Bundles' : 'Batches'}: ${w.label}`),
    unit: 'items',
    format: 'integer',
    series: [{ name: 'Items', values: o.wip.map((w) => w.items) }],
  }
  const ranked = (o.operators ?? []).filter((x) => x.efficiency !== null)
  const top = ranked.slice(0, 5)
  const bottom = ranked.length > 5 ? ranked.slice(-5).reverse() : []

  return (
    <>
      <PageHeader
        title="Dashboard"
        description={`${formatDate(o.range.from)} – ${formatDate(o.range.to)} vs ${formatDate(o.range.previous_from)} – ${formatDate(o.range.previous_to)} · computed ${formatDateTime(o.computed_at, settings.timeZone)}${o.cached ? ' (cached)' : ''}`}
      />
      {form}
      {shiftCodes.length === 0 ? (
        <Alert tone="info">No shifts are set up, so overtime and units per shift are not shown.</Alert>
      ) : null}
      <KpiTiles overview={o} currency={settings.currency} />

      <section className="grid gap-6 lg:grid-cols-2">
        <div className="flex flex-col gap-2">
          <Chart spec={efficiency} labelHeader="Day" />
          <ExportLink table="days" query={q} label="daily figures" />
        </div>
        <div className="flex flex-col gap-2">
          <Chart spec={units} labelHeader="Day" />
          <ExportLink table="shifts" query={q} label="units per shift" />
        </div>
        <div className="flex flex-col gap-2">
          <Chart spec={quality} labelHeader="Day" />
          <ExportLink table="days" query={q} label="daily figures" />
        </div>
        <div className="flex flex-col gap-2">
          {o.wip.length ? (
            <Chart spec={wip} labelHeader="Stage" />
          ) : (
            <EmptyState title="Nothing in progress">No open batch or bundle.</EmptyState>
          )}
          <ExportLink table="wip" query={q} label="work in progress" />
        </div>
      </section>

      {supervisor ? (
        <section className="flex flex-col gap-3" aria-labelledby="dash-operators">
          <h2 id="dash-operators" className="text-lg font-semibold">
            Operators by efficiency
          </h2>
          {ranked.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">
              No one worked a quarter of an hour in this range.
            </p>
          ) : (
            <div className="grid gap-4 md:grid-cols-2">
              <PeopleTable caption="Highest" rows={top} />
              {bottom.length ? <PeopleTable caption="Lowest" rows={bottom} /> : null}
            </div>
          )}
          <ExportLink table="operators" query={q} label="all operators" />
        </section>
      ) : null}

      <section className="flex flex-col gap-3" aria-labelledby="dash-late">
        <h2 id="dash-late" className="text-lg font-semibold">
          Late orders ({formatNumber(o.late_orders.count)})
        </h2>
        {o.late_orders.items.length === 0 ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">No order is past its due date.</p>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-zinc-200 dark:border-zinc-800">
            <table className="w-full text-left text-sm">
              <thead className="bg-zinc-50 dark:bg-zinc-900">
                <tr>
                  <th scope="col" className="px-3 py-2">
                    Order
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Customer
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Due
                  </th>
                  <th scope="col" className="px-3 py-2 text-right">
                    Days late
                  </th>
                  <th scope="col" className="px-3 py-2">
                    Status
                  </th>
                </tr>
              </thead>
              <tbody>
                {o.late_orders.items.map((l) => (
                  <tr key={l.id} className="border-t border-zinc-200 dark:border-zinc-800">
                    <td className="px-3 py-2 font-medium">
                      <a className="underline underline-offset-2" href={`/${org.slug}/orders/${l.id}`}>
                        {l.order_number}
                      </a>
                    </td>
                    <td className="px-3 py-2">{l.customer ?? '—'}</td>
                    <td className="px-3 py-2">{formatDate(l.due_date)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{l.days_late}</td>
                    <td className="px-3 py-2">{l.status.replaceAll('_', ' ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ExportLink table="late-orders" query={q} label="late orders" />
      </section>
    </>
  )
}

function PeopleTable({ caption, rows }: { caption: string; rows: NonNullable<Overview['operators']> }) {
  return (
    <table className="w-full text-left text-sm">
      <caption className="pb-1 text-left font-medium">{caption}</caption>
      <thead className="bg-zinc-50 dark:bg-zinc-900">
        <tr>
          <th scope="col" className="px-3 py-2">
            Operator
          </th>
          <th scope="col" className="px-3 py-2 text-right">
            Efficiency
          </th>
          <th scope="col" className="px-3 py-2 text-right">
            Earned h
          </th>
          <th scope="col" className="px-3 py-2 text-right">
            Attended h
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.member_id} className="border-t border-zinc-200 dark:border-zinc-800">
            <td className="px-3 py-2">{r.name}</td>
            <td className="px-3 py-2 text-right tabular-nums">
              {formatNumber(r.efficiency ?? 0, { maximumFractionDigits: 1 })} %
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {formatNumber(r.earned_hours, { maximumFractionDigits: 1 })}
            </td>
            <td className="px-3 py-2 text-right tabular-nums">
              {formatNumber(r.attended_hours, { maximumFractionDigits: 1 })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
