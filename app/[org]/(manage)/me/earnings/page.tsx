import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { EarningsPeriodForm } from '@/components/sewing/earnings-period-form'
import { EarningsTiles, OperationsByDay, PeriodTable } from '@/components/sewing/earnings-tables'
import { dbFail } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { EarningsQuery } from '@/lib/sewing/api/schemas'
import { addDays, earningsRows, level, periodFromSearch, weekStart } from '@/lib/sewing/earnings'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'My earnings' }
export const dynamic = 'force-dynamic'

/**
 * The signed-in operator's own sewing earnings (issue 14): today, this week and a chosen period, per
 * day and per operation at the piece rate in force when the work was done. Days are the workshop's.
 */
export default async function MyEarningsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org } = await requireOrg((await params).org)
  const header = <PageHeader title="My earnings" description="Piece rate × good units, at the rate of the day." />
  if (!org.can_act) {
    return (
      <>
        {header}
        <EmptyState title="PIN in to see your earnings">
          Your earnings open on a station tablet of {org.name}: PIN in there with your badge, then open My earnings.
        </EmptyState>
      </>
    )
  }
  const settings = await orgSettings(org.org_id)
  const today = settings.today
  const sp = await searchParams
  const chosen = periodFromSearch(sp, today)
  const form = <EarningsPeriodForm preset={chosen.preset} from={chosen.from} to={chosen.to} />
  const query = EarningsQuery.safeParse({ org_id: org.org_id, ...(chosen.period ?? {}), member_id: org.member_id })
  if (!chosen.period || !query.success) {
    return (
      <>
        {header}
        {form}
        <Alert tone="warning">
          {chosen.period ? query.error?.issues[0]?.message : 'Pick both days of a custom period'}
        </Alert>
      </>
    )
  }
  const week = { from: weekStart(today), to: addDays(weekStart(today), 6) }
  const supabase = await createClient()
  const [thisWeek, period] = await Promise.all([
    earningsRows(supabase, { org_id: org.org_id, ...week, member_id: org.member_id }),
    earningsRows(supabase, query.data),
  ])
  const error = thisWeek.error ?? period.error
  if (error) {
    const f = dbFail(error)
    return (
      <>
        {header}
        {form}
        <Alert tone={f.status >= 500 ? 'error' : 'warning'}>{f.message}</Alert>
      </>
    )
  }
  const weekRows = thisWeek.data ?? []
  const rows = period.data ?? []
  const { from, to } = query.data
  const weeks = level(rows, 'week')
  return (
    <>
      {header}
      <EarningsTiles
        currency={settings.currency}
        tiles={[
          {
            key: 'today',
            label: 'Today',
            hint: formatDate(today),
            row: level(weekRows, 'day').find((r) => r.work_date === today),
          },
          {
            key: 'week',
            label: 'This week',
            hint: `${formatDate(week.from)} – ${formatDate(week.to)}`,
            row: level(weekRows, 'week')[0],
          },
          {
            key: 'period',
            label: 'Period',
            hint: `${formatDate(from)} – ${formatDate(to)}`,
            row: level(rows, 'period')[0],
          },
        ]}
      />
      {form}
      <section className="flex flex-col gap-3" aria-labelledby="earnings-days">
        <h2 id="earnings-days" className="text-lg font-semibold">
          Per day, {formatDate(from)} – {formatDate(to)}
        </h2>
        <PeriodTable rows={level(rows, 'day')} by="day" currency={settings.currency} />
      </section>
      {weeks.length > 1 ? (
        <section className="flex flex-col gap-3" aria-labelledby="earnings-weeks">
          <h2 id="earnings-weeks" className="text-lg font-semibold">
            Per week
          </h2>
          <PeriodTable rows={weeks} by="week" currency={settings.currency} />
        </section>
      ) : null}
      {rows.length ? (
        <section className="flex flex-col gap-3" aria-labelledby="earnings-operations">
          <h2 id="earnings-operations" className="text-lg font-semibold">
            By operation
          </h2>
          <OperationsByDay rows={level(rows, 'operation')} currency={settings.currency} />
        </section>
      ) : null}
    </>
  )
}
