'use client'
import { useRouter } from 'next/navigation'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { orgTopic } from '@/lib/realtime/topics'

/** Re-reads the server page when the workshop's counts change (org:<org>:counts, ids only). */
export function CountsLive({ orgId }: { orgId: string }) {
  const router = useRouter()
  const live = useLiveTopic(orgTopic(orgId, 'counts'), () => router.refresh(), { debounceMs: 600 })
  return (
    <span className="text-xs text-zinc-600 dark:text-zinc-400" aria-live="polite">
      {live ? 'Live' : 'Connecting…'}
    </span>
  )
}
