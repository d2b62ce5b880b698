'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { useOperatorKeepalive } from '@/components/floor/use-operator-keepalive'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { ActionTarget, CardAction, ItemCard, ScanAnswer } from '@/lib/floor/types'
import { count } from '@/lib/format'
import { orgTopic } from '@/lib/realtime/topics'
import { createDedupe } from '@/lib/scan/dedupe'
import { type FeedbackPrefs, feedback, type Tone } from '@/lib/scan/feedback'
import { isForeign, parseCode } from '@/lib/scan/label'
import { takeHandedCard } from './handed-card'
import type { Banner } from './scan-banner'
import { SESSION_LOST, scanErrorTitle, scanOutcome } from './scan-messages'
import type { ActionSubmit } from './use-action-form'
import { useFloorSession } from './use-floor-session'
import { useOfflineCards } from './use-offline-cards'
import { useOutbox } from './use-outbox'
import { useSewingWrites } from './use-sewing-writes'
import { useStageWrites } from './use-stage-writes'

export type Say = (tone: Tone | 'info', banner: Omit<Banner, 'tone'>) => void
export type ScanSource = 'camera' | 'scanner' | 'typed'

export interface ScanFlowInput {
  org: { id: string; slug: string; labelPrefix: string | null }
  me: { pinnedIn: boolean; userId: string; displayName?: string; supervisor?: boolean }
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
  const { state, start } = useFloorSession(org.id, { auto: me.pinnedIn, displayName: me.displayName })
  const session = state.kind === 'active' ? state.session : null
  const [item, setItem] = useState<ItemCard | null>(null)
  const [banner, setBanner] = useState<Banner | null>(null)
  /** A code scanned offline whose card this tablet has no copy of (shown in the card's place). */
  const [offlineScan, setOfflineScan] = useState<string | null>(null)
  const [scanning, setScanning] = useState(0)
  const [open, setOpen] = useState<{ action: CardAction; on: ActionTarget } | null>(null)
  const dedupe = useMemo(() => createDedupe(2000), [])

  useOperatorKeepalive(org.slug, me.pinnedIn)
  const say = useCallback<Say>(
    (tone, b) => {
      setBanner({ tone, ...b })
      if (tone !== 'info') feedback(tone, prefs)
    },
    [prefs],
  )
  const outbox = useOutbox(
    `floorline.outbox.${me.userId}.${org.id}`,
    (refused) =>
      say('error', {
        title: `${count(refused.length, 'offline change')} refused`,
        text: refused.map((r) => `${r.op.label}: ${r.result.error?.message ?? r.result.status}`).join('; '),
      }),
    org.id,
  )
  // back online: a banner saying "no connection" is no longer true; say what happened to what was saved
  const waiting = outbox.size
  useEffect(() => {
    if (!outbox.online) return
    setBanner((b) =>
      b?.offline
        ? {
            tone: 'info',
            title: 'Back online',
            text: waiting ? `${count(waiting, 'saved change')} syncing…` : 'Everything saved on the tablet is synced.',
            offline: waiting > 0,
          }
        : b,
    )
  }, [outbox.online, waiting])

  // a supervisor's decision on one of this tablet's conflicts is an item_update RealTimeEvent: flush
  // now (the flush asks what became of its conflicts) rather than at the next tick
  const waitingConflicts = outbox.entries.some((e) => e.status === 'conflict')
  const flushOutbox = outbox.flush
  useLiveTopic(
    orgTopic(org.id, `events:${me.supervisor ? 'supervisor' : 'operator'}`),
    (last) => {
      const data = (last?.payload as { payload?: { data?: { sync_conflict_id?: unknown } } } | undefined)?.payload?.data
      if (data?.sync_conflict_id) void flushOutbox()
    },
    { events: ['item_update'], enabled: me.pinnedIn && waitingConflicts, debounceMs: 1000 },
  )

  // a session started offline: its creation is the first thing the queue sends (same client id on
  // every reload, so it is created once)
  const created = state.kind === 'active' ? state.offlineCreated : undefined
  const addToOutbox = outbox.add
  useEffect(() => {
    if (!created || !session) return
    addToOutbox({
      op: 'start_session',
      client_id: created.clientId,
      args: { session_id: session.id, started_at: created.startedAt },
      label: 'Start of work (offline)',
    })
  }, [created, session, addToOutbox])

