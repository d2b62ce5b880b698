'use client'
import { useEffect, useRef } from 'react'
import { CHANGED_EVENT, PRIVATE_CHANNEL } from '@/lib/realtime/topics'
import { createClient } from '@/lib/supabase/browser'

/**
 * Calls `onChange` (debounced) when the database says rows behind a private topic changed
 * (lib/realtime/topics.ts: org:<org>:floor, org:<org>:queue:<id>; sent by triggers, readable per
 * RLS on realtime.messages, writable by nobody). The payload only names the row: the screen re-reads
 * through its own RLS-checked API. Also fires once the channel is (re)joined, for what was missed.
 */
export function useLiveTopic(topic: string, onChange: () => void, enabled = true) {
  const handler = useRef(onChange)
  handler.current = onChange
  useEffect(() => {
    if (!enabled) return
    const supabase = createClient()
    let timer: number | undefined
    let stopped = false
    let ch: ReturnType<typeof supabase.channel> | undefined
    let joined = false
    const fire = () => {
      window.clearTimeout(timer)
      timer = window.setTimeout(() => handler.current(), 250)
    }
    // join with the person's token, not the anon key: a private channel joined before the session
    // is read from the cookie is checked as anon and refused
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (stopped) return
        ch = supabase
          .channel(topic, PRIVATE_CHANNEL)
          .on('broadcast', { event: CHANGED_EVENT }, fire)
          .subscribe((status) => {
            if (stopped || status !== 'SUBSCRIBED') return
            if (joined) fire() // a re-join: catch up on what was missed
            joined = true
          })
      })
    return () => {
      stopped = true
      window.clearTimeout(timer)
      if (ch) void supabase.removeChannel(ch)
    }
  }, [topic, enabled])
}
