'use client'
import { useEffect, useState } from 'react'
import { floorApi } from '@/lib/floor/client'

/** How often the holder renews its lock (each lock lasts 15 minutes: a tablet that drops off keeps it that long). */
export const LOCK_RENEW_MS = 5 * 60_000

export type ItemLockState =
  | { kind: 'none' }
  | { kind: 'mine'; expiresAt: string }
  | { kind: 'theirs'; holder: string; expiresAt: string | null; message: string }

type LockAnswer = { expires_at: string; holder: string | null }

/**
 * While the operator works an item (its card is open on the scan screen), this tablet's floor session
 * holds the item's lock (docs/offline.md "Item locks"): taken when the card opens, renewed every 5
 * minutes, released when the card closes or the screen goes. A lock lasts 15 minutes, so a tablet
 * that loses the Wi-Fi keeps the item while it works offline. If another tablet holds it, the answer
 * (ITEM_LOCKED) names who and until when; the database refuses that tablet's writes, not this hook.
 */
export function useItemLock(sessionId: string | null, itemId: string | null, online: boolean): ItemLockState {
  const [state, setState] = useState<ItemLockState>({ kind: 'none' })
  useEffect(() => {
    setState({ kind: 'none' })
    if (!sessionId || !itemId || !online) return
    let stopped = false
    let held = false
    const take = async () => {
      const r = await floorApi<LockAnswer>(`/items/${itemId}/lock`, {
        body: { session_id: sessionId, reason: 'offline_sync', minutes: 15 },
      })
      if (stopped) return
      if (r.ok) {
        held = true
        setState({ kind: 'mine', expiresAt: r.data.expires_at })
      } else if (r.code === 'ITEM_LOCKED') {
        held = false
        const d = (r.details ?? {}) as { holder?: string; expires_at?: string }
        setState({ kind: 'theirs', holder: d.holder ?? 'Someone', expiresAt: d.expires_at ?? null, message: r.message })
      }
      // offline or any other failure: keep what we knew (a held lock stays held on the server until it lapses)
    }
    // keepalive: the release still goes out when the page is being closed or reloaded
    const release = () => {
      if (!held) return
      held = false
      void fetch(`/api/disco/items/${itemId}/lock?session_id=${encodeURIComponent(sessionId)}`, {
        method: 'DELETE',
        credentials: 'same-origin',
        keepalive: true,
      }).catch(() => undefined)
    }
    void take()
    const timer = setInterval(() => void take(), LOCK_RENEW_MS)
    window.addEventListener('pagehide', release)
    return () => {
      stopped = true
      clearInterval(timer)
      window.removeEventListener('pagehide', release)
      release()
    }
  }, [sessionId, itemId, online])
  return state
}
