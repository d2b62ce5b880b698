import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { EarningsPeriodForm } from '@/components/sewing/earnings-period-form'
import { OperationsByDay, OperatorTable, PeriodTable } from '@/components/sewing/earnings-tables'
import { dbFail } from '@/lib/errors'
import { formatDate } from '@/lib/format'
import { atLeast } from '@/lib/members/roles'
import { orgSettings } from '@/lib/orders/queries'
import { requireOrg } from '@/lib/orgs/queries'
import { EarningsQuery } from '@/lib/sewing/api/schemas'
import { earningsRows, level, periodFromSearch, total } from '@/lib/sewing/earnings'
import { createClient } from '@/lib/supabase/server'

export const metadata = { title: 'Sewing earnings' }
export const dynamic = 'force-dynamic'

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined

/**
 * Supervisors+: every operator's sewing earnings for a period (piece rate in force × good units), the
 * totals, one operator's days and operations, and the payroll CSV of the same rows.
 */
export default async function SewingEarningsPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org } = await requireOrg((await params).org)
  const header = (
    <PageHeader
      title="Sewing earnings"
      description="What each operator earned: piece rate × good units, at the rate of the day."
    />
  )
  if (!atLeast(org.role, 'supervisor') || !org.can_act) {
    return (
      <>
        {header}
        <Alert tone="info">
          Supervisors and above see everyone&apos;s earnings. Yours are on{' '}
          <Link className="underline underline-offset-2" href={`/${org.slug}/me/earnings`}>
            My earnings
          </Link>
          .
        </Alert>
      </>
    )
  }
  const settings = await orgSettings(org.org_id)
  const sp = await searchParams
  const chosen = periodFromSearch(sp, settings.today)
  const member = one(sp.member)
  const form = <EarningsPeriodForm preset={chosen.preset} from={chosen.from} to={chosen.to} member={member} />
  const query = EarningsQuery.safeParse({ org_id: org.org_id, ...(chosen.period ?? {}) })
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
  const supabase = await createClient()
  // the table's rows and the days worked, and one operator's days and operations when one is picked
  const [byOperator, byDay, detail] = await Promise.all([
    earningsRows(supabase, query.data, { level: 'period' }),
    earningsRows(supabase, query.data, { level: 'day' }),
    member ? earningsRows(supabase, { ...query.data, member_id: member }) : Promise.resolve({ data: [], error: null }),
  ])
  const error = byOperator.error ?? byDay.error ?? detail.error
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
  const rows = detail.data
  const { from, to } = query.data
  const operators = byOperator.data
  const days = new Map<string, number>()
  for (const d of byDay.data) days.set(d.member_id, (days.get(d.member_id) ?? 0) + 1)
  const keep = new URLSearchParams({ period: chosen.preset, ...(chosen.preset === 'custom' ? { from, to } : {}) })
  const csv = (l: string) =>
    `/api/sewing/earnings/export?${new URLSearchParams({ org_id: org.org_id, from, to, level: l })}`
  const picked = member ? operators.find((o) => o.member_id === member) : undefined
  const link = 'text-sm font-medium text-blue-700 underline underline-offset-2 dark:text-blue-300'
  return (
    <>
      {header}
      {form}
      <section className="flex flex-col gap-3" aria-labelledby="earnings-operators">
        <h2 id="earnings-operators" className="text-lg font-semibold">
          Operators, {formatDate(from)} – {formatDate(to)}
        </h2>
        <OperatorTable
          rows={operators}
          days={days}
          totals={{
            units: total(operators, 'units'),
            good_units: total(operators, 'good_units'),
            rework_units: total(operators, 'rework_units'),
            earnings: total(operators, 'earnings'),
          }}
          currency={settings.currency}
          href={(id) => `?${new URLSearchParams([...keep, ['member', id]])}#operator-detail`}
        />
        <p className="flex flex-wrap gap-x-6 gap-y-2 print:hidden">
          <a href={csv('period')} download className={link}>
            Download payroll (CSV)
          </a>
          <a href={csv('day')} download className={link}>
            Download per day (CSV)
          </a>
          <a href={csv('operation')} download className={link}>
            Download per operation (CSV)
          </a>
        </p>
      </section>
      {picked ? (
        <section id="operator-detail" className="flex flex-col gap-3" aria-labelledby="earnings-operator">
          <h2 id="earnings-operator" className="text-lg font-semibold">
            {picked.member_name}
            {picked.badge_code ? ` (${picked.badge_code})` : ''}: per day
          </h2>
          <PeriodTable
            rows={level(rows, 'day').filter((r) => r.member_id === member)}
            by="day"
            currency={settings.currency}
          />
          <OperationsByDay rows={level(rows, 'operation')} currency={settings.currency} />
        </section>
      ) : null}
    </>
  )
}
