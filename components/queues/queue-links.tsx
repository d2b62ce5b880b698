'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { CopyButton } from '@/components/common/copy-button'
import { Button, buttonClasses } from '@/components/ui'
import { issueQueueToken } from '@/lib/queues/actions'

/**
 * The queue's links. Only hashes are kept, so a poster or TV link is shown when it is made: a new
 * poster link opens the printable poster; a new display link is shown here to copy onto the TV.
 * Making one retires the old one.
 */
export function QueueLinks({ slug, queueId, canManage }: { slug: string; queueId: string; canManage: boolean }) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [display, setDisplay] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const issue = (kind: 'join' | 'display') =>
    start(async () => {
      const r = await issueQueueToken({ queueId, kind, slug })
      if (!r.ok) return setError(r.message)
      setError(null)
      if (kind === 'join')
        router.push(`/${slug}/customer-queues/${queueId}/poster?t=${encodeURIComponent(r.data.token)}`)
      else setDisplay(`${window.location.origin}/q/d/${r.data.token}`)
    })
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-2">
        <Link href={`/${slug}/counter?queue=${queueId}`} className={buttonClasses({ variant: 'secondary' })}>
          Open the counter
        </Link>
        {canManage ? (
          <>
            <Button variant="secondary" onClick={() => issue('join')} disabled={pending}>
              New poster link and QR
            </Button>
            <Button variant="secondary" onClick={() => issue('display')} disabled={pending}>
              New TV display link
            </Button>
          </>
        ) : null}
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {display ? (
        <div className="flex items-center gap-2">
          <input
            readOnly
            value={display}
            aria-label="TV display link"
            className="h-10 min-w-0 flex-1 rounded-lg border border-zinc-300 bg-zinc-50 px-3 font-mono text-xs dark:border-zinc-700 dark:bg-zinc-800"
          />
          <CopyButton text={display} />
        </div>
      ) : null}
    </div>
  )
}
