'use client'
import { zodResolver } from '@hookform/resolvers/zod'
import { useState } from 'react'
import { useForm } from 'react-hook-form'
import type { z } from 'zod'
import { FormField } from '@/components/common/form-field'
import { Pill } from '@/components/common/pill'
import { Button, Input } from '@/components/ui'
import { cn } from '@/lib/cn'
import { SewingUnits } from '@/lib/floor/schemas'
import { type SewingView, sewingView, stateText } from '@/lib/floor/sewing'
import type { BundleSewing, Person, SewingState } from '@/lib/floor/types'
import type { SyncEntry } from '@/lib/sync/queue'

const TONE: Record<SewingState, 'neutral' | 'green' | 'amber' | 'brand'> = {
  blocked: 'amber',
  ready: 'neutral',
  in_progress: 'brand',
  done: 'green',
}

export interface SewingActions {
  busy: string | null
  errors: Record<string, string>
  start: (o: SewingView) => void
  complete: (o: SewingView, units: number) => void
  tap: (o: SewingView, defect: { code?: string; label: string; rework?: boolean }) => void
}

/**
 * A bundle's sewing operations on its scan card, in order, each with its state: blocked (by which
 * operation), ready, in progress (by whom) or done (units, defects, rework) — the database's, with
 * this tablet's waiting writes laid over (lib/floor/sewing.ts). Tapping an operation opens it: Start,
 * or Done with the units prefilled, and a tap per defect code and for rework. A start is offered even
 * while blocked: the database says why it cannot, under the operation.
 */
export function SewingOperations({
  bundleId,
  sewing,
  entries,
  me,
  actions,
}: {
  bundleId: string
  sewing: BundleSewing
  entries: SyncEntry[]
  me: Person | null
  actions: SewingActions
}) {
  const [open, setOpen] = useState<string | null>(null)
  const view = sewingView(sewing.operations, entries, bundleId, me)
  const run = sewing.run
  return (
    <section aria-labelledby="sewing-heading" className="flex flex-col gap-3" data-testid="sewing-operations">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="sewing-heading" className="text-lg font-semibold">
          Sewing · {sewing.product_type}
        </h3>
        <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="sewing-run">
          {run
            ? `${run.number} · ${run.completed_ops} of ${run.total_operations} done`
            : 'Not on a line yet: the first start makes its sewing run'}
        </p>
      </header>
      {view.length ? null : (
        <p className="rounded-2xl bg-zinc-100 p-4 text-base dark:bg-zinc-800">
          No sewing operations for {sewing.product_type} yet: a manager sets them up.
        </p>
      )}
      <ol className="flex flex-col gap-2">
        {view.map((o) => {
          const text = stateText(o, me)
          const isOpen = open === o.operation_id
          const error = actions.errors[o.operation_id] ?? o.refusal
          const panel = `sewing-op-panel-${o.operation_id}`
          return (
            <li
              key={o.operation_id}
              data-testid={`sewing-op-${o.sequence_number}`}
              data-state={o.state}
              className={cn(
                'rounded-2xl border border-zinc-200 dark:border-zinc-800',
                isOpen && 'border-brand-500 dark:border-brand-400',
              )}
            >
              <button
                type="button"
                aria-expanded={isOpen}
                aria-controls={panel}
                onClick={() => setOpen(isOpen ? null : o.operation_id)}
                className="flex min-h-12 w-full flex-wrap items-center gap-x-3 gap-y-1 rounded-2xl px-3 py-2 text-left focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                <span className="w-7 text-lg font-semibold tabular-nums text-zinc-500 dark:text-zinc-400">
                  {o.sequence_number}.
                </span>
                <span className="min-w-0 flex-1">
                  <span className="block text-lg font-medium">{o.name}</span>
                  <span className="block text-sm text-zinc-600 dark:text-zinc-400" data-testid="sewing-op-detail">
                    {text.detail}
                  </span>
                </span>
                <Pill tone={TONE[o.state]} className="text-sm" data-testid="sewing-op-state">
                  {text.word}
                </Pill>
              </button>
              {isOpen ? (
                <div id={panel} className="flex flex-col gap-3 border-t border-zinc-200 p-3 dark:border-zinc-800">
                  <OperationPanel o={o} actions={actions} />
                </div>
              ) : null}
              {error ? (
                <p
                  role="alert"
                  data-testid="sewing-op-error"
                  className="mx-3 mb-3 rounded-xl bg-red-50 px-3 py-2 text-base text-red-800 dark:bg-red-500/10 dark:text-red-200"
                >
                  {error}
                </p>
              ) : null}
            </li>
          )
        })}
      </ol>
    </section>
  )
}

