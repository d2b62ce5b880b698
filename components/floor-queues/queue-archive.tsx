'use client'
import { ArchiveToggle } from '@/components/common/archive-toggle'
import { setFloorQueueActive } from '@/lib/floor-queues/actions'

/** Archive (no new work, tablets stop offering it) or restore a floor queue. */
export function QueueArchive({ queueId, name, archived }: { queueId: string; name: string; archived: boolean }) {
  return (
    <ArchiveToggle name={name} archived={archived} toggle={() => setFloorQueueActive({ queueId, active: archived })} />
  )
}
