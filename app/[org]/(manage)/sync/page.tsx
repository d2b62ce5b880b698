import Link from 'next/link'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { ConflictCard } from '@/components/sync/conflict-card'
import { ConflictsLive } from '@/components/sync/conflicts-live'
import { buttonClasses } from '@/components/ui'
import { floorContext } from '@/lib/floor/queries'
import { count } from '@/lib/format'
import { syncConflicts } from '@/lib/sync/conflicts'

export const metadata = { title: 'Sync conflicts' }
export const dynamic = 'force-dynamic'

/**
 * /[org]/sync (supervisors+): tablets' offline changes the server could not apply as sent — the item
 * was locked by another tablet, or changed since the tablet read it — side by side with the server's
 * version, to keep one or discard (docs/offline.md "Conflicts"). Updates live.
 */
export default async function SyncPage({
  params,
  searchParams,
}: {
  params: Promise<{ org: string }>
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const slug = (await params).org
  const ctx = await floorContext(slug)
  if (!ctx.supervisor) {
    return (
      <>
        <PageHeader title="Sync conflicts" />
        <Alert tone="warning">Sync conflicts are resolved by supervisors and above.</Alert>
      </>
    )
  }
  const resolved = (await searchParams).show === 'resolved'
  const conflicts = await syncConflicts(ctx.org.org_id, !resolved)
  return (
    <>
      <ConflictsLive orgId={ctx.org.org_id} role={ctx.org.role} />
      <PageHeader
        title="Sync conflicts"
        description={
          resolved
            ? 'Resolved recently, newest first.'
            : `${count(conflicts.length, 'change')} from tablets waiting for a decision · updates live`
        }
        actions={
          <Link
            href={resolved ? `/${slug}/sync` : `/${slug}/sync?show=resolved`}
            className={buttonClasses({ variant: 'secondary' })}
          >
            {resolved ? 'Show open' : 'Show resolved'}
          </Link>
        }
      />
      {conflicts.length === 0 ? (
        <EmptyState title={resolved ? 'Nothing resolved yet' : 'No conflicts'}>
          {resolved ? null : 'Every change the tablets sent applied as it was made.'}
        </EmptyState>
      ) : (
        <ul className="flex flex-col gap-4">
          {conflicts.map((c) => (
            <li key={c.id}>
              <ConflictCard c={c} timeZone={ctx.timeZone} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
