'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { floorApi } from '@/lib/floor/client'
import type { FloorSession } from '@/lib/floor/types'

export type SessionState =
  /** Not at a station (no PIN-in): nothing starts until the person asks (SessionPanel's prompt). */
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'active'; session: FloorSession; resumed: boolean; offline?: boolean }
  | { kind: 'taken'; other: { location_name?: string | null; last_activity_at?: string; started_at?: string } }
  | { kind: 'error'; message: string }

export function deviceInfo() {
  const ua = navigator.userAgent
  const ipad = /Macintosh/.test(ua) && navigator.maxTouchPoints > 1
  return {
    platform: /android/i.test(ua) ? 'android' : /iphone|ipad|ipod/i.test(ua) || ipad ? 'ios' : 'web',
    screen_size: `${screen.width}x${screen.height}`,
    orientation: matchMedia('(orientation: portrait)').matches ? 'portrait' : 'landscape',
    user_agent: ua.slice(0, 200),
  } as const
}

/**
 * The worker's floor session on this tablet: started (or resumed) when the scan screen opens for an
 * operator PINed in at a station (`auto`). Anyone else — a supervisor opening /scan on a desktop —
 * gets a prompt first: a visit starts no session (issue 10: those sat on the floor view forever). A
 * session open on another tablet comes back as 409 SESSION_TAKEN: the screen asks "resume it here
 * or take it over". Offline, the last session of this tablet is used and writes wait in the outbox.
 */
export function useFloorSession(orgId: string, { auto }: { auto: boolean }) {
  const [state, setState] = useState<SessionState>({ kind: auto ? 'starting' : 'idle' })
  const storageKey = `floorline.floor-session.${orgId}`
  const started = useRef(false)

  const start = useCallback(
    async (choice?: 'resume' | 'takeover') => {
      setState({ kind: 'starting' })
      const r = await floorApi<{ session: FloorSession; resumed: boolean }>('/sessions', {
        body: {
          org_id: orgId,
          device_info: deviceInfo(),
          ...(choice === 'resume' ? { resume: true } : choice === 'takeover' ? { takeover: true } : {}),
        },
      })
      if (r.ok) {
        localStorage.setItem(storageKey, JSON.stringify(r.data.session))
        setState({ kind: 'active', session: r.data.session, resumed: r.data.resumed })
        return
      }
      if (r.code === 'SESSION_TAKEN') {
        setState({ kind: 'taken', other: (r.details ?? {}) as { location_name?: string } })
        return
      }
      const cached = localStorage.getItem(storageKey)
      if (r.offline && cached) {
        setState({ kind: 'active', session: JSON.parse(cached) as FloorSession, resumed: true, offline: true })
        return
      }
      setState({ kind: 'error', message: r.message })
    },
    [orgId, storageKey],
  )

  useEffect(() => {
    if (started.current || !auto) return
    started.current = true
    void start()
  }, [start, auto])

  return { state, start }
}
