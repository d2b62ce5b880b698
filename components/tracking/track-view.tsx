'use client'
import { useEffect, useState } from 'react'
import type { OrderStatus } from '@/lib/batches/types'
import { cn } from '@/lib/cn'
import { formatDateTime } from '@/lib/format'
import { dateRange, longDay } from '@/lib/tracking/estimate'
import type { PublicProgress } from '@/lib/tracking/types'
import { StatusIcon } from './status-icon'
import { useLiveProgress } from './use-live-progress'

const TONE: Record<OrderStatus, string> = {
  pending: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-200',
  in_production: 'bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100',
  quality_check: 'bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-200',
  ready_to_ship: 'bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100',
  shipped: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-200',
  delivered: 'bg-emerald-50 text-emerald-700 dark:bg-emerald-500/15 dark:text-emerald-200',
  on_hold: 'bg-amber-50 text-amber-800 dark:bg-amber-500/15 dark:text-amber-200',
  cancelled: 'bg-red-50 text-red-700 dark:bg-red-500/15 dark:text-red-200',
}

/** The viewer's time zone once in the browser; UTC for the server render (no hydration mismatch). */
function useViewerTimeZone() {
  const [tz, setTz] = useState('UTC')
  useEffect(() => setTz(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'), [])
  return tz
}

/** A customer's order: status, where it is in the workshop, when it should be ready, what happened. */
export function TrackView({ initial }: { initial: PublicProgress }) {
  const { progress: p, live } = useLiveProgress(initial)
  const tz = useViewerTimeZone()
  const done = p.stages.filter((s) => s.state === 'done').length
  const finished = p.status === 'shipped' || p.status === 'delivered'
  const percent = finished
    ? 100
    : Math.round(((done + (p.current_stage ? 0.5 : 0)) / Math.max(1, p.stages.length)) * 100)
  // newest first, each milestone once: a stage re-entered after rework, or a status worded like
  // its stage ("Acoustic testing"), shows at its latest time only
  const milestones = [...p.milestones].reverse().filter((m, i, all) => all.findIndex((x) => x.label === m.label) === i)

  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4" data-testid="track-view">
      <header className="flex items-center justify-between gap-3 px-1">
        <p className="truncate text-sm font-semibold tracking-tight">{p.workshop}</p>
        <span
          className="inline-flex shrink-0 items-center gap-1.5 rounded-full bg-white px-2.5 py-1 text-xs font-medium text-zinc-600 shadow-sm ring-1 ring-zinc-200 dark:bg-zinc-900 dark:text-zinc-300 dark:ring-zinc-800"
          data-testid="track-live"
          data-live={live || undefined}
        >
          <span
            aria-hidden="true"
            className={cn(
              'size-1.5 rounded-full',
              live ? 'animate-pulse bg-emerald-500 motion-reduce:animate-none' : 'bg-zinc-400',
            )}
          />
          {live ? 'Live' : 'Connecting'}
        </span>
      </header>

      <section
        aria-labelledby="order-title"
        className="overflow-hidden rounded-3xl border border-zinc-200 bg-white shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
      >
        <div className="flex flex-col gap-4 p-5 sm:p-6">
          <div>
            <p className="text-sm text-zinc-500 dark:text-zinc-400">Order {p.order_number}</p>
            <h1 id="order-title" className="mt-0.5 text-2xl font-semibold tracking-tight">
              {p.model} <span className="font-normal text-zinc-500 dark:text-zinc-400">in</span> {p.wood}
            </h1>
          </div>
          <div className="flex items-center gap-3" aria-live="polite">
            <span className={cn('grid size-12 shrink-0 place-items-center rounded-2xl', TONE[p.status])}>
              <StatusIcon status={p.status} className="size-6" />
            </span>
            <div className="min-w-0">
              <p className="text-lg font-semibold leading-tight" data-testid="track-status">
                {p.status_label}
              </p>
              {p.current_stage_label ? (
                <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="track-stage">
                  Now: {p.current_stage_label}
                </p>
              ) : null}
            </div>
          </div>
          <div>
            <div
              role="progressbar"
              aria-label="Progress through the workshop"
              aria-valuenow={percent}
              aria-valuemin={0}
              aria-valuemax={100}
              className="h-2 overflow-hidden rounded-full bg-zinc-100 dark:bg-zinc-800"
            >
              <div
                className={cn(
                  'h-full rounded-full transition-[width] duration-700 ease-out motion-reduce:transition-none',
                  p.status === 'cancelled'
                    ? 'bg-zinc-400'
                    : finished
                      ? 'bg-emerald-500'
                      : 'bg-brand-600 dark:bg-brand-500',
                )}
                style={{ width: `${percent}%` }}
              />
            </div>
          </div>
        </div>
        {p.estimated_completion ? (
          <div className="flex flex-col gap-1 border-t border-zinc-100 bg-zinc-50 px-5 py-3.5 sm:px-6 dark:border-zinc-800 dark:bg-zinc-900/60">
            <div className="flex items-center justify-between gap-3">
              <span className="text-sm text-zinc-600 dark:text-zinc-400">Estimated</span>
              <span className="text-right text-sm font-semibold" data-testid="track-eta-range">
                {dateRange(p.estimated_completion, p.estimated_completion_range)}
              </span>
            </div>
            {/* the range is what the page promises; the likeliest day and the basis explain it */}
            <p className="text-xs text-zinc-500 dark:text-zinc-400" data-testid="track-eta-basis">
              Most likely <span data-testid="track-eta">{longDay(p.estimated_completion)}</span>
              {p.estimate_basis ? `, ${p.estimate_basis}.` : '.'}
            </p>
          </div>
        ) : null}
      </section>

      <section
        aria-labelledby="steps-title"
        className="rounded-3xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2
          id="steps-title"
          className="mb-4 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
        >
          In the workshop
        </h2>
        <ol className="flex flex-col" data-testid="track-stages">
          {p.stages.map((s, i) => {
            const state = finished ? 'done' : s.state
            const last = i === p.stages.length - 1
            return (
              <li
                key={s.stage}
                className="relative flex gap-3 pb-4 last:pb-0"
                aria-current={state === 'current' ? 'step' : undefined}
                data-state={state}
              >
                {last ? null : (
                  <span
                    aria-hidden="true"
                    className={cn(
                      'absolute top-6 bottom-0 left-[0.6875rem] w-0.5 rounded-full',
                      state === 'done' ? 'bg-brand-600 dark:bg-brand-500' : 'bg-zinc-200 dark:bg-zinc-800',
                    )}
                  />
                )}
                <span
                  aria-hidden="true"
                  className={cn(
                    'relative z-10 grid size-6 shrink-0 place-items-center rounded-full text-on-brand',
                    state === 'done' && 'bg-brand-600 dark:bg-brand-500',
                    state === 'current' && 'bg-white ring-2 ring-brand-600 dark:bg-zinc-900 dark:ring-brand-500',
                    state === 'upcoming' && 'bg-zinc-100 ring-1 ring-zinc-200 dark:bg-zinc-800 dark:ring-zinc-700',
                  )}
                >
                  {state === 'done' ? (
                    <svg
                      aria-hidden="true"
                      viewBox="0 0 20 20"
                      className="size-3.5"
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2.5"
                    >
                      <path d="M5 10.5l3 3 7-7" strokeLinecap="round" strokeLinejoin="round" />
                    </svg>
                  ) : state === 'current' ? (
                    <span className="size-2 animate-pulse rounded-full bg-brand-600 motion-reduce:animate-none dark:bg-brand-500" />
                  ) : null}
                </span>
                <span
                  className={cn(
                    'pt-0.5 text-sm',
                    state === 'current' && 'font-semibold',
                    state === 'upcoming' && 'text-zinc-500 dark:text-zinc-400',
                  )}
                >
                  {s.label}
                  <span className="sr-only">
                    {' '}
                    ({state === 'done' ? 'done' : state === 'current' ? 'in progress' : 'to come'})
                  </span>
                </span>
              </li>
            )
          })}
        </ol>
      </section>

      <section
        aria-labelledby="history-title"
        className="rounded-3xl border border-zinc-200 bg-white p-5 shadow-sm sm:p-6 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <h2
          id="history-title"
          className="mb-3 text-sm font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400"
        >
          History
        </h2>
        <ul className="flex flex-col divide-y divide-zinc-100 dark:divide-zinc-800" data-testid="track-milestones">
          {milestones.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: milestones have no id; their order is stable
            <li key={`${m.at}-${i}`} className="flex items-baseline justify-between gap-4 py-2.5 text-sm">
              <span className={cn(i === 0 && 'font-medium')}>{m.label}</span>
              <time dateTime={m.at} className="shrink-0 text-xs text-zinc-500 tabular-nums dark:text-zinc-400">
                {formatDateTime(m.at, tz)}
              </time>
            </li>
          ))}
        </ul>
      </section>

      <p className="px-2 text-center text-xs text-zinc-500 dark:text-zinc-400">
        This page updates by itself while it is open. Questions? Reply to your order confirmation from {p.workshop}.
      </p>
    </div>
  )
}
