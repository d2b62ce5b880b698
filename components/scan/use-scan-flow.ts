'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useOperatorKeepalive } from '@/components/floor/use-operator-keepalive'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { CardAction, ItemCard, ScanAnswer } from '@/lib/floor/types'
import { createDedupe } from '@/lib/scan/dedupe'
import { type FeedbackPrefs, feedback, type Tone } from '@/lib/scan/feedback'
import { isForeign, parseCode } from '@/lib/scan/label'
import type { Banner } from './scan-banner'
import { SESSION_LOST, scanErrorTitle, scanOutcome } from './scan-messages'
import type { ActionSubmit } from './use-action-form'
import { useFloorSession } from './use-floor-session'
import { useOfflineCards } from './use-offline-cards'
import { useOutbox } from './use-outbox'
import { useStageWrites } from './use-stage-writes'

export type Say = (tone: Tone | 'info', banner: Omit<Banner, 'tone'>) => void
export type ScanSource = 'camera' | 'scanner' | 'typed'

export interface ScanFlowInput {
  org: { id: string; slug: string; labelPrefix: string | null }
  me: { pinnedIn: boolean; userId: string }
  prefs: FeedbackPrefs
  /** Open this item's card on arrival (from the queue's "Next item"). */
  initialItemId?: string
}

/**
 * The scan screen's flow: the floor session, every code read (camera, wedge scanner, typed) going
 * through one handler that de-duplicates, records the scan through the API and shows what it meant,
 * the stage's writes (use-stage-writes.ts), and the offline outbox with the cached cards. What a code
 * means is the database's answer; the tablet reads a label itself only offline, to show something.
 */
export function useScanFlow({ org, me, prefs, initialItemId }: ScanFlowInput) {
  const { state, start } = useFloorSession(org.id)
  const session = state.kind === 'active' ? state.session : null
  const [item, setItem] = useState<ItemCard | null>(null)
  const [banner, setBanner] = useState<Banner | null>(null)
  const [scanning, setScanning] = useState(0)
  const [open, setOpen] = useState<CardAction | null>(null)
  const dedupe = useMemo(() => createDedupe(2000), [])

  useOperatorKeepalive(org.slug, me.pinnedIn)
  const say = useCallback<Say>(
    (tone, b) => {
      setBanner({ tone, ...b })
      if (tone !== 'info') feedback(tone, prefs)
    },
    [prefs],
  )
  const outbox = useOutbox(`floorline.outbox.${me.userId}.${org.id}`, (refused) =>
    say('error', {
      title: `${refused.length} offline change${refused.length === 1 ? '' : 's'} refused`,
      text: refused.map((r) => `${r.op.label}: ${r.result.error?.message ?? r.result.status}`).join('; '),
    }),
  )
  const cachedCard = useOfflineCards(org.id, session?.location?.id, state.kind === 'active' && !state.offline)

  /** A session that ended or moved to another tablet: start again (the prompt appears if needed). */
  const recover = useCallback(
    (code: string) => {
      if (SESSION_LOST.has(code)) void start()
    },
    [start],
  )

  const sessionId = session?.id
  useEffect(() => {
    if (!initialItemId || !sessionId) return
    void floorApi<{ item: ItemCard }>(`/actions/pending?item_id=${encodeURIComponent(initialItemId)}`).then((r) => {
      if (r.ok) setItem(r.data.item)
      // the item becomes the session's current one, as a scan would make it
      void floorApi(`/sessions/${sessionId}`, { method: 'PUT', body: { current_item_id: initialItemId } })
    })
  }, [initialItemId, sessionId])

  // the item shown when a scan's answer arrives (an action card opens that item's action)
  const shown = useRef(item)
  shown.current = item

  const handleCode = useCallback(
    async (raw: string, source: ScanSource) => {
      const code = raw.trim()
      if (!code || !dedupe.accept(code, Date.now())) return
      if (!session) {
        say('warning', { title: 'Start work first', text: 'Your floor session is not running yet.', code })
        return
      }
      const clientId = newClientId()
      setScanning((n) => n + 1)
      const r = await floorApi<ScanAnswer>('/scan', {
        body: { session_id: session.id, code, device_info: { camera: source === 'camera' ? 'back' : source } },
        idempotencyKey: clientId,
      })
      setScanning((n) => n - 1)
      if (!r.ok && r.offline) {
        // no server to ask: the tablet's copy of the label format names the scan and finds a cached
        // card; the scan itself syncs later and the server decides then
        const parsed = parseCode(code)
        const args = { session_id: session.id, code, scanned_at: new Date().toISOString() }
        outbox.add({ op: 'scan', client_id: clientId, args, label: `Scan ${parsed.ok ? parsed.normalised : code}` })
        const cached = cachedCard(code)
        if (cached) setItem(cached)
        const foreign = isForeign(parsed, org.labelPrefix ?? undefined)
        say('warning', {
          title: 'Saved on the tablet',
          text: `No connection: the scan syncs when it is back.${cached ? ' The card is as this tablet last knew it.' : ''}${foreign ? ' It looks like another workshop’s label.' : ''}`,
          code,
        })
        return
      }
      if (!r.ok) {
        recover(r.code)
        say('error', { title: scanErrorTitle(r.code), text: r.message, code })
        return
      }
      if (r.data.item) setItem(r.data.item)
      const outcome = scanOutcome(r.data, shown.current)
      if (outcome?.open) setOpen(outcome.open)
      if (outcome) say('success', { ...outcome.banner, code })
    },
    [dedupe, session, org.labelPrefix, outbox, say, recover, cachedCard],
  )

  const writes = useStageWrites({ session, item, setItem, say, queue: outbox.add, onFailure: recover })

  /** The action dialog's submit: closes it when saved (or queued), else hands the failure to its form. */
  const submitAction = useCallback(
    async (a: CardAction, p: ActionSubmit) => {
      const failure = await writes.completeAction(a, p)
      if (failure) feedback('error', prefs)
      else setOpen(null)
      return failure
    },
    [writes.completeAction, prefs],
  )

  return {
    state,
    start,
    session,
    item,
    banner,
    busy: scanning > 0 || writes.busy,
    outbox,
    open,
    openAction: setOpen,
    closeAction: useCallback(() => setOpen(null), []),
    handleCode,
    submitAction,
    skipAction: writes.skipAction,
    advance: writes.advance,
  }
}
