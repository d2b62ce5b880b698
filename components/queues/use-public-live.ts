'use client'
import { useEffect, useRef, useState } from 'react'
import { supabaseAnonKey, supabaseUrl } from '@/lib/env'
import { PRIVATE_CHANNEL } from '@/lib/realtime/topics'

export interface PublicSubscription {
  topic: string
  event: string
  onMessage: (payload: unknown) => void
}

/**
 * A public page's private channels (the ticket page, the waiting-room display), joined as anon the
 * way the order tracking page does (components/tracking/use-live-progress.ts): RLS on
 * realtime.messages admits whoever names a live topic (app_realtime.vq_can_read), only the database
 * sends. realtime-js is imported after the page is up, so the first load carries no Supabase code.
 * `onResync` runs when a channel is back after a drop (broadcasts sent meanwhile are gone).
 */
export function usePublicLive(subscriptions: PublicSubscription[], onResync: () => void): boolean {
  const [live, setLive] = useState(false)
  const subs = useRef(subscriptions)
  subs.current = subscriptions
  const resync = useRef(onResync)
  resync.current = onResync
  const key = subscriptions.map((s) => `${s.topic}#${s.event}`).join('|')

  // the subscriptions are read through the ref; only the topics (key) decide when to re-join
  // biome-ignore lint/correctness/useExhaustiveDependencies: key names the topics
  useEffect(() => {
    let stopped = false
    let cleanup: (() => void) | undefined
    void (async () => {
      const { RealtimeClient } = await import('@supabase/realtime-js')
      if (stopped) return
      const client = new RealtimeClient(`${supabaseUrl().replace(/^http/i, 'ws')}/realtime/v1`, {
        params: { apikey: supabaseAnonKey() },
      })
      const topics = [...new Set(subs.current.map((s) => s.topic))]
      const state = new Map<string, boolean>()
      const channels = topics.map((topic) => {
        const channel = client.channel(topic, PRIVATE_CHANNEL)
        for (const s of subs.current.filter((x) => x.topic === topic)) {
          channel.on('broadcast', { event: s.event }, ({ payload }) => {
            for (const h of subs.current) if (h.topic === topic && h.event === s.event) h.onMessage(payload)
          })
        }
        let everLive = false
        let dropped = false
        channel.subscribe((status) => {
          if (stopped) return
          const on = status === 'SUBSCRIBED'
          if (on && dropped) resync.current()
          dropped = !on && (everLive || dropped)
          everLive ||= on
          state.set(topic, on)
          setLive(topics.every((t) => state.get(t)))
        })
        return channel
      })
      cleanup = () => {
        for (const c of channels) void client.removeChannel(c)
        client.disconnect()
      }
    })()
    return () => {
      stopped = true
      setLive(false)
      cleanup?.()
    }
  }, [key])
  return live
}
