'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useRef } from 'react'
import { touchOperator } from '@/lib/station/actions'
import { touchIntervalMs } from '@/lib/station/idle'

/**
 * While an operator works on a station tablet, activity on the floor screens keeps their PIN-in
 * alive like the station screen does (lib/station/idle.ts); once the server says it ended (idle,
 * PINed out elsewhere), the tablet goes back to the PIN pad.
 */
export function useOperatorKeepalive(slug: string, enabled: boolean, idleTimeoutSeconds = 600) {
  const router = useRouter()
  const last = useRef(0)
  useEffect(() => {
    if (!enabled) return
    const interval = touchIntervalMs(idleTimeoutSeconds)
    const onActivity = () => {
      const now = Date.now()
      if (now - last.current < interval) return
      last.current = now
      touchOperator({})
        .then((r) => {
          if (!r.ok && r.code === 'SESSION_EXPIRED') router.replace(`/${slug}/station?ended=idle`)
        })
        .catch(() => {
          last.current = 0 // offline: try again on the next activity
        })
    }
    onActivity()
    window.addEventListener('pointerdown', onActivity)
    window.addEventListener('keydown', onActivity)
    return () => {
      window.removeEventListener('pointerdown', onActivity)
      window.removeEventListener('keydown', onActivity)
    }
  }, [enabled, idleTimeoutSeconds, router, slug])
}
