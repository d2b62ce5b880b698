'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { floorApi } from '@/lib/floor/client'
import { createOutbox, type OutboxOp, type SyncResult } from '@/lib/floor/outbox'

/**
 * The offline outbox of this tablet and person (lib/floor/outbox.ts): flushed through
 * /api/disco/sync on start, when the network comes back and when the screen becomes visible.
 */
export function useOutbox(key: string, onRefused?: (refused: Array<{ op: OutboxOp; result: SyncResult }>) => void) {
  const outbox = useMemo(() => (typeof window === 'undefined' ? null : createOutbox(window.localStorage, key)), [key])
  const [size, setSize] = useState(0)
  const [online, setOnline] = useState(true)
  const flushing = useRef(false)
  const refusedRef = useRef(onRefused)
  refusedRef.current = onRefused

  const flush = useCallback(async () => {
    if (!outbox || flushing.current) return
    const batch = outbox.batch()
    setSize(outbox.size())
    if (!batch.length) return
    flushing.current = true
    try {
      const r = await floorApi<{ results: SyncResult[] }>('/sync', {
        body: { ops: batch.map(({ op, client_id, args }) => ({ op, client_id, args })) },
        timeoutMs: 30_000,
      })
      if (r.ok) {
        const { refused } = outbox.settle(batch, r.data.results)
        if (refused.length) refusedRef.current?.(refused)
      }
    } finally {
      flushing.current = false
      setSize(outbox.size())
    }
  }, [outbox])

  const add = useCallback(
    (op: Omit<OutboxOp, 'queued_at' | 'attempts'>) => {
      outbox?.add(op)
      setSize(outbox?.size() ?? 0)
    },
    [outbox],
  )

  useEffect(() => {
    setOnline(navigator.onLine)
    void flush()
    const onOnline = () => {
      setOnline(true)
      void flush()
    }
    const onOffline = () => setOnline(false)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void flush()
    }
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    document.addEventListener('visibilitychange', onVisible)
    // keep what the tablet stores from being evicted under storage pressure
    void navigator.storage?.persist?.().catch(() => {})
    return () => {
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [flush])

  return { size, online, add, flush }
}
