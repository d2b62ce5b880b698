'use client'
import { useRouter } from 'next/navigation'
import { useCallback, useEffect, useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { handCard } from '@/components/scan/handed-card'
import { SessionPanel } from '@/components/scan/session-panel'
import { useFloorSession } from '@/components/scan/use-floor-session'
import { Button } from '@/components/ui'
import { cn } from '@/lib/cn'
import { floorApi, newClientId } from '@/lib/floor/client'
import { formatMinutes, PRIORITY_TONE } from '@/lib/floor/format'
import type { ItemCard, Queue, QueueEntry } from '@/lib/floor/types'
import { orgTopic } from '@/lib/realtime/topics'
import { FloorShell } from './floor-shell'
import { useOperatorKeepalive } from './use-operator-keepalive'

/**
 * My queue, live (/[org]/queue): the queue at my location (or one I pick), what I hold, what
 * waits, and "Next item" — the server hands the best waiting entry to exactly one person.
 */
export function QueueScreen({
  org,
  me,
  queues,
}: {
  org: { id: string; slug: string; timeZone: string }
  me: { memberId: string; displayName: string; supervisor: boolean; pinnedIn: boolean }
  queues: Queue[]
}) {
  const router = useRouter()
  const { state, start } = useFloorSession(org.id, { auto: me.pinnedIn })
  const session = state.kind === 'active' ? state.session : null
  const [queueId, setQueueId] = useState<string | null>(null)
  const [entries, setEntries] = useState<QueueEntry[]>([])
  const [queue, setQueue] = useState<Queue | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useOperatorKeepalive(org.slug, me.pinnedIn)

  // the queue at my session's location first, else the one picked last time, else the first
  useEffect(() => {
    if (queueId || !queues.length || state.kind === 'starting') return
    const saved = localStorage.getItem(`floorline.queue.${org.id}`)
    const here = session?.location ? queues.find((q) => q.location?.id === session.location?.id) : undefined
    setQueueId((saved && queues.some((q) => q.id === saved) ? saved : here?.id) ?? queues[0].id)
  }, [queues, session, queueId, org.id, state.kind])

  const load = useCallback(async () => {
    if (!queueId) return
    const r = await floorApi<{ queue: Queue; items: QueueEntry[] }>(`/queues/${queueId}/items`)
    if (r.ok) {
      setQueue(r.data.queue)
      setEntries(r.data.items)
      setError(null)
    } else setError(r.message)
  }, [queueId])
  useEffect(() => {
    void load()
  }, [load])
  useLiveTopic(orgTopic(org.id, `queue:${queueId}`), load, { enabled: Boolean(queueId) })

  // the scan screen is where Next item goes: have it ready
  useEffect(() => {
    router.prefetch(`/${org.slug}/scan`)
  }, [router, org.slug])

  /**
   * Next item: the button is busy at once; the server claims the best entry for exactly one person
   * and answers with its card, the claimed entry leaves "Waiting" here before anything else, and the
   * scan screen opens with the card handed over (no second read, no wait for the session).
   */
  const next = async () => {
    if (!queueId || busy) return
    setBusy(true)
    setNotice(null)
    const r = await floorApi<{ queue_item: QueueEntry | null; item: ItemCard | null }>(`/queues/${queueId}/next`, {
      body: { session_id: session?.id },
      idempotencyKey: newClientId(),
    })
    if (!r.ok) {
      setBusy(false)
      return setError(r.message)
    }
    const claimed = r.data.queue_item
    if (!claimed) {
      setBusy(false)
      // what this screen showed as waiting was taken meanwhile: show the queue as it is
      void load()
      return setNotice('Nothing is waiting in this queue.')
    }
    setEntries((es) => es.map((e) => (e.id === claimed.id ? claimed : e)))
    if (r.data.item) handCard(r.data.item)
    router.push(`/${org.slug}/scan?item=${claimed.item_id}`)
  }

  const complete = async (e: QueueEntry) => {
    setBusy(true)
    const r = await floorApi(`/queues/${e.queue_id}/items/${e.id}`, {
      method: 'PUT',
      body: { status: 'completed', session_id: session?.id },
      idempotencyKey: newClientId(),
    })
    setBusy(false)
    if (!r.ok) setError(r.message)
    void load()
  }

  const mine = entries.filter((e) => e.status === 'in_progress' && e.assigned_to?.member_id === me.memberId)
  const others = entries.filter((e) => e.status === 'in_progress' && e.assigned_to?.member_id !== me.memberId)
  const waiting = entries.filter((e) => e.status === 'waiting')
  const m = queue?.metrics

  return (
    <FloorShell
      slug={org.slug}
      active="queue"
      who={me.displayName}
      supervisor={me.supervisor}
      messages={me.pinnedIn ? { orgId: org.id, timeZone: org.timeZone } : undefined}
    >
      <SessionPanel state={state} onStart={start} timeZone={org.timeZone} />
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="queue-pick" className="text-lg font-medium">
          Queue
        </label>
        <select
          id="queue-pick"
          className="min-h-12 rounded-xl border border-zinc-300 bg-white px-3 text-lg dark:border-zinc-700 dark:bg-zinc-900"
          value={queueId ?? ''}
          onChange={(e) => {
            setQueueId(e.target.value)
            localStorage.setItem(`floorline.queue.${org.id}`, e.target.value)
          }}
        >
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
              {q.location ? ` · ${q.location.name}` : ''}
            </option>
          ))}
        </select>
        <Button
          size="touch"
          className="ml-auto h-16 px-8 text-xl"
          pending={busy}
          disabled={!queueId}
          onClick={() => void next()}
        >
          Next item
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {m ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4" data-testid="queue-metrics">
          <Metric label="Waiting" value={String(m.waiting)} />
          <Metric label="Done today" value={String(m.completed_today)} />
          <Metric
            label="Avg wait"
            value={m.average_wait_minutes === null ? '—' : formatMinutes(m.average_wait_minutes)}
          />
          <Metric
            label="Avg work"
            value={m.average_processing_minutes === null ? '—' : formatMinutes(m.average_processing_minutes)}
          />
        </dl>
      ) : null}
      <div className="grid gap-4 landscape:grid-cols-2">
        <Section title="I am working on" empty="Nothing yet: take the next item.">
          {mine.map((e) => (
            <Entry key={e.id} e={e} slug={org.slug}>
              <Button size="touch" variant="secondary" disabled={busy} onClick={() => void complete(e)}>
                Done
              </Button>
            </Entry>
          ))}
        </Section>
        <Section title={`Waiting (${waiting.length})`} empty="The queue is empty.">
          {waiting.map((e) => (
            <Entry key={e.id} e={e} slug={org.slug} />
          ))}
        </Section>
        {others.length ? (
          <Section title="Others are working on" empty="">
            {others.map((e) => (
              <Entry key={e.id} e={e} slug={org.slug} />
            ))}
          </Section>
        ) : null}
      </div>
    </FloorShell>
  )
}

