'use client'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { Alert } from '@/components/common/alert'
import { advanceBatch, completeBatch } from '@/lib/batches/actions'
import { COMPLETED, type Column, planMove } from '@/lib/batches/rules'
import type { BatchJson, BatchMove, Board, BoardBatch } from '@/lib/batches/types'
import { newClientId } from '@/lib/client-id'
import { cn } from '@/lib/cn'
import { failWith, type Result } from '@/lib/result'
import { BatchCard } from './batch-card'
import { OverrideDialog, type OverrideRequest } from './override-dialog'
import { QualityDialog } from './quality-dialog'
import { ReturnDialog, type ReturnRequest } from './return-dialog'
import { useBoardLive } from './use-board-live'
import { usePointerDrag } from './use-pointer-drag'

interface Notice {
  tone: 'error' | 'success' | 'info'
  text: string
  /** A refusal for open required work that a supervisor may override (recorded). */
  override?: OverrideRequest
}

/** A move answer patched onto the board's card until the next read brings the full picture. */
function patch(card: BoardBatch, b: BatchJson): BoardBatch {
  return {
    ...card,
    current_stage: b.current_stage,
    stage_position: b.stage_position,
    next_stage: b.next_stage,
    returns_to: b.returns_to,
    priority: b.priority,
    quality_status: b.quality_status,
    is_complete: b.is_complete,
    is_late: b.is_late,
    stage_entered_at: b.stage_entered_at,
    completed_at: b.completed_at,
    order_count: b.order_count,
    updated_at: b.updated_at,
  }
}

/**
 * The batch board: a column per workflow stage plus this week's completed batches. Move a batch by
 * dragging it (mouse, pen or touch: grab the grip) onto the next column, or with its buttons; the
 * rules are the database's, refusals appear above the board, and other devices' moves arrive live.
 */