function OperationPanel({ o, actions }: { o: SewingView; actions: SewingActions }) {
  const busy = actions.busy === o.operation_id
  const meta = [o.machine_type, `${o.standard_minutes} min a piece`, o.has_qc_checkpoint ? 'QC checkpoint' : null]
    .filter(Boolean)
    .join(' · ')
  return (
    <>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{meta}</p>
      {o.state === 'ready' || o.state === 'blocked' ? (
        <Button size="touch" className="h-14 text-lg" pending={busy} onClick={() => actions.start(o)}>
          Start {o.name}
        </Button>
      ) : null}
      {o.state === 'in_progress' ? (
        <CompleteForm key={`${o.operation_id}:${o.max_units}`} o={o} busy={busy} onDone={actions.complete} />
      ) : null}
      {o.state === 'in_progress' || o.state === 'done' ? <Taps o={o} busy={busy} onTap={actions.tap} /> : null}
    </>
  )
}

/** Done with the units: prefilled with what the operation may record; the database bounds it. */
function CompleteForm({ o, busy, onDone }: { o: SewingView; busy: boolean; onDone: SewingActions['complete'] }) {
  const form = useForm<z.input<typeof SewingUnits>, unknown, z.output<typeof SewingUnits>>({
    resolver: zodResolver(SewingUnits),
    defaultValues: { units: String(o.max_units) },
  })
  const error = form.formState.errors.units?.message
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={form.handleSubmit(({ units }) => onDone(o, units))}
    >
      <div className="w-40">
        <FormField id={`units-${o.operation_id}`} label="Pieces done" error={error}>
          {(control) => (
            <Input
              {...control}
              touch
              inputMode="numeric"
              autoComplete="off"
              className="text-2xl font-semibold tabular-nums"
              {...form.register('units')}
            />
          )}
        </FormField>
      </div>
      <Button type="submit" size="touch" className="h-14 flex-1 text-lg" pending={busy}>
        Done: {o.name}
      </Button>
    </form>
  )
}

/** A tap per defect code of the operation, and one for a piece sent to rework. */
function Taps({ o, busy, onTap }: { o: SewingView; busy: boolean; onTap: SewingActions['tap'] }) {
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="mb-1 text-sm font-medium text-zinc-600 dark:text-zinc-400">
        Defects {o.defects_found} · rework {o.rework_units}: tap one per piece
      </legend>
      <div className="flex flex-wrap gap-2">
        {o.defect_codes.map((d) => (
          <Button
            key={d.code}
            size="touch"
            variant="secondary"
            disabled={busy}
            onClick={() => onTap(o, { code: d.code, label: d.label })}
          >
            {d.label}
            <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{o.defect_tally[d.code] ?? 0}</span>
          </Button>
        ))}
        <Button
          size="touch"
          variant="secondary"
          disabled={busy}
          onClick={() => onTap(o, { label: 'Rework', rework: true })}
        >
          Rework
          <span className="tabular-nums text-zinc-500 dark:text-zinc-400">{o.rework_units}</span>
        </Button>
      </div>
    </fieldset>
  )
}
