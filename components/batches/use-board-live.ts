'use client'
import { useCallback, useRef } from 'react'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { readBoard } from '@/lib/batches/actions'
import type { Board } from '@/lib/batches/types'
import { orgTopic } from '@/lib/realtime/topics'

/**
 * Keeps the board current while it is open: the org's private board topic (components/common/
 * use-live-topic.ts) says batches or batch_orders changed, then one batch_board read for a burst of
 * changes, through a server action (lib/batches/actions.ts): the page loads realtime-js and no
 * other Supabase code. Returns whether the channel is live, and `reload` for a read on demand (after a refused move).
 */
export function useBoardLive(orgId: string, onBoard: (board: Board) => void) {
  const apply = useRef(onBoard)
  apply.current = onBoard
  const seq = useRef(0)

  const reload = useCallback(async () => {
    const mine = ++seq.current
    const result = await readBoard({ orgId })
    // a later read may have started meanwhile: only the newest one lands
    if (result.ok && mine === seq.current) apply.current(result.data)
  }, [orgId])

  // the board was rendered on the server before the channel joined: read once on the first join too
  const live = useLiveTopic(orgTopic(orgId, 'board'), () => void reload(), { debounceMs: 150, readOnFirstJoin: true })
  return { live, reload }
}
