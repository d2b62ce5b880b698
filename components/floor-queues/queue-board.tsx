'use client'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'
import { Alert } from '@/components/common/alert'
import { Pill } from '@/components/common/pill'
import { Select } from '@/components/common/select'
import { useLiveTopic } from '@/components/common/use-live-topic'
import { Button } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import { cn } from '@/lib/cn'
import { formatMinutes, PRIORITY_TONE } from '@/lib/floor/format'
import type { Priority } from '@/lib/floor/types'
import { assignQueueEntry, moveQueueEntry, reorderQueue, setEntryPriority } from '@/lib/floor-queues/actions'
import { PRIORITIES } from '@/lib/floor-queues/schemas'
import type { ManagedEntry, Worker } from '@/lib/floor-queues/types'
import { orgTopic } from '@/lib/realtime/topics'
import { BulkBar } from './bulk-bar'
import { useQueueWrites } from './use-queue-writes'

export interface QueueOption {
  id: string
  name: string
}

/**
 * A queue's work for a supervisor: waiting entries in pull order (priority, then this order, then
 * age) — drag a row or use its ↑ ↓ buttons to reorder, change priority, assign or move; select
 * several for bulk changes. Live: the page re-reads when the queue's topic says it changed.
 */
export function QueueBoard({
  orgId,
  queueId,
  entries,
  workers,
  otherQueues,
}: {
  orgId: string
  queueId: string
  entries: ManagedEntry[]
  workers: Worker[]
  otherQueues: QueueOption[]
}) {
  const router = useRouter()
  const refresh = () => router.refresh()
  useLiveTopic(orgTopic(orgId, `queue:${queueId}`), refresh)
  useLiveTopic(orgTopic(orgId, 'floor'), refresh, { debounceMs: 1000 })
  const writes = useQueueWrites()
  const waiting = entries.filter((e) => e.status === 'waiting')
  const working = entries.filter((e) => e.status === 'in_progress')
  const [order, setOrder] = useState(waiting.map((e) => e.id))
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [dragging, setDragging] = useState<string | null>(null)
  const serverOrder = waiting.map((e) => e.id).join(',')
  useEffect(() => {
    setOrder(serverOrder ? serverOrder.split(',') : [])
    setSelected((s) => new Set([...s].filter((id) => serverOrder.includes(id))))
  }, [serverOrder])
  const byId = new Map(waiting.map((e) => [e.id, e]))
  const rows = order.map((id) => byId.get(id)).filter((e): e is ManagedEntry => Boolean(e))

  const saveOrder = async (next: string[]) => {
    setOrder(next)
    const r = await writes.run(() => reorderQueue({ clientId: newClientId(), queueId, queueItemIds: next }))
    // refused (a priority conflict, or someone changed the queue meanwhile): back to the database's order
    if (!r.ok) setOrder(serverOrder.split(','))
  }
  const shift = (id: string, by: -1 | 1) => {
    const i = order.indexOf(id)
    const j = i + by
    if (i < 0 || j < 0 || j >= order.length) return
    const next = [...order]
    ;[next[i], next[j]] = [next[j], next[i]]
    void saveOrder(next)
  }
  const dropOn = (target: string) => {
    if (!dragging || dragging === target) return setDragging(null)
    const next = order.filter((id) => id !== dragging)
    next.splice(next.indexOf(target), 0, dragging)
    setDragging(null)
    void saveOrder(next)
  }
  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s)
      if (n.has(id)) n.delete(id)
      else n.add(id)
      return n
    })

  return (
    <section className="flex flex-col gap-3" aria-labelledby="waiting-title">
      {writes.error ? (
        <Alert tone="error" data-testid="queue-error">
          {writes.error}
        </Alert>
      ) : null}
      {writes.notice ? <Alert tone="success">{writes.notice}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="waiting-title" className="text-lg font-semibold">
          Waiting ({rows.length})
        </h2>
        {rows.length ? (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-5"
              checked={selected.size === rows.length}
              onChange={(e) => setSelected(e.target.checked ? new Set(order) : new Set())}
            />
            Select all
          </label>
        ) : null}
      </div>
      {selected.size ? (
        <BulkBar
          ids={[...selected]}
          workers={workers}
          otherQueues={otherQueues}
          writes={writes}
          onDone={() => setSelected(new Set())}
        />
      ) : null}
      {rows.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">Nothing is waiting in this queue.</p>
      ) : (
        <ol className="flex flex-col gap-2" aria-label="Waiting work, in the order it is handed out">
          {rows.map((e, n) => (
            <li
              key={e.id}
              data-testid="managed-entry"
              data-number={e.item.number}
              draggable
              onDragStart={(ev) => {
                setDragging(e.id)
                ev.dataTransfer.effectAllowed = 'move'
                ev.dataTransfer.setData('text/plain', e.id)
              }}
              onDragOver={(ev) => {
                if (dragging) ev.preventDefault()
              }}
              onDrop={(ev) => {
                ev.preventDefault()
                dropOn(e.id)
              }}
              onDragEnd={() => setDragging(null)}
              className={cn(
                'flex flex-wrap items-center gap-2 rounded-xl border bg-white p-3 dark:bg-zinc-900',
                dragging === e.id ? 'opacity-50' : '',
                e.priority === 'urgent'
                  ? 'border-red-300 dark:border-red-500/40'
                  : 'border-zinc-200 dark:border-zinc-800',
              )}
            >
              <input
                type="checkbox"
                className="size-5"
                aria-label={`Select ${e.item.number}`}
                checked={selected.has(e.id)}
                onChange={() => toggle(e.id)}
              />
              <span
                aria-hidden="true"
                className="cursor-grab select-none px-1 text-xl text-zinc-500"
                title="Drag to reorder"
              >
                ⠿
              </span>
              <span className="w-6 text-right text-sm tabular-nums text-zinc-600 dark:text-zinc-400">{n + 1}</span>
              <div className="min-w-0 flex-1">
                <p className="font-semibold tabular-nums">{e.item.number}</p>
                <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">
                  {e.item.title}
                  {e.wait_minutes !== null ? ` · waiting ${formatMinutes(Number(e.wait_minutes))}` : ''}
                </p>
              </div>
              <div className="flex gap-1">
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Move ${e.item.number} up`}
                  disabled={writes.busy || n === 0}
                  onClick={() => shift(e.id, -1)}
                >
                  ↑
                </Button>
                <Button
                  size="sm"
                  variant="secondary"
                  aria-label={`Move ${e.item.number} down`}
                  disabled={writes.busy || n === rows.length - 1}
                  onClick={() => shift(e.id, 1)}
                >
                  ↓
                </Button>
              </div>
              <Select
                aria-label={`Priority of ${e.item.number}`}
                className="w-28"
                value={e.priority}
                disabled={writes.busy}
                onChange={(ev) =>
                  void writes.run(() =>
                    setEntryPriority({
                      clientId: newClientId(),
                      queueItemId: e.id,
                      priority: ev.target.value as Priority,
                    }),
                  )
                }
              >
                {PRIORITIES.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </Select>
              <AssignSelect entry={e} workers={workers} writes={writes} />
              {otherQueues.length ? (
                <Select
                  aria-label={`Move ${e.item.number} to another queue`}
                  className="w-40"
                  value=""
                  disabled={writes.busy}
                  onChange={(ev) =>
                    ev.target.value &&
                    void writes.run(
                      () => moveQueueEntry({ clientId: newClientId(), queueItemId: e.id, toQueueId: ev.target.value }),
                      `${e.item.number} moved.`,
                    )
                  }
                >
                  <option value="">Move to…</option>
                  {otherQueues.map((q) => (
                    <option key={q.id} value={q.id}>
                      {q.name}
                    </option>
                  ))}
                </Select>
              ) : null}
            </li>
          ))}
        </ol>
      )}
      <h2 className="mt-2 text-lg font-semibold">In progress ({working.length})</h2>
      {working.length === 0 ? (
        <p className="text-zinc-600 dark:text-zinc-400">Nobody is working on this queue&apos;s items.</p>
      ) : (
        <ul className="flex flex-col gap-2">
          {working.map((e) => (
            <li
              key={e.id}
              data-testid="managed-entry-working"
              className="flex flex-wrap items-center gap-2 rounded-xl border border-zinc-200 bg-white p-3 dark:border-zinc-800 dark:bg-zinc-900"
            >
              <div className="min-w-0 flex-1">
                <p className="font-semibold tabular-nums">{e.item.number}</p>
                <p className="truncate text-sm text-zinc-600 dark:text-zinc-400">{e.item.title}</p>
              </div>
              <Pill tone={PRIORITY_TONE[e.priority]} className="capitalize">
                {e.priority}
              </Pill>
              <AssignSelect entry={e} workers={workers} writes={writes} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

/** Assign / reassign / unassign, offering the people PINed in here with their load. */
function AssignSelect({
  entry,
  workers,
  writes,
}: {
  entry: ManagedEntry
  workers: Worker[]
  writes: ReturnType<typeof useQueueWrites>
}) {
  const current = entry.assigned_to
  const listed = workers.some((w) => w.member_id === current?.member_id)
  return (
    <Select
      aria-label={`Assign ${entry.item.number}`}
      className="w-56"
      value={current?.member_id ?? ''}
      disabled={writes.busy}
      onChange={(ev) =>
        void writes.run(() =>
          assignQueueEntry({ clientId: newClientId(), queueItemId: entry.id, memberId: ev.target.value || null }),
        )
      }
    >
      <option value="">Unassigned</option>
      {current && !listed ? (
        <option value={current.member_id}>{current.display_name} (not PINed in here)</option>
      ) : null}
      {workers.map((w) => (
        <option key={w.member_id} value={w.member_id}>
          {w.display_name} · {w.open}
          {w.capacity ? `/${w.capacity}` : ''} open
        </option>
      ))}
    </Select>
  )
}
