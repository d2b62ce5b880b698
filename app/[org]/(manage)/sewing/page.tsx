import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { BundleTracker } from '@/components/sewing/bundle-tracker'
import { LineBoard } from '@/components/sewing/line-board'
import { SewingLive } from '@/components/sewing/sewing-live'
import { buttonClasses } from '@/components/ui'
import { floorContext } from '@/lib/floor/queries'
import { formatWeekday } from '@/lib/format'
import { atLeast } from '@/lib/members/roles'
import { sewingLines, trackBundle } from '@/lib/sewing/queries'

export const metadata = { title: 'Sewing' }
export const dynamic = 'force-dynamic'

/**
 * The sewing line board (issue 14, supervisors+): per line, work in progress per operation, the
 * bottleneck, line efficiency today and each operator against the SMV target — live on the
 * workshop's sewing topic — and the bundle tracker (?bundle=117).
 */
export default async function SewingPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.supervisor) return <Alert tone="warning">The sewing line board is for supervisors and above.</Alert>
  const raw = (await searchParams).bundle
  const query = (typeof raw === 'string' ? raw : '').trim().slice(0, 80)
  const orgId = ctx.org.org_id
  const [lines, tracked] = await Promise.all([sewingLines(orgId), query ? trackBundle(orgId, query) : null])
  const day = lines[0]?.dashboard.day
  return (
    <>
      <PageHeader
        title="Sewing"
        description={
          <>
            {day ? `Today, ${formatWeekday(day)} · ` : ''}times in {ctx.timeZone} · <SewingLive orgId={orgId} />
          </>
        }
        actions={
          atLeast(ctx.org.role, 'manager') ? (
            <Link href={`/${slug}/sewing/operations`} className={buttonClasses({ variant: 'secondary' })}>
              Operations
            </Link>
          ) : null
        }
      />
      <BundleTracker
        query={query}
        timeZone={ctx.timeZone}
        result={tracked ? (tracked.ok ? tracked : { ok: false, message: tracked.message }) : null}
      />
      {lines.length === 0 ? (
        <EmptyState title="No sewing lines yet">
          A line appears here once a bundle goes down it: an operator scans the bundle at a sewing station of their
          team.
        </EmptyState>
      ) : (
        lines.map((line) => <LineBoard key={line.teamId ?? 'none'} line={line} />)
      )}
    </>
  )
}
