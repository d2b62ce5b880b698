'use client'
import { useRouter } from 'next/navigation'
import { useLiveTopic } from '@/components/common/use-live-topic'
import type { MemberRole } from '@/lib/realtime/events'
import { REALTIME_EVENT_TYPES } from '@/lib/realtime/events'
import { orgTopic } from '@/lib/realtime/topics'

/** Re-reads the conflict list when the database says a conflict came in or was resolved. */
export function ConflictsLive({ orgId, role }: { orgId: string; role: MemberRole }) {
  const router = useRouter()
  useLiveTopic(orgTopic(orgId, `events:${role}`), () => router.refresh(), {
    events: REALTIME_EVENT_TYPES,
    debounceMs: 500,
  })
  return null
}
