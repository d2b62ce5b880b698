'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { z } from 'zod'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { OutboxOp } from '@/lib/floor/outbox'
import { SewingDefectArgs, SewingScanArgs } from '@/lib/floor/schemas'
import { isWaiting, sewingEntries } from '@/lib/floor/sewing'
import type { SyncAnswer } from '@/lib/floor/sync'
import type { BundleSewing, ItemCard, SewingCardOperation } from '@/lib/floor/types'
import type { SyncEntry } from '@/lib/sync/queue'
import type { Say } from './use-scan-flow'

type SewingAnswer = { sewing?: BundleSewing; did?: 'started' | 'completed'; replayed?: boolean }

/**
 * A bundle's sewing writes from its card (docs/garment.md "On the tablet"): start and complete an
 * operation, a defect or rework tap. Each is one operation of the floor's one write path — sent now
 * to POST /api/disco/sync under a new client id, or, with no connection (or a "try later"), put in
 * the device's sync queue under that same id, so it applies once whenever it arrives. The database
 * decides (dependencies, units, codes): its refusal is kept under the operation it names.
 */
export function useSewingWrites({
  item,
  setItem,
  say,
  queue,
  entries,
  onFailure,
}: {
  item: ItemCard | null
  setItem: (item: ItemCard) => void
  say: Say
  queue: (op: Omit<OutboxOp, 'queued_at' | 'attempts'>) => void
  /** The sync queue's entries (to see this bundle's writes arrive). */
  entries: SyncEntry[]
  onFailure: (code: string) => void
}) {
  const [busy, setBusy] = useState<string | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const bundle = item?.bundle
  const shown = useRef(item)
  shown.current = item

  // another bundle's card: its own refusals only
  const bundleId = bundle?.id
  useEffect(() => {
    if (bundleId) setErrors({})
  }, [bundleId])

  /** The card read again (status, location and history move with the work), if it is still the one shown. */
  const reread = useCallback(
    async (itemId: string) => {
      const r = await floorApi<{ item: ItemCard }>(`/actions/pending?item_id=${encodeURIComponent(itemId)}`)
      if (r.ok && shown.current?.id === itemId) setItem(r.data.item)
    },
    [setItem],
  )

  // this bundle's queued writes reached the server: show the card as the database has it now
  const waiting = bundleId ? sewingEntries(entries, bundleId).filter(isWaiting).length : 0
  const before = useRef(waiting)
  useEffect(() => {
    if (waiting < before.current && item) void reread(item.id)
    before.current = waiting
  }, [waiting, item, reread])

  const send = useCallback(
    async (
      o: SewingCardOperation,
      op: 'sewing_scan' | 'sewing_defect',
      args: z.input<typeof SewingScanArgs> | z.input<typeof SewingDefectArgs>,
      label: string,
      done: (a: SewingAnswer) => string,
    ) => {
      if (!item) return
      const clientId = newClientId()
      const keep = () => {
        queue({ op, client_id: clientId, args, label })
        say('warning', {
          title: `${label}: saved on the tablet`,
          text: 'No connection: it syncs when the connection is back.',
          offline: true,
        })
      }
      setBusy(o.operation_id)
      setErrors(({ [o.operation_id]: _, ...rest }) => rest)
      const r = await floorApi<SyncAnswer>('/sync', { body: { ops: [{ op, client_id: clientId, args }] } })
      setBusy(null)
      if (!r.ok) {
        if (r.offline) return keep()
        onFailure(r.code)
        setErrors((e) => ({ ...e, [o.operation_id]: r.message }))
        say('error', { title: `${label}: not saved`, text: r.message })
        return
      }
      const answer = r.data.results[0]
      if (!answer || answer.outcome === 'retry') return keep()
      if (!answer.ok) {
        const message = answer.error?.message ?? 'Refused'
        setErrors((e) => ({ ...e, [o.operation_id]: message }))
        say('error', { title: `${label}: refused`, text: message })
        return
      }
      // the card as it is now: an earlier refusal (say, a start before this operation was done) is past
      setErrors({})
      const data = (answer.data ?? {}) as SewingAnswer
      const current = shown.current
      if (data.sewing && current?.id === item.id && current.bundle)
        setItem({ ...current, bundle: { ...current.bundle, sewing: data.sewing } })
      say('success', { title: done(data) })
      void reread(item.id)
    },
    [item, queue, say, setItem, onFailure, reread],
  )

  const target = useCallback(
    (o: SewingCardOperation) => {
      if (!item || !bundle) throw new Error('no bundle card')
      return { item_id: item.id, bundle_id: bundle.id, operation_id: o.operation_id }
    },
    [item, bundle],
  )

  const start = useCallback(
    (o: SewingCardOperation) =>
      send(
        o,
        'sewing_scan',
        SewingScanArgs.parse({ ...target(o), step: 'start', scanned_at: new Date().toISOString() }),
        `Start ${o.name} on ${item?.number}`,
        () => `Started: ${o.name}`,
      ),
    [send, target, item?.number],
  )

  const complete = useCallback(
    (o: SewingCardOperation, units: number) =>
      send(
        o,
        'sewing_scan',
        SewingScanArgs.parse({ ...target(o), step: 'complete', units, scanned_at: new Date().toISOString() }),
        `Done ${o.name} on ${item?.number} (${units} pcs)`,
        () => `Done: ${o.name}, ${units} pcs`,
      ),
    [send, target, item?.number],
  )

  const tap = useCallback(
    (o: SewingCardOperation, defect: { code?: string; label: string; rework?: boolean }) =>
      send(
        o,
        'sewing_defect',
        SewingDefectArgs.parse({ ...target(o), defect_code: defect.code, rework: defect.rework ?? false }),
        `${defect.label} on ${o.name}`,
        () => `Counted: ${defect.label}`,
      ),
    [send, target],
  )

  return { busy, errors, start, complete, tap }
}
