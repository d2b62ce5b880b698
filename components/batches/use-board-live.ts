'use client'
import { useCallback, useRef } from 'react'
import { useLiveTopic } from '@/components/common/use-live-topic'
import type { Board } from '@/lib/batches/types'
import { orgTopic } from '@/lib/realtime/topics'
import { jsonObject, parseRpc } from '@/lib/rpc'
import { createClient } from '@/lib/supabase/browser'

/**
 * Keeps the board current while it is open: the org's private board topic (components/common/
 * use-live-topic.ts) says batches or batch_orders changed, then one batch_board read for a burst of
 * changes. Returns whether the channel is live, and `reload` for a read on demand (after a refused move).
 */
export function useBoardLive(orgId: string, onBoard: (board: Board) => void) {
  const apply = useRef(onBoard)
  apply.current = onBoard
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    const { data, error } = await createClient().rpc('batch_board', { p_org_id: orgId, p_completed_days: 7 })
    // a later read may have started meanwhile: only the newest one lands
    if (!error && data && mine === seq.current) apply.current(parseRpc(jsonObject<Board>(), data, 'batch_board'))
  }, [orgId])

  // the board was rendered on the server before the channel joined: read once on the first join too
  const live = useLiveTopic(orgTopic(orgId, 'board'), () => void reload(), { debounceMs: 150, readOnFirstJoin: true })
  return { live, reload }
}
