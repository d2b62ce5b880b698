'use client'
import { useEffect, useRef, useState } from 'react'
import { CHANGED_EVENT, PRIVATE_CHANNEL } from '@/lib/realtime/topics'
import { createClient } from '@/lib/supabase/browser'

export interface LiveTopicOptions {
  enabled?: boolean
  /** One call for a burst of changes (ms). */
  debounceMs?: number
  /**
   * Also call once the channel is first joined: for a screen whose data was read before the join
   * (the board's server render), so a change in between is not missed. Re-joins always call.
   */
  readOnFirstJoin?: boolean
}

/**
 * The one subscription to a private Realtime topic (lib/realtime/topics.ts: org:<org>:board,
 * org:<org>:floor, org:<org>:queue:<id>; sent by triggers, readable per RLS on realtime.messages,
 * writable by nobody). Calls `onChange` (debounced) when the database says rows behind the topic
 * changed; the payload only names the row, so the screen re-reads through its own RLS-checked path.
 * Returns whether the channel is live.
 */
export function useLiveTopic(
  topic: string,
  onChange: () => void,
  { enabled = true, debounceMs = 250, readOnFirstJoin = false }: LiveTopicOptions = {},
): boolean {
  const [live, setLive] = useState(false)
  const handler = useRef(onChange)
  handler.current = onChange
  useEffect(() => {
    if (!enabled) return
    const supabase = createClient()
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    let ch: ReturnType<typeof supabase.channel> | undefined
    let joined = false
    const fire = () => {
      clearTimeout(timer)
      timer = setTimeout(() => handler.current(), debounceMs)
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
            if (stopped) return
            setLive(status === 'SUBSCRIBED')
            if (status !== 'SUBSCRIBED') return
            // a re-join: catch up on what was missed while the channel was down
            if (joined || readOnFirstJoin) fire()
            joined = true
          })
      })
    return () => {
      stopped = true
      clearTimeout(timer)
      setLive(false)
      if (ch) void supabase.removeChannel(ch)
    }
  }, [topic, enabled, debounceMs, readOnFirstJoin])
  return live
}
