'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useRef, useState } from 'react'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { PRIVATE_CHANNEL } from '@/lib/realtime/topics'
import { PROGRESS_EVENT, type PublicProgress } from '@/lib/tracking/types'
import { whenIdle } from '@/lib/when-idle'

/**
 * Follows an order live: the private channel track_order named (`track:<sha256 of the token>`),
 * event order_progress, whose payload is the page's own data. The page has no session: it joins as
 * anon, and RLS on realtime.messages admits anyone naming the hash of a live token (revoked: refused);
 * nobody but the database can send on it, so a forged order_progress never arrives. Realtime's
 * client is loaded once the page is idle after hydrating (lib/when-idle.ts, at most 2 s; a dynamic
 * import), so the first load carries no Supabase code and the phone's main thread is not shared
 * with it while the page becomes interactive; only realtime-js, not the whole supabase-js. After a
 * dropped connection the page re-reads itself once, for anything missed.
 */
export function useLiveProgress(initial: PublicProgress) {
  const [progress, setProgress] = useState(initial)
  const [live, setLive] = useState(false)
  const router = useRouter()
  const latest = useRef(initial.updated_at)

  useEffect(() => {
    setProgress(initial)
    latest.current = initial.updated_at
  }, [initial])

  useEffect(() => {
    let stopped = false
    let cleanup: (() => void) | undefined
    let everLive = false
    let dropped = false
    const connect = async () => {
      const { RealtimeClient } = await import('@supabase/realtime-js')
      if (stopped) return
      const client = new RealtimeClient(`${supabaseUrl().replace(/^http/i, 'ws')}/realtime/v1`, {
        params: { apikey: supabaseAnonKey() },
      })
      const channel = client.channel(initial.channel, PRIVATE_CHANNEL)
      channel
        .on('broadcast', { event: PROGRESS_EVENT }, ({ payload }) => {
          const next = payload as PublicProgress
          // broadcasts may overtake each other: keep the newest state
          if (!next?.order_number || next.updated_at < latest.current) return
          latest.current = next.updated_at
          setProgress(next)
        })
        .subscribe((status) => {
          if (stopped) return
          const on = status === 'SUBSCRIBED'
          // back after a drop: broadcasts sent meanwhile are gone, so read the page again once
          if (on && dropped) router.refresh()
          dropped = !on && (everLive || dropped)
          everLive ||= on
          setLive(on)
        })
      cleanup = () => {
        void client.removeChannel(channel)
        client.disconnect()
      }
    }
    const cancel = whenIdle(() => void connect())
    return () => {
      stopped = true
      cancel()
      cleanup?.()
    }
  }, [initial.channel, router])

  return { progress, live }
}
