'use client'
import { useRouter } from 'next/navigation'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { orgTopic } from '@/lib/realtime/topics'

/**
 * Re-reads the line board when the database says run operations changed (org:<org>:sewing: one
 * ping per statement, no figures in it — the page reads them again through sewing_dashboard).
 */
export function SewingLive({ orgId }: { orgId: string }) {
  const router = useRouter()
  const live = useLiveTopic(orgTopic(orgId, 'sewing'), () => router.refresh(), {
    debounceMs: 400,
    readOnFirstJoin: true,
  })
  return (
    <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite" data-testid="sewing-live">
      {live ? 'Live' : 'Connecting…'}
    </span>
  )
}
