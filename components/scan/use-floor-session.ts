'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { FloorSession } from '@/lib/floor/types'

export type SessionState =
  /** Not at a station (no PIN-in): nothing starts until the person asks (SessionPanel's prompt). */
  | { kind: 'idle' }
  | { kind: 'starting' }
  | {
      kind: 'active'
      session: FloorSession
      resumed: boolean
      offline?: boolean
      /** Started on this tablet with no connection: the sync op that creates it on the server. */
      offlineCreated?: { clientId: string; startedAt: string }
    }
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
 * or take it over". Offline, the last session of this tablet is used and writes wait in the outbox;
 * with none, the tablet starts one of its own (spec 02 offline_created): an id of its own, and a
 * `start_session` sync op queued first (use-scan-flow), which creates it on the server when the
 * connection is back — ending the operator's other open session as taken over.
 */
export function useFloorSession(orgId: string, { auto, displayName = '' }: { auto: boolean; displayName?: string }) {
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
        localStorage.removeItem(`${storageKey}.offline`)
        setState({ kind: 'active', session: r.data.session, resumed: r.data.resumed })
        return
      }
      if (r.code === 'SESSION_TAKEN') {
        setState({ kind: 'taken', other: (r.details ?? {}) as { location_name?: string } })
        return
      }
      const cached = localStorage.getItem(storageKey)
      const pending = localStorage.getItem(`${storageKey}.offline`)
      if (r.offline && cached) {
        const session = JSON.parse(cached) as FloorSession
        const created = pending ? (JSON.parse(pending) as { id: string; clientId: string; startedAt: string }) : null
        setState({
          kind: 'active',
          session,
          resumed: true,
          offline: true,
          ...(created?.id === session.id ? { offlineCreated: created } : {}),
        })
        return
      }
      if (r.offline) {
        const now = new Date().toISOString()
        const created = { id: newClientId(), clientId: newClientId(), startedAt: now }
        const session: FloorSession = {
          id: created.id,
          org_id: orgId,
          member_id: '',
          display_name: displayName,
          device_id: null,
          location: null,
          team: null,
          is_active: true,
          started_at: now,
          last_activity_at: now,
          current_item_id: null,
          current_stage: null,
          items_processed: 0,
          actions_completed: 0,
          scans_count: 0,
          idle_expires_at: null,
        }
        localStorage.setItem(storageKey, JSON.stringify(session))
        localStorage.setItem(`${storageKey}.offline`, JSON.stringify(created))
        setState({ kind: 'active', session, resumed: false, offline: true, offlineCreated: created })
        return
      }
      setState({ kind: 'error', message: r.message })
    },
    [orgId, storageKey, displayName],
  )

  useEffect(() => {
    if (started.current || !auto) return
    started.current = true
    void start()
  }, [start, auto])

  return { state, start }
}
