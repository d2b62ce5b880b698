'use client'
import type { HTMLAttributes } from 'react'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { daysUntil, shortDate, since } from '@/lib/batches/format'
import { PRIORITY_LABEL, PRIORITY_TONE, QUALITY_LABEL, QUALITY_TONE } from '@/lib/batches/labels'
import type { BoardBatch, Stage } from '@/lib/batches/types'
import { cn } from '@/lib/cn'

export interface CardActions {
  /** The next stage, or null at the last one (then: complete). */
  next: Stage | null
  canReturn: boolean
  isGate: boolean
  busy: boolean
  onAdvance: () => void
  onComplete: () => void
  onReturn: () => void
  onQuality: () => void
}

/** One batch on the board: number, priority, quality, orders, dates, lateness and its moves. */
export function BatchCard({
  batch,
  today,
  actions,
  dragHandle,
  ghost,
  dimmed,
}: {
  batch: BoardBatch
  today: string
  actions?: CardActions
  dragHandle?: HTMLAttributes<HTMLElement>
  ghost?: boolean
  dimmed?: boolean
}) {
  const due = batch.earliest_due_date
  const dueIn = due ? daysUntil(due, today) : null
  const late = batch.is_late && !batch.is_complete
  return (
    <article
      data-draggable
      data-testid="batch-card"
      data-batch={batch.batch_number}
      aria-label={`Batch ${batch.batch_number}`}
      aria-busy={actions?.busy || undefined}
      className={cn(
        'group relative flex flex-col gap-2.5 rounded-xl border bg-white p-3 text-sm shadow-sm transition-[opacity,box-shadow]',
        'dark:bg-zinc-900',
        late ? 'border-red-300 dark:border-red-500/40' : 'border-zinc-200 dark:border-zinc-800',
        batch.priority === 'rush' && !batch.is_complete && 'border-l-4 border-l-red-500',
        batch.priority === 'high' && !batch.is_complete && 'border-l-4 border-l-amber-500',
        dragHandle && !batch.is_complete && 'cursor-grab select-none active:cursor-grabbing',
        ghost && 'rotate-1 shadow-xl ring-2 ring-brand-500',
        dimmed && 'opacity-40',
        actions?.busy && 'opacity-70',
      )}
      {...(batch.is_complete ? {} : dragHandle)}
    >
      <header className="flex items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="text-base font-semibold tracking-tight">{batch.batch_number}</h3>
          <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">
            {batch.order_count} {batch.order_count === 1 ? 'order' : 'orders'}
            {batch.models.length ? ` · ${batch.models.join(', ')}` : ''}
          </p>
        </div>
        {dragHandle && !batch.is_complete ? (
          // the grip is where touch drags start: touch-action none keeps the browser from scrolling
          <div
            aria-hidden="true"
            data-testid="drag-grip"
            className="-mt-1 -mr-1 grid size-8 shrink-0 touch-none place-items-center rounded-md text-zinc-400 hover:bg-zinc-100 dark:hover:bg-zinc-800"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
              <circle cx="7" cy="5" r="1.5" />
              <circle cx="13" cy="5" r="1.5" />
              <circle cx="7" cy="10" r="1.5" />
              <circle cx="13" cy="10" r="1.5" />
              <circle cx="7" cy="15" r="1.5" />
              <circle cx="13" cy="15" r="1.5" />
            </svg>
          </div>
        ) : null}
      </header>

      {batch.priority !== 'standard' || batch.quality_status !== 'good' || late || batch.is_complete ? (
        <div className="flex flex-wrap gap-1.5">
          {batch.is_complete ? <Pill tone="green">Completed {shortDate(batch.completed_at, today)}</Pill> : null}
          {late ? (
            <Pill tone="red" data-testid="late">
              {batch.days_late} {batch.days_late === 1 ? 'day' : 'days'} late
            </Pill>
          ) : null}
          {batch.priority !== 'standard' ? (
            <Pill tone={PRIORITY_TONE[batch.priority]}>{PRIORITY_LABEL[batch.priority]}</Pill>
          ) : null}
          {batch.quality_status !== 'good' ? (
            <Pill tone={QUALITY_TONE[batch.quality_status]}>{QUALITY_LABEL[batch.quality_status]}</Pill>
          ) : null}
        </div>
      ) : null}

      <dl className="grid grid-cols-3 gap-2 text-xs">
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Due</dt>
          <dd
            className={cn(
              'font-medium',
              dueIn !== null && dueIn < 0 && !batch.is_complete && 'text-red-600 dark:text-red-400',
              dueIn !== null && dueIn >= 0 && dueIn <= 3 && !batch.is_complete && 'text-amber-700 dark:text-amber-400',
            )}
          >
            {shortDate(due, today)}
          </dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">Target</dt>
          <dd className="font-medium">{shortDate(batch.target_completion, today)}</dd>
        </div>
        <div>
          <dt className="text-zinc-500 dark:text-zinc-400">In stage</dt>
          <dd className="font-medium" suppressHydrationWarning>
            {batch.is_complete ? '—' : since(batch.stage_entered_at)}
          </dd>
        </div>
      </dl>

      {actions && !batch.is_complete ? (
        <div className="flex items-center gap-1.5 border-t border-zinc-100 pt-2.5 dark:border-zinc-800">
          {actions.canReturn && batch.stage_position > 1 ? (
            <Button
              size="sm"
              variant="ghost"
              className="px-2"
              disabled={actions.busy}
              onClick={actions.onReturn}
              aria-label={`Send ${batch.batch_number} back`}
              title="Send back for rework"
            >
              <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
                <path d="M12 5l-5 5 5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </Button>
          ) : null}
          {actions.isGate ? (
            <Button
              size="sm"
              variant="ghost"
              className="px-2"
              disabled={actions.busy}
              onClick={actions.onQuality}
              aria-label={`Set quality of ${batch.batch_number}`}
            >
              Quality
            </Button>
          ) : null}
          {actions.next ? (
            <Button
              size="sm"
              variant="secondary"
              className="ml-auto"
              pending={actions.busy}
              onClick={actions.onAdvance}
              aria-label={`Advance ${batch.batch_number} to ${actions.next}`}
            >
              Advance
              <svg viewBox="0 0 20 20" className="size-4" aria-hidden="true">
                <path d="M8 5l5 5-5 5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
              </svg>
            </Button>
          ) : (
            <Button
              size="sm"
              className="ml-auto"
              pending={actions.busy}
              onClick={actions.onComplete}
              aria-label={`Complete ${batch.batch_number}`}
            >
              Complete
            </Button>
          )}
        </div>
      ) : null}
    </article>
  )
}
