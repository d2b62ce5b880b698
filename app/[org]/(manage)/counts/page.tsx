import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { CountCreateForm } from '@/components/stock/count-create-form'
import { CountsLive } from '@/components/stock/live-refresh'
import { formatDateTime, formatMoney } from '@/lib/format'
import { orgPlaces, requireOrg } from '@/lib/orgs/queries'
import { counterChoices, countList, isSupervisor, orgMoney, stockItems } from '@/lib/stock/queries'

export const metadata = { title: 'Counts' }

const STATUS_TONE: Record<string, 'neutral' | 'brand' | 'green' | 'amber' | 'red'> = {
  draft: 'neutral',
  in_progress: 'brand',
  review: 'amber',
  posted: 'green',
  cancelled: 'neutral',
  voided: 'red',
}

/** /[org]/counts (supervisors+): the workshop's counts, live, and a new one (docs/stock.md). */
export default async function CountsPage({ params }: { params: Promise<{ org: string }> }) {
  const { org: slug } = await params
  const { org } = await requireOrg(slug)
  if (!org.can_act || !isSupervisor(org.role))
    return (
      <>
        <PageHeader title="Counts" />
        <Alert tone="warning">Counts are run by supervisors and above; counters work on the tablet.</Alert>
      </>
    )
  const [counts, places, items, counters, money] = await Promise.all([
    countList(org.org_id),
    orgPlaces(org.org_id),
    stockItems(org.org_id),
    counterChoices(org.org_id),
    orgMoney(org.org_id),
  ])
  const categories = [...new Set(items.map((i) => i.category))].sort()
  return (
    <>
      <PageHeader
        title="Counts"
        description="Blind, guided and cycle counts: a frozen snapshot, counting on tablets, variance review, posting."
      />
      <section aria-labelledby="counts-list" className="flex flex-col gap-2">
        <div className="flex items-center gap-3">
          <h2 id="counts-list" className="text-lg font-semibold">
            Counts
          </h2>
          <CountsLive orgId={org.org_id} />
        </div>
        {counts.length ? (
          <ul className="flex flex-col divide-y divide-zinc-200 rounded-lg border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {counts.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center gap-3 px-4 py-3">
                <Link
                  href={`/${slug}/counts/${c.id}`}
                  className="font-medium text-brand-700 underline dark:text-brand-100"
                >
                  Count {c.count_number}: {c.title}
                </Link>
                <Pill tone={STATUS_TONE[c.status] ?? 'neutral'}>{c.status.replace('_', ' ')}</Pill>
                <Pill>{c.mode}</Pill>
                {c.sync_status === 'conflict' ? <Pill tone="red">conflict</Pill> : null}
                <span className="ml-auto text-sm text-zinc-600 dark:text-zinc-400">
                  {c.posted_at
                    ? `Posted ${formatDateTime(c.posted_at, money.timeZone)} · ${c.adjustment_count} adjustments, ${formatMoney(Number(c.adjustment_value ?? 0), money.currency)}`
                    : `Created ${formatDateTime(c.created_at, money.timeZone)}`}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm">No counts yet.</p>
        )}
      </section>
      <section aria-labelledby="count-new" className="flex flex-col gap-3">
        <h2 id="count-new" className="text-lg font-semibold">
          New count
        </h2>
        <CountCreateForm
          orgId={org.org_id}
          slug={slug}
          locations={places.locations.filter((l) => l.is_active).map((l) => ({ id: l.id, name: l.name }))}
          categories={categories}
          counters={counters}
        />
      </section>
    </>
  )
}
