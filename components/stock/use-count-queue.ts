'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { idbAvailable, idbStore } from '@/lib/sync/idb-store'
import { memoryStore } from '@/lib/sync/memory-store'
import {
  createSyncQueue,
  type Send,
  type SyncEntry,
  type SyncQueue,
  type SyncResult,
  summarise,
} from '@/lib/sync/queue'

/** How often entries due again are sent (each entry's own backoff decides). */
const TICK_MS = 15_000

/**
 * One call to POST /api/stock/counts/sync for a batch. An entry the counter chose to keep after a
 * conflict ("keep mine": it was a conflict, so it carries what the server had) goes again forced.
 */
const send: Send = async (entries) => {
  let res: Response
  try {
    res = await fetch('/api/stock/counts/sync', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({
        ops: entries.map((e) =>
          e.operation === 'count_add_line'
            ? { client_id: e.id, op: e.operation, args: e.payload }
            : { client_id: e.id, op: 'count_entry', args: { ...e.payload, force: e.theirs != null } },
        ),
      }),
      signal: AbortSignal.timeout(30_000),
    })
  } catch {
    return { ok: false, status: 0 }
  }
  const body = (await res.json().catch(() => null)) as {
    results?: SyncResult[]
    code?: string
    message?: string
  } | null
  if (res.ok && body?.results) return { ok: true, results: body.results }
  const gateway = res.status === 502 || res.status === 503 || res.status === 504
  return { ok: false, status: gateway ? 0 : res.status, error: { code: body?.code, message: body?.message } }
}

/**
 * The count tablet's entries in the device's one sync queue (lib/sync/queue.ts, IndexedDB), under
 * their own owner key so the scan screen never sends them to the floor's route. Flushed on start,
 * on `online`, when the screen becomes visible, after each entry and on a timer.
 */
export function useCountQueue(owner: string, onSynced: () => void) {
  const [entries, setEntries] = useState<SyncEntry[]>([])
  const [online, setOnline] = useState(true)
  // the last call's answer: a tablet whose browser says "online" may still reach nothing
  const [reachable, setReachable] = useState(true)
  const queueRef = useRef<Promise<SyncQueue> | null>(null)
  const flushing = useRef(false)
  const synced = useRef(onSynced)
  synced.current = onSynced

  const open = useCallback((): Promise<SyncQueue> => {
    if (!queueRef.current)
      queueRef.current = (async () => {
        const q = createSyncQueue((await idbAvailable()) ? idbStore() : memoryStore(), owner)
        await q.recover()
        return q
      })()
    return queueRef.current
  }, [owner])

  const refresh = useCallback(async () => setEntries(await (await open()).list()), [open])

  const flush = useCallback(async () => {
    if (flushing.current) return
    flushing.current = true
    try {
      const q = await open()
      const sum = await q.flush(async (batch) => {
        const r = await send(batch)
        setReachable(r.ok || r.status !== 0)
        return r
      })
      await q.prune()
      if (sum.synced > 0) synced.current()
    } finally {
      flushing.current = false
      await refresh()
    }
  }, [open, refresh])

  useEffect(() => {
    setOnline(navigator.onLine)
    void refresh().then(flush)
    const up = () => {
      setOnline(true)
      void flush()
    }
    const down = () => setOnline(false)
    const visible = () => document.visibilityState === 'visible' && void flush()
    window.addEventListener('online', up)
    window.addEventListener('offline', down)
    document.addEventListener('visibilitychange', visible)
    const timer = setInterval(() => void flush(), TICK_MS)
    return () => {
      window.removeEventListener('online', up)
      window.removeEventListener('offline', down)
      document.removeEventListener('visibilitychange', visible)
      clearInterval(timer)
    }
  }, [refresh, flush])

  const add = useCallback(
    async (input: {
      id: string
      payload: Record<string, unknown>
      label: string
      operation?: 'count_entry' | 'count_add_line'
    }) => {
      await (await open()).add({ ...input, operation: input.operation ?? 'count_entry' })
      await refresh()
      if (navigator.onLine) void flush()
    },
    [open, refresh, flush],
  )
  const keepMine = useCallback(
    async (id: string) => {
      await (await open()).retry(id)
      await flush()
    },
    [open, flush],
  )
  const discard = useCallback(
    async (id: string) => {
      await (await open()).discard(id)
      await refresh()
    },
    [open, refresh],
  )

  return { entries, online: online && reachable, add, flush, keepMine, discard, summary: summarise(entries) }
}
