'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { floorApi } from '@/lib/floor/client'
import type { OutboxOp } from '@/lib/floor/outbox'
import { idbAvailable, idbStore } from '@/lib/sync/idb-store'
import { migrateLegacyOutbox } from '@/lib/sync/legacy-outbox'
import { memoryStore } from '@/lib/sync/memory-store'
import { idbPhotoStore, type PendingPhoto, type UploadOutcome, uploadPendingPhotos } from '@/lib/sync/photo-store'
import {
  createSyncQueue,
  needsPerson,
  type Send,
  type SyncEntry,
  type SyncQueue,
  type SyncResult,
  summarise,
} from '@/lib/sync/queue'

/** The Background Sync tag the service worker (app/sw.ts) wakes the open tablet screen with. */
export const BACKGROUND_SYNC_TAG = 'floorline-sync'
/** How often a screen looks for entries due again (each entry's own backoff decides whether it goes). */
const TICK_MS = 15_000

/** One call to POST /api/disco/sync for a batch, every answer as the queue reads it. */
const send: Send = async (entries) => {
  const r = await floorApi<{ results: SyncResult[] }>('/sync', {
    body: { ops: entries.map((e) => ({ op: e.operation, client_id: e.id, args: e.payload })) },
    timeoutMs: 30_000,
  })
  return r.ok
    ? { ok: true, results: r.data.results }
    : { ok: false, status: r.offline ? 0 : r.status, error: { code: r.code, message: r.message, details: r.details } }
}

/** One waiting photo to the upload route, under its own client id (a retry is the same object). */
async function uploadPhoto(p: PendingPhoto): Promise<UploadOutcome> {
  const form = new FormData()
  form.set('org_id', p.org_id)
  form.set('item_id', p.item_id)
  form.set('file', new File([p.blob], 'photo.jpg', { type: 'image/jpeg' }))
  const r = await floorApi('/upload-photo', { form, idempotencyKey: p.id, timeoutMs: 30_000 })
  return r.ok ? 'uploaded' : r.offline ? 'offline' : 'later'
}

export type Refusal = { op: { label: string }; result: { status: number; error?: { message?: string } } }

/**
 * This tablet's sync queue for one person in one workshop (lib/sync/queue.ts), in IndexedDB: opened
 * once (moving any old localStorage outbox in, and sending again what a reload interrupted), flushed
 * on start, on `online`, when the screen becomes visible, on a timer (each entry's backoff decides),
 * and when the service worker's Background Sync fires (Chromium). Flushes of the same queue in two
 * tabs take turns (Web Locks). Entries the server refused stay listed with their reason until a
 * person retries or discards them.
 */
export function useOutbox(key: string, onRefused?: (refused: Refusal[]) => void, orgId?: string) {
  const [entries, setEntries] = useState<SyncEntry[]>([])
  const [online, setOnline] = useState(true)
  const opened = useRef<{ key: string; queue: Promise<SyncQueue> } | null>(null)
  const flushing = useRef(false)
  const refusedRef = useRef(onRefused)
  refusedRef.current = onRefused

  const open = useCallback((): Promise<SyncQueue> => {
    if (opened.current?.key !== key) {
      const queue = (async () => {
        const store = (await idbAvailable()) ? idbStore() : memoryStore()
        const q = createSyncQueue(store, key)
        await migrateLegacyOutbox(localStorage, key, q, store).catch(() => 0)
        await q.recover()
        return q
      })()
      opened.current = { key, queue }
    }
    return opened.current.queue
  }, [key])

  const refresh = useCallback(async () => setEntries(await (await open()).list()), [open])

  const flush = useCallback(async () => {
    if (flushing.current) return
    flushing.current = true
    try {
      const q = await open()
      // photos taken offline go first: the actions naming them may sync right after
      if (orgId && navigator.onLine && (await idbAvailable()))
        await uploadPendingPhotos(idbPhotoStore(), orgId, uploadPhoto).catch(() => undefined)
      // conflicts a supervisor has resolved meanwhile go again (the server settles them once)
      const conflicts = (await q.list()).filter((e) => e.status === 'conflict').map((e) => e.id)
      if (conflicts.length && navigator.onLine) {
        const r = await floorApi<{ resolutions: { client_id: string; resolution: string | null }[] }>(
          `/sync/resolutions?client_ids=${conflicts.slice(0, 200).join(',')}`,
        )
        if (r.ok) await q.resolved(r.data.resolutions.filter((x) => x.resolution).map((x) => x.client_id))
      }
      const run = () => q.flush(send)
      const sum = navigator.locks ? await navigator.locks.request(`floorline-sync:${key}`, run) : await run()
      if (sum.needPerson.length)
        refusedRef.current?.(
          sum.needPerson.map((e) => ({
            op: { label: e.label },
            result: { status: e.error?.status ?? 0, error: { message: e.error?.message } },
          })),
        )
    } finally {
      flushing.current = false
      await refresh()
    }
  }, [open, refresh, key, orgId])

  const add = useCallback(
    (w: Omit<OutboxOp, 'queued_at' | 'attempts'>) => {
      void (async () => {
        const q = await open()
        await q.add({ id: w.client_id, operation: w.op, payload: w.args, label: w.label })
        await refresh()
        // Chromium: the service worker is woken when the connection is back, even with the screen hidden
        const reg = await navigator.serviceWorker?.getRegistration().catch(() => undefined)
        await (reg as { sync?: { register(tag: string): Promise<void> } } | undefined)?.sync
          ?.register(BACKGROUND_SYNC_TAG)
          .catch(() => {})
      })()
    },
    [open, refresh],
  )

  const retry = useCallback(
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

  useEffect(() => {
    setOnline(navigator.onLine)
    void refresh().then(flush)
    const onOnline = () => {
      setOnline(true)
      void flush()
    }
    const onOffline = () => setOnline(false)
    const onVisible = () => {
      if (document.visibilityState === 'visible') void flush()
    }
    const onMessage = (e: MessageEvent) => {
      if ((e.data as { type?: string } | null)?.type !== BACKGROUND_SYNC_TAG) return
      void flush().then(() => e.ports[0]?.postMessage({ flushed: true }))
    }
    const tick = setInterval(() => {
      if (navigator.onLine) void flush()
    }, TICK_MS)
    window.addEventListener('online', onOnline)
    window.addEventListener('offline', onOffline)
    document.addEventListener('visibilitychange', onVisible)
    navigator.serviceWorker?.addEventListener('message', onMessage)
    return () => {
      clearInterval(tick)
      window.removeEventListener('online', onOnline)
      window.removeEventListener('offline', onOffline)
      document.removeEventListener('visibilitychange', onVisible)
      navigator.serviceWorker?.removeEventListener('message', onMessage)
    }
  }, [flush, refresh])

  const counts = summarise(entries)
  return {
    entries,
    /** Waiting to be sent (pending, being sent, or failed and going again). */
    size: counts.waiting,
    /** Waiting for a person: refused, out of retries, or in conflict. */
    refused: entries.filter(needsPerson),
    lastSyncedAt: counts.lastSyncedAt,
    online,
    add,
    flush,
    retry,
    /** Removes an entry from the device (the sheet asks first). */
    dismiss: discard,
  }
}
