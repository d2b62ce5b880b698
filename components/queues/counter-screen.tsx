'use client'
import Link from 'next/link'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useState, useTransition } from 'react'
import { Alert } from '@/components/common/alert'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { Button, buttonClasses } from '@/components/ui'
import { cn } from '@/lib/cn'
import type { Result } from '@/lib/errors'
import { callNext, noShowTicket, recallTicket, serveTicket, transferTicket } from '@/lib/queues/actions'
import { type StaffTicket, type WaitingList, waitRange } from '@/lib/queues/types'
import { orgTopic } from '@/lib/realtime/topics'

interface QueueChoice {
  id: string
  name: string
  counters: { id: string; label: string; is_open: boolean }[]
}

const KEYS = 'N: call next · S: served · R: call again · X: no-show'

/**
 * The counter tablet. Big touch targets and keys (N, S, R, X) for a desk with a keyboard; every
 * button is one RPC (the database picks the next ticket, skip-locked, so two counters pressing at once
 * get two customers). Live: the queue's private topic → the server render is re-read.
 */
export function CounterScreen({
  org,
  queues,
  queueId,
  counterId,
  waiting,
  current,
}: {
  org: { id: string; slug: string; name: string }
  queues: QueueChoice[]
  queueId: string | null
  counterId: string | null
  waiting: WaitingList | null
  current: StaffTicket[]
}) {
  const router = useRouter()
  const [pending, start] = useTransition()
  const [message, setMessage] = useState<{ tone: 'error' | 'success' | 'info'; text: string } | null>(null)
  const [transferTo, setTransferTo] = useState('')
  const queue = queues.find((q) => q.id === queueId)
  const counter = queue?.counters.find((c) => c.id === counterId)
  const ticket = current[0]
  const refresh = useCallback(() => router.refresh(), [router])
  const live = useLiveTopic(orgTopic(org.id, `queue:${queueId ?? 'none'}`), refresh, { enabled: Boolean(queueId) })

  const run = useCallback(
    (what: () => Promise<Result<StaffTicket | null>>, done: (t: StaffTicket | null) => string) => {
      start(async () => {
        const r = await what()
        if (!r.ok) setMessage({ tone: 'error', text: r.message })
        else setMessage({ tone: 'success', text: done(r.data) })
        router.refresh()
      })
    },
    [router],
  )
  const next = useCallback(() => {
    if (!queueId || !counterId) return
    run(
      () => callNext({ queueId, counterId }),
      (t) => (t ? `Calling ${t.number} to counter ${counter?.label ?? ''}` : 'Nobody is waiting'),
    )
  }, [queueId, counterId, counter?.label, run])
  const serve = useCallback(
    (transition?: string) => {
      if (ticket)
        run(
          () => serveTicket({ ticketId: ticket.id, transition }),
          () => `${ticket.number} served`,
        )
    },
    [ticket, run],
  )
  const recall = useCallback(() => {
    if (ticket)
      run(
        () => recallTicket({ ticketId: ticket.id }),
        () => `Calling ${ticket.number} again`,
      )
  }, [ticket, run])
  const noShow = useCallback(() => {
    if (ticket)
      run(
        () => noShowTicket({ ticketId: ticket.id }),
        () => `${ticket.number} marked no-show`,
      )
  }, [ticket, run])

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = e.target as HTMLElement | null
      if (e.ctrlKey || e.metaKey || e.altKey || el?.closest('input, textarea, select, [contenteditable]')) return
      const k = e.key.toLowerCase()
      if (k === 'n') next()
      else if (k === 's') serve()
      else if (k === 'r') recall()
      else if (k === 'x') noShow()
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [next, serve, recall, noShow])

  const others = queues.filter((q) => q.id !== queueId)
  return (
    <main className="mx-auto flex min-h-dvh max-w-6xl flex-col gap-6 bg-zinc-50 p-4 sm:p-6 dark:bg-zinc-950">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">{org.name}</p>
          <h1 className="text-2xl font-semibold tracking-tight">
            {queue ? `${queue.name}${counter ? ` · counter ${counter.label}` : ''}` : 'Counter'}
          </h1>
        </div>
        <div className="flex items-center gap-3">
          <span className="text-sm text-zinc-600 dark:text-zinc-400" aria-live="polite">
            {live ? 'Live' : 'Connecting…'}
          </span>
          <Link href={`/${org.slug}`} className={buttonClasses({ variant: 'ghost' })}>
            Back to the workshop
          </Link>
        </div>
      </header>

      {queues.length === 0 ? (
        <Alert>No customer queues yet: a manager sets them up under Customer queues.</Alert>
      ) : (
        <nav aria-label="Queue and counter" className="flex flex-wrap gap-2">
          {queues.flatMap((q) =>
            q.counters.map((c) => {
              const active = q.id === queueId && c.id === counterId
              return (
                <Link
                  key={c.id}
                  href={`/${org.slug}/counter?queue=${q.id}&counter=${c.id}`}
                  aria-current={active ? 'page' : undefined}
                  className={buttonClasses({ variant: active ? 'primary' : 'secondary', size: 'touch' })}
                >
                  {q.name} · {c.label}
                  {c.is_open ? '' : ' (closed)'}
                </Link>
              )
            }),
          )}
        </nav>
      )}

      {message ? (
        <Alert tone={message.tone} data-testid="counter-message">
          {message.text}
        </Alert>
      ) : null}

      {queue && counter ? (
        <div className="grid gap-6 lg:grid-cols-[1.2fr_1fr]">
          <section
            aria-labelledby="at-counter"
            className="flex flex-col gap-4 rounded-3xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 id="at-counter" className="text-lg font-semibold">
              At the counter
            </h2>
            {ticket ? (
              <>
                <div>
                  <p className="font-mono text-6xl font-bold tracking-tight" data-testid="current-number">
                    {ticket.number}
                  </p>
                  <p className="mt-1 text-zinc-700 dark:text-zinc-300">
                    {ticket.type_name} · {ticket.current_state.replaceAll('_', ' ')}
                    {ticket.recall_count ? ` · called ${ticket.recall_count + 1} times` : ''}
                    {ticket.checked_in_at ? <HereBadge /> : null}
                  </p>
                </div>
                <CustomData data={ticket.custom_data} phone={ticket.phone} />
                <div className="flex flex-wrap gap-3">
                  <Button size="touch" onClick={() => serve()} disabled={pending}>
                    Served
                  </Button>
                  {ticket.transitions.map((tr) => (
                    <Button
                      key={tr.name}
                      size="touch"
                      variant="secondary"
                      onClick={() => serve(tr.name)}
                      disabled={pending || Boolean(tr.requires)}
                      title={tr.requires ? 'Needs a reason: use the ticket screen' : undefined}
                    >
                      Served &amp; {tr.name.replaceAll('_', ' ')}
                    </Button>
                  ))}
                  <Button size="touch" variant="secondary" onClick={recall} disabled={pending}>
                    Call again
                  </Button>
                  <Button size="touch" variant="danger" onClick={noShow} disabled={pending}>
                    No-show
                  </Button>
                </div>
                {others.length ? (
                  <form
                    className="flex flex-wrap items-end gap-3"
                    onSubmit={(e) => {
                      e.preventDefault()
                      if (!transferTo) return
                      run(
                        () => transferTicket({ ticketId: ticket.id, queueId: transferTo }),
                        (t) => `${ticket.number} moved to another queue as ${t?.number ?? ''}`,
                      )
                    }}
                  >
                    <div className="flex flex-col gap-1">
                      <label htmlFor="transfer-to" className="text-sm font-medium">
                        Transfer to
                      </label>
                      <select
                        id="transfer-to"
                        value={transferTo}
                        onChange={(e) => setTransferTo(e.target.value)}
                        className="min-h-12 rounded-lg border border-zinc-300 bg-white px-3 dark:border-zinc-700 dark:bg-zinc-900"
                      >
                        <option value="">Choose a queue…</option>
                        {others.map((q) => (
                          <option key={q.id} value={q.id}>
                            {q.name}
                          </option>
                        ))}
                      </select>
                    </div>
                    <Button type="submit" size="touch" variant="secondary" disabled={pending || !transferTo}>
                      Transfer
                    </Button>
                  </form>
                ) : null}
              </>
            ) : (
              <p className="text-zinc-700 dark:text-zinc-300">Nobody at this counter.</p>
            )}
            <Button
              size="touch"
              onClick={next}
              disabled={pending || !counter.is_open}
              className="mt-2 min-h-20 text-2xl"
              aria-keyshortcuts="N"
            >
              Call next
            </Button>
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{KEYS}</p>
          </section>

          <section
            aria-labelledby="waiting"
            className="rounded-3xl border border-zinc-200 bg-white p-6 shadow-sm dark:border-zinc-800 dark:bg-zinc-900"
          >
            <h2 id="waiting" className="text-lg font-semibold">
              Waiting ({waiting?.tickets.length ?? 0})
            </h2>
            {waiting?.tickets.length ? (
              <ol className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="waiting-list">
                {waiting.tickets.slice(0, 50).map((w) => (
                  <li key={w.id} className="flex items-center justify-between gap-3 py-2">
                    <span className="font-mono text-lg font-semibold">{w.number}</span>
                    <span className="flex-1 text-sm text-zinc-700 dark:text-zinc-300">
                      {w.type_name}
                      {w.checked_in_at ? <HereBadge /> : null}
                    </span>
                    <span className="text-sm text-zinc-600 dark:text-zinc-400">
                      {waitRange(w.wait_low, w.wait_high)}
                    </span>
                  </li>
                ))}
              </ol>
            ) : (
              <p className="mt-3 text-zinc-700 dark:text-zinc-300">Nobody waiting.</p>
            )}
          </section>
        </div>
      ) : null}
    </main>
  )
}

function CustomData({ data, phone }: { data: Record<string, unknown> | null; phone: string | null }) {
  const entries = Object.entries(data ?? {})
  if (!entries.length && !phone) return null
  return (
    <dl className={cn('grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm')}>
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">{k.replaceAll('_', ' ')}</dt>
          <dd>{String(v)}</dd>
        </div>
      ))}
      {phone ? (
        <div className="contents">
          <dt className="font-medium text-zinc-600 dark:text-zinc-400">phone</dt>
          <dd>{phone}</dd>
        </div>
      ) : null}
    </dl>
  )
}

/** The customer said "I'm here" from their ticket page: in words, not colour alone. */
function HereBadge() {
  return (
    <span className="ml-2 rounded-full border border-emerald-600 px-2 py-0.5 text-xs font-semibold text-emerald-800 dark:border-emerald-400 dark:text-emerald-200">
      Here
    </span>
  )
}
