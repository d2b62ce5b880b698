'use client'
import type { ReactNode } from 'react'
import { Pill } from '@/components/common/pill'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { advanceBlockedText, cardSections } from '@/lib/floor/card-actions'
import type { ActionStatus, ActionTarget, CardAction, ItemCard } from '@/lib/floor/types'
import { count, formatDate, formatMinutes, statusWords, todayIn } from '@/lib/format'

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
 * progress, status, who it is assigned to, and every action the stage still asks before the batch
 * moves on: the item's own and (on a unit's card) the batch's with a button each, and what other
 * units still owe with where to do it. When the last required action is done, "Advance" is one tap.
 */
export function ResultCard({
  item,
  timeZone,
  busy,
  onAction,
  onSkip,
  onAdvance,
  onOpen,
  sewing,
}: {
  item: ItemCard
  /** The workshop's time zone: its today decides whether a due date shows its year. */
  timeZone: string
  busy: boolean
  onAction: (a: CardAction, on: ActionTarget) => void
  onSkip: (a: CardAction, on: ActionTarget) => void
  onAdvance: () => void
  /** Opens another item's card (a unit or the batch with work still to do). */
  onOpen?: (refId: string) => void
  /** A bundle's sewing operations (components/scan/sewing-operations.tsx), under its facts. */
  sewing?: ReactNode
}) {
  const sections = cardSections(item)
  const nothing =
    !sections.own.actions.length && !sections.batch?.actions.length && !sections.elsewhere.length && !sections.unlisted
  return (
    <section
      aria-label={`Item ${item.number}`}
      data-testid="result-card"
      className="@container flex flex-col gap-5 rounded-3xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
    >
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">
            {item.kind === 'batch'
              ? `Batch · ${count(item.order_count ?? 0, 'unit')}`
              : item.kind === 'bundle'
                ? `Bundle · ${item.bundle?.style.code ?? ''}`
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
              className="rounded-2xl bg-brand-600 px-4 py-2 text-2xl font-semibold text-on-brand dark:bg-brand-500"
              data-testid="item-stage"
            >
              {item.stage_name ?? item.current_stage}
            </p>
          ) : null}
          {item.stage_position && item.stage_count ? (
            <p className="text-sm text-zinc-500 dark:text-zinc-400">
              Stage {item.stage_position} of {item.stage_count}
              {item.minutes_in_stage !== null ? ` · ${formatMinutes(item.minutes_in_stage)} here` : ''}
            </p>
          ) : null}
        </div>
      </header>

      <dl className="grid grid-cols-2 gap-3 text-base @xl:grid-cols-4">
        <Fact label="Status" value={statusWords(item.status)} testId="item-status" whole />
        <Fact label="Assigned to" value={item.assigned_to?.display_name ?? 'Nobody'} testId="item-assignee" />
        <Fact label="Quality" value={item.quality_status ? statusWords(item.quality_status) : '—'} whole />
        <Fact label="Due" value={formatDate(item.due_date, { today: todayIn(timeZone) })} testId="item-due" />
      </dl>

      {item.bundle ? <BundleFacts bundle={item.bundle} /> : null}
      {sewing}

      {item.is_complete ? (
        <p className="rounded-2xl bg-zinc-100 p-4 text-lg dark:bg-zinc-800">
          Nothing to do on the floor: {item.status}.
        </p>
      ) : (
        <div className="flex flex-col gap-4">
          {nothing && item.kind !== 'bundle' ? (
            <h3 className="text-lg font-semibold">No actions at this stage</h3>
          ) : null}
          {sections.own.actions.length ? (
            <ActionList
              title={
                sections.batch
                  ? `This unit · ${item.stage_name ?? item.current_stage ?? 'this stage'}`
                  : `At ${item.stage_name ?? item.current_stage ?? 'this stage'}`
              }
              testId="own-actions"
              actions={sections.own.actions}
              target={sections.own.target}
              busy={busy}
              onAction={onAction}
              onSkip={onSkip}
            />
          ) : null}
          {sections.batch?.actions.length ? (
            <ActionList
              title={`For the whole batch ${sections.batch.target.number}`}
              hint={`Done once for the batch: here, or on batch ${sections.batch.target.number}’s label.`}
              testId="batch-actions"
              actions={sections.batch.actions}
              target={sections.batch.target}
              busy={busy}
              onAction={onAction}
              onSkip={onSkip}
            />
          ) : null}
          {sections.elsewhere.length || sections.unlisted ? (
            <section
              aria-label="To do elsewhere"
              className="flex flex-col gap-2 rounded-2xl bg-amber-50 p-3 text-amber-950 dark:bg-amber-500/10 dark:text-amber-100"
              data-testid="elsewhere"
            >
              <h3 className="text-lg font-semibold">Still to do elsewhere before the batch moves on</h3>
              <ul className="flex flex-col gap-2">
                {sections.elsewhere.map((g) => (
                  <li
                    key={g.ref_id}
                    className="flex flex-wrap items-center gap-3"
                    data-testid={`elsewhere-${g.number}`}
                  >
                    <p className="min-w-0 flex-1 text-base">
                      <span className="font-semibold">{g.number}</span>: {g.actions.map((a) => a.label).join(', ')} —{' '}
                      scan {g.kind === 'batch' ? `batch ${g.number}’s` : 'its'} label
                    </p>
                    {onOpen ? (
                      <Button size="touch" variant="secondary" disabled={busy} onClick={() => onOpen(g.ref_id)}>
                        Open {g.number}
                      </Button>
                    ) : null}
                  </li>
                ))}
              </ul>
              {sections.unlisted ? (
                <p className="text-base">and {sections.unlisted} more on other units: scan each unit’s label.</p>
              ) : null}
            </section>
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
            : advanceBlockedText(item)}
        </Button>
      ) : null}
    </section>
  )
}

