'use client'
import { useEffect, useRef, useState } from 'react'
import type { Board } from '@/lib/batches/types'
import { CHANGED_EVENT, orgTopic, PRIVATE_CHANNEL } from '@/lib/realtime/topics'
import { createClient } from '@/lib/supabase/browser'

/**
 * Keeps the board current while it is open: Realtime postgres_changes on batches (stage, quality,
 * completion, priority) and batch_orders (counts) of this organisation — RLS decides per subscriber
 * what arrives — then one batch_board read for a burst of changes. Returns whether the channel is
 * live, and `reload` for a read on demand (after a refused move).
 */
export function useBoardLive(orgId: string, onBoard: (board: Board) => void) {
  const [live, setLive] = useState(false)
  const apply = useRef(onBoard)
  apply.current = onBoard
  const reloadRef = useRef<() => Promise<void>>(async () => {})

  useEffect(() => {
    const supabase = createClient()
    let timer: ReturnType<typeof setTimeout> | undefined
    let stopped = false
    let seq = 0

    const reload = async () => {
      const mine = ++seq
      const { data, error } = await supabase.rpc('batch_board', { p_org_id: orgId, p_completed_days: 7 })
      // a later read may have started meanwhile: only the newest one lands
      if (!stopped && !error && data && mine === seq) apply.current(data as unknown as Board)
    }
    reloadRef.current = reload
    const soon = () => {
      clearTimeout(timer)
      timer = setTimeout(reload, 150)
    }

    let channel: ReturnType<typeof supabase.channel> | undefined
    // Join with the person's token, not the anon key: the session comes from the cookie
    // asynchronously, and a private channel joined before it would be checked as anon and refused.
    void supabase.realtime
      .setAuth()
      .catch(() => undefined)
      .then(() => {
        if (stopped) return
        channel = supabase
          .channel(orgTopic(orgId, 'board'), PRIVATE_CHANNEL)
          .on('broadcast', { event: CHANGED_EVENT }, soon)
          .subscribe((status) => {
            if (stopped) return
            setLive(status === 'SUBSCRIBED')
            // changes made while the channel was down are read once it is back
            if (status === 'SUBSCRIBED') soon()
          })
      })

    return () => {
      stopped = true
      clearTimeout(timer)
      if (channel) void supabase.removeChannel(channel)
    }
  }, [orgId])

  return { live, reload: () => reloadRef.current() }
}
