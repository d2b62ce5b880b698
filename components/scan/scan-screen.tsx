'use client'
import { useCallback } from 'react'
import { FloorShell } from '@/components/floor/floor-shell'
import { ItemFlag } from '@/components/floor/item-flag'
import type { FeedbackPrefs } from '@/lib/scan/feedback'
import { ActionDialog } from './action-dialog'
import { CameraScanner } from './camera-scanner'
import { ItemLockNotice } from './item-lock-notice'
import { ManualEntry } from './manual-entry'
import { OfflineDataAge } from './offline-data-age'
import { ResultCard } from './result-card'
import { ScanBanner } from './scan-banner'
import { ScanPrompt } from './scan-prompt'
import { SessionPanel } from './session-panel'
import { SewingOperations } from './sewing-operations'
import { SyncSheet } from './sync-sheet'
import { SyncStatus } from './sync-status'
import { useAudioUnlock } from './use-audio-unlock'
import { useItemLock } from './use-item-lock'
import { useScanFlow } from './use-scan-flow'
import { useWedge } from './use-wedge'

export interface ScanScreenProps {
  org: { id: string; slug: string; name: string; labelPrefix: string | null; timeZone: string }
  me: { displayName: string; supervisor: boolean; pinnedIn: boolean; userId: string }
  prefs: FeedbackPrefs
  /** Open this item's card on arrival (from the queue's "Next item"). */
  initialItemId?: string
}

/**
 * The PINed-in operator's home (/[org]/scan): three ways to read a code — the camera, a
 * keyboard-wedge scanner anywhere on the page, typing — feeding one flow (use-scan-flow.ts), which
 * records the scan and shows the result card; the stage's actions from there. This file is layout.
 */
export function ScanScreen({ org, me, prefs, initialItemId }: ScanScreenProps) {
  const flow = useScanFlow({ org, me, prefs, initialItemId })
  const { state, item, outbox, handleCode } = flow
  useAudioUnlock()
  const onScanner = useCallback((code: string) => void handleCode(code, 'scanner'), [handleCode])
  useWedge(onScanner, state.kind === 'active' && flow.open === null)
  // this tablet holds the item it works on (another tablet's writes to it are refused meanwhile)
  const lock = useItemLock(flow.session?.id ?? null, item?.id ?? null, outbox.online)

  return (
    <FloorShell
      slug={org.slug}
      active="scan"
      who={me.displayName}
      supervisor={me.supervisor}
      messages={me.pinnedIn ? { orgId: org.id, timeZone: org.timeZone } : undefined}
      status={
        <span className="flex items-center gap-3">
          <OfflineDataAge orgId={org.id} timeZone={org.timeZone} />
          <SyncStatus
            online={outbox.online}
            waiting={outbox.size}
            refused={outbox.refused.length}
            lastSyncedAt={outbox.lastSyncedAt}
            timeZone={org.timeZone}
          />
        </span>
      }
    >
      <SessionPanel state={state} onStart={flow.start} timeZone={org.timeZone} />
      <div className="grid flex-1 gap-4 portrait:grid-rows-[minmax(14rem,38dvh)_auto] landscape:grid-cols-[minmax(0,5fr)_minmax(0,7fr)]">
        <div className="flex min-h-0 flex-col gap-3">
          <CameraScanner onCode={(c) => void handleCode(c, 'camera')} />
          <ManualEntry onCode={(c) => void handleCode(c, 'typed')} disabled={!flow.session} />
        </div>
        <div className="flex min-w-0 flex-col gap-4">
          <ScanBanner banner={flow.banner} />
          <SyncSheet
            entries={outbox.entries}
            timeZone={org.timeZone}
            onRetry={(id) => void outbox.retry(id)}
            onDiscard={(id) => void outbox.dismiss(id)}
          />
          {item ? <ItemLockNotice lock={lock} timeZone={org.timeZone} /> : null}
          {item ? (
            <>
              <ResultCard
                item={item}
                timeZone={org.timeZone}
                busy={flow.busy}
                onAction={flow.openAction}
                onSkip={(a, on) => void flow.skipAction(a, on)}
                onAdvance={() => void flow.advance()}
                onOpen={(id) => void flow.openItem(id)}
                sewing={
                  item.bundle?.sewing ? (
                    <SewingOperations
                      bundleId={item.bundle.id}
                      sewing={item.bundle.sewing}
                      entries={outbox.entries}
                      me={
                        flow.session
                          ? { member_id: flow.session.member_id, display_name: flow.session.display_name }
                          : null
                      }
                      actions={flow.sewing}
                    />
                  ) : null
                }
              />
              {flow.session ? (
                // a card read by id before any scan may have no floor item yet: the batch / order id serves
                <ItemFlag
                  key={item.id ?? item.ref_id}
                  sessionId={flow.session.id}
                  itemId={item.id ?? item.ref_id}
                  number={item.number}
                />
              ) : null}
            </>
          ) : flow.offlineScan ? (
            <ScanPrompt offlineCode={flow.offlineScan} />
          ) : (
            <ScanPrompt />
          )}
        </div>
      </div>
      <ActionDialog open={flow.open} onSubmit={flow.submitAction} onClose={flow.closeAction} />
    </FloorShell>
  )
}
