import Link from 'next/link'
import { BatchBoard } from '@/components/batches/board'
import { Alert } from '@/components/common/alert'
import { EmptyState } from '@/components/common/empty-state'
import { PageHeader } from '@/components/common/page-header'
import { buttonClasses } from '@/components/ui'
import { getBoard } from '@/lib/batches/queries'
import { atLeast } from '@/lib/members/roles'
import { requireOrg } from '@/lib/orgs/queries'

export const metadata = { title: 'Batches' }

export default async function BatchesPage({ params }: { params: Promise<{ org: string }> }) {
  const { org } = await requireOrg((await params).org)
  if (!org.can_act || !atLeast(org.role, 'supervisor')) {
    return (
      <>
        <PageHeader title="Batches" />
        <Alert tone="info">Supervisors and above run the batch board. On the floor, use a station tablet.</Alert>
      </>
    )
  }
  const board = await getBoard(org.org_id)
  const hasAny = board.batches.length > 0

  return (
    <>
      <PageHeader
        title="Batches"
        description="Every batch by stage. Drag a card to the next stage or use its buttons; changes from other devices appear live."
        actions={
          <Link href={`/${org.slug}/orders?status=pending`} className={buttonClasses({ variant: 'secondary' })}>
            Batch pending orders
          </Link>
        }
      />
      {hasAny ? null : (
        <EmptyState
          title="No batches yet"
          action={
            <Link href={`/${org.slug}/orders?status=pending`} className={buttonClasses()}>
              Pick pending orders
            </Link>
          }
        >
          A batch groups orders that go through the workshop together. Select pending orders on the order list to start
          one.
        </EmptyState>
      )}
      <BatchBoard initial={board} orgId={org.org_id} canReturn={atLeast(org.role, 'supervisor')} />
    </>
  )
}
