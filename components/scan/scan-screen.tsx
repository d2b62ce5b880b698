'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { FloorShell } from '@/components/floor/floor-shell'
import { useOperatorKeepalive } from '@/components/floor/use-operator-keepalive'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { CardAction, ItemCard, ScanAnswer } from '@/lib/floor/types'
import { createDedupe } from '@/lib/scan/dedupe'
import { type FeedbackPrefs, feedback, type Tone, unlockAudio } from '@/lib/scan/feedback'
import { isForeign, parseCode } from '@/lib/scan/label'
import { ActionDialog, type ActionSubmit } from './action-dialog'
import { CameraScanner } from './camera-scanner'
import { ManualEntry } from './manual-entry'
import { RefusedOps } from './refused-ops'
import { ResultCard } from './result-card'
import { type Banner, ScanBanner } from './scan-banner'
import { SessionPanel } from './session-panel'
import { useFloorSession } from './use-floor-session'
import { useOutbox } from './use-outbox'
import { useWedge } from './use-wedge'

export interface ScanScreenProps {
  org: { id: string; slug: string; name: string; labelPrefix: string | null }
  me: { displayName: string; supervisor: boolean; pinnedIn: boolean; userId: string }
  prefs: FeedbackPrefs
  /** Open this item's card on arrival (from the queue's "Next item"). */
  initialItemId?: string
}

type Source = 'camera' | 'scanner' | 'typed'

/**
 * The PINed-in operator's home (/[org]/scan): three ways to read a code — the camera, a
 * keyboard-wedge scanner anywhere on the page, typing — feeding one handler, which de-duplicates,
 * records the scan through the API and shows the result card; the stage's actions from there.
 * Writes carry a client id; without a connection they wait in the outbox and sync later.
 */
