'use client'
import { Button } from '@/components/ui'
import { formatTime } from '@/lib/format'
import type { SessionState } from './use-floor-session'

/**
 * The floor session's state above the scanner: nothing while it runs, else what is happening —
 * starting, an error with a retry, or the "resume or take over" choice when the worker's session
 * is open on another tablet.
 */
export function SessionPanel({
  state,
  onStart,
  timeZone,
}: {
  state: SessionState
  onStart: (c?: 'resume' | 'takeover') => void
  /** The workshop's time zone (times on the floor are the workshop's). */
  timeZone: string
}) {
  if (state.kind === 'active') {
    const s = state.session
    return (
      <p className="text-sm text-zinc-600 dark:text-zinc-400" data-testid="session-line">
        {state.offline ? 'Offline · ' : ''}
        {state.resumed ? 'Session resumed' : 'Session started'}
        {s.location ? ` at ${s.location.name}` : ''} · working since {formatTime(s.started_at, timeZone)}
      </p>
    )
  }
  if (state.kind === 'idle') {
    return (
      <section
        aria-label="Start a floor session"
        data-testid="session-prompt"
        className="flex flex-wrap items-center gap-3 rounded-2xl border border-zinc-200 bg-white p-4 dark:border-zinc-800 dark:bg-zinc-900"
      >
        <p className="min-w-0 flex-1 text-lg">
          You are not PINed in at a station. Start a floor session on this device to scan and record work; it ends by
          itself when you stop.
        </p>
        <Button size="touch" onClick={() => onStart()}>
          Start a floor session
        </Button>
      </section>
    )
  }
  if (state.kind === 'starting')
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">Starting your floor session…</p>
  if (state.kind === 'error') {
    return (
      <div
        role="alert"
        className="flex flex-wrap items-center gap-3 rounded-2xl border border-red-300 bg-red-50 p-4 text-red-900 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100"
      >
        <p className="flex-1 text-lg">{state.message}</p>
        <Button size="touch" onClick={() => onStart()}>
          Try again
        </Button>
      </div>
    )
  }
  const o = state.other
  return (
    <section
      aria-label="Your session is open elsewhere"
      data-testid="session-taken"
      className="flex flex-col gap-4 rounded-3xl border-2 border-amber-300 bg-amber-50 p-5 text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100"
    >
      <div>
        <h2 className="text-2xl font-semibold">Your floor session is open on another tablet</h2>
        <p className="mt-1 text-lg">
          {o.location_name ? `At ${o.location_name}` : 'Elsewhere'}
          {o.last_activity_at ? `, last active ${formatTime(o.last_activity_at, timeZone)}` : ''}. Carry it on here, or
          end it and start fresh.
        </p>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button size="touch" className="h-14 px-6 text-lg" onClick={() => onStart('resume')}>
          Resume here
        </Button>
        <Button size="touch" variant="secondary" className="h-14 px-6 text-lg" onClick={() => onStart('takeover')}>
          Take over (start fresh)
        </Button>
      </div>
    </section>
  )
}