function Metric({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-2xl bg-white px-4 py-3 shadow-sm dark:bg-zinc-900">
      <dt className="text-sm text-zinc-600 dark:text-zinc-400">{label}</dt>
      <dd className="text-3xl font-semibold tabular-nums">{value}</dd>
    </div>
  )
}

function Section({
  title,
  empty,
  children,
}: {
  title: string
  empty: string
  children: React.ReactNode[] | React.ReactNode
}) {
  const has = Array.isArray(children) ? children.length > 0 : Boolean(children)
  return (
    <section className="flex flex-col gap-2" aria-label={title}>
      <h2 className="text-xl font-semibold">{title}</h2>
      {has ? (
        <ul className="flex flex-col gap-2">{children}</ul>
      ) : (
        <p className="text-zinc-600 dark:text-zinc-400">{empty}</p>
      )}
    </section>
  )
}

function Entry({ e, slug, children }: { e: QueueEntry; slug: string; children?: React.ReactNode }) {
  return (
    <li
      data-testid="queue-entry"
      className={cn(
        'flex flex-wrap items-center gap-3 rounded-2xl border bg-white p-3 dark:bg-zinc-900',
        e.priority === 'urgent' ? 'border-red-300 dark:border-red-500/40' : 'border-zinc-200 dark:border-zinc-800',
      )}
    >
      <a href={`/${slug}/scan?item=${e.item_id}`} className="min-w-0 flex-1">
        <p className="text-2xl font-bold tabular-nums">{e.item.number}</p>
        <p className="truncate text-zinc-600 dark:text-zinc-400">
          {e.item.title}
          {e.assigned_to ? ` · ${e.assigned_to.display_name}` : ''}
        </p>
      </a>
      <Pill tone={PRIORITY_TONE[e.priority]} className="text-sm capitalize">
        {e.priority}
      </Pill>
      <span className="text-sm text-zinc-600 dark:text-zinc-400 tabular-nums">
        {e.wait_minutes !== null ? formatMinutes(e.wait_minutes) : ''}
      </span>
      {children}
    </li>
  )
}