export function BatchBoard({ initial, orgId, canReturn }: { initial: Board; orgId: string; canReturn: boolean }) {
  const [board, setBoard] = useState(initial)
  const [pending, setPending] = useState<Record<string, Column>>({})
  const [notice, setNotice] = useState<Notice | null>(null)
  const [returning, setReturning] = useState<ReturnRequest | null>(null)
  const [grading, setGrading] = useState<BoardBatch | null>(null)
  const [overriding, setOverriding] = useState<OverrideRequest | null>(null)
  const scroller = useRef<HTMLDivElement>(null)
  const { live, reload } = useBoardLive(orgId, setBoard)

  useEffect(() => setBoard(initial), [initial])
  // success notes fade; refusals stay until the next move or a dismissal
  useEffect(() => {
    if (notice?.tone !== 'success') return
    const t = setTimeout(() => setNotice(null), 4000)
    return () => clearTimeout(t)
  }, [notice])

  const stages = useMemo(() => [...board.stages].sort((a, b) => a.position - b.position), [board.stages])
  const last = stages[stages.length - 1]?.stage

  const applyBatch = useCallback((b: BatchJson) => {
    setBoard((prev) => ({ ...prev, batches: prev.batches.map((c) => (c.id === b.id ? patch(c, b) : c)) }))
  }, [])

  const settle = useCallback(
    (batch: BoardBatch, result: Result<BatchMove>, done: string) => {
      setPending(({ [batch.id]: _, ...rest }) => rest)
      if (result.ok) {
        applyBatch(result.data.batch)
        setNotice({ tone: 'success', text: done })
      } else {
        // canReturn is supervisor+: the same people the database lets override open required work
        const override =
          canReturn && result.code === 'REQUIRED_ACTIONS_PENDING'
            ? { batch, refusal: result.message, complete: batch.current_stage === last }
            : undefined
        setNotice({ tone: 'error', text: result.message, override })
        void reload()
      }
    },
    [applyBatch, reload, canReturn, last],
  )

  const run = useCallback(
    async (batch: BoardBatch, to: Column, call: (clientId: string) => Promise<Result<BatchMove>>, done: string) => {
      setNotice(null)
      setPending((p) => ({ ...p, [batch.id]: to }))
      const clientId = newClientId()
      let result: Result<BatchMove>
      try {
        result = await call(clientId)
      } catch {
        // the request may or may not have arrived: the same client id makes a retry safe
        try {
          result = await call(clientId)
        } catch {
          result = failWith('UNAVAILABLE', 'Could not reach the server. Check the connection and try again.', {
            offline: true,
          })
        }
      }
      settle(batch, result, done)
    },
    [settle],
  )

  const move = useCallback(
    (batch: BoardBatch, target: Column) => {
      const plan = planMove(stages, batch, target)
      switch (plan.kind) {
        case 'none':
          return
        case 'blocked':
          // not a move any RPC makes (the database's rules answer the moves that are): say where it can go
          return setNotice({
            tone: 'info',
            text: plan.next
              ? `${batch.batch_number} can go on to ${plan.next === COMPLETED ? 'Completed' : plan.next} only: drop it there, or on an earlier stage to send it back.`
              : `${batch.batch_number} is complete and stays where it is.`,
          })
        case 'return':
          if (!canReturn)
            return setNotice({ tone: 'error', text: 'Only a supervisor or above can send a batch back a stage' })
          return setReturning({ batch, to: plan.to })
        case 'advance':
          return run(
            batch,
            plan.to,
            (clientId) => advanceBatch({ batchId: batch.id, expectedStage: plan.from, clientId }),
            `${batch.batch_number} moved to ${plan.to}`,
          )
        case 'complete':
          return run(
            batch,
            COMPLETED,
            (clientId) => completeBatch({ batchId: batch.id, clientId }),
            `${batch.batch_number} is complete: its orders are shipped`,
          )
      }
    },
    [stages, canReturn, run],
  )

  const { drag, handle } = usePointerDrag<BoardBatch>({ onDrop: (b, target) => move(b, target as Column), scroller })

  const columns: { id: Column; name: string; gate: boolean; cards: BoardBatch[] }[] = useMemo(() => {
    const at = (b: BoardBatch): Column => pending[b.id] ?? (b.is_complete ? COMPLETED : b.current_stage)
    return [
      ...stages.map((s) => ({
        id: s.stage as Column,
        name: s.name,
        gate: s.is_quality_gate,
        cards: board.batches.filter((b) => at(b) === s.stage),
      })),
      { id: COMPLETED, name: 'Completed', gate: false, cards: board.batches.filter((b) => at(b) === COMPLETED) },
    ]
  }, [board.batches, stages, pending])

  const open = board.batches.filter((b) => !b.is_complete)
  const lateCount = open.filter((b) => b.is_late).length

  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm text-zinc-600 dark:text-zinc-400">
        <span>
          <strong className="font-semibold text-zinc-900 dark:text-zinc-100">{open.length}</strong> batches in
          production
        </span>
        <span>
          <strong className="font-semibold text-zinc-900 dark:text-zinc-100">
            {open.reduce((n, b) => n + b.order_count, 0)}
          </strong>{' '}
          orders
        </span>
        {lateCount ? (
          <span className="text-red-600 dark:text-red-400">
            <strong className="font-semibold">{lateCount}</strong> late
          </span>
        ) : null}
        <span
          className="ml-auto inline-flex items-center gap-1.5 text-xs"
          data-testid="live-status"
          data-live={live || undefined}
        >
          <span
            aria-hidden="true"
            className={cn(
              'size-2 rounded-full',
              live ? 'bg-emerald-500 shadow-[0_0_0_3px] shadow-emerald-500/20' : 'bg-zinc-400',
            )}
          />
          {live ? 'Live' : 'Connecting…'}
        </span>
      </div>

      <div aria-live="polite" className="empty:hidden">
        {notice ? (
          <Alert tone={notice.tone} className="flex items-start justify-between gap-3" data-testid="board-notice">
            <span className="flex flex-col items-start gap-2">
              {notice.text}
              {notice.override ? (
                <button
                  type="button"
                  className="rounded-md border border-current px-2.5 py-1 text-xs font-semibold"
                  onClick={() => setOverriding(notice.override ?? null)}
                >
                  Move on anyway…
                </button>
              ) : null}
            </span>
            <button
              type="button"
              onClick={() => setNotice(null)}
              className="-my-1 rounded px-1.5 text-lg leading-none opacity-60 hover:opacity-100"
              aria-label="Dismiss"
            >
              ×
            </button>
          </Alert>
        ) : null}
      </div>

      <p className="sr-only">
        Drag a batch by its grip onto the next stage, or use its Advance button. Send back needs a reason.
      </p>

      {/* full width on large screens (the page column is narrower than seven stages); on phones and
          tablets (portrait shows three columns of eight) it scrolls by column, snapping, unless a drag
          is scrolling it */}
      <div
        ref={scroller}
        className={cn(
          '-mx-4 overflow-x-auto px-4 pb-4 sm:-mx-6 sm:px-6 xl:mx-[calc((100%-100vw)/2+1.5rem)] xl:px-0',
          !drag && 'max-xl:snap-x max-xl:snap-mandatory max-xl:scroll-px-4 sm:max-xl:scroll-px-6',
        )}
      >
        <ol className="flex min-w-max gap-3" aria-label="Stages">
          {columns.map((col, i) => {
            const target = drag?.over === col.id
            const allowed = drag ? planMove(stages, drag.item, col.id).kind !== 'blocked' : false
            return (
              <li
                key={col.id}
                data-drop={col.id}
                data-testid="stage-column"
                data-stage={col.id}
                aria-label={col.name}
                className={cn(
                  'flex w-[82vw] shrink-0 snap-start flex-col rounded-2xl border p-2 transition-colors sm:w-64 xl:w-60',
                  col.id === COMPLETED
                    ? 'border-dashed border-zinc-300 bg-transparent dark:border-zinc-800'
                    : 'border-transparent bg-zinc-100 dark:bg-zinc-900/60',
                  target && allowed && 'border-brand-500 bg-brand-50 dark:border-brand-500 dark:bg-brand-500/10',
                  target && !allowed && 'border-red-400 bg-red-50 dark:border-red-500/60 dark:bg-red-500/10',
                )}
              >
                <header className="flex items-center justify-between gap-2 px-1.5 pt-1 pb-2.5">
                  <h2 className="flex items-center gap-2 text-sm font-semibold">
                    <span
                      aria-hidden="true"
                      className="grid size-5 place-items-center rounded-md bg-white text-[0.7rem] font-semibold text-zinc-500 shadow-sm dark:bg-zinc-800 dark:text-zinc-400"
                    >
                      {col.id === COMPLETED ? '✓' : i + 1}
                    </span>
                    {col.name}
                    {col.gate ? (
                      <span className="rounded bg-amber-100 px-1 py-px text-[0.65rem] font-semibold tracking-wide text-amber-800 uppercase dark:bg-amber-500/15 dark:text-amber-300">
                        Gate
                      </span>
                    ) : null}
                  </h2>
                  <span className="text-xs text-zinc-600 dark:text-zinc-400 tabular-nums" data-testid="column-count">
                    {col.cards.length}
                  </span>
                </header>
                <ul className="flex flex-col gap-2">
                  {col.cards.length === 0 ? (
                    <li className="rounded-xl border border-dashed border-zinc-300/80 px-3 py-8 text-center text-xs text-zinc-500 dark:border-zinc-700/70 dark:text-zinc-400">
                      {col.id === COMPLETED ? 'Nothing finished this week yet' : 'No batches here'}
                    </li>
                  ) : (
                    col.cards.map((b) => (
                      <li key={b.id}>
                        <BatchCard
                          batch={b}
                          today={board.today}
                          dimmed={drag?.item.id === b.id}
                          dragHandle={handle(b)}
                          actions={{
                            // where advancing leads: the database's answer from the batch type's machine
                            next: b.next_stage,
                            canReturn: canReturn && b.returns_to.length > 0,
                            isGate: col.gate,
                            busy: b.id in pending,
                            onAdvance: () => {
                              if (b.next_stage) move(b, b.next_stage)
                            },
                            onComplete: () => move(b, COMPLETED),
                            onReturn: () => {
                              // the nearest earlier stage the machine goes back to
                              const prev = stages
                                .filter((s) => s.position < b.stage_position && b.returns_to.includes(s.stage))
                                .at(-1)
                              if (prev) move(b, prev.stage)
                            },
                            onQuality: () => setGrading(b),
                          }}
                        />
                      </li>
                    ))
                  )}
                </ul>
              </li>
            )
          })}
        </ol>
      </div>

      {drag ? (
        <div
          aria-hidden="true"
          className="pointer-events-none fixed top-0 left-0 z-50"
          style={{
            width: drag.width,
            transform: `translate(${drag.x - drag.offsetX}px, ${drag.y - drag.offsetY}px)`,
          }}
        >
          <BatchCard batch={drag.item} today={board.today} ghost />
        </div>
      ) : null}

      <ReturnDialog
        request={returning}
        stages={stages}
        onClose={() => setReturning(null)}
        onReturned={(m) => {
          const number = returning?.batch.batch_number ?? 'The batch'
          setReturning(null)
          applyBatch(m.batch)
          setNotice({ tone: 'success', text: `${number} went back to ${m.batch.current_stage}` })
        }}
        onFailed={(message) => {
          setReturning(null)
          setNotice({ tone: 'error', text: message })
          void reload()
        }}
      />
      <OverrideDialog
        request={overriding}
        onClose={() => setOverriding(null)}
        onMoved={(m) => {
          const number = overriding?.batch.batch_number ?? 'The batch'
          setOverriding(null)
          applyBatch(m.batch)
          setNotice({
            tone: 'success',
            text: m.batch.is_complete
              ? `${number} is complete (override recorded)`
              : `${number} moved to ${m.batch.current_stage} (override recorded)`,
          })
        }}
        onFailed={(message) => {
          setOverriding(null)
          setNotice({ tone: 'error', text: message })
          void reload()
        }}
      />
      <QualityDialog
        batch={grading}
        onClose={() => setGrading(null)}
        onSaved={(b) => {
          setGrading(null)
          applyBatch(b)
          setNotice({ tone: 'success', text: `${b.batch_number}: quality ${b.quality_status}` })
        }}
      />
    </div>
  )
}
