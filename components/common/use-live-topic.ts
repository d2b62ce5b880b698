'use client'
import type { RealtimeChannel, RealtimeClient } from '@supabase/realtime-js'
import { useEffect, useRef, useState } from 'react'
import { CHANGED_EVENT, PRIVATE_CHANNEL } from '@/lib/realtime/topics'
import { realtimeClient } from '@/lib/supabase/realtime'

export interface LiveTopicOptions {
  enabled?: boolean
  /** One call for a burst of changes (ms). */
  debounceMs?: number
  /**
   * Also call once the channel is first joined: for a screen whose data was read before the join
   * (the board's server render), so a change in between is not missed. Re-joins always call.
   */
  readOnFirstJoin?: boolean
  /** The broadcast events to listen to (default: the row-changed ping); e.g. RealTimeEvent types. */
  events?: readonly string[]
}

/**
 * The one subscription to a private Realtime topic (lib/realtime/topics.ts: org:<org>:board,
 * org:<org>:floor, org:<org>:queue:<id>; sent by triggers, readable per RLS on realtime.messages,
 * writable by nobody). Calls `onChange` (debounced) when the database says rows behind the topic
 * changed; the payload only names the row, so the screen re-reads through its own RLS-checked path.
 * Realtime only: the tab's one realtime-js connection (lib/supabase/realtime.ts), not supabase-js.
 * Returns whether the channel is live.
 */
export function useLiveTopic(
  topic: string,
  onChange: (last?: { event: string; payload: unknown }) => void,
  { enabled = true, debounceMs = 250, readOnFirstJoin = false, events }: LiveTopicOptions = {},
): boolean {
  const eventList = (events ?? [CHANGED_EVENT]).join(',')
  const [live, setLive] = useState(false)
  const handler = useRef(onChange)
  handler.current = onChange
  useEffect(() => {
    if (!enabled) return
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    let client: RealtimeClient | undefined
    let ch: RealtimeChannel | undefined
    let joined = false
    let last: { event: string; payload: unknown } | undefined
    const fire = (message?: { event: string; payload: unknown }) => {
      if (message) last = { event: message.event, payload: message.payload }
      clearTimeout(timer)
      timer = setTimeout(() => handler.current(last), debounceMs)
    }
    // join with the person's token, not the anon key: a private channel joined before the token is
    // read from the session cookie is checked as anon and refused
    void realtimeClient()
      .then(async (c) => {
        client = c
        await c.setAuth().catch(() => undefined)
      })
      .then(() => {
        if (stopped || !client) return
        ch = client.channel(topic, PRIVATE_CHANNEL)
        for (const event of eventList.split(','))
          ch.on('broadcast', { event }, (m) => fire({ event: m.event, payload: m.payload }))
        ch.subscribe((status) => {
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
      if (ch) void client?.removeChannel(ch)
    }
  }, [topic, enabled, debounceMs, readOnFirstJoin, eventList])
  return live
}
