'use client'
import Link from 'next/link'
import { useState } from 'react'
import { Alert } from '@/components/common/alert'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { type MemberRole, readEvent } from '@/lib/realtime/events'
import { orgTopic } from '@/lib/realtime/topics'

/**
 * A RealTimeEvent system_alert for this person's role (spec 02), as a banner: "2 sync conflicts
 * waiting", with the way to them. Sent by the database to the roles it targets (org:<org>:events:<role>);
 * this screen only shows it, until dismissed or replaced by the next one.
 */
export function SystemAlertBanner({ orgId, role, slug }: { orgId: string; role: MemberRole; slug: string }) {
  const [alert, setAlert] = useState<{ message: string; kind: string } | null>(null)
  useLiveTopic(
    orgTopic(orgId, `events:${role}`),
    (last) => {
      const e = readEvent(last?.payload)
      if (e?.type !== 'system_alert') return
      const message = typeof e.payload.data.message === 'string' ? e.payload.data.message : 'Something needs attention'
      setAlert({ message, kind: String(e.payload.data.alert ?? '') })
    },
    { events: ['system_alert'], debounceMs: 300 },
  )
  if (!alert) return null
  return (
    <Alert tone="warning" data-testid="system-alert" className="flex flex-wrap items-center justify-between gap-3">
      <span>
        {alert.message}
        {alert.kind === 'sync_conflicts' ? (
          <>
            {' · '}
            <Link href={`/${slug}/sync`} className="font-medium underline">
              Review them
            </Link>
          </>
        ) : null}
      </span>
      <button type="button" className="text-sm underline" onClick={() => setAlert(null)}>
        Dismiss
      </button>
    </Alert>
  )
}
