'use client'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { formatMinutes } from '@/lib/floor/format'
import type { ActionStatus, CardAction, ItemCard } from '@/lib/floor/types'

const STATUS_TONE: Record<ActionStatus, 'neutral' | 'green' | 'red' | 'amber'> = {
  pending: 'neutral',
  completed: 'green',
  failed: 'red',
  skipped: 'amber',
}
const STATUS_WORD: Record<ActionStatus, string> = {
  pending: 'To do',
  completed: 'Done',
  failed: 'Failed',
  skipped: 'Skipped',
}
const TYPE_WORD: Record<CardAction['type'], string> = {
  scan: 'Scan',
  photo: 'Photo',
  note: 'Note',
  approval: 'Approval',
  measurement: 'Measure',
  inspection: 'Inspect',
}

/**
 * The big result of an item scan, readable at arm's length: number, what it is, the stage and its
 * progress, status, who it is assigned to, and the stage's actions with a button each. When the
 * last required action is done, "Advance" is one tap.
 */
export function ResultCard({
  item,
  busy,
  onAction,
  onSkip,
  onAdvance,
}: {
  item: ItemCard
  busy: boolean
  onAction: (a: CardAction) => void
  onSkip: (a: CardAction) => void
  onAdvance: () => void
}) {
  const orderBlockers = item.blocking_actions.filter((b) => b.kind === 'order' && b.item_id !== item.id)
  return (
    <section
      aria-label={`Item ${item.number}`}
      data-testid="result-card"
      className="@container flex flex-col gap-5 rounded-3xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium tracking-wide text-zinc-500 uppercase">
            {item.kind === 'batch'
              ? `Batch · ${item.order_count ?? 0} units`
              : `Order${item.batch ? ` · in ${item.batch.number}` : ''}`}
          </p>
          <h2 className="text-5xl font-bold tracking-tight tabular-nums" data-testid="item-number">
            {item.number}
          </h2>
          <p className="mt-1 truncate text-lg text-zinc-600 dark:text-zinc-300">{item.title}</p>
        </div>
        <div className="flex flex-col items-end gap-2 text-right">
          {item.current_stage ? (
            <p
              className="rounded-2xl bg-brand-600 px-4 py-2 text-2xl font-semibold text-white dark:bg-brand-500"
              data-testid="item-stage"
            >
              {item.stage_name ?? item.current_stage}
            </p>
          ) : null}
          {item.stage_position && item.stage_count ? (
            <p className="text-sm text-zinc-500">
              Stage {item.stage_position} of {item.stage_count}
              {item.minutes_in_stage !== null ? ` · ${formatMinutes(item.minutes_in_stage)} here` : ''}
            </p>
          ) : null}
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 text-base @xl:grid-cols-4">
        <Fact label="Status" value={item.status.replaceAll('_', ' ')} testId="item-status" />
        <Fact label="Assigned to" value={item.assigned_to?.display_name ?? 'Nobody'} testId="item-assignee" />
        <Fact label="Quality" value={item.quality_status ?? '—'} />
        <Fact label="Due" value={item.due_date ?? '—'} />
      </dl>

      {item.is_complete ? (
        <p className="rounded-2xl bg-zinc-100 p-4 text-lg dark:bg-zinc-800">
          Nothing to do on the floor: {item.status}.
        </p>
      ) : (
        <div className="flex flex-col gap-3">
          <h3 className="text-lg font-semibold">
            {item.actions.length ? `At ${item.current_stage ?? 'this stage'}` : 'No actions at this stage'}
          </h3>
          <ul className="flex flex-col gap-2" aria-label="Actions">
            {item.actions.map((a) => (
              <li
                key={a.key}
                data-testid={`action-${a.key}`}
                className="flex flex-wrap items-center gap-3 rounded-2xl border border-zinc-200 p-3 dark:border-zinc-800"
              >
                <div className="min-w-0 flex-1">
                  <p className="text-lg font-medium">
                    {a.label}{' '}
                    {a.required ? null : <span className="text-sm font-normal text-zinc-500">(optional)</span>}
                  </p>
                  {a.validation_result && !a.validation_result.passed && a.validation_result.errors?.length ? (
                    <p className="text-sm text-red-700 dark:text-red-300">{a.validation_result.errors[0]}</p>
                  ) : a.description ? (
                    <p className="text-sm text-zinc-500">{a.description}</p>
                  ) : null}
                </div>
                <Pill tone={STATUS_TONE[a.status]} className="text-sm">
                  {STATUS_WORD[a.status]}
                </Pill>
                {a.status !== 'completed' ? (
                  <div className="flex gap-2">
                    {!a.required && a.status !== 'skipped' ? (
                      <Button size="touch" variant="ghost" disabled={busy} onClick={() => onSkip(a)}>
                        Skip
                      </Button>
                    ) : null}
                    <Button size="touch" variant="secondary" disabled={busy} onClick={() => onAction(a)}>
                      {TYPE_WORD[a.type]}
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
          {orderBlockers.length ? (
            <p
              className="rounded-2xl bg-amber-50 p-3 text-amber-900 dark:bg-amber-500/10 dark:text-amber-200"
              data-testid="order-blockers"
            >
              {item.advance_blockers} per-unit action{item.advance_blockers === 1 ? '' : 's'} still to do, e.g.{' '}
              {orderBlockers[0].label} on {orderBlockers[0].number}: scan each unit’s label.
            </p>
          ) : null}
        </div>
      )}

      {!item.is_complete && item.current_stage ? (
        <Button
          size="touch"
          className={cn('h-16 text-xl', item.can_advance ? '' : 'opacity-60')}
          disabled={busy || !item.can_advance}
          onClick={onAdvance}
          data-testid="advance"
        >
          {item.can_advance
            ? item.advance_completes
              ? `Complete ${item.batch?.number ?? item.number}`
              : `Advance to ${item.next_stage}`
            : `${item.advance_blockers} required action${item.advance_blockers === 1 ? '' : 's'} before advancing`}
        </Button>
      ) : null}
    </section>
  )
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-2xl bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 uppercase">{label}</dt>
      <dd className="truncate text-lg font-semibold capitalize" data-testid={testId}>
        {value}
      </dd>
    </div>
  )
}
