'use client'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { setModelActive } from '@/lib/models/actions'

/**
 * Archive or restore a model. Archived models keep their orders (and their history) but cannot be
 * picked for new ones; restoring makes them orderable again.
 */
export function ModelActiveButton({ modelId, name, isActive }: { modelId: string; name: string; isActive: boolean }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const toggle = () =>
    startTransition(async () => {
      setError(null)
      const result = await setModelActive({ modelId, isActive: !isActive, clientId: newClientId() })
      if (!result.ok) return setError(result.message)
      router.refresh()
    })
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button"
        variant={isActive ? 'ghost' : 'secondary'}
        size="sm"
        pending={pending}
        onClick={toggle}
        aria-label={`${isActive ? 'Archive' : 'Restore'} ${name}`}
      >
        {isActive ? 'Archive' : 'Restore'}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  )
}
