import Link from 'next/link'
import { BarChart, LineChart } from '@/components/charts'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { RecomputeForm } from '@/components/stock/recompute-form'
import { Button, buttonClasses, Input } from '@/components/ui'
import { formatMoney, formatNumber, todayIn } from '@/lib/format'
import { atLeast, type Role } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'
import { analyticsReport, isSupervisor, orgMoney, type VariancePeriodType } from '@/lib/stock/queries'
import { Constants } from '@/types/database'

export const metadata = { title: 'Variance analytics' }

type Search = Record<string, string | string[] | undefined>
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined
const isDate = (v?: string) => Boolean(v && /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)))

/**
 * /[org]/stock/analytics (supervisors+): spec 02 variance analytics — accuracy per period, variance
 * by category and reason, the items that differed most, the value of shrinkage; CSV of the periods.
 */
export default async function StockAnalyticsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Search>
}) {
  const { org: slug } = await params
  const sp = await searchParams
  const { org } = await requireOrg(slug)
  if (!org.can_act || !isSupervisor(org.role))
    return (
      <>
        <PageHeader title="Variance analytics" />
        <Alert tone="warning">Variance analytics are for supervisors and above.</Alert>
      </>
    )
  const money = await orgMoney(org.org_id)
  const type = (Constants.public.Enums.variance_period_type.find((t) => t === one(sp.type)) ??
    'weekly') as VariancePeriodType
  const today = todayIn(money.timeZone)
  const to = isDate(one(sp.to)) ? (one(sp.to) as string) : today
  const from = isDate(one(sp.from))
    ? (one(sp.from) as string)
    : new Date(Date.parse(to) - 90 * 86_400_000).toISOString().slice(0, 10)
  const report = from <= to ? await analyticsReport(org.org_id, type, from, to) : { periods: [], worst_items: [] }
  const periods = report.periods
  const labels = periods.map((p) => p.period_start)
  const categories = [...new Set(periods.flatMap((p) => Object.keys(p.variance_by_category)))].sort()
  const reasons = [...new Set(periods.flatMap((p) => Object.keys(p.variance_by_reason)))].sort()
  const sum = (f: (p: (typeof periods)[number]) => number) => periods.reduce((s, p) => s + f(p), 0)
  const counted = sum((p) => p.total_items_counted)
  const differed = sum((p) => p.items_with_variance)
  const csv = `/api/stock/analytics/csv?${new URLSearchParams({ org_id: org.org_id, period_type: type, from, to })}`
  return (
    <>
      <PageHeader
        title="Variance analytics"
        description="What posted counts found: accuracy per period, variance by category and reason, shrinkage."
      />
      <form method="get" className="flex flex-wrap items-end gap-2" aria-label="Choose the periods">
        <label className="flex flex-col text-sm" htmlFor="va-type">
          Period
          <select
            id="va-type"
            name="type"
            defaultValue={type}
            className="h-10 rounded-md border border-zinc-300 bg-white px-2 dark:border-zinc-700 dark:bg-zinc-900"
          >
            <option value="daily">Daily</option>
            <option value="weekly">Weekly</option>
            <option value="monthly">Monthly</option>
          </select>
        </label>
        <label className="flex flex-col text-sm" htmlFor="va-from">
          From
          <Input id="va-from" type="date" name="from" defaultValue={from} />
        </label>
        <label className="flex flex-col text-sm" htmlFor="va-to">
          To
          <Input id="va-to" type="date" name="to" defaultValue={to} />
        </label>
        <Button type="submit" variant="secondary">
          Show
        </Button>
        <a href={csv} className={buttonClasses({ variant: 'ghost' })} download>
          Download CSV
        </a>
        <Link href={`/${slug}/counts`} className={buttonClasses({ variant: 'ghost' })}>
          Counts
        </Link>
      </form>
      {from > to ? <Alert tone="error">“From” is after “to”.</Alert> : null}
      <section aria-labelledby="va-totals" className="flex flex-col gap-1">
        <h2 id="va-totals" className="text-lg font-semibold">
          In this range
        </h2>
        <p>
          {formatNumber(counted)} items counted, {formatNumber(differed)} with a variance
          {counted
            ? ` (accuracy ${formatNumber(100 - (differed * 100) / counted, { maximumFractionDigits: 1 })}%)`
            : ''}{' '}
          · shrinkage{' '}
          {formatMoney(
            sum((p) => p.shrinkage_value),
            money.currency,
          )}{' '}
          · net{' '}
          {formatMoney(
            sum((p) => p.variance_value),
            money.currency,
          )}
        </p>
      </section>
      {periods.length ? (
        <>
          <LineChart
            labelHeader="Period"
            spec={{
              title: `Count accuracy per ${type === 'daily' ? 'day' : type === 'weekly' ? 'week' : 'month'}`,
              labels,
              unit: '%',
              series: [{ name: 'Accuracy', values: periods.map((p) => p.accuracy_score) }],
            }}
          />
          <BarChart
            labelHeader="Period"
            spec={{
              title: 'Lines with a variance, by category',
              labels,
              stacked: true,
              unit: 'lines',
              format: 'integer',
              series: categories.slice(0, 6).map((c) => ({
                name: c,
                values: periods.map((p) => p.variance_by_category[c]?.count ?? 0),
              })),
            }}
          />
          {reasons.length ? (
            <BarChart
              labelHeader="Reason"
              spec={{
                title: 'Variances by reason',
                labels: reasons,
                horizontal: true,
                unit: 'lines',
                format: 'integer',
                series: [{ name: 'Lines', values: reasons.map((r) => sum((p) => p.variance_by_reason[r] ?? 0)) }],
              }}
            />
          ) : null}
        </>
      ) : (
        <p>No posted count in this range.</p>
      )}
      {atLeast(org.role as Role, 'manager') && from <= to ? (
        <section aria-labelledby="va-recompute" className="flex flex-col gap-2">
          <h2 id="va-recompute" className="text-lg font-semibold">
            Recompute
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            The periods are recomputed when a count posts or is voided and every hour; recompute a range after
            correcting the past (the same range twice gives the same figures).
          </p>
          <RecomputeForm key={`${from}:${to}`} orgId={org.org_id} from={from} to={to} />
        </section>
      ) : null}
      <section aria-labelledby="va-worst" className="flex flex-col gap-2">
        <h2 id="va-worst" className="text-lg font-semibold">
          Items that differed most
        </h2>
        {report.worst_items.length ? (
          <table className="w-full text-sm">
            <caption className="sr-only">Items by absolute variance value</caption>
            <thead>
              <tr className="border-b border-zinc-200 text-left dark:border-zinc-800">
                <th scope="col">Item</th>
                <th scope="col">Category</th>
                <th scope="col" className="text-right">
                  Lines
                </th>
                <th scope="col" className="text-right">
                  Net variance
                </th>
                <th scope="col" className="text-right">
                  Value
                </th>
              </tr>
            </thead>
            <tbody>
              {report.worst_items.map((w) => (
                <tr key={w.stock_item_id} className="border-b border-zinc-100 dark:border-zinc-900">
                  <td>
                    <span className="font-mono">{w.code}</span> {w.name}
                  </td>
                  <td>{w.category}</td>
                  <td className="text-right tabular-nums">{w.lines}</td>
                  <td className="text-right tabular-nums">
                    {formatNumber(w.variance_qty)} {w.unit}
                  </td>
                  <td className="text-right tabular-nums">{formatMoney(w.variance_value, money.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm">No variances in this range.</p>
        )}
      </section>
    </>
  )
}