  const offlineCards = useOfflineCards(org.id, session?.location?.id, state.kind === 'active' && !state.offline)
  const cachedCard = offlineCards.byCode
  const cachedById = offlineCards.byId

  /** A session that ended or moved to another tablet: start again (the prompt appears if needed). */
  const recover = useCallback(
    (code: string) => {
      if (SESSION_LOST.has(code)) void start()
    },
    [start],
  )

  const sessionId = session?.id
  /** Shows an item's card as a scan would (from the queue's Next item, or "Open" on a card) and makes it current. */
  const openItem = useCallback(
    async (id: string, card?: ItemCard) => {
      if (card) setItem(card)
      else {
        const r = await floorApi<{ item: ItemCard }>(`/actions/pending?item_id=${encodeURIComponent(id)}`)
        // offline: the card from the location's snapshot, if this tablet has one
        const cached = !r.ok && r.offline ? cachedById(id) : null
        if (cached) {
          setItem(cached)
          say('warning', { title: `${cached.number}: from the tablet's copy`, text: 'No connection.', offline: true })
          return
        }
        if (!r.ok) {
          say('error', { title: 'Cannot open it', text: r.message })
          return
        }
        setItem(r.data.item)
        id = r.data.item.id
      }
      if (sessionId) void floorApi(`/sessions/${sessionId}`, { method: 'PUT', body: { current_item_id: id } })
    },
    [sessionId, say, cachedById],
  )

  // from the queue's Next item: the claimed item's card came with the answer (handed over in this
  // tab's sessionStorage), so it shows at once; a link without one reads the card
  const opened = useRef<string | null>(null)
  useEffect(() => {
    if (!initialItemId || opened.current === initialItemId) return
    const handed = takeHandedCard(initialItemId)
    if (handed) {
      opened.current = initialItemId
      setItem(handed) // floor_next_item already made it the session's current item
      return
    }
    if (!sessionId) return
    opened.current = initialItemId
    void openItem(initialItemId)
  }, [initialItemId, sessionId, openItem])

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
        const name = parsed.ok ? parsed.normalised : code
        // the card shown is the scanned item's as this tablet last knew it, or none: never the previous item's
        setItem(cached)
        setOfflineScan(cached ? null : name)
        const foreign = isForeign(parsed, org.labelPrefix ?? undefined)
        say('warning', {
          title: `Scan of ${cached?.number ?? name} saved on the tablet`,
          text: `No connection: the scan syncs when it is back.${cached ? ` ${cached.number}’s card is as this tablet last knew it.` : ' This tablet has no copy of its card: it shows when you scan it again online.'}${foreign ? ' It looks like another workshop’s label.' : ''}`,
          code,
          offline: true,
        })
        return
      }
      if (!r.ok) {
        recover(r.code)
        say('error', { title: scanErrorTitle(r.code), text: r.message, code })
        return
      }
      setOfflineScan(null)
      if (r.data.item) setItem(r.data.item)
      const outcome = scanOutcome(r.data, shown.current)
      if (outcome?.open) setOpen(outcome.open)
      if (outcome) say('success', { ...outcome.banner, code })
    },
    [dedupe, session, org.labelPrefix, outbox, say, recover, cachedCard],
  )

  const writes = useStageWrites({ session, item, setItem, say, queue: outbox.add, onFailure: recover })
  const sewing = useSewingWrites({
    item,
    setItem,
    say,
    queue: outbox.add,
    entries: outbox.entries,
    onFailure: recover,
  })

  /** The action dialog's submit: closes it when saved (or queued), else hands the failure to its form. */
  const submitAction = useCallback(
    async (a: CardAction, on: ActionTarget, p: ActionSubmit) => {
      const failure = await writes.completeAction(a, p, on)
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
    offlineScan,
    banner,
    busy: scanning > 0 || writes.busy,
    sewing,
    outbox,
    open,
    openAction: useCallback((action: CardAction, on: ActionTarget) => setOpen({ action, on }), []),
    closeAction: useCallback(() => setOpen(null), []),
    handleCode,
    openItem,
    submitAction,
    skipAction: writes.skipAction,
    advance: writes.advance,
  }
}
