'use client'
import { ArchiveToggle } from '@/components/common/archive-toggle'
import { setWorkflowArchived } from '@/lib/workflows/actions'

/** Archive or restore an organisation's type: archived types keep their items moving but get no new ones. */
export function ArchiveTypeButton({ id, name, archived }: { id: string; name: string; archived: boolean }) {
  return (
    <ArchiveToggle name={name} archived={archived} toggle={() => setWorkflowArchived({ id, archived: !archived })} />
  )
}
