'use client'
import { useState } from 'react'
import { Select } from '@/components/common/select'
import { Button } from '@/components/ui'
import { newClientId } from '@/lib/client-id'
import type { Priority } from '@/lib/floor/types'
import { bulkQueueEntries } from '@/lib/floor-queues/actions'
import { PRIORITIES } from '@/lib/floor-queues/schemas'
import type { Worker } from '@/lib/floor-queues/types'
import type { QueueOption } from './queue-board'
import type { useQueueWrites } from './use-queue-writes'

/** Bulk changes to the selected entries: one RPC, all or nothing (floor_queue_bulk). */
export function BulkBar({
  ids,
  workers,
  otherQueues,
  writes,
  onDone,
}: {
  ids: string[]
  workers: Worker[]
  otherQueues: QueueOption[]
  writes: ReturnType<typeof useQueueWrites>
  onDone: () => void
}) {
  const [member, setMember] = useState('')
  const [priority, setPriority] = useState<Priority>('high')
  const [target, setTarget] = useState('')
  const go = async (input: Omit<Parameters<typeof bulkQueueEntries>[0], 'clientId' | 'queueItemIds'>, what: string) => {
    const r = await writes.run(
      () => bulkQueueEntries({ clientId: newClientId(), queueItemIds: ids, ...input }),
      `${ids.length} ${ids.length === 1 ? 'entry' : 'entries'} ${what}.`,
    )
    if (r.ok) onDone()
  }
  return (
    <fieldset
      aria-label={`Change ${ids.length} selected`}
      className="flex flex-wrap items-end gap-3 rounded-xl border border-brand-100 bg-brand-50 p-3 dark:border-brand-500/30 dark:bg-brand-500/10"
    >
      <p className="self-center text-sm font-medium">{ids.length} selected</p>
      <div className="flex items-end gap-2">
        <Select
          aria-label="Assign the selected to"
          className="w-48"
          value={member}
          onChange={(e) => setMember(e.target.value)}
        >
          <option value="">Choose a person…</option>
          {workers.map((w) => (
            <option key={w.member_id} value={w.member_id}>
              {w.display_name} · {w.open} open
            </option>
          ))}
        </Select>
        <Button
          size="sm"
          variant="secondary"
          disabled={!member || writes.busy}
          onClick={() => void go({ action: 'assign', memberId: member }, 'assigned')}
        >
          Assign
        </Button>
        <Button
          size="sm"
          variant="ghost"
          disabled={writes.busy}
          onClick={() => void go({ action: 'unassign' }, 'unassigned')}
        >
          Unassign
        </Button>
      </div>
      <div className="flex items-end gap-2">
        <Select
          aria-label="Priority for the selected"
          className="w-28"
          value={priority}
          onChange={(e) => setPriority(e.target.value as Priority)}
        >
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </Select>
        <Button
          size="sm"
          variant="secondary"
          disabled={writes.busy}
          onClick={() => void go({ action: 'priority', priority }, `set to ${priority}`)}
        >
          Set priority
        </Button>
      </div>
      {otherQueues.length ? (
        <div className="flex items-end gap-2">
          <Select
            aria-label="Move the selected to"
            className="w-40"
            value={target}
            onChange={(e) => setTarget(e.target.value)}
          >
            <option value="">Choose a queue…</option>
            {otherQueues.map((q) => (
              <option key={q.id} value={q.id}>
                {q.name}
              </option>
            ))}
          </Select>
          <Button
            size="sm"
            variant="secondary"
            disabled={!target || writes.busy}
            onClick={() => void go({ action: 'move', toQueueId: target }, 'moved')}
          >
            Move
          </Button>
        </div>
      ) : null}
    </fieldset>
  )
}
