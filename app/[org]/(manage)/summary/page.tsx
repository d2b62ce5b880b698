import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { PriorityPill } from '@/components/orders/status-pill'
import { RefreshButton } from '@/components/summary/refresh-button'
import { StageChart } from '@/components/summary/stage-chart'
import { ThroughputChart } from '@/components/summary/throughput-chart'
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui'
import { hours, shortDate } from '@/lib/batches/format'
import { cn } from '@/lib/cn'
import { atLeast } from '@/lib/members/roles'
import { dateTime } from '@/lib/orders/format'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { getSummary } from '@/lib/summary/queries'

export const metadata = { title: 'Production summary' }

/** Orders and hours by stage, late batches and this week's throughput, from the summary views. */
export default async function SummaryPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Production summary" />
        <Alert tone="info">Supervisors and above see the production summary.</Alert>
      </>
    )
  }
  const [{ summary, refresh }, settings] = await Promise.all([getSummary(org.org_id), orgSettings(org.org_id)])
  const t = summary.throughput
  const week = t.by_day.filter((d) => d.day >= t.week_start)
  const empty = summary.totals.batches_in_progress === 0 && summary.pending.order_count === 0

  return (
    <>
      <PageHeader
        title="Production summary"
        description={
          summary.refreshed_at ? (
            <>
              As of {dateTime(summary.refreshed_at, settings.timeZone)}
              {summary.stale && refresh?.status !== 'refreshed' ? ' · newer changes arrive within seconds' : ''}
            </>
          ) : (
            'Not computed yet'
          )
        }
        actions={<RefreshButton force={atLeast(org.role, 'manager')} />}
      />

      <section aria-label="Totals" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Kpi label="Batches in production" value={summary.totals.batches_in_progress} />
        <Kpi
          label="Orders in production"
          value={summary.totals.orders_in_progress}
          sub={`${summary.pending.order_count} waiting for a batch`}
        />
        <Kpi
          label="Hours of work left"
          value={hours(Math.round(summary.totals.remaining_hours))}
          sub="incl. orders not yet batched"
        />
        <Kpi
          label="Late batches"
          value={summary.totals.late_batches}
          tone={summary.totals.late_batches > 0 ? 'red' : undefined}
          sub={summary.totals.late_batches > 0 ? 'past their target date' : 'all on schedule'}
        />
      </section>

      {empty ? (
        <EmptyState title="Nothing in production">Orders and batches appear here as soon as work starts.</EmptyState>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1.15fr)_minmax(0,1fr)]">
        <Card aria-labelledby="by-stage">
          <CardHeader>
            <CardTitle id="by-stage">Orders and hours by stage</CardTitle>
            <CardDescription>Hours left: each order's remaining stage hours from where its batch is.</CardDescription>
          </CardHeader>
          <CardContent>
            <StageChart summary={summary} />
          </CardContent>
        </Card>

        <div className="flex flex-col gap-6">
          <Card aria-labelledby="throughput">
            <CardHeader>
              <CardTitle id="throughput">Throughput</CardTitle>
              <CardDescription>This week since {shortDate(t.week_start, summary.today)}</CardDescription>
            </CardHeader>
            <CardContent className="flex flex-col gap-5">
              <dl className="grid grid-cols-4 gap-2 text-center">
                <Mini label="Batches done" value={t.batches_completed} />
                <Mini label="Orders done" value={t.orders_completed} />
                <Mini label="Stage moves" value={t.stage_moves} />
                <Mini label="Returns" value={t.returns} warn={t.returns > 0} />
              </dl>
              <ThroughputChart days={t.by_day} weekStart={t.week_start} />
              <p className="sr-only">
                This week by day: {week.map((d) => `${d.day} ${d.stage_moves} moves`).join(', ')}
              </p>
            </CardContent>
          </Card>

          <Card aria-labelledby="late">
            <CardHeader>
              <CardTitle id="late">Late batches</CardTitle>
              <CardDescription>Past their target date, most overdue first</CardDescription>
            </CardHeader>
            <CardContent>
              {summary.late_batches.length === 0 ? (
                <p className="text-sm text-zinc-500 dark:text-zinc-400">None. Everything is on schedule.</p>
              ) : (
                <ul className="divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="late-batches">
                  {summary.late_batches.map((b) => (
                    <li key={b.id} className="flex items-center justify-between gap-3 py-2.5 text-sm">
                      <div className="min-w-0">
                        <p className="flex items-center gap-2 font-medium">
                          {b.batch_number} <PriorityPill priority={b.priority} />
                        </p>
                        <p className="text-xs text-zinc-500 dark:text-zinc-400">
                          {b.stage} · {b.order_count} {b.order_count === 1 ? 'order' : 'orders'} · target{' '}
                          {shortDate(b.target_completion, summary.today)}
                        </p>
                      </div>
                      <span className="shrink-0 rounded-full bg-red-50 px-2 py-0.5 text-xs font-semibold text-red-700 dark:bg-red-500/10 dark:text-red-300">
                        {b.days_late} {b.days_late === 1 ? 'day' : 'days'} late
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
        </div>
      </div>
    </>
  )
}

function Kpi({ label, value, sub, tone }: { label: string; value: number | string; sub?: string; tone?: 'red' }) {
  return (
    <div className="rounded-xl border border-zinc-200 bg-white p-4 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <p className="text-sm text-zinc-500 dark:text-zinc-400">{label}</p>
      <p
        className={cn(
          'mt-1 text-3xl font-semibold tracking-tight tabular-nums',
          tone === 'red' && 'text-red-600 dark:text-red-400',
        )}
      >
        {value}
      </p>
      {sub ? <p className="mt-0.5 text-xs text-zinc-500 dark:text-zinc-400">{sub}</p> : null}
    </div>
  )
}

function Mini({ label, value, warn }: { label: string; value: number; warn?: boolean }) {
  return (
    <div className="rounded-lg bg-zinc-50 px-2 py-2.5 dark:bg-zinc-800/50">
      <dd className={cn('text-xl font-semibold tabular-nums', warn && 'text-amber-600 dark:text-amber-400')}>
        {value}
      </dd>
      <dt className="text-[0.7rem] text-zinc-500 dark:text-zinc-400">{label}</dt>
    </div>
  )
}
