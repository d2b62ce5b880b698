import Link from 'next/link'
import { notFound } from 'next/navigation'
import { Alert } from '@/components/common/alert'
import { PageHeader } from '@/components/common/page-header'
import { Pill } from '@/components/common/pill'
import { CountActions } from '@/components/stock/count-actions'
import { CountReviewTable } from '@/components/stock/count-review-table'
import { CountsLive } from '@/components/stock/live-refresh'
import { buttonClasses } from '@/components/ui'
import { formatDateTime, formatMoney } from '@/lib/format'
import { requireOrg } from '@/lib/orgs/queries'
import { countReview, countSheet, isSupervisor, orgMoney, reasonCodes } from '@/lib/stock/queries'

export const metadata = { title: 'Count' }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * One count for its supervisor: progress per counter (live), the transitions open now, and — for a
 * guided count any time, a blind one once in review — the variances with reasons and recounts.
 */
export default async function CountDetailPage({ params }: { params: Promise<{ org: string; id: string }> }) {
  const { org: slug, id } = await params
  if (!UUID.test(id)) notFound()
  const { org } = await requireOrg(slug)
  if (!org.can_act || !isSupervisor(org.role))
    return (
      <>
        <PageHeader title="Count" />
        <Alert tone="warning">Counts are reviewed by supervisors and above.</Alert>
      </>
    )
  const sheet = await countSheet(id).catch(() => null)
  if (!sheet) notFound()
  const [review, reasons, money] = await Promise.all([countReview(id), reasonCodes(org.org_id), orgMoney(org.org_id)])
  const c = sheet.count
  return (
    <>
      <PageHeader
        title={`Count ${c.count_number}: ${c.title}`}
        description={`${c.mode === 'blind' ? 'Blind' : 'Guided'} · ${c.scope} · created ${formatDateTime(c.created_at, money.timeZone)}`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Pill tone="brand">{c.status.replace('_', ' ')}</Pill>
        <CountsLive orgId={org.org_id} />
        {c.status === 'in_progress' ? (
          <Link href={`/${slug}/count/${c.id}`} className={buttonClasses({ variant: 'secondary', size: 'sm' })}>
            Open the counting tablet
          </Link>
        ) : null}
        <Link href={`/${slug}/stock/labels`} className={buttonClasses({ variant: 'ghost', size: 'sm' })}>
          Print labels
        </Link>
      </div>
      <section aria-labelledby="progress" className="flex flex-col gap-2">
        <h2 id="progress" className="text-lg font-semibold">
          Progress
        </h2>
        <p>
          {c.counted} of {c.lines} lines counted{c.recount ? `, ${c.recount} to recount` : ''}
          {c.conflict_items.length ? ` · conflicts: ${c.conflict_items.join(', ')}` : ''}
        </p>
        {c.by_counter.length ? (
          <ul className="flex flex-wrap gap-2 text-sm">
            {c.by_counter.map((b) => (
              <li key={b.member_id}>
                <Pill>
                  {b.name ?? 'Someone'}: {b.lines}
                </Pill>
              </li>
            ))}
          </ul>
        ) : null}
        {c.posted_at ? (
          <p className="text-sm">
            Posted {formatDateTime(c.posted_at, money.timeZone)}: {c.adjustment_count} adjustments worth{' '}
            {formatMoney(Number(c.adjustment_value ?? 0), money.currency)}
          </p>
        ) : null}
        {c.closed_reason ? <p className="text-sm">Reason: {c.closed_reason}</p> : null}
      </section>
      <CountActions countId={c.id} open={c.transitions.map((t) => t.name)} />
      <section aria-labelledby="variances" className="flex flex-col gap-2">
        <h2 id="variances" className="text-lg font-semibold">
          Variances
        </h2>
        {review ? (
          <>
            <p className="text-sm">
              {review.totals.with_variance} of {review.totals.lines} lines differ · net{' '}
              {formatMoney(review.totals.variance_value, money.currency)} · shrinkage{' '}
              {formatMoney(review.totals.shrinkage_value, money.currency)}
            </p>
            <CountReviewTable
              countId={c.id}
              lines={review.lines}
              reasons={reasons.filter((r) => r.is_active)}
              currency={money.currency}
              editable={c.status === 'review'}
            />
          </>
        ) : (
          <Alert>A blind count: expected quantities and variances stay on the server until it is in review.</Alert>
        )}
      </section>
    </>
  )
}
