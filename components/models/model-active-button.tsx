'use client'
import { ArchiveToggle } from '@/components/common/archive-toggle'
import { newClientId } from '@/lib/client-id'
import { setModelActive } from '@/lib/models/actions'

/**
 * Archive or restore a model. Archived models keep their orders (and their history) but cannot be
 * picked for new ones; restoring makes them orderable again.
 */
export function ModelActiveButton({ modelId, name, isActive }: { modelId: string; name: string; isActive: boolean }) {
  return (
    <ArchiveToggle
      name={name}
      archived={!isActive}
      toggle={() => setModelActive({ modelId, isActive: !isActive, clientId: newClientId() })}
    />
  )
}
