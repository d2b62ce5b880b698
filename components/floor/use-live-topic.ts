'use client'
import { useEffect, useRef } from 'react'
import { createClient } from '@/lib/supabase/browser'

/**
 * Calls `onChange` (debounced) when rows of a floor table change, through Realtime postgres_changes
 * (supabase/migrations/20261122004800: floor_queue_items, floor_sessions, floor_queues are
 * published; each change is checked against the subscriber's RLS). `filter` as PostgREST writes it.
 * Also fires once the channel is (re)joined, for changes made while it was down.
 */
export function useLiveTable(
  channel: string,
  tables: Array<{ table: string; filter?: string }>,
  onChange: () => void,
  enabled = true,
) {
  const handler = useRef(onChange)
  handler.current = onChange
  const key = JSON.stringify(tables)
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
    // join with the person's token, not the anon key: a channel joined before the session is read
    // from the cookie would be checked against RLS as anon and hear nothing
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (stopped) return
        ch = supabase.channel(channel)
        for (const t of JSON.parse(key) as Array<{ table: string; filter?: string }>) {
          ch = ch.on(
            'postgres_changes' as never,
            { event: '*', schema: 'public', table: t.table, ...(t.filter ? { filter: t.filter } : {}) } as never,
            fire as never,
          )
        }
        ch.subscribe((status) => {
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
  }, [channel, key, enabled])
}
