import 'server-only'
import Link from 'next/link'
import { count, formatDate, formatNumber } from '@/lib/format'
import { getSummary } from '@/lib/summary/queries'
import { createClient } from '@/lib/supabase/server'

/** The instant today began in `timeZone` (ISO), for "created today". */
function startOfToday(today: string, timeZone: string): string {
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(`${today}T12:00:00Z`))
      .find((p) => p.type === 'timeZoneName')
      ?.value.replace('GMT', '') || '+00:00'
  return `${today}T00:00:00${offset === '' ? '+00:00' : offset}`
}

/**
 * The workshop's overview for supervisors and above (issue 10: the home was the person's name and no
 * figures): today's orders, batches in production and the late ones, who is working now. The
 * dashboard issue fills in more; every figure links to its page.
 */
export async function WorkshopOverview({ orgId, slug, timeZone }: { orgId: string; slug: string; timeZone: string }) {
  const supabase = await createClient()
  const { summary } = await getSummary(orgId)
  const [ordersToday, live] = await Promise.all([
    supabase
      .from('orders')
      .select('id', { count: 'exact', head: true })
      .eq('org_id', orgId)
      .gte('created_at', startOfToday(summary.today, timeZone)),
    supabase.rpc('floor_live_sessions', { p_org_id: orgId }),
  ])
  const working = Array.isArray(live.data) ? live.data.length : null
  const late = summary.late_batches.slice(0, 3)
  const base = `/${slug}`
  return (
    <section aria-labelledby="overview-title" className="flex flex-col gap-3">
      <h2 id="overview-title" className="sr-only">
        Today
      </h2>
      <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure
          label="Orders today"
          value={formatNumber(ordersToday.count ?? 0)}
          href={`${base}/orders`}
          testId="overview-orders-today"
        />
        <Figure
          label="In production"
          value={count(summary.totals.batches_in_progress, 'batch', 'batches')}
          note={count(summary.totals.orders_in_progress, 'order')}
          href={`${base}/batches`}
          testId="overview-in-production"
        />
        <Figure
          label="Late batches"
          value={formatNumber(summary.totals.late_batches)}
          note={
            late.length
              ? late
                  .map((b) => `${b.batch_number} (due ${formatDate(b.target_completion, { today: summary.today })})`)
                  .join(', ')
              : 'None late'
          }
          href={`${base}/summary`}
          tone={summary.totals.late_batches ? 'late' : undefined}
          testId="overview-late"
        />
        <Figure
          label="Working now"
          value={working === null ? '—' : formatNumber(working)}
          note="On the floor"
          href={`${base}/floor`}
          testId="overview-working"
        />
      </dl>
    </section>
  )
}

function Figure({
  label,
  value,
  note,
  href,
  tone,
  testId,
}: {
  label: string
  value: string
  note?: string
  href: string
  tone?: 'late'
  testId: string
}) {
  return (
    // a <div> is what a <dl> may hold: the figure's link covers the whole card through its ::after
    <div
      data-testid={testId}
      className="relative flex min-h-11 flex-col rounded-2xl border border-zinc-200 bg-white p-4 shadow-sm transition-colors hover:border-brand-500 has-[a:focus-visible]:ring-2 has-[a:focus-visible]:ring-brand-500 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">
        <Link href={href} className="after:absolute after:inset-0 after:rounded-2xl focus-visible:outline-none">
          {label}
        </Link>
      </dt>
      <dd
        className={
          tone === 'late'
            ? 'text-3xl font-semibold text-red-700 tabular-nums dark:text-red-300'
            : 'text-3xl font-semibold tabular-nums'
        }
      >
        {value}
      </dd>
      {note ? <dd className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">{note}</dd> : null}
    </div>
  )
}
