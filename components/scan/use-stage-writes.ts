'use client'
import { useCallback, useState } from 'react'
import { floorApi, newClientId } from '@/lib/floor/client'
import type { OutboxOp } from '@/lib/floor/outbox'
import type { ActionTarget, CardAction, FloorSession, ItemCard } from '@/lib/floor/types'
import type { Fail } from '@/lib/result'
import type { ActionSubmit } from './use-action-form'
import type { Say } from './use-scan-flow'

/** Why the server refused an action: its message, and the field errors the form puts under their fields. */
export type ActionFailure = Pick<Fail, 'message' | 'fieldErrors'>

type ActionAnswer = { item: ItemCard; action: { validation_result?: { warnings?: string[] } } }
type AdvanceAnswer = { item: ItemCard; to_stage: string | null; completed: boolean }

/**
 * The item's two writes from the tablet: an action done (or skipped) and the advance to the next
 * stage. Each carries a client id (a retry replays the stored answer); without a connection it waits
 * in the outbox under that id. The database decides whether it holds; the answer is shown.
 */
export function useStageWrites({
  session,
  item,
  setItem,
  say,
  queue,
  onFailure,
}: {
  session: FloorSession | null
  item: ItemCard | null
  setItem: (item: ItemCard) => void
  say: Say
  queue: (op: Omit<OutboxOp, 'queued_at' | 'attempts'>) => void
  /** Any refused write (a session that ended or moved is started again). */
  onFailure: (code: string) => void
}) {
  const [busy, setBusy] = useState(false)

  const write = useCallback(
    async <T>(
      path: string,
      body: Record<string, unknown>,
      offline: { op: 'complete_action' | 'advance'; args: Record<string, unknown>; label: string },
    ) => {
      const clientId = newClientId()
      setBusy(true)
      const r = await floorApi<T>(path, { body, idempotencyKey: clientId })
      setBusy(false)
      if (!r.ok && r.offline) {
        queue({ op: offline.op, client_id: clientId, args: offline.args, label: offline.label })
        say('warning', {
          title: `${offline.label}: saved on the tablet`,
          text: 'No connection: it syncs when the connection is back.',
          offline: true,
        })
      }
      if (!r.ok) onFailure(r.code)
      return r
    },
    [queue, say, onFailure],
  )

  /**
   * Resolves to the failure for the action's form to show, or null (saved, or waiting offline). `on`
   * is what the action is done on: the card's item, or from a unit's card its batch — then the answer
   * is the batch's card, and the unit's card is read again (the screen stays on the unit).
   */
  const completeAction = useCallback(
    async (a: CardAction, p: ActionSubmit, on?: ActionTarget): Promise<ActionFailure | null> => {
      if (!session || !item) return null
      const target = on ?? item
      const elsewhere = target.id !== item.id
      const body = { session_id: session.id, item_id: target.id, action_key: a.key, ...p }
      const { approver_pin: _pin, ...safe } = body // a PIN never waits in the outbox
      // what the operator saw when acting: if the item has moved on when this syncs, the server keeps
      // it as a conflict with both versions (ITEM_CHANGED) instead of applying it to the wrong stage
      const seen =
        !elsewhere && item.current_stage
          ? { seen: { stage: item.current_stage, stage_entered_at: item.stage_entered_at ?? null } }
          : {}
      const r = await write<ActionAnswer>('/actions', body, {
        op: 'complete_action',
        args: { ...safe, ...seen },
        label: `${a.label} on ${target.number}`,
      })
      const shown = async (answer: ItemCard | undefined) => {
        if (!elsewhere) return answer
        const again = await floorApi<{ item: ItemCard }>(`/actions/pending?item_id=${encodeURIComponent(item.id)}`)
        return again.ok ? again.data.item : undefined
      }
      if (r.ok) {
        const card = await shown(r.data.item)
        if (card) setItem(card)
        const warn = r.data.action.validation_result?.warnings?.[0]
        say(warn ? 'warning' : 'success', {
          title: p.status === 'skipped' ? `Skipped: ${a.label}` : `Saved: ${a.label}`,
          text:
            warn ??
            (card?.can_advance ? `${item.number} can advance now.` : elsewhere ? `On ${target.number}.` : undefined),
        })
        return null
      }
      if (r.offline) return null
      // a failed check is recorded on the item (the action shows as failed): show the card as it is now
      const failedItem = await shown(r.details?.item as ItemCard | undefined)
      if (failedItem) setItem(failedItem)
      return { message: r.message, fieldErrors: r.fieldErrors }
    },
    [session, item, write, say, setItem],
  )

  const skipAction = useCallback(
    async (a: CardAction, on?: ActionTarget) => {
      const failure = await completeAction(a, { status: 'skipped' }, on)
      if (failure) say('error', { title: `Cannot skip ${a.label}`, text: failure.message })
    },
    [completeAction, say],
  )

  const advance = useCallback(async () => {
    if (!session || !item) return
    const target = item.batch?.number ?? item.number
    const r = await write<AdvanceAnswer>(
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
  }, [session, item, write, say, setItem])

  return { busy, completeAction, skipAction, advance }
}
