'use client'
import { useCallback, useEffect, useRef, useState } from 'react'
import { buttonClasses } from '@/components/ui'
import { cn } from '@/lib/cn'
import { type PublicTicket, waitRange } from '@/lib/queues/types'
import { usePublicLive } from './use-public-live'

const GONE: Record<string, string> = {
  served: 'You have been served. Thank you!',
  no_show: 'You were called but we missed you. Join again when you are here.',
  expired: 'This ticket has expired. Join again any time.',
  cancelled: 'You left the queue.',
}

/**
 * The customer's ticket, live: its own topic (vqt:<hash>) carries its public view when it changes
 * (called, recalled, served…); the queue's topic (vq:<queue>) says only that the line moved, and the
 * page re-reads its place (jittered, so a room of phones does not ask at once).
 */
export function TicketView({ initial, token, error }: { initial: PublicTicket; token: string; error?: string }) {
  const [t, setT] = useState(initial)
  const latest = useRef(initial.updated_at)
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
  const accept = useCallback((next: PublicTicket) => {
    if (!next?.number || next.updated_at < latest.current) return
    latest.current = next.updated_at
    setT(next)
  }, [])
  const reread = useCallback(() => {
    clearTimeout(timer.current)
    timer.current = setTimeout(
      async () => {
        const r = await fetch(`/api/q/t/${encodeURIComponent(token)}`, { cache: 'no-store' }).catch(() => null)
        if (r?.ok) {
          const next = (await r.json()) as PublicTicket
          // a re-read is newer even if the row did not change (others' moves change our place)
          latest.current = next.updated_at
          setT(next)
        }
      },
      200 + Math.random() * 800,
    )
  }, [token])
  useEffect(() => () => clearTimeout(timer.current), [])
  const open = t.status === 'waiting' || t.status === 'called'
  const live = usePublicLive(
    open
      ? [
          ...(t.channel
            ? [{ topic: t.channel, event: 'ticket', onMessage: (p: unknown) => accept(p as PublicTicket) }]
            : []),
          { topic: t.queue_channel, event: 'moved', onMessage: reread },
        ]
      : [],
    reread,
  )
  const called = t.status === 'called'
  const wait = waitRange(t.wait_low, t.wait_high)
  return (
    <div className="mx-auto flex max-w-md flex-col gap-4">
      <p className="text-sm font-medium text-zinc-600 dark:text-zinc-400">
        {t.workshop} · {t.queue_name}
      </p>
      {error ? (
        <div
          role="alert"
          className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-500/40 dark:bg-red-500/10 dark:text-red-100"
        >
          {error}
        </div>
      ) : null}
      <section
        aria-labelledby="ticket-number"
        className={cn(
          'rounded-3xl border p-6 text-center shadow-sm',
          called
            ? 'border-emerald-600 bg-emerald-700 text-white ring-4 ring-emerald-300'
            : 'border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-900',
        )}
      >
        <p className={cn('text-sm font-medium', called ? 'text-emerald-50' : 'text-zinc-600 dark:text-zinc-400')}>
          Your number · {t.type_name}
        </p>
        <h1 id="ticket-number" className="mt-1 font-mono text-6xl font-bold tracking-tight">
          {t.number}
        </h1>
        <div
          aria-live="assertive"
          aria-atomic="true"
          className="mt-4 text-xl font-semibold"
          data-testid="ticket-status"
        >
          {called ? (
            <>
              It&apos;s your turn{t.counter ? ` — please come to counter ${t.counter}` : ''}
              {t.recall_count > 0 ? ' (called again)' : ''}
            </>
          ) : t.status === 'waiting' ? (
            <span className="text-zinc-900 dark:text-zinc-100">
              {t.position === 1 ? 'You are next' : `${t.position ?? '–'} in line`}
            </span>
          ) : (
            <span className="text-zinc-900 dark:text-zinc-100">{GONE[t.status]}</span>
          )}
        </div>
        {t.status === 'waiting' && wait ? (
          <p className="mt-2 text-zinc-700 dark:text-zinc-300">Wait about {wait}</p>
        ) : null}
      </section>
      {open ? (
        <p className="text-center text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
          {live ? 'This page updates by itself.' : 'Connecting for live updates…'} Keep it open, or come back with the
          same link.
        </p>
      ) : null}
      {open && t.checked_in_at ? (
        <p
          className="rounded-lg border border-emerald-300 bg-emerald-50 p-3 text-center text-sm font-medium text-emerald-900 dark:border-emerald-500/40 dark:bg-emerald-500/10 dark:text-emerald-100"
          data-testid="checked-in"
        >
          You&apos;re checked in: the counter knows you are here, and your ticket will not expire.
        </p>
      ) : open ? (
        // a plain form, like leaving: it works before (or without) JavaScript
        <form method="post" action={`/api/q/t/${encodeURIComponent(token)}/check-in`} className="text-center">
          <button type="submit" className={buttonClasses({ size: 'touch' }, 'w-full')}>
            I&apos;m here
          </button>
          <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
            Tap when you are at the workshop, so the counter knows and your ticket stays in line.
          </p>
        </form>
      ) : null}
      {open ? (
        <form method="post" action={`/api/q/t/${encodeURIComponent(token)}/cancel`} className="text-center">
          <button type="submit" className={buttonClasses({ variant: 'secondary', size: 'touch' }, 'w-full')}>
            Leave the queue
          </button>
        </form>
      ) : null}
    </div>
  )
}