export function ScanScreen({ org, me, prefs, initialItemId }: ScanScreenProps) {
  const { state, start } = useFloorSession(org.id)
  const session = state.kind === 'active' ? state.session : null
  const [item, setItem] = useState<ItemCard | null>(null)
  const [banner, setBanner] = useState<Banner | null>(null)
  const [busy, setBusy] = useState(false)
  const [open, setOpen] = useState<CardAction | null>(null)
  const [actionError, setActionError] = useState<string | null>(null)
  const dedupe = useMemo(() => createDedupe(2000), [])
  const inFlight = useRef(0)

  useOperatorKeepalive(org.slug, me.pinnedIn)
  const say = useCallback(
    (tone: Tone | 'info', b: Omit<Banner, 'tone'>) => {
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

  useEffect(() => {
    const unlock = () => unlockAudio()
    window.addEventListener('pointerdown', unlock)
    window.addEventListener('keydown', unlock)
    return () => {
      window.removeEventListener('pointerdown', unlock)
      window.removeEventListener('keydown', unlock)
    }
  }, [])

  const sessionId = session?.id
  const locationId = session?.location?.id
  const offlineKey = `floorline.offline-data.${org.id}`
  // what this tablet's location is working on, cached to show item cards while offline
  useEffect(() => {
    if (!locationId || state.kind !== 'active' || state.offline) return
    void floorApi<OfflineData>(`/offline-data?location_id=${locationId}`).then((r) => {
      if (r.ok) localStorage.setItem(offlineKey, JSON.stringify(r.data))
    })
  }, [locationId, offlineKey, state])
  useEffect(() => {
    if (!initialItemId || !sessionId) return
    void floorApi<{ item: ItemCard }>(`/actions/pending?item_id=${encodeURIComponent(initialItemId)}`).then((r) => {
      if (r.ok) setItem(r.data.item)
      // the item becomes the session's current one, as a scan would make it
      void floorApi(`/sessions/${sessionId}`, { method: 'PUT', body: { current_item_id: initialItemId } })
    })
  }, [initialItemId, sessionId])

  /** A session that ended or moved to another tablet: start again (the prompt appears if needed). */
  const recover = useCallback(
    (code: string) => {
      if (code === 'SESSION_ENDED' || code === 'SESSION_TAKEN' || code === 'SESSION_NOT_FOUND') void start()
    },
    [start],
  )

  const handleCode = useCallback(
    async (raw: string, source: Source) => {
      const code = raw.trim()
      if (!code || !dedupe.accept(code, Date.now())) return
      if (!session) {
        say('warning', { title: 'Start work first', text: 'Your floor session is not running yet.', code })
        return
      }
      const parsed = parseCode(code)
      if (isForeign(parsed, org.labelPrefix ?? undefined)) {
        // still recorded by the server below; the tablet already knows the answer
        say('error', { title: 'Another workshop’s label', text: 'This label belongs to another workshop.', code })
      }
      const clientId = newClientId()
      const args = { session_id: session.id, code, scanned_at: new Date().toISOString() }
      inFlight.current++
      setBusy(true)
      const r = await floorApi<ScanAnswer>('/scan', {
        body: { session_id: session.id, code, device_info: { camera: source === 'camera' ? 'back' : source } },
        idempotencyKey: clientId,
      })
      inFlight.current--
      setBusy(inFlight.current > 0)
      if (!r.ok && r.offline) {
        outbox.add({ op: 'scan', client_id: clientId, args, label: `Scan ${parsed.ok ? parsed.normalised : code}` })
        const cached = parsed.ok ? cachedCard(offlineKey, parsed.normalised) : null
        if (cached) setItem(cached)
        say('warning', {
          title: 'Saved on the tablet',
          text: `No connection: the scan syncs when it is back.${cached ? ' The card is as this tablet last knew it.' : ''}`,
          code,
        })
        return
      }
      if (!r.ok) {
        recover(r.code)
        say('error', { title: errorTitle(r.code), text: r.message, code })
        return
      }
      const a = r.data
      if (a.item) setItem(a.item)
      if (a.completed_action) {
        say('success', {
          title: `Done: ${a.completed_action.label}`,
          text: a.item ? `${a.item.number}` : undefined,
          code,
        })
      } else if (a.type === 'item' && a.item) {
        say('success', { title: `${a.item.number} · ${a.item.stage_name ?? a.item.status}`, text: a.item.title, code })
      } else if (a.type === 'location' && a.location) {
        say('success', { title: `Now at ${a.location.name}`, code })
      } else if (a.type === 'user' && a.user) {
        say('success', { title: a.user.display_name, text: `Badge ${a.user.badge_code} · ${a.user.role}`, code })
      } else if (a.type === 'action' && a.action) {
        const act = item?.actions.find((x) => x.key === a.action?.key)
        if (act && act.status !== 'completed') setOpen(act)
        say('success', { title: a.action.label, text: act ? `For ${item?.number}` : 'Scan an item first', code })
      }
    },
    [dedupe, session, org.labelPrefix, outbox, say, recover, item, offlineKey],
  )

  const onScanner = useCallback((code: string) => void handleCode(code, 'scanner'), [handleCode])
  useWedge(onScanner, state.kind === 'active' && open === null)

  const write = useCallback(
    async <T,>(
      path: string,
      body: Record<string, unknown>,
      offline: { op: 'complete_action' | 'advance'; args: Record<string, unknown>; label: string },
    ) => {
      const clientId = newClientId()
      setBusy(true)
      const r = await floorApi<T>(path, { body, idempotencyKey: clientId })
      setBusy(false)
      if (!r.ok && r.offline) {
        outbox.add({ op: offline.op, client_id: clientId, args: offline.args, label: offline.label })
        say('warning', { title: 'Saved on the tablet', text: `${offline.label}: syncs when the connection is back.` })
      }
      if (!r.ok) recover(r.code)
      return r
    },
    [outbox, say, recover],
  )

  const doAction = useCallback(
    async (a: CardAction, p: ActionSubmit) => {
      if (!session || !item) return
      setActionError(null)
      const body = {
        session_id: session.id,
        item_id: item.id,
        action_key: a.key,
        data: p.data,
        status: p.status,
        approver_badge: p.approver_badge,
        approver_pin: p.approver_pin,
      }
      const { approver_pin: _pin, ...safe } = body // a PIN never waits in the outbox
      const r = await write<{ item: ItemCard; action: { validation_result?: { warnings?: string[] } } }>(
        '/actions',
        body,
        {
          op: 'complete_action',
          args: safe,
          label: `${a.label} on ${item.number}`,
        },
      )
      if (r.ok) {
        setItem(r.data.item)
        setOpen(null)
        const warn = r.data.action.validation_result?.warnings?.[0]
        say(warn ? 'warning' : 'success', {
          title: p.status === 'skipped' ? `Skipped: ${a.label}` : `Saved: ${a.label}`,
          text: warn ?? (r.data.item.can_advance ? `${item.number} can advance now.` : undefined),
        })
        return
      }
      if (r.offline) {
        setOpen(null)
        return
      }
      const failedItem = r.details?.item as ItemCard | undefined
      if (failedItem) setItem(failedItem)
      setActionError(r.message)
      feedback('error', prefs)
    },
    [session, item, write, say, prefs],
  )

  const advance = useCallback(async () => {
    if (!session || !item) return
    const target = item.batch?.number ?? item.number
    const r = await write<{ item: ItemCard; to_stage: string | null; completed: boolean }>(
      `/items/${item.id}/advance`,
      { session_id: session.id, expected_stage: item.current_stage ?? undefined },
      {
        op: 'advance',
        args: { session_id: session.id, item_id: item.id, expected_stage: item.current_stage },
        label: `Advance ${target}`,
      },
    )
    if (r.ok) {
      setItem(r.data.item)
      say('success', {
        title: r.data.completed ? `${target} completed` : `${target} → ${r.data.to_stage}`,
        text: r.data.completed ? 'The batch is finished.' : 'Moved on to the next stage.',
      })
    } else if (!r.offline) {
      say('error', { title: 'Cannot advance', text: r.message })
    }
  }, [session, item, write, say])

  const status = (
    <span
      data-testid="sync-status"
      className={
        outbox.size || !outbox.online
          ? 'rounded-full bg-amber-100 px-3 py-1 text-sm font-medium text-amber-900 dark:bg-amber-500/15 dark:text-amber-200'
          : 'rounded-full bg-emerald-100 px-3 py-1 text-sm font-medium text-emerald-900 dark:bg-emerald-500/15 dark:text-emerald-200'
      }
    >
      {!outbox.online ? 'Offline' : outbox.size ? `${outbox.size} to sync` : 'Online'}
      {!outbox.online && outbox.size ? ` · ${outbox.size} waiting` : ''}
      {outbox.refused.length ? ` · ${outbox.refused.length} refused` : ''}
    </span>
  )

  return (
    <FloorShell slug={org.slug} active="scan" who={me.displayName} supervisor={me.supervisor} status={status}>
      <SessionPanel state={state} onStart={start} />
      <div className="grid flex-1 gap-4 portrait:grid-rows-[minmax(14rem,38dvh)_auto] landscape:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex min-h-0 flex-col gap-3">
          <CameraScanner onCode={(c) => void handleCode(c, 'camera')} />
          <ManualEntry onCode={(c) => void handleCode(c, 'typed')} disabled={!session} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <ScanBanner banner={banner} />
          <RefusedOps ops={outbox.refused} onDismiss={outbox.dismiss} />
          {item ? (
            <ResultCard
              item={item}
              busy={busy}
              onAction={(a) => {
                setActionError(null)
                setOpen(a)
              }}
              onSkip={(a) => void doAction(a, { status: 'skipped' })}
              onAdvance={() => void advance()}
            />
          ) : (
            <div className="flex flex-1 flex-col items-center justify-center rounded-3xl border-2 border-dashed border-zinc-300 p-8 text-center text-zinc-500 dark:border-zinc-700">
              <p className="text-2xl font-semibold text-zinc-700 dark:text-zinc-300">Scan a label</p>
              <p className="mt-2 max-w-md text-lg">
                An item shows its stage, who has it and what this stage asks for. Location labels move you; action cards
                complete their action.
              </p>
            </div>
          )}
        </div>
      </div>
      {item ? (
        <ActionDialog
          action={open}
          item={item}
          busy={busy}
          error={actionError}
          onSubmit={(a, p) => void doAction(a, p)}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </FloorShell>
  )
}

interface OfflineData {
  generated_at: string
  items: ItemCard[]
  labels: Record<string, { kind: string; id: string; ref_id: string }>
}

/** An item card from the cached offline data, for a label (or a number) scanned without a connection. */
function cachedCard(key: string, code: string): ItemCard | null {
  try {
    const data = JSON.parse(localStorage.getItem(key) ?? 'null') as OfflineData | null
    if (!data) return null
    const ref = data.labels[code]
    return data.items.find((i) => (ref ? i.id === ref.id : i.number.toUpperCase() === code)) ?? null
  } catch {
    return null
  }
}

function errorTitle(code: string): string {
  switch (code) {
    case 'FOREIGN_LABEL':
      return 'Another workshop’s label'
    case 'INVALID_CODE':
      return 'Not a readable code'
    case 'UNSUPPORTED_LABEL_VERSION':
      return 'Label too new for this app'
    case 'UNKNOWN_CODE':
    case 'ITEM_NOT_FOUND':
      return 'Not found'
    case 'ACTION_NOT_AVAILABLE':
    case 'WRONG_SCAN_TYPE':
      return 'Not here'
    case 'SESSION_ENDED':
    case 'SESSION_TAKEN':
      return 'Session moved'
    default:
      return 'Scan failed'
  }
}