/** A bundle's pieces and whereabouts: what the sewing line needs to see at arm's length. */
function BundleFacts({ bundle }: { bundle: NonNullable<ItemCard['bundle']> }) {
  return (
    <dl className="grid grid-cols-2 gap-3 text-base @xl:grid-cols-4" data-testid="bundle-facts">
      <Fact label="Size" value={bundle.size} testId="bundle-size" />
      <Fact label="Colour · shade" value={`${bundle.colour} · ${bundle.shade}`} whole />
      <Fact
        label="Pieces"
        value={bundle.rejected_quantity ? `${bundle.good_units} of ${bundle.quantity}` : String(bundle.quantity)}
        testId="bundle-pieces"
      />
      <Fact label="Where" value={bundle.location?.name ?? '—'} testId="bundle-location" whole />
      <Fact label="Style" value={`${bundle.style.code} ${bundle.style.name}`} whole />
      <Fact label="Lay" value={bundle.lay ? `L-${bundle.lay.lay_number}` : '—'} />
      <Fact label="Cut order" value={bundle.cut_order ? `CO-${bundle.cut_order.cut_order_number}` : '—'} />
      <Fact label="Cut in" value={bundle.cutting_run?.run_number ?? '—'} />
    </dl>
  )
}

/** A fact on the card; `whole`: a status, wrapped rather than cut short ("In production", never "In Produc…"). */
function Fact({ label, value, testId, whole }: { label: string; value: string; testId?: string; whole?: boolean }) {
  return (
    <div className="rounded-2xl bg-zinc-50 px-3 py-2 dark:bg-zinc-800/60">
      <dt className="text-xs font-medium tracking-wide text-zinc-500 dark:text-zinc-400 uppercase">{label}</dt>
      <dd className={cn('text-lg font-semibold', whole ? 'break-words' : 'truncate')} data-testid={testId}>
        {value}
      </dd>
    </div>
  )
}

function ActionList({
  title,
  hint,
  testId,
  actions,
  target,
  busy,
  onAction,
  onSkip,
}: {
  title: string
  hint?: string
  testId: string
  actions: CardAction[]
  target: ActionTarget
  busy: boolean
  onAction: (a: CardAction, on: ActionTarget) => void
  onSkip: (a: CardAction, on: ActionTarget) => void
}) {
  return (
    <section aria-label={title} className="flex flex-col gap-2" data-testid={testId}>
      <h3 className="text-lg font-semibold">{title}</h3>
      {hint ? <p className="text-sm text-zinc-600 dark:text-zinc-400">{hint}</p> : null}
      <ul className="flex flex-col gap-2" aria-label="Actions">
        {actions.map((a) => (
          <li
            key={a.key}
            data-testid={`action-${a.key}`}
            className="flex flex-wrap items-center gap-3 rounded-2xl border border-zinc-200 p-3 dark:border-zinc-800"
          >
            <div className="min-w-0 flex-1">
              <p className="text-lg font-medium">
                {a.label}{' '}
                {a.required ? null : (
                  <span className="text-sm font-normal text-zinc-600 dark:text-zinc-400">(optional)</span>
                )}
              </p>
              {a.validation_result && !a.validation_result.passed && a.validation_result.errors?.length ? (
                <p className="text-sm text-red-700 dark:text-red-300">{a.validation_result.errors[0]}</p>
              ) : a.description ? (
                <p className="text-sm text-zinc-600 dark:text-zinc-400">{a.description}</p>
              ) : null}
            </div>
            <Pill tone={STATUS_TONE[a.status]} className="text-sm">
              {STATUS_WORD[a.status]}
            </Pill>
            {a.status !== 'completed' ? (
              <div className="flex gap-2">
                {!a.required && a.status !== 'skipped' ? (
                  <Button size="touch" variant="ghost" disabled={busy} onClick={() => onSkip(a, target)}>
                    Skip
                  </Button>
                ) : null}
                <Button size="touch" variant="secondary" disabled={busy} onClick={() => onAction(a, target)}>
                  {TYPE_WORD[a.type]}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
