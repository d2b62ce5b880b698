'use client'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui'
import { setWorkflowArchived } from '@/lib/workflows/actions'

/** Archive or restore an organisation's type: archived types keep their items moving but get no new ones. */
export function ArchiveTypeButton({ id, name, archived }: { id: string; name: string; archived: boolean }) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const toggle = () =>
    startTransition(async () => {
      setError(null)
      const result = await setWorkflowArchived({ id, archived: !archived })
      if (!result.ok) return setError(result.message)
      router.refresh()
    })
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        type="button"
        variant={archived ? 'secondary' : 'ghost'}
        size="sm"
        pending={pending}
        onClick={toggle}
        aria-label={`${archived ? 'Restore' : 'Archive'} ${name}`}
      >
        {archived ? 'Restore' : 'Archive'}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  )
}
