'use client'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Button } from '@/components/ui'

/**
 * Archive or restore one thing (a model, a workflow type): the button says what a tap does, shows
 * the server's refusal under itself, and refreshes the page's data when it worked. The action is
 * the caller's (a server action through lib/actions.ts), so the rule stays where it lives.
 */
export function ArchiveToggle({
  name,
  archived,
  toggle,
}: {
  name: string
  archived: boolean
  toggle: () => Promise<{ ok: true } | { ok: false; message: string }>
}) {
  const router = useRouter()
  const [pending, startTransition] = useTransition()
  const [error, setError] = useState<string | null>(null)
  const verb = archived ? 'Restore' : 'Archive'
  const onClick = () =>
    startTransition(async () => {
      setError(null)
      const result = await toggle()
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
        onClick={onClick}
        aria-label={`${verb} ${name}`}
      >
        {verb}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-600 dark:text-red-400">
          {error}
        </span>
      ) : null}
    </span>
  )
}
