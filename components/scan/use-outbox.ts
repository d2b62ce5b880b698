'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { floorApi } from '@/lib/floor/client'
import { createOutbox, flushOutbox, type OutboxOp, type SyncResult } from '@/lib/floor/outbox'

/**
 * The offline outbox of this tablet and person (lib/floor/outbox.ts): flushed through
 * /api/disco/sync on start, when the network comes back and when the screen becomes visible. Ops
 * the server refused stay listed (`refused`) until the operator dismisses them; they are not resent.
 */
export function useOutbox(key: string, onRefused?: (refused: Array<{ op: OutboxOp; result: SyncResult }>) => void) {
  const outbox = useMemo(() => (typeof window === 'undefined' ? null : createOutbox(window.localStorage, key)), [key])
  const [size, setSize] = useState(0)
  const [refused, setRefused] = useState<OutboxOp[]>([])
  const [online, setOnline] = useState(true)
  const flushing = useRef(false)
  const refusedRef = useRef(onRefused)
  refusedRef.current = onRefused

  const sync = useCallback(() => {
    setSize(outbox?.size() ?? 0)
    setRefused(outbox?.refused() ?? [])
  }, [outbox])

  const flush = useCallback(async () => {
    if (!outbox || flushing.current) return
    sync()
    if (!outbox.size()) return
    flushing.current = true
    try {
      const { refused: now } = await flushOutbox(outbox, async (ops) => {
        const r = await floorApi<{ results: SyncResult[] }>('/sync', {
          body: { ops: ops.map(({ op, client_id, args }) => ({ op, client_id, args })) },
          timeoutMs: 30_000,
        })
        return r.ok
          ? { ok: true, results: r.data.results }
          : {
              ok: false,
              status: r.offline ? 0 : r.status,
              error: { code: r.code, message: r.message, details: r.details },
            }
      })
      if (now.length) refusedRef.current?.(now)
    } finally {
      flushing.current = false
      sync()
    }
  }, [outbox, sync])

  const dismiss = useCallback(
    (clientId: string) => {
      outbox?.dismiss(clientId)
      sync()
    },
    [outbox, sync],
  )

  const add = useCallback(
    (op: Omit<OutboxOp, 'queued_at' | 'attempts'>) => {
      outbox?.add(op)
      sync()
    },
    [outbox, sync],
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

  return { size, refused, online, add, flush, dismiss }
}
